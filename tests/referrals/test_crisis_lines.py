"""/help/ puts the 24-hour and crisis lines first, whatever the filters and whatever the hour."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from .factories import EVERY_DAY, WEEKDAYS, ContactRouteFactory, ServiceFactory, add_hours

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time
HELP = reverse("referrals:help")
# Wednesday 12 November 2025.
WEDNESDAY = datetime.date(2025, 11, 12)


def at(hour, minute=0, date=WEDNESDAY):
    return datetime.datetime.combine(date, T(hour, minute), tzinfo=LONDON)


def get(client, when, params=None):
    with time_machine.travel(when, tick=False):
        return client.get(HELP, params or {})


@pytest.fixture
def lines():
    """A local phone line (weekdays 8am to 6pm, Norfolk only), a 24-hour national line and a
    national crisis line open 8am to 10pm."""
    local = ServiceFactory(name="Local Health Team", area_served="Norfolk", audiences=["parent"])
    local_phone = ContactRouteFactory(service=local, label="Call the local team", featured=True)
    add_hours(local_phone, *WEEKDAYS, opens=T(8), closes=T(18))

    night = ServiceFactory(name="Night Line", order=50, audiences=["young-person"])
    night_phone = ContactRouteFactory(
        service=night,
        label="Call the night line",
        crisis=True,
        closed_on_bank_holidays=False,
        audiences=["young-person"],
    )
    add_hours(night_phone, *EVERY_DAY, all_day=True)

    adults = ServiceFactory(name="Worried Adults Line", order=40, audiences=["parent"])
    adults_phone = ContactRouteFactory(
        service=adults, label="Call the adults' line", crisis=True, audiences=["parent"]
    )
    add_hours(adults_phone, *EVERY_DAY, opens=T(8), closes=T(22))
    return {"local": local_phone, "night": night_phone, "adults": adults_phone}


def crisis_section(html):
    match = re.search(r'<section class="crisis-lines".*?</section>', html, re.S)
    assert match, "No 24-hour and crisis lines section"
    return match.group(0)


def test_crisis_lines_are_pinned_under_the_999_notice_before_the_filters(client, lines):
    html = get(client, at(11)).content.decode()

    section = crisis_section(html)
    assert "24-hour and crisis lines" in section
    assert "Call the night line" in section and "Call the adults&#x27; line" in section
    assert html.index("data-emergency-notice") < html.index('<section class="crisis-lines"')
    assert html.index('<section class="crisis-lines"') < html.index('<form class="filters')


@pytest.mark.parametrize(
    "params",
    [
        {"audience": "professional"},
        {"kind": "form"},
        {"age": "3", "audience": "parent", "kind": "text"},
        {"audience": "nobody-at-all"},
    ],
)
def test_crisis_lines_stay_pinned_whatever_the_filters(client, lines, params):
    section = crisis_section(get(client, at(11), params).content.decode())
    assert "Call the night line" in section


def test_pinned_lines_open_now_come_first(client, lines):
    section = crisis_section(get(client, at(23, 30)).content.decode())
    # The adults' line comes first by its service's order, but is closed at 23:30.
    assert section.index("Call the night line") < section.index("Call the adults&#x27; line")
    assert "Open 24 hours" in section


def test_pinned_lines_are_not_listed_twice(client, lines):
    html = get(client, at(11)).content.decode()
    assert html.count('href="tel:' + lines["night"].number + '"') == 1


def test_pinned_line_says_closes_in_20_minutes_and_opens_in_15_minutes(client, lines):
    assert "Open now, closes in 20 minutes" in crisis_section(
        get(client, at(21, 40)).content.decode()
    )
    assert "Closed, opens in 15 minutes" in crisis_section(get(client, at(7, 45)).content.decode())


def test_open_now_at_night_with_no_local_line_open_says_so_and_points_to_the_open_lines(
    client, lines
):
    response = get(client, at(23, 30), {"open_now": "1"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "No other services that match your choices are open now" in html
    assert f'<a href="#route-{lines["night"].pk}">Night Line</a>' in html
    section = crisis_section(html)
    assert "Call the night line" in section
    # "Open now" ticked: the pinned closed line is left out.
    assert "Call the adults&#x27; line" not in section
    assert f'id="route-{lines["night"].pk}"' in section


def test_one_result_reads_service_matches(client, lines):
    html = get(client, at(11), {"audience": "parent", "open_now": "1"}).content.decode()
    assert "1 service matches your choices." in html


def test_several_results_read_services_match(client, lines):
    other = ContactRouteFactory(service__audiences=["parent"])
    add_hours(other, *WEEKDAYS, opens=T(8), closes=T(18))
    html = get(client, at(11), {"audience": "parent", "open_now": "1"}).content.decode()
    assert "2 services match your choices." in html


def test_a_local_line_beside_national_lines_is_labelled_with_its_area(client, lines):
    # Nothing matches: the main lines are offered, beside the national ones.
    html = get(client, at(11), {"kind": "email"}).content.decode()
    fallback = html[html.index("You can also contact") :]
    assert "Call the local team" in fallback
    assert "Only for Norfolk" in fallback


def test_filters_fold_into_a_details_that_works_without_javascript(client, lines):
    html = get(client, at(11)).content.decode()
    assert re.search(r"<details class=\"filters-toggle\" open data-fold-on-small-screens>", html)
    assert html.index("<details") < html.index('<form class="filters') < html.index("</details>")


def test_filters_stay_open_when_a_choice_needs_fixing(client, lines):
    html = get(client, at(11), {"age": "abc"}).content.decode()
    assert "data-fold-on-small-screens" not in html
    assert '<details class="filters-toggle" open>' in html


def test_codes_in_capitals_are_understood(client, lines):
    response = get(client, at(11), {"audience": "PARENT", "kind": "Phone"})
    assert response.status_code == 200
    assert "Call the local team" in response.content.decode()
