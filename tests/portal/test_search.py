import re

import pytest
from django.urls import reverse

from tests.referrals.factories import ServiceFactory
from tests.resources.factories import ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("search")


def test_search_finds_resources_services_and_topics(client):
    TopicFactory(name="Online safety")
    ResourceFactory(title="Online safety for KS3")
    ServiceFactory(name="Online safety advice line", summary="Help with anything online.")
    ServiceFactory(name="Parenting course")
    response = client.get(SEARCH_URL, {"q": "online safety"})
    html = response.text
    assert response.status_code == 200
    assert "Online safety for KS3" in html
    assert "Online safety advice line" in html
    assert "Parenting course" not in html
    assert 'href="/resources/topics/online-safety/">Online safety</a>' in html


def test_search_never_shows_drafts(client):
    ResourceFactory(title="Draft consent lesson", draft=True)
    ServiceFactory(name="Draft consent service", draft=True)
    html = client.get(SEARCH_URL, {"q": "consent"}).text
    assert "Draft consent" not in html
    assert "No results for “consent”" in html


def test_search_ranks_title_matches_first(client):
    ResourceFactory(title="Staff briefing", summary="Recognising grooming.")
    ResourceFactory(title="Grooming")
    response = client.get(SEARCH_URL, {"q": "grooming"})
    assert [r.title for r in response.context["resources"]] == ["Grooming", "Staff briefing"]


def test_search_is_paginated_twenty_to_a_page(client):
    ResourceFactory.create_batch(21, title="Consent lesson")
    assert len(client.get(SEARCH_URL, {"q": "consent"}).context["resources"]) == 20
    second = client.get(SEARCH_URL, {"q": "consent", "page": 2})
    assert len(second.context["resources"]) == 1
    assert 'href="?q=consent&amp;page=1" rel="prev"' in second.text


@pytest.mark.parametrize("page", ["-1", "abc", "99999"])
def test_search_pages_that_do_not_exist_are_not_found(client, page):
    ResourceFactory(title="Consent")
    assert client.get(SEARCH_URL, {"q": "consent", "page": page}).status_code == 404


def test_empty_search_offers_ways_to_browse(client):
    TopicFactory(name="Consent")
    ResourceFactory(topics=[TopicFactory(name="Neglect")])
    response = client.get(SEARCH_URL)
    assert response.status_code == 200
    assert "<h1>Search</h1>" in response.text
    assert "No results" not in response.text
    assert 'href="/resources/key-stages/ks3/"' in response.text
    assert 'href="/resources/topics/neglect/">Neglect</a>' in response.text


@pytest.mark.parametrize(
    "query", ["zyxwvut", "!!!", "zz\x00zz", "x" * 5000, "' OR 1=1 --", "<script>alert(1)</script>"]
)
def test_searches_that_match_nothing_get_a_helpful_page(client, query):
    ResourceFactory(title="Consent")
    response = client.get(SEARCH_URL, {"q": query})
    html = response.text
    assert response.status_code == 200
    assert "No results for" in html
    assert 'href="/help/">Get help now' in html
    assert "<script>alert(1)</script>" not in html
    assert "\x00" not in html[html.index("<main") :]
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_a_search_of_only_a_nul_byte_gets_the_search_page(client):
    response = client.get(SEARCH_URL, {"q": "\x00"})
    assert response.status_code == 200
    assert "<h1>Search</h1>" in response.text
    assert 'href="/help/">Get help now' in response.text


def test_search_echoes_a_long_query_truncated(client):
    html = client.get(SEARCH_URL, {"q": "y" * 5000}).text
    (heading,) = re.findall(r"<h1>(.*?)</h1>", html)
    assert heading == f"Search results for “{'y' * 79}…”"
    assert 'value="' + "y" * 200 + '"' in html


def test_repeated_and_unknown_parameters_are_harmless(client):
    ResourceFactory(title="Consent")
    response = client.get(SEARCH_URL, {"q": ["nothing", "consent"], "utm_source": "x"})
    assert response.status_code == 200
    assert "Consent" in response.text


# ------------------------------------------------------------------------------
# Services by the number of one of their lines, and by topic
# ------------------------------------------------------------------------------
@pytest.fixture
def health_team():
    from tests.referrals.factories import ContactRouteFactory

    service = ServiceFactory(name="Healthy child team", summary="Advice for families.")
    ContactRouteFactory(service=service, number="+441632960123")  # 01632 960123, a drama number
    ServiceFactory(name="Another team", summary="Advice for families.")
    return service


@pytest.mark.parametrize(
    "query", ["01632 960123", "01632960123", "+44 1632 960123", "(01632) 960-123"]
)
def test_search_finds_a_service_by_its_phone_number_however_it_is_typed(client, health_team, query):
    html = client.get(SEARCH_URL, {"q": query}).text
    assert "Healthy child team" in html
    assert "Another team" not in html


def test_search_for_a_number_no_line_has_finds_no_service(client, health_team):
    html = client.get(SEARCH_URL, {"q": "01632 960999"}).text
    assert "Healthy child team" not in html


def test_search_finds_a_service_by_its_topic(client, health_team):
    topic = TopicFactory(name="Exploitation", slug="exploitation")
    ServiceFactory(name="Group work programme", summary="Groups for young people.", topics=[topic])
    html = client.get(SEARCH_URL, {"q": "exploitation"}).text
    assert "Group work programme" in html
    assert "Healthy child team" not in html


def test_search_finds_a_demo_service_by_its_published_number(client):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo_content", stdout=StringIO())
    for query in ("0300 300 0123", "03003000123"):
        html = client.get(SEARCH_URL, {"q": query}).text
        assert '<a href="/help/just-one-number/">Just One Number</a>' in html, query


def test_a_very_common_word_says_more_than_and_shows_the_best_of_the_newest(client, monkeypatch):
    monkeypatch.setattr("portal.views.SEARCH_CANDIDATES", 3)
    ResourceFactory.create_batch(3, summary="About consent.")
    ResourceFactory(title="Consent")
    response = client.get(SEARCH_URL, {"q": "consent"})
    html = response.text
    assert "(more than 3 found)" in html
    assert "Add another word to narrow your search" in html
    assert response.context["resources"][0].title == "Consent"
    assert len(response.context["resources"]) == 3


def test_a_search_under_the_cap_gives_the_exact_count(client):
    ResourceFactory.create_batch(2, summary="About consent.")
    html = client.get(SEARCH_URL, {"q": "consent"}).text
    assert "(2 found)" in html
    assert "more than" not in html
