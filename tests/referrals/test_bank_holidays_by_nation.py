"""Bank holidays of each UK nation: a service says whose days its lines close on (England and
Wales by default), and the status and the "open now" filter both use that nation's days,
including the ones the other nations lack."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from referrals.models import ContactRoute, Service
from referrals.opening_hours import (
    Nation,
    _holidays_of,
    bank_holiday_name,
    describe_exceptions,
    route_status,
)

from .factories import WEEKDAYS, ContactRouteFactory, ServiceFactory, add_hours

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time
D = datetime.date
ALL = {Nation.ENGLAND_AND_WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND}

# Each nation's own days (weekdays all), and who closes on each.
OWN_DAYS = [
    pytest.param(D(2026, 1, 2), {Nation.SCOTLAND}, "New Year Holiday", id="2-january"),
    pytest.param(D(2026, 3, 17), {Nation.NORTHERN_IRELAND}, "Saint Patrick", id="st-patrick"),
    pytest.param(D(2026, 4, 6), ALL - {Nation.SCOTLAND}, "Easter Monday", id="easter-monday"),
    pytest.param(
        D(2026, 7, 13), {Nation.NORTHERN_IRELAND}, "Battle of the Boyne", id="boyne-observed"
    ),
    pytest.param(D(2027, 7, 12), {Nation.NORTHERN_IRELAND}, "Battle of the Boyne", id="boyne"),
    pytest.param(D(2026, 8, 3), {Nation.SCOTLAND}, "Summer Bank Holiday", id="scottish-summer"),
    pytest.param(
        D(2026, 8, 31), ALL - {Nation.SCOTLAND}, "Late Summer Bank Holiday", id="late-summer"
    ),
    pytest.param(D(2026, 11, 30), {Nation.SCOTLAND}, "Saint Andrew", id="st-andrew"),
    pytest.param(D(2025, 12, 1), {Nation.SCOTLAND}, "Saint Andrew", id="st-andrew-observed"),
    pytest.param(D(2026, 12, 25), ALL, "Christmas Day", id="christmas"),
]


@pytest.fixture
def office_in_each_nation():
    """The same office-hours line (weekdays 9am to 5pm) run by a service in each nation."""
    routes = {}
    for nation in Nation.values:
        service = ServiceFactory(name=f"Service in {nation}", holiday_nation=nation)
        route = ContactRouteFactory(service=service, label=nation)
        routes[nation] = add_hours(route, *WEEKDAYS, opens=T(9), closes=T(17))
    return routes


def loaded(route, when):
    return ContactRoute.objects.for_display(when).get(pk=route.pk)


def test_services_keep_england_and_wales_holidays_unless_told_otherwise():
    assert ServiceFactory().holiday_nation == Nation.ENGLAND_AND_WALES
    assert Service._meta.get_field("holiday_nation").default == Nation.ENGLAND_AND_WALES


@pytest.mark.parametrize(("date", "closed_in", "name"), OWN_DAYS)
def test_each_nation_closes_on_its_own_days_in_the_status(
    office_in_each_nation, date, closed_in, name
):
    when = datetime.datetime.combine(date, T(11), tzinfo=LONDON)
    for nation, route in office_in_each_nation.items():
        state = route_status(loaded(route, when), when).state
        assert state == ("closed" if nation in closed_in else "open"), (nation, date)
        assert (name in (bank_holiday_name(date, nation) or "")) == (nation in closed_in)


@pytest.mark.parametrize(("date", "closed_in", "name"), OWN_DAYS)
def test_each_nation_closes_on_its_own_days_in_the_open_now_filter(
    office_in_each_nation, date, closed_in, name
):
    when = datetime.datetime.combine(date, T(11), tzinfo=LONDON)
    open_now = set(ContactRoute.objects.open_at(when).values_list("label", flat=True))
    assert open_now == {nation for nation in Nation.values if nation not in closed_in}


def test_open_at_agrees_with_the_status_over_scottish_and_irish_holiday_weeks(
    office_in_each_nation,
):
    overnight = ContactRouteFactory(
        service=office_in_each_nation[Nation.SCOTLAND].service, label="scottish nights"
    )
    add_hours(overnight, *WEEKDAYS, opens=T(20), closes=T(2))
    keeps_hours = ContactRouteFactory(
        service=office_in_each_nation[Nation.NORTHERN_IRELAND].service,
        label="irish every day",
        closed_on_bank_holidays=False,
    )
    add_hours(keeps_hours, *WEEKDAYS, opens=T(9), closes=T(17))
    disagreements = []
    # St Andrew's Day observed (Mon 1 Dec 2025) and the Boyne observed (Mon 13 July 2026).
    for start in (D(2025, 11, 29), D(2026, 7, 11)):
        routes = list(
            ContactRoute.objects.for_display(datetime.datetime.combine(start, T(0), tzinfo=LONDON))
        )
        for step in range(4 * 48):
            when = datetime.datetime.combine(start, T(0), tzinfo=LONDON) + datetime.timedelta(
                minutes=30 * step
            )
            in_database = set(ContactRoute.objects.open_at(when).values_list("label", flat=True))
            in_python = {r.label for r in routes if route_status(r, when).state == "open"}
            if in_database != in_python:
                disagreements.append((when.isoformat(), in_database ^ in_python))
    assert disagreements == []


def test_coming_holidays_are_named_for_the_services_nation(office_in_each_nation):
    today = D(2026, 11, 25)
    scottish = loaded(office_in_each_nation[Nation.SCOTLAND], datetime.datetime.now(LONDON))
    english = loaded(office_in_each_nation[Nation.ENGLAND_AND_WALES], datetime.datetime.now(LONDON))
    assert "Closed on Monday 30 November (Saint Andrew's Day)" in describe_exceptions(
        scottish, today
    )
    assert not any("Andrew" in change for change in describe_exceptions(english, today))


def test_the_help_page_shows_each_line_by_its_own_nations_days(client, office_in_each_nation):
    with time_machine.travel(datetime.datetime(2026, 3, 17, 11, 0, tzinfo=LONDON), tick=False):
        html = client.get(reverse("referrals:help")).content.decode()
    irish = html[html.index(f">{Nation.NORTHERN_IRELAND}</h3>") :]
    irish = irish[: irish.index("</li>")]
    scottish = html[html.index(f">{Nation.SCOTLAND}</h3>") :]
    scottish = scottish[: scottish.index("</li>")]
    assert "Closed, opens tomorrow at 9am" in irish
    assert "Saint Patrick" in irish
    assert "Open now, closes at 5pm" in scottish


def test_holiday_calendars_are_kept_once_per_nation(office_in_each_nation):
    _holidays_of.cache_clear()
    bank_holiday_name.cache_clear()  # it remembers each date's answer too
    when = datetime.datetime(2026, 8, 3, 11, 0, tzinfo=LONDON)
    for _ in range(3):
        for route in ContactRoute.objects.for_display(when):
            route_status(route, when)
        ContactRoute.objects.open_at(when).count()
    assert _holidays_of.cache_info().currsize == len(Nation.values)


def test_editors_choose_the_nation_on_the_service_page(admin_client):
    service = ServiceFactory()
    html = admin_client.get(
        reverse("admin:referrals_service_change", args=[service.pk])
    ).content.decode()
    assert 'name="holiday_nation"' in html
    for label in ("England and Wales", "Scotland", "Northern Ireland"):
        assert label in html
