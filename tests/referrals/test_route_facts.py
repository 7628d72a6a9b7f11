"""Confidentiality facts per contact route: kept by editors, shown as sentences (blank shows
nothing), filterable on /help/ in the words of the person asking, and in the JSON-LD."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.facts import FACTS, NEEDS, Answer, fact_lines
from referrals.filters import ContactRouteFilter
from referrals.models import ContactRoute

from .factories import WEEKDAYS, ContactRouteFactory, ServiceFactory, add_hours

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time
HELP = reverse("referrals:help")
# Wednesday 12 November 2025, 5pm.
NOW = datetime.datetime(2025, 11, 12, 17, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def lines():
    """A young people's text line that says everything, a parents' line that tells parents,
    and a line that says nothing at all."""
    young = ServiceFactory(name="Teen Health", audiences=["young-person"], min_age=11)
    private = ContactRouteFactory(
        service=young,
        text=True,
        label="private text",
        self_contact=Answer.YES,
        anonymous=Answer.YES,
        confidential=Answer.YES,
        free_from_mobiles=Answer.YES,
        off_phone_bill=Answer.YES,
        parent_told=Answer.NO,
    )
    add_hours(private, *WEEKDAYS, opens=T(8), closes=T(20))
    family = ServiceFactory(name="Family Line", audiences=["parent"])
    ContactRouteFactory(
        service=family,
        label="family phone",
        anonymous=Answer.NO,
        parent_told=Answer.YES,
        free_from_mobiles=Answer.DEPENDS,
        free_from_mobiles_note="Free from most networks.",
    )
    ContactRouteFactory(
        service=young,
        label="depends line",
        parent_told=Answer.DEPENDS,
        parent_told_note="Only if you agree.",
        off_phone_bill=Answer.DEPENDS,
    )
    ContactRouteFactory(service=young, label="says nothing")
    return private


def labels(query: str) -> set[str]:
    help_filter = ContactRouteFilter(
        QueryDict(query), queryset=ContactRoute.objects.published(NOW), now=NOW
    )
    assert help_filter.is_valid(), help_filter.errors
    return set(help_filter.qs.values_list("label", flat=True))


# ------------------------------------------------------------------------------
# Words
# ------------------------------------------------------------------------------
def test_a_route_with_no_facts_says_nothing_about_them():
    assert fact_lines(ContactRouteFactory.build()) == []


def test_each_answer_is_a_plain_sentence_with_its_note():
    route = ContactRouteFactory.build(
        parent_told=Answer.NO,
        confidential=Answer.YES,
        anonymous=Answer.DEPENDS,
        anonymous_note="You can give a first name only.",
    )
    assert fact_lines(route) == [
        "You may be asked for your name. You can give a first name only.",
        "What you say is kept private. They would only tell someone else if they think you or "
        "someone else is in danger.",
        "Parents and carers are not told.",
    ]


def test_a_note_without_an_answer_is_not_shown():
    route = ContactRouteFactory.build(parent_told="", parent_told_note="They might.")
    assert fact_lines(route) == []


@pytest.mark.parametrize("fact", FACTS, ids=lambda fact: fact.code)
def test_every_fact_has_words_for_every_answer(fact):
    for answer in Answer.values:
        assert fact.line(answer).endswith(".")
    assert fact.line("") == ""


# ------------------------------------------------------------------------------
# On the pages
# ------------------------------------------------------------------------------
def test_help_page_shows_the_facts_as_sentences_and_never_guesses(client, lines):
    html = client.get(HELP).content.decode()
    assert "Before you get in touch:" in html
    assert "<li>Parents and carers are not told.</li>" in html
    assert "<li>Does not show on the phone bill.</li>" in html
    assert "<li>Free from some mobile phones. Free from most networks.</li>" in html
    assert "<li>A parent or carer may be told. Only if you agree.</li>" in html
    says_nothing = html[html.index(">says nothing</h3>") :]
    says_nothing = says_nothing[: says_nothing.index("</li>")]
    assert "Before you get in touch" not in says_nothing


def test_service_page_shows_the_facts(client, lines):
    html = client.get(lines.service.get_absolute_url()).content.decode()
    assert "<li>You do not have to give your name.</li>" in html
    assert "<li>Young people can get in touch themselves.</li>" in html


# ------------------------------------------------------------------------------
# Filtering
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("need=parents-not-told", {"private text"}),
        ("need=no-name", {"private text"}),
        ("need=not-on-bill", {"private text"}),
        ("need=free-from-mobile", {"private text"}),
        ("", {"private text", "family phone", "depends line", "says nothing"}),
    ],
)
def test_each_need_shows_only_routes_that_say_so(lines, query, expected):
    assert labels(query) == expected


def test_it_depends_and_not_known_never_match_a_need(lines):
    lines.parent_told = Answer.DEPENDS
    lines.save()
    assert labels("need=parents-not-told") == set()


def test_needs_combine_with_each_other_and_the_other_filters(lines):
    assert labels("need=parents-not-told&need=no-name") == {"private text"}
    assert labels("need=parents-not-told&audience=young-person&age=14") == {"private text"}
    assert labels("need=parents-not-told&audience=parent") == set()
    assert labels("need=parents-not-told&kind=text&open_now=1") == {"private text"}
    assert labels("need=parents-not-told&kind=phone") == set()


def test_every_need_is_offered_on_the_help_page_and_stays_ticked(client, lines):
    html = client.get(HELP, {"need": "parents-not-told"}).content.decode()
    for need in NEEDS:
        assert f'value="{need.value}"' in html
    assert re.search(r'<input[^>]*value="parents-not-told"[^>]*checked', html)
    assert "I don’t want my parents or carers to know" in html
    assert "private text" in html
    assert "family phone" not in html


def test_an_unknown_need_is_explained_and_ignored(client, lines):
    response = client.get(HELP, {"need": "mind-reading", "audience": "parent"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose what matters to you from the list." in html
    assert 'href="#id_need_0"' in html
    assert "family phone" in html


def test_no_match_for_a_need_explains_that_many_lines_do_not_say(client, lines):
    html = client.get(HELP, {"need": "no-name", "audience": "parent"}).content.decode()
    assert "No services match your choices" in html
    assert "many do not say" in html


def test_filtering_by_needs_takes_the_same_queries_however_many_routes(client):
    def make(count):
        for _ in range(count):
            route = ContactRouteFactory(parent_told=Answer.NO, anonymous=Answer.YES)
            add_hours(route, *WEEKDAYS, opens=T(8), closes=T(20))

    def count_queries():
        client.get(HELP)  # warm: budgets are for cached lists and pinned lines
        with CaptureQueriesContext(connection) as queries:
            response = client.get(HELP, {"need": ["parents-not-told", "no-name"], "open_now": "1"})
        assert response.status_code == 200
        return len(queries)

    make(1)
    few = count_queries()
    make(12)
    assert count_queries() == few


# ------------------------------------------------------------------------------
# Admin and structured data
# ------------------------------------------------------------------------------
def test_editors_answer_every_fact_on_the_route_page(admin_client, lines):
    html = admin_client.get(
        reverse("admin:referrals_contactroute_change", args=[lines.pk])
    ).content.decode()
    assert "Before you get in touch" in html
    for fact in FACTS:
        assert f'name="{fact.code}"' in html
        assert f'name="{fact.code}_note"' in html


def test_a_route_saved_with_facts_keeps_a_revision():
    route = ContactRouteFactory()
    route.parent_told = Answer.NO
    route.save()
    assert route.history.first().parent_told == Answer.NO
    assert route.history.last().parent_told == ""


def test_json_ld_says_the_facts_in_words_and_free_lines_are_toll_free(client, lines):
    html = client.get(lines.service.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
    points = {point["name"]: point for point in data["provider"]["contactPoint"]}
    assert "Parents and carers are not told." in points["private text"]["description"]
    assert points["private text"]["contactOption"] == "https://schema.org/TollFree"
    assert "description" not in points["says nothing"]
    assert "contactOption" not in points["depends line"]
