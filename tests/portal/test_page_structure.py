"""The structure every public page promises: one h1, headings without gaps, landmarks, the
language, link text that makes sense on its own, and nothing inline that a strict Content
Security Policy would block."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from .test_html_validity import PAGES

pytestmark = pytest.mark.django_db

VAGUE_LINK_TEXT = {"click here", "here", "more", "read more", "link", "this page"}


class PageOutline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings = []
        self.landmarks = set()
        self.html_lang = None
        self.inline_problems = []
        self.link_texts = []
        self._link_depth = 0
        self._link_text = []
        self._hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in {"header", "nav", "main", "footer"}:
            self.landmarks.add(tag)
        if "style" in attributes:
            self.inline_problems.append(f"style attribute on <{tag}>")
        for name in attributes:
            if name.startswith("on"):
                self.inline_problems.append(f"{name} handler on <{tag}>")
        if (
            tag == "script"
            and "src" not in attributes
            and attributes.get("type") != ("application/ld+json")
        ):
            self.inline_problems.append("inline <script>")
        if tag == "a" and "href" in attributes:
            self._link_depth += 1
            self._link_text = []

    def handle_endtag(self, tag):
        if tag == "a" and self._link_depth:
            self._link_depth -= 1
            self.link_texts.append(" ".join("".join(self._link_text).split()).lower())

    def handle_data(self, data):
        if self._link_depth:
            self._link_text.append(data)


@pytest.fixture
def demo_content():
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.mark.parametrize("path", PAGES)
def test_page_structure(client, demo_content, path):
    response = client.get(path)
    assert response.status_code < 500
    outline = PageOutline()
    outline.feed(response.content.decode())

    headings = outline.headings
    assert headings.count(1) == 1, f"{path}: {headings}"
    assert headings[0] == 1, f"{path}: the first heading is not the h1: {headings}"
    for previous, current in zip(headings, headings[1:], strict=False):
        assert current <= previous + 1, f"{path}: heading jumps from h{previous} to h{current}"

    # English pages are British English; a translated page's address names its language.
    prefix = re.match(r"/(cy|pl|ro|ur|ar)/", path)
    assert outline.html_lang == (prefix.group(1) if prefix else "en-GB"), path
    assert {"header", "nav", "main", "footer"} <= outline.landmarks
    assert outline.inline_problems == [], path

    assert all(outline.link_texts), f"{path}: a link has no text"
    vague = VAGUE_LINK_TEXT & set(outline.link_texts)
    assert not vague, f"{path}: link text that means nothing out of context: {vague}"


def test_outline_catches_a_heading_gap_and_inline_script():
    outline = PageOutline()
    outline.feed('<h1>a</h1><h3 style="x">b</h3><script>alert(1)</script><a href="/">here</a>')
    assert outline.headings == [1, 3]
    assert "inline <script>" in outline.inline_problems
    assert "style attribute on <h3>" in outline.inline_problems
    assert outline.link_texts == ["here"]
