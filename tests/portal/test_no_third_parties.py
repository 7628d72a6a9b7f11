"""A parent's visit leaves no trace with anyone else: no page makes the browser fetch anything
from another site (no analytics, fonts or CDNs). Links people choose to follow are fine."""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from .test_html_validity import PAGES

pytestmark = pytest.mark.django_db

# Attributes that make the browser fetch something as the page loads.
FETCHING_ATTRIBUTES = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "form": ["action"],
}


class FetchedURLs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in {"alternate", "canonical"}:
            return  # metadata about this page, not fetched by the browser
        for name in FETCHING_ATTRIBUTES.get(tag, []):
            if attributes.get(name):
                self.urls.append(attributes[name])


def is_third_party(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.IGNORECASE))


@pytest.fixture
def demo_content():
    call_command("load_demo_content", stdout=io.StringIO())


def test_no_page_fetches_anything_from_another_site(client, demo_content):
    from resources.models import Resource

    pages = PAGES + [
        resource.get_absolute_url() for resource in Resource.objects.published(timezone.now())
    ]
    for path in pages:
        parser = FetchedURLs()
        parser.feed(client.get(path).content.decode())
        assert parser.urls, f"{path}: expected at least the stylesheet"
        third_party = [url for url in parser.urls if is_third_party(url)]
        assert not third_party, f"{path} fetches {third_party}"


def test_stylesheets_and_scripts_load_nothing_from_elsewhere():
    for asset in Path(settings.BASE_DIR, "static").rglob("*"):
        if asset.suffix in {".css", ".js"}:
            text = asset.read_text()
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), asset
            assert not re.search(r"@import", text), asset
            assert not re.search(r"fetch\(|XMLHttpRequest|sendBeacon", text), asset


def test_the_detector_spots_a_third_party_script():
    parser = FetchedURLs()
    parser.feed('<script src="https://cdn.example/x.js"></script><a href="https://a.example">a</a>')
    assert [url for url in parser.urls if is_third_party(url)] == ["https://cdn.example/x.js"]
