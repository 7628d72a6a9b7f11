import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.referrals.factories import ContactRouteFactory, ServiceFactory
from tests.resources.factories import ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_home_puts_getting_help_first(client):
    ContactRouteFactory(label="Childline", featured=True)
    ContactRouteFactory(label="Not featured line")
    html = client.get(reverse("home")).text
    main = html[html.index("<main") :]
    assert main.index("Get help now") < main.index("Browse by key stage")
    assert "If a child is in immediate danger, call 999" in main
    assert "Childline" in main
    assert "Not featured line" not in main
    assert f'href="{reverse("referrals:help")}"' in main


def test_home_shows_at_most_four_featured_routes_of_published_services(client):
    ContactRouteFactory.create_batch(5, featured=True)
    ContactRouteFactory(
        label="Draft service line", featured=True, service=ServiceFactory(draft=True)
    )
    response = client.get(reverse("home"))
    assert len(response.context["featured_routes"]) == 4
    assert "Draft service line" not in response.text


def test_home_links_to_every_key_stage_with_its_ages(client):
    html = client.get(reverse("home")).text
    for code in ["eyfs", "ks1", "ks2", "ks3", "ks4", "ks5"]:
        assert f'href="/resources/key-stages/{code}/"' in html
    assert "Ages 11 to 14" in html


def test_home_shows_popular_topics_and_latest_published_resources(client):
    topic = TopicFactory(name="Consent")
    ResourceFactory(title="Newest consent guidance", topics=[topic])
    ResourceFactory(title="Draft resource", draft=True, topics=[TopicFactory(name="Hidden")])
    html = client.get(reverse("home")).text
    assert 'href="/resources/topics/consent/">Consent</a>' in html
    assert "Newest consent guidance" in html
    assert "Draft resource" not in html
    assert "Hidden" not in html


def test_home_shows_six_latest_resources(client):
    ResourceFactory.create_batch(8)
    assert len(client.get(reverse("home")).context["latest_resources"]) == 6


def test_home_search_form_has_its_own_labelled_field(client):
    html = client.get(reverse("home")).text
    assert 'id="site-search-q"' in html
    assert '<label for="home-search-q"' in html
    assert 'id="home-search-q"' in html
    assert len(re.findall(r'id="site-search-q"', html)) == 1


def test_home_has_one_h1(client):
    assert len(re.findall(r"<h1[\s>]", client.get(reverse("home")).text)) == 1


def test_home_query_count_does_not_grow_with_content(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("home"))
        return len(captured)

    topic = TopicFactory()
    ResourceFactory(topics=[topic], key_stages=["ks1"])
    ContactRouteFactory(featured=True)
    few = queries()
    ResourceFactory.create_batch(8, topics=[topic, TopicFactory()], key_stages=["ks1", "ks2"])
    ContactRouteFactory.create_batch(4, featured=True)
    assert queries() == few
