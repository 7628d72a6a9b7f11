"""Atom feeds of new and updated resources, for everything and for each topic."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from resources.models import Resource

from .factories import ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def entries(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.findtext("a:title", namespaces=ATOM) for entry in feed.findall("a:entry", ATOM)]
    return feed, titles


def test_the_feed_has_published_resources_most_recently_changed_first(client):
    older = ResourceFactory(title="Older")
    newer = ResourceFactory(title="Newer")
    ResourceFactory(title="Draft", draft=True)
    past = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    Resource.objects.filter(pk=older.pk).update(updated_at=past)
    Resource.objects.filter(pk=newer.pk).update(updated_at=past + datetime.timedelta(days=1))
    feed, titles = entries(client, "/resources/feed/")
    assert titles == ["Newer", "Older"]
    assert feed.find("a:link[@rel='alternate']", ATOM).get("href") == "http://testserver/resources/"
    # An edit brings a resource back to the top.
    older.summary = "Corrected."
    older.save()
    assert entries(client, "/resources/feed/")[1] == ["Older", "Newer"]


def test_the_feed_stops_at_twenty(client):
    for number in range(22):
        ResourceFactory(title=f"Resource {number}")
    assert len(entries(client, "/resources/feed/")[1]) == 20


def test_each_topic_has_its_own_feed(client):
    consent = TopicFactory(name="Consent")
    ResourceFactory(title="About consent", topics=[consent])
    ResourceFactory(title="About something else")
    feed, titles = entries(client, "/resources/topics/consent/feed/")
    assert titles == ["About consent"]
    assert "Consent" in feed.findtext("a:title", namespaces=ATOM)
    assert client.get("/resources/topics/no-such-topic/feed/").status_code == 404


def test_list_and_topic_pages_link_to_their_feeds(client):
    TopicFactory(name="Consent")
    link = '<link rel="alternate" type="application/atom+xml"'
    listing = client.get("/resources/").content.decode()
    assert link in listing and 'href="/resources/feed/"' in listing
    topic_page = client.get("/resources/topics/consent/").content.decode()
    assert link in topic_page and 'href="/resources/topics/consent/feed/"' in topic_page


def test_feeds_answer_only_at_their_english_address(client):
    # The feeds are English machine output: one address each, not a copy under every prefix.
    TopicFactory(name="Consent")
    assert client.get("/resources/feed/").status_code == 200
    assert client.get("/resources/topics/consent/feed/").status_code == 200
    for prefix in ("cy", "pl", "ar"):
        assert client.get(f"/{prefix}/resources/feed/").status_code == 404
        assert client.get(f"/{prefix}/resources/topics/consent/feed/").status_code == 404


def test_welsh_pages_link_to_the_english_feeds(client):
    TopicFactory(name="Consent")
    listing = client.get("/cy/resources/").content.decode()
    assert 'href="/resources/feed/" hreflang="en"' in listing
    topic_page = client.get("/cy/resources/topics/consent/").content.decode()
    assert 'href="/resources/topics/consent/feed/" hreflang="en"' in topic_page
    assert client.get("/resources/topics/consent/feed/").status_code == 200
