import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from referrals.models import ContactRoute, ServiceAtLocation
from referrals.opening_hours import route_status
from resources.models import Topic

from .factories import (
    EVERY_DAY,
    WEEKDAYS,
    ContactRouteFactory,
    OpeningExceptionFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    add_hours,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time
D = datetime.date


def varied_routes():
    """Routes whose hours cover every rule: weekly, overnight, 24 hours, several sessions a
    day, bank holidays, dated exceptions (closed, special, overnight), and no hours at all."""
    office = ContactRouteFactory(label="office")
    add_hours(office, *WEEKDAYS, opens=T(8), closes=T(18))
    add_hours(office, 5, opens=T(9), closes=T(13))

    add_hours(
        ContactRouteFactory(label="24 hours", closed_on_bank_holidays=False),
        *EVERY_DAY,
        all_day=True,
    )
    add_hours(ContactRouteFactory(label="nightly"), *EVERY_DAY, opens=T(20), closes=T(2))
    add_hours(ContactRouteFactory(label="to midnight"), *EVERY_DAY, opens=T(18), closes=T(0))

    split = ContactRouteFactory(label="split day", closed_on_bank_holidays=False)
    add_hours(split, *WEEKDAYS, opens=T(9), closes=T(12, 30))
    add_hours(split, *WEEKDAYS, opens=T(13, 30), closes=T(17))

    small_hours = ContactRouteFactory(label="small hours")
    add_hours(small_hours, 6, opens=T(0, 30), closes=T(3))
    add_hours(small_hours, 6, opens=T(1, 30), closes=T(2, 30))
    add_hours(small_hours, 5, opens=T(23), closes=T(1, 30))

    weekend = ContactRouteFactory(label="weekend all day")
    add_hours(weekend, 5, 6, all_day=True)
    add_hours(weekend, 4, opens=T(17), closes=T(9))

    exceptional = ContactRouteFactory(label="exceptions")
    add_hours(exceptional, *WEEKDAYS, opens=T(10), closes=T(16))
    for day in (D(2025, 10, 23), D(2027, 3, 25)):
        OpeningExceptionFactory(route=exceptional, date=day, closed=True)
    for day in (D(2025, 10, 27), D(2027, 3, 29)):
        OpeningExceptionFactory(
            route=exceptional, date=day, closed=False, opens=T(11), closes=T(13)
        )
        OpeningExceptionFactory(route=exceptional, date=day, closed=False, opens=T(22), closes=T(4))
    for day in (D(2025, 10, 25), D(2027, 3, 27)):
        OpeningExceptionFactory(route=exceptional, date=day, closed=False, all_day=True)

    holiday_opener = ContactRouteFactory(label="good friday special")
    add_hours(holiday_opener, *WEEKDAYS, opens=T(8), closes=T(20))
    OpeningExceptionFactory(
        route=holiday_opener, date=D(2027, 3, 26), closed=False, opens=T(12), closes=T(15)
    )

    ContactRouteFactory(label="no hours")
    no_hours_but_closed = ContactRouteFactory(label="closed one day")
    OpeningExceptionFactory(route=no_hours_but_closed, date=D(2027, 3, 30), closed=True)


def moments(start, days, step_minutes=30):
    """Every ``step_minutes`` of real time from ``start`` (London), through clock changes."""
    utc = start.astimezone(datetime.UTC)
    for step in range(days * 24 * 60 // step_minutes):
        yield (utc + datetime.timedelta(minutes=step * step_minutes)).astimezone(LONDON)


@pytest.mark.parametrize(
    "start",
    [
        # Clocks go back on Sunday 26 October 2025.
        datetime.datetime(2025, 10, 22, 0, 0, tzinfo=LONDON),
        # Good Friday 26 March 2027, clocks go forward Sunday 28th, Easter Monday 29th.
        datetime.datetime(2027, 3, 24, 0, 0, tzinfo=LONDON),
    ],
)
def test_open_at_agrees_with_route_status_over_a_week(start):
    varied_routes()
    routes = list(ContactRoute.objects.prefetch_related("sessions", "exceptions"))
    disagreements = []
    for when in moments(start, days=8):
        in_database = set(ContactRoute.objects.open_at(when).values_list("label", flat=True))
        in_python = {r.label for r in routes if route_status(r, when).state == "open"}
        if in_database != in_python:
            disagreements.append((when.isoformat(), in_database ^ in_python))
    assert disagreements == []


def test_open_at_at_the_edges():
    varied_routes()

    def open_labels(when):
        return set(ContactRoute.objects.open_at(when).values_list("label", flat=True))

    # Wednesday 22 October 2025, 8am: the office opens; the nightly line closed at 2am.
    assert "office" in open_labels(datetime.datetime(2025, 10, 22, 8, 0, tzinfo=LONDON))
    assert "office" not in open_labels(datetime.datetime(2025, 10, 22, 18, 0, tzinfo=LONDON))
    assert "nightly" in open_labels(datetime.datetime(2025, 10, 22, 1, 59, tzinfo=LONDON))
    # Good Friday 2027: the office is closed, the special hours apply, 24 hours stays open.
    good_friday = open_labels(datetime.datetime(2027, 3, 26, 13, 0, tzinfo=LONDON))
    assert {"24 hours", "good friday special"} <= good_friday
    assert "office" not in good_friday
    # Routes with no hours are never "open now".
    assert "no hours" not in open_labels(datetime.datetime(2027, 3, 26, 13, 0, tzinfo=LONDON))


def test_for_display_prefetches_only_the_coming_exceptions(django_assert_num_queries, now):
    route = add_hours(ContactRouteFactory(), *WEEKDAYS, opens=T(8), closes=T(18))
    for day in (D(2025, 1, 1), D(2025, 11, 11), D(2025, 11, 20), D(2025, 11, 26), D(2025, 11, 27)):
        OpeningExceptionFactory(route=route, date=day)
    ContactRouteFactory.create_batch(3, audiences=["parent"])
    # routes + services, sessions, exceptions, audiences, the services' alerts
    with django_assert_num_queries(5):
        routes = list(ContactRoute.objects.for_display(now))
        for loaded in routes:
            route_status(loaded, now)
            list(loaded.audiences.all())
            assert loaded.service.name
    loaded = next(r for r in routes if r.pk == route.pk)
    assert [e.date for e in loaded.exceptions.all()] == [
        D(2025, 11, 11),
        D(2025, 11, 20),
        D(2025, 11, 26),
    ]


def test_for_age_uses_route_ages_then_service_ages():
    service = ServiceFactory(min_age=0, max_age=19)
    service_wide = ContactRouteFactory(service=service, label="service ages")
    teen_line = ContactRouteFactory(service=service, label="teens", min_age=13, max_age=17)
    any_age = ContactRouteFactory(label="any age")

    def labels(age):
        return set(ContactRoute.objects.for_age(age).values_list("label", flat=True))

    assert labels(5) == {service_wide.label, any_age.label}
    assert labels(14) == {service_wide.label, teen_line.label, any_age.label}
    assert labels(20) == {any_age.label}


def test_for_age_includes_the_extended_age_limit():
    service = ServiceFactory(
        min_age=13, max_age=17, extended_max_age=25, extended_age_note="care leavers"
    )
    ContactRouteFactory(service=service, label="group work")
    assert ContactRoute.objects.for_age(22).filter(label="group work").exists()
    assert not ContactRoute.objects.for_age(26).filter(label="group work").exists()
    assert not ContactRoute.objects.for_age(12).filter(label="group work").exists()


def test_for_audiences_inherits_the_services_audiences():
    parents_service = ServiceFactory(audiences=["parent", "young-person"])
    ContactRouteFactory(service=parents_service, label="inherits")
    ContactRouteFactory(service=parents_service, label="own", audiences=["young-person"])
    ContactRouteFactory(label="nobody")

    def labels(*codes):
        return set(ContactRoute.objects.for_audiences(*codes).values_list("label", flat=True))

    assert labels("parent") == {"inherits"}
    assert labels("young-person") == {"inherits", "own"}
    assert labels("professional") == set()


def test_tagged_finds_routes_of_services_about_the_topic():
    consent = Topic.objects.create(name="Consent", slug="consent")
    online = Topic.objects.create(name="Online safety", slug="online-safety")
    ContactRouteFactory(service=ServiceFactory(topics=[consent]), label="consent line")
    ContactRouteFactory(service=ServiceFactory(topics=[online]), label="online line")
    assert list(ContactRoute.objects.tagged("consent").values_list("label", flat=True)) == [
        "consent line"
    ]


def test_published_hides_routes_of_draft_services():
    ContactRouteFactory(service=ServiceFactory(draft=True), label="draft")
    ContactRouteFactory(label="live")
    published = ContactRoute.objects.published(timezone.now())
    assert list(published.values_list("label", flat=True)) == ["live"]


def test_of_kind():
    ContactRouteFactory(label="phone")
    ContactRouteFactory(text=True, label="text")
    ContactRouteFactory(form=True, label="form")
    assert set(ContactRoute.objects.of_kind("text", "form").values_list("label", flat=True)) == {
        "text",
        "form",
    }


def test_for_area_keeps_routes_of_services_covering_it_and_of_national_services():
    norfolk = ServiceFactory(name="Norfolk")
    norfolk.areas.set(["E10000020"])
    national = ServiceFactory(name="National", national=True)
    elsewhere = ServiceFactory(name="Elsewhere")
    elsewhere.areas.set(["E10000015"])
    for service in (norfolk, national, elsewhere, ServiceFactory(name="No area")):
        ContactRouteFactory(service=service)
    found = ContactRoute.objects.for_area("E10000020")
    assert sorted(route.service.name for route in found) == ["National", "Norfolk"]
    # A service at a location is as public as its service.
    ServiceAtLocationFactory(service=ServiceFactory(draft=True))
    shown = ServiceAtLocationFactory(service=norfolk)
    assert list(ServiceAtLocation.objects.published(timezone.now())) == [shown]
