import datetime
from zoneinfo import ZoneInfo

import pytest

from referrals.models import ContactRoute
from referrals.opening_hours import (
    attach_status,
    bank_holiday_name,
    describe_exceptions,
    describe_hours,
    format_time,
    route_status,
)

from .factories import (
    EVERY_DAY,
    WEEKDAYS,
    ContactRouteFactory,
    OpeningExceptionFactory,
    add_hours,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time


def at(year, month, day, hour=0, minute=0, fold=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON, fold=fold)


def fresh(route):
    """The route as pages load it: sessions and exceptions prefetched."""
    return ContactRoute.objects.prefetch_related("sessions", "exceptions").get(pk=route.pk)


def status(route, when):
    return route_status(fresh(route), when)


@pytest.fixture
def office_hours():
    """Monday to Friday 8am to 6pm, Saturday 9am to 1pm, closed on bank holidays."""
    route = ContactRouteFactory()
    add_hours(route, *WEEKDAYS, opens=T(8), closes=T(18))
    add_hours(route, 5, opens=T(9), closes=T(13))
    return route


@pytest.fixture
def overnight():
    """Every night 8pm to 2am."""
    return add_hours(ContactRouteFactory(), *EVERY_DAY, opens=T(20), closes=T(2))


# 2025-11-12 is a Wednesday.
def test_closed_before_opening_says_when_it_opens(office_hours):
    result = status(office_hours, at(2025, 11, 12, 7, 0))
    assert result.state == "closed"
    assert result.label == "Closed, opens at 8am"
    assert result.opens_at == at(2025, 11, 12, 8, 0)


def test_opening_soon_says_in_how_many_minutes(office_hours):
    assert status(office_hours, at(2025, 11, 12, 7, 45)).label == "Closed, opens in 15 minutes"


def test_open_at_the_minute_it_opens(office_hours):
    result = status(office_hours, at(2025, 11, 12, 8, 0))
    assert result.state == "open"
    assert result.label == "Open now, closes at 6pm"
    assert result.closes_at == at(2025, 11, 12, 18, 0)


def test_closing_soon_says_in_how_many_minutes(office_hours):
    assert status(office_hours, at(2025, 11, 12, 17, 40)).label == "Open now, closes in 20 minutes"
    assert status(office_hours, at(2025, 11, 12, 17, 59)).label == "Open now, closes in 1 minute"


def test_closed_at_the_minute_it_closes(office_hours):
    result = status(office_hours, at(2025, 11, 12, 18, 0))
    assert result.state == "closed"
    assert result.label == "Closed, opens tomorrow at 8am"


def test_friday_evening_opens_saturday(office_hours):
    assert status(office_hours, at(2025, 11, 14, 19, 0)).label == "Closed, opens tomorrow at 9am"


def test_saturday_afternoon_opens_monday(office_hours):
    result = status(office_hours, at(2025, 11, 15, 13, 0))
    assert result.label == "Closed, opens Monday at 8am"
    assert result.opens_at == at(2025, 11, 17, 8, 0)


def test_overnight_session_is_open_after_midnight_and_closes_next_morning(overnight):
    assert status(overnight, at(2025, 11, 12, 19, 59)).state == "closed"
    assert status(overnight, at(2025, 11, 12, 20, 0)).label == "Open now, closes at 2am"
    assert status(overnight, at(2025, 11, 13, 0, 30)).label == "Open now, closes at 2am"
    assert status(overnight, at(2025, 11, 13, 1, 45)).label == "Open now, closes in 15 minutes"
    assert status(overnight, at(2025, 11, 13, 2, 0)).label == "Closed, opens at 8pm"


def test_overnight_session_belongs_to_the_day_it_starts():
    friday_night = add_hours(ContactRouteFactory(), 4, opens=T(22), closes=T(3))
    assert status(friday_night, at(2025, 11, 15, 2, 0)).state == "open"  # Saturday 2am
    assert status(friday_night, at(2025, 11, 14, 2, 0)).state == "closed"  # Friday 2am


def test_session_until_midnight():
    route = add_hours(ContactRouteFactory(), *EVERY_DAY, opens=T(18), closes=T(0))
    assert status(route, at(2025, 11, 12, 20, 0)).label == "Open now, closes at midnight"
    assert status(route, at(2025, 11, 13, 0, 0)).state == "closed"


def test_24_hour_route():
    route = add_hours(ContactRouteFactory(closed_on_bank_holidays=False), *EVERY_DAY, all_day=True)
    result = status(route, at(2025, 12, 25, 3, 0))
    assert result.state == "open"
    assert result.label == "Open 24 hours"


def test_route_with_no_hours_is_unknown_never_closed():
    result = status(ContactRouteFactory(), at(2025, 11, 12, 11, 0))
    assert result.state == "unknown"
    assert result.label == "Contact them for opening hours"
    assert "Closed" not in result.label


def test_several_sessions_a_day():
    route = ContactRouteFactory()
    add_hours(route, *WEEKDAYS, opens=T(9), closes=T(13))
    add_hours(route, *WEEKDAYS, opens=T(14), closes=T(17, 30))
    assert status(route, at(2025, 11, 12, 12, 0)).label == "Open now, closes at 1pm"
    assert status(route, at(2025, 11, 12, 13, 15)).label == "Closed, opens at 2pm"
    assert status(route, at(2025, 11, 12, 13, 45)).label == "Closed, opens in 15 minutes"
    assert status(route, at(2025, 11, 12, 16, 0)).label == "Open now, closes at 5:30pm"


def test_sessions_that_meet_count_as_one_opening():
    route = ContactRouteFactory()
    add_hours(route, 0, opens=T(8), closes=T(12))
    add_hours(route, 0, opens=T(12), closes=T(20))
    assert status(route, at(2025, 11, 10, 11, 0)).label == "Open now, closes at 8pm"


# Clock changes: 30 March 2025, 26 October 2025, 29 March 2026 and 25 October 2026.
@pytest.mark.parametrize("day", [datetime.date(2025, 3, 30), datetime.date(2026, 3, 29)])
def test_session_on_the_night_the_clocks_go_forward_closes_at_3am_local(day):
    route = add_hours(ContactRouteFactory(), 6, opens=T(0, 30), closes=T(3))
    # 00:45 GMT: two hours and fifteen minutes of wall clock, but one hour fifteen of real time.
    early = status(route, at(day.year, day.month, day.day, 0, 45))
    assert early.state == "open"
    assert early.closes_at.utcoffset() == datetime.timedelta(hours=1)
    assert early.closes_at.astimezone(datetime.UTC).time() == T(2)
    assert early.label == "Open now, closes at 3am"
    assert status(route, at(day.year, day.month, day.day, 2, 45)).label == (
        "Open now, closes in 15 minutes"
    )
    assert status(route, at(day.year, day.month, day.day, 3, 0)).state == "closed"


@pytest.mark.parametrize("day", [datetime.date(2025, 10, 26), datetime.date(2026, 10, 25)])
def test_session_on_the_night_the_clocks_go_back_closes_at_3am_local(day):
    route = add_hours(ContactRouteFactory(), 6, opens=T(0, 30), closes=T(3))
    # 01:30 happens twice: open both times.
    assert status(route, at(day.year, day.month, day.day, 1, 30, fold=0)).state == "open"
    assert status(route, at(day.year, day.month, day.day, 1, 30, fold=1)).state == "open"
    late = status(route, at(day.year, day.month, day.day, 2, 40))
    assert late.label == "Open now, closes in 20 minutes"
    assert late.closes_at.utcoffset() == datetime.timedelta(0)
    assert status(route, at(day.year, day.month, day.day, 3, 0)).state == "closed"


def test_closes_in_minutes_counts_real_time_across_the_clock_change():
    # 26 October 2025: 01:50 BST, then the clocks go back at 02:00 BST to 01:00 GMT.
    route = add_hours(ContactRouteFactory(), 6, opens=T(0, 0), closes=T(2))
    result = status(route, at(2025, 10, 26, 1, 50, fold=0))
    # Wall clock says 10 minutes; 70 minutes of real time pass before 2am GMT.
    assert result.label == "Open now, closes at 2am"


def test_bank_holiday_is_closed(office_hours):
    # Monday 25 August 2025, Late Summer Bank Holiday.
    result = status(office_hours, at(2025, 8, 25, 11, 0))
    assert result.state == "closed"
    assert result.label == "Closed, opens tomorrow at 8am"


def test_bank_holiday_keeps_usual_hours_for_routes_that_do_not_close():
    route = add_hours(
        ContactRouteFactory(closed_on_bank_holidays=False), *WEEKDAYS, opens=T(8), closes=T(18)
    )
    assert status(route, at(2025, 8, 25, 11, 0)).state == "open"


def test_exception_opens_on_a_bank_holiday(office_hours):
    OpeningExceptionFactory(
        route=office_hours, date=datetime.date(2025, 8, 25), closed=False, opens=T(10), closes=T(14)
    )
    assert status(office_hours, at(2025, 8, 25, 9, 0)).label == "Closed, opens at 10am"
    assert status(office_hours, at(2025, 8, 25, 11, 0)).label == "Open now, closes at 2pm"
    assert status(office_hours, at(2025, 8, 25, 14, 0)).state == "closed"


def test_closed_exception_replaces_the_weekly_hours(office_hours):
    OpeningExceptionFactory(route=office_hours, date=datetime.date(2025, 11, 12), closed=True)
    result = status(office_hours, at(2025, 11, 12, 11, 0))
    assert result.state == "closed"
    assert result.label == "Closed, opens tomorrow at 8am"


def test_route_with_only_a_closed_day_today_is_closed_not_unknown():
    route = ContactRouteFactory()
    OpeningExceptionFactory(route=route, date=datetime.date(2025, 11, 12), closed=True)
    assert status(route, at(2025, 11, 12, 11, 0)).label == "Closed"


def test_christmas_closure_opens_after_the_break(office_hours):
    for day in (24, 27, 29, 30, 31):
        OpeningExceptionFactory(route=office_hours, date=datetime.date(2025, 12, day))
    # Christmas Eve: Boxing Day and Christmas are bank holidays, the rest are exceptions.
    result = status(office_hours, at(2025, 12, 24, 10, 0))
    assert result.label == "Closed, opens Friday 2 January at 8am"


def test_closed_with_nothing_in_the_next_fortnight():
    route = ContactRouteFactory()
    add_hours(route, 0, opens=T(9), closes=T(17))
    for offset in range(16):
        OpeningExceptionFactory(
            route=route, date=datetime.date(2025, 11, 12) + datetime.timedelta(days=offset)
        )
    assert status(route, at(2025, 11, 12, 11, 0)).label == "Closed"


def test_bank_holidays_are_weekdays_only():
    assert bank_holiday_name(datetime.date(2025, 8, 25)) == "Late Summer Bank Holiday"
    # Boxing Day 2026 is a Saturday; the bank holiday is Monday 28 December.
    assert bank_holiday_name(datetime.date(2026, 12, 26)) is None
    assert bank_holiday_name(datetime.date(2026, 12, 28)) is not None
    assert bank_holiday_name(datetime.date(2025, 11, 12)) is None


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (T(18), "6pm"),
        (T(8, 30), "8:30am"),
        (T(12), "12 noon"),
        (T(0), "midnight"),
        (T(12, 30), "12:30pm"),
        (T(0, 15), "12:15am"),
        (T(9, 5), "9:05am"),
    ],
)
def test_format_time(value, words):
    assert format_time(value) == words


def test_describe_hours_groups_days_with_the_same_hours(office_hours):
    assert describe_hours(fresh(office_hours)) == (
        "Monday to Friday 8am to 6pm, Saturday 9am to 1pm. Closed on bank holidays"
    )


def test_describe_hours_several_sessions_and_two_day_groups():
    route = ContactRouteFactory(closed_on_bank_holidays=False)
    add_hours(route, 0, 1, opens=T(9), closes=T(13))
    add_hours(route, 0, 1, opens=T(14), closes=T(17))
    add_hours(route, 5, 6, opens=T(10), closes=T(16))
    assert describe_hours(fresh(route)) == (
        "Monday and Tuesday 9am to 1pm and 2pm to 5pm, Saturday and Sunday 10am to 4pm"
    )


def test_describe_hours_24_hours_every_day():
    route = add_hours(ContactRouteFactory(closed_on_bank_holidays=False), *EVERY_DAY, all_day=True)
    assert describe_hours(fresh(route)) == "Open 24 hours, every day"


def test_describe_hours_every_day_and_no_hours(overnight):
    overnight.closed_on_bank_holidays = False
    overnight.save()
    assert describe_hours(fresh(overnight)) == "Every day 8pm to 2am"
    assert describe_hours(fresh(ContactRouteFactory())) == ""


def test_describe_exceptions_in_words(office_hours):
    OpeningExceptionFactory(route=office_hours, date=datetime.date(2025, 12, 24), note="")
    OpeningExceptionFactory(
        route=office_hours,
        date=datetime.date(2025, 12, 27),
        closed=False,
        opens=T(10),
        closes=T(12),
        note="Extra Saturday session",
    )
    changes = describe_exceptions(fresh(office_hours), datetime.date(2025, 12, 22))
    assert changes == [
        "Closed on Wednesday 24 December",
        "Closed on Thursday 25 December (Christmas Day)",
        "Closed on Friday 26 December (Boxing Day)",
        "Open 10am to 12 noon on Saturday 27 December (Extra Saturday session)",
        "Closed on Thursday 1 January (New Year's Day)",
    ]


def test_a_bank_holiday_standing_in_for_a_weekend_one_reads_without_a_double_bracket(
    office_hours,
):
    # Boxing Day 2026 is a Saturday: the bank holiday is Monday 28 December.
    changes = describe_exceptions(fresh(office_hours), datetime.date(2026, 12, 27))
    assert "Closed on Monday 28 December (Boxing Day bank holiday)" in changes
    assert not any("))" in change for change in changes)


def test_attach_status_sets_status_and_hours_words(office_hours):
    (route,) = attach_status([fresh(office_hours)], at(2025, 11, 12, 11, 0))
    assert route.status.label == "Open now, closes at 6pm"
    assert route.hours_description.startswith("Monday to Friday 8am to 6pm")
    assert route.hours_changes == []


@pytest.mark.django_db
def test_route_usable_any_time_without_hours_shows_no_status(now):
    form = ContactRouteFactory(form=True)
    phone = ContactRouteFactory()
    form_card, phone_card = attach_status([form, phone], now)
    assert form_card.status is None
    assert phone_card.status.state == "unknown"


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["session", "exception"])
def test_the_database_refuses_hours_with_no_times(model):
    from django.db import IntegrityError, transaction

    from referrals.models import OpeningException, OpeningSession

    route = ContactRouteFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        if model == "session":
            OpeningSession.objects.create(route=route, weekday=0)
        else:
            OpeningException.objects.create(route=route, date=datetime.date(2025, 12, 1))
    # Closed all day needs no times.
    OpeningException.objects.create(route=route, date=datetime.date(2025, 12, 1), closed=True)
