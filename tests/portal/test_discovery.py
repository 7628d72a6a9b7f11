"""How search engines, feed readers and link previews find the portal: the sitemap,
robots.txt, feeds and the meta tags every page carries."""

import io
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.core.management import call_command

from tests.referrals.factories import ServiceFactory
from tests.resources.factories import ResourceFactory, TopicFactory

from .test_html_validity import PAGES

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = root.findall("s:url", SITEMAP_NS)
    return {
        url.findtext("s:loc", "", SITEMAP_NS): url.findtext("s:lastmod", None, SITEMAP_NS)
        for url in urls
    }


def test_the_sitemap_lists_published_pages_with_their_dates(client):
    topic = TopicFactory(name="Consent")
    resource = ResourceFactory(topics=[topic])
    draft = ResourceFactory(draft=True)
    service = ServiceFactory()
    hidden = ServiceFactory(draft=True)
    entries = sitemap_entries(client)
    base = "http://testserver"
    for path in (
        "/",
        "/resources/",
        "/help/",
        "/accessibility/",
        "/staying-safe-online/",
        "/resources/key-stages/ks3/",
        "/resources/topics/consent/",
    ):
        assert base + path in entries, path
    assert entries[base + resource.get_absolute_url()] == resource.updated_at.date().isoformat()
    assert entries[base + service.get_absolute_url()] == service.updated_at.date().isoformat()
    assert base + draft.get_absolute_url() not in entries
    assert base + hidden.get_absolute_url() not in entries


def test_robots_txt_keeps_staff_pages_and_previews_out_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert {"Disallow: /admin/", "Disallow: /preview/", "Disallow: /*/preview/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines


@pytest.fixture
def demo_content():
    call_command("load_demo_content", stdout=io.StringIO())


META = re.compile(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">')


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_description_and_open_graph_tags(client, demo_content, path):
    response = client.get(path)
    html = response.content.decode()
    tags = {name: unescape(value) for name, value in META.findall(html)}
    title = unescape(re.search(r"<title>(.*?)</title>", html).group(1))
    assert tags["og:title"] and title.startswith(tags["og:title"])
    assert tags["description"] and tags["og:description"] == tags["description"]
    assert tags["og:type"] == "website"
    assert tags["og:url"] == "http://testserver" + path.split("?")[0]
    assert tags["og:site_name"] == "Safeguarding Resource Portal"
    assert tags["twitter:card"] == "summary"


def test_a_resource_page_is_shared_as_an_article(client):
    resource = ResourceFactory(title="Spotting neglect", summary="What to look for & do.")
    html = client.get(resource.get_absolute_url()).content.decode()
    tags = {name: unescape(value) for name, value in META.findall(html)}
    assert tags["og:type"] == "article"
    assert tags["og:title"] == "Spotting neglect"
    assert tags["og:description"] == "What to look for & do."


def test_a_forged_host_is_never_echoed_in_the_meta_tags(client):
    response = client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400
    assert b"attacker.example" not in response.content
