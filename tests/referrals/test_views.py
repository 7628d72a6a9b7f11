import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.models import ServiceAlert
from tests.resources.factories import TopicFactory

from .factories import (
    WEEKDAYS,
    ContactRouteFactory,
    OpeningExceptionFactory,
    ServiceFactory,
    add_hours,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time
HELP = reverse("referrals:help")
# Wednesday 12 November 2025, 11am in London.
WEDNESDAY_MORNING = datetime.datetime(2025, 11, 12, 11, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(WEDNESDAY_MORNING, tick=False):
        yield


@pytest.fixture
def just_one_number():
    service = ServiceFactory(
        name="Just One Number",
        slug="just-one-number",
        audiences=["parent"],
        min_age=0,
        max_age=19,
        provider="The 0-19 service",
        consent_note="Have the parent's consent before you refer.",
        how_to_refer="Call us: no paperwork is needed.",
        area_served="Norfolk",
    )
    phone = ContactRouteFactory(service=service, label="Phone line", number="+441632960123")
    add_hours(phone, *WEEKDAYS, opens=T(8), closes=T(18))
    add_hours(phone, 5, opens=T(9), closes=T(13))
    text = ContactRouteFactory(
        service=service,
        text=True,
        label="Text line for young people",
        number="+447700900123",
        audiences=["young-person"],
        min_age=11,
        max_age=19,
    )
    add_hours(text, *WEEKDAYS, opens=T(16), closes=T(20))
    return service


def test_help_page_starts_with_the_emergency_notice(client, just_one_number):
    html = client.get(HELP).content.decode()
    notice = html.index("data-emergency-notice")
    assert 'href="tel:999"' in html
    assert notice < html.index('<form class="filters')
    assert notice < html.index("Just One Number")
    assert html.count("<h1") == 1


def test_help_page_shows_tap_to_call_and_text_links_in_national_format(client, just_one_number):
    html = client.get(HELP).content.decode()
    assert 'href="tel:+441632960123"' in html
    assert "01632 960123" in html
    assert 'href="sms:+447700900123"' in html
    assert "07700 900123" in html
    assert "Call Just One Number on" in html


def test_help_page_shows_live_status_and_hours_in_words(client, just_one_number):
    html = client.get(HELP).content.decode()
    assert '<span class="visually-hidden">Currently: </span>Open now, closes at 6pm' in html
    assert "Closed, opens at 4pm" in html
    assert "Monday to Friday 8am to 6pm, Saturday 9am to 1pm" in html


def test_status_follows_the_request_time(client, just_one_number):
    with time_machine.travel(datetime.datetime(2025, 11, 15, 14, 0, tzinfo=LONDON), tick=False):
        html = client.get(HELP).content.decode()
    assert "Closed, opens Monday at 8am" in html


def test_help_page_groups_routes_under_their_service(client, just_one_number):
    html = client.get(HELP).content.decode()
    assert f'<a href="{just_one_number.get_absolute_url()}">Just One Number</a></h2>' in html
    assert "For parents and carers." in html
    assert "For young people. Ages 11 to 19." in html


def test_service_alert_is_shown(client, just_one_number):
    ServiceAlert.objects.create(
        service=just_one_number,
        message="The phone line is closed today: please use the text line.",
        starts_at=WEDNESDAY_MORNING - datetime.timedelta(hours=3),
    )
    assert "please use the text line" in client.get(HELP).content.decode()


def test_draft_services_are_never_shown(client):
    draft = ServiceFactory(draft=True, name="Secret draft", slug="secret-draft")
    ContactRouteFactory(service=draft)
    assert "Secret draft" not in client.get(HELP).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_empty_results_suggest_widening_the_search(client, just_one_number):
    response = client.get(HELP, {"audience": "professional"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No services match your choices" in html
    assert f'href="{HELP}">Show every service' in html
    assert 'href="tel:999"' in html


def test_empty_results_offer_the_main_lines(client, just_one_number):
    ContactRouteFactory(label="Main line", featured=True, service=just_one_number)
    html = client.get(HELP, {"audience": "professional"}).content.decode()
    assert "You can also contact" in html
    assert "Main line" in html


@pytest.mark.parametrize(
    "params",
    [
        {"age": "-1"},
        {"age": "abc"},
        {"age": "999"},
        {"age": "1.5"},
        {"kind": "zzz"},
        {"audience": "x"},
        {"open_now": "maybe"},
        {"topic": "no-such-topic"},
        {"page": "abc"},
        {"page": "9999"},
        {"age": "\x00"},
    ],
)
def test_invalid_filter_values_never_cause_a_server_error(client, just_one_number, params):
    response = client.get(HELP, params)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    # The page still helps: the emergency notice and the services, ignoring the bad value.
    assert 'href="tel:999"' in html
    assert "Just One Number" in html


def test_invalid_filter_value_is_explained(client, just_one_number):
    response = client.get(HELP, {"age": "abc", "audience": "parent"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Some of your choices could not be used" in html
    assert "Enter an age in whole years" in html
    assert 'href="#id_age"' in html
    assert 'value="abc"' not in html


def test_error_summary_links_to_the_first_choice_of_a_group(client, just_one_number):
    html = client.get(HELP, {"kind": "zzz", "audience": "x"}).content.decode()
    assert 'href="#id_kind_0"' in html
    assert 'href="#id_audience_0"' in html


def test_help_query_count_does_not_grow_with_routes(client):
    def count_queries():
        # With warm caches, as the README counts: the pinned crisis lines are cached rows.
        client.get(HELP, {"open_now": "1", "audience": "parent"})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(HELP, {"open_now": "1", "audience": "parent"})
        assert response.status_code == 200
        return len(queries)

    def make(services, routes_each):
        for _ in range(services):
            service = ServiceFactory(audiences=["parent", "young-person"])
            for _ in range(routes_each):
                route = ContactRouteFactory(service=service, audiences=["parent"])
                add_hours(route, *WEEKDAYS, opens=T(8), closes=T(18))
                OpeningExceptionFactory(route=route, date=datetime.date(2025, 11, 20))

    make(services=1, routes_each=3)
    client.get(HELP)  # the "Where do you live?" list is read once, then cached
    few = count_queries()
    make(services=10, routes_each=3)
    many = count_queries()
    assert few == many
    assert many <= 9  # 8, and one for the services' alerts


def test_help_is_paginated_by_service(client):
    for _ in range(25):
        ContactRouteFactory()
    first = client.get(HELP).content.decode()
    assert "Page 1 of 2" in first
    assert client.get(HELP, {"page": "2"}).status_code == 200


def test_service_page_shows_who_it_is_for_and_how_to_refer(client, just_one_number):
    response = client.get(just_one_number.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Just One Number</h1>" in html
    assert "Parents and carers" in html
    assert "0 to 19" in html
    assert "Norfolk" in html
    assert "Run by The 0-19 service" in html
    # What the service is not for, and consent, come before the routes.
    assert html.index("not for emergencies") < html.index("tel:+441632960123")
    assert html.index("Have the parent&#x27;s consent") < html.index("tel:+441632960123")
    assert "Open now, closes at 6pm" in html


def test_service_page_shows_the_extended_age_note(client):
    service = ServiceFactory(
        min_age=13, max_age=17, extended_max_age=25, extended_age_note="care leavers"
    )
    html = client.get(service.get_absolute_url()).content.decode()
    assert "13 to 17, and up to 25 for care leavers" in html


def test_service_page_for_unknown_slug_is_404(client):
    assert client.get(reverse("referrals:service-detail", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    "window",
    [
        {"publish_at": WEDNESDAY_MORNING + datetime.timedelta(days=1)},
        {"unpublish_at": WEDNESDAY_MORNING - datetime.timedelta(days=1)},
    ],
    ids=["scheduled-for-tomorrow", "unpublished-yesterday"],
)
def test_a_route_outside_its_publish_window_is_not_on_the_help_page(client, window):
    shown = ContactRouteFactory(label="Live line", service__topics=[TopicFactory(name="Bullying")])
    hidden_topic = TopicFactory(name="Only on the hidden service")
    ContactRouteFactory(
        label="Hidden line", service=ServiceFactory(topics=[hidden_topic], **window)
    )
    page = client.get(HELP)
    assert shown.label in page.text
    assert "Hidden line" not in page.text
    # Nor does the hidden service's topic offer a way to filter down to nothing.
    assert "Bullying" in page.text
    assert hidden_topic.name not in page.text
    assert "Hidden line" not in client.get(HELP, {"topic": hidden_topic.slug}).text
