"""Opening hours: is a contact route open at a given moment, and how to say its hours in words.

Pure logic over a route's prefetched ``sessions`` and ``exceptions``: no queries of its own and
no clock of its own (the moment is always passed in), so it can be tested at every edge.

The rules, shared with ``ContactRouteQuerySet.open_at`` (which asks the same question in SQL):

- Times are London wall-clock times. A session is open while the clock on the wall reads from
  its opening time up to (not including) its closing time, so "00:30 to 03:00" on the day the
  clocks go forward still closes at 03:00, and an hour repeated in October is open twice.
- A closing time earlier than the opening time runs past midnight and belongs to the day it
  starts; "24 hours" runs from midnight to midnight.
- A date with any dated exception uses those rows instead of its weekly sessions: a "closed" row
  adds no hours, any other row adds its special hours.
- Otherwise a bank holiday is closed, for routes that close on them. Which days are bank
  holidays depends on the service's nation: England and Wales, Scotland or Northern Ireland.
- A current service alert that says the route is closed (or, with no route named, the whole
  service) closes it, whatever its hours say, from the alert's start up to its end.
- Three states, never two: a route with no hours recorded is "unknown", not "closed".

Words are in the active language (the page's), as whole sentences with named placeholders so
a translation can put the time first or last. English keeps the 12-hour clock people expect
("6pm", "12 noon"); every other language has the 24-hour clock ("18:00"): it is what Polish,
Romanian and Arabic and Urdu public services write, Welsh public bodies accept it, and it
needs no words for "morning" and "evening" whose grammar changes with the sentence.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.db import models
from django.utils import dateformat, translation
from django.utils.dates import WEEKDAYS
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from .freshness import attach_freshness

LONDON = ZoneInfo("Europe/London")

OPEN = "open"
CLOSED = "closed"
UNKNOWN = "unknown"

UNKNOWN_LABEL = gettext_lazy("Contact them for opening hours")

# How far ahead we look for the next opening (and mention dated exceptions).
LOOKAHEAD_DAYS = 14
# Inside this, "closes in 20 minutes" / "opens in 15 minutes" say more than a clock time.
SOON = datetime.timedelta(minutes=30)


class Weekday(models.IntegerChoices):
    """The days of the week, the one place their names are spelled."""

    # Python's date.weekday() numbering, so no conversion is ever needed.
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


# English names for the open data (referrals/api); pages use ``day_name()``, in their language.
DAY_NAMES = tuple(Weekday.labels)
# Languages written with the 12-hour clock (see the module's docstring).
TWELVE_HOUR_LANGUAGES = frozenset({"en"})


@dataclass(frozen=True)
class RouteStatus:
    state: str  # OPEN, CLOSED or UNKNOWN
    label: str
    closes_at: datetime.datetime | None = None
    opens_at: datetime.datetime | None = None

    @property
    def is_open(self):
        return self.state == OPEN


# ------------------------------------------------------------------------------
# Bank holidays
# ------------------------------------------------------------------------------
class Nation(models.TextChoices):
    """Whose bank holidays a service keeps. Wales shares England's."""

    ENGLAND_AND_WALES = "england-wales", "England and Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


# The `holidays` package's subdivisions of GB for each nation.
HOLIDAY_SUBDIVISIONS = {
    Nation.ENGLAND_AND_WALES: "ENG",
    Nation.SCOTLAND: "SCT",
    Nation.NORTHERN_IRELAND: "NIR",
}


@lru_cache(maxsize=len(HOLIDAY_SUBDIVISIONS))
def _holidays_of(nation: str):
    # One calendar per nation for the life of the process. The package knows the days offline
    # and fills in each year the first time it is asked, so a lookup is then a dict lookup.
    return holidays.country_holidays("GB", subdiv=HOLIDAY_SUBDIVISIONS[nation])


@lru_cache(maxsize=4096)
def bank_holiday_name(date: datetime.date, nation: str = Nation.ENGLAND_AND_WALES) -> str | None:
    """The name of the bank holiday on this date in ``nation``, if it is one.

    Bank holidays are always on weekdays: when Christmas or Boxing Day falls at a weekend the
    package lists the weekend date as well as the weekday substitute, and only the substitute
    closes offices. An unknown nation counts as England and Wales, the default. Remembered per
    date and nation: a page asks about the same fortnight for every route.
    """
    if date.weekday() >= 5:
        return None
    if nation not in HOLIDAY_SUBDIVISIONS:
        nation = Nation.ENGLAND_AND_WALES
    return _holidays_of(nation).get(date)


def is_bank_holiday(date: datetime.date, nation: str = Nation.ENGLAND_AND_WALES) -> bool:
    return bank_holiday_name(date, nation) is not None


def nations_on_holiday(date: datetime.date) -> list[str]:
    """The nations for which ``date`` is a bank holiday (for the database filter)."""
    return [nation for nation in Nation.values if is_bank_holiday(date, nation)]


def route_nation(route) -> str:
    """Whose bank holidays apply to ``route``: its service's (loaded with the route)."""
    return route.service.holiday_nation


_OBSERVED = re.compile(r"\s*\((observed|substitute day)\)\s*$", re.IGNORECASE)

# The `holidays` package names the days in English. These are its names for the UK's bank
# holidays, so that a Welsh page says "Dydd Nadolig"; a name not listed here (a one-off added
# by a later release of the package) shows as the package writes it until it is added.
HOLIDAY_NAMES = {
    "New Year's Day": pgettext_lazy("bank holiday", "New Year's Day"),
    "New Year Holiday": pgettext_lazy("bank holiday", "New Year Holiday"),
    "Good Friday": pgettext_lazy("bank holiday", "Good Friday"),
    "Easter Monday": pgettext_lazy("bank holiday", "Easter Monday"),
    "May Day": pgettext_lazy("bank holiday", "May Day"),
    "Spring Bank Holiday": pgettext_lazy("bank holiday", "Spring Bank Holiday"),
    "Summer Bank Holiday": pgettext_lazy("bank holiday", "Summer Bank Holiday"),
    "Late Summer Bank Holiday": pgettext_lazy("bank holiday", "Late Summer Bank Holiday"),
    "Christmas Day": pgettext_lazy("bank holiday", "Christmas Day"),
    "Boxing Day": pgettext_lazy("bank holiday", "Boxing Day"),
    "Saint Patrick's Day": pgettext_lazy("bank holiday", "Saint Patrick's Day"),
    "Battle of the Boyne": pgettext_lazy("bank holiday", "Battle of the Boyne"),
    "Saint Andrew's Day": pgettext_lazy("bank holiday", "Saint Andrew's Day"),
}


def _one_holiday_in_words(name: str) -> str:
    base = _OBSERVED.sub("", name)
    translated = str(HOLIDAY_NAMES.get(base, base))
    if base != name:
        return _("%(holiday)s bank holiday") % {"holiday": translated}
    return translated


def holiday_in_words(name: str) -> str:
    """A holiday's name in the page's language, to put in brackets: "Boxing Day (observed)"
    (the weekday that stands in for a weekend holiday) reads "Boxing Day bank holiday", not a
    bracket in a bracket. The package joins two holidays on one day with "; "."""
    if not name:
        return ""
    return "; ".join(_one_holiday_in_words(part) for part in name.split("; "))


# ------------------------------------------------------------------------------
# Hours for a date, as wall-clock intervals
# ------------------------------------------------------------------------------
def local_moment(when: datetime.datetime) -> datetime.datetime:
    """``when`` as a naive London wall-clock time to the second: what both the Python and the
    SQL rules compare against."""
    if when.tzinfo is None:
        raise ValueError("Opening hours need an aware datetime.")
    return when.astimezone(LONDON).replace(tzinfo=None, microsecond=0)


def _interval(date, hours):
    """The wall-clock interval ``(start, end)`` of a session or exception on ``date``."""
    if hours.all_day:
        start = datetime.datetime.combine(date, datetime.time.min)
        return start, start + datetime.timedelta(days=1)
    start = datetime.datetime.combine(date, hours.opens)
    end_date = date if hours.closes > hours.opens else date + datetime.timedelta(days=1)
    return start, datetime.datetime.combine(end_date, hours.closes)


class RouteHours:
    """A route's hours, indexed once from its prefetched sessions and exceptions."""

    def __init__(self, route):
        self.route = route
        self.sessions_by_day = defaultdict(list)
        for session in route.sessions.all():
            self.sessions_by_day[session.weekday].append(session)
        self.exceptions_by_date = defaultdict(list)
        for exception in route.exceptions.all():
            self.exceptions_by_date[exception.date].append(exception)

    @cached_property
    def nation(self):
        # Only asked for on a date that could be a bank holiday: describing the weekly hours
        # never needs the service.
        return route_nation(self.route)

    @property
    def has_sessions(self):
        return bool(self.sessions_by_day)

    def rows_for(self, date):
        """The rows that give ``date``'s hours: its exceptions, else its weekly sessions."""
        if date in self.exceptions_by_date:
            rows = [row for row in self.exceptions_by_date[date] if not row.closed]
        elif self.route.closed_on_bank_holidays and is_bank_holiday(date, self.nation):
            rows = []
        else:
            rows = self.sessions_by_day.get(date.weekday(), [])
        # Rows saved without the admin's checks (no times, or equal times) open nothing, as in
        # the database filter.
        return [
            row
            for row in rows
            if row.all_day
            or (row.opens is not None and row.closes is not None and row.opens != row.closes)
        ]

    def intervals(self, first_date, last_date):
        """Merged wall-clock intervals of the rows starting on ``first_date``..``last_date``."""
        return list(self.iter_intervals(first_date, last_date))

    def iter_intervals(self, first_date, last_date):
        """``intervals()`` one at a time, each as soon as no later day can extend it: a status
        needs only the intervals up to the one holding (or following) the present moment."""
        pending = None
        date = first_date
        while date <= last_date:
            # Rows of this day and later start from its midnight on: an interval that ended
            # before then is complete.
            if pending and pending[1] < datetime.datetime.combine(date, datetime.time.min):
                yield pending
                pending = None
            for start, end in sorted(_interval(date, row) for row in self.rows_for(date)):
                if pending and start <= pending[1]:
                    pending = (pending[0], max(pending[1], end))
                else:
                    if pending:
                        yield pending
                    pending = (start, end)
            date += datetime.timedelta(days=1)
        if pending:
            yield pending


def _aware(naive: datetime.datetime) -> datetime.datetime:
    return naive.replace(tzinfo=LONDON)


def _real_gap(earlier, later) -> datetime.timedelta:
    # Python subtracts datetimes sharing a tzinfo by wall clock; across a clock change only
    # UTC gives the real time between them.
    return later.astimezone(datetime.UTC) - earlier.astimezone(datetime.UTC)


def route_status(route, now: datetime.datetime, *, hours=None) -> RouteStatus:
    """Whether ``route`` is open at ``now`` (an aware datetime), with a label to show.

    ``hours`` is the route's ``RouteHours`` when the caller has already built it."""
    local_now = local_moment(now)
    today = local_now.date()
    hours = hours or RouteHours(route)
    # Yesterday's overnight session may still be running; nothing starts earlier than that.
    intervals = hours.iter_intervals(
        today - datetime.timedelta(days=1), today + datetime.timedelta(days=LOOKAHEAD_DAYS)
    )
    closures = closing_alerts(route)
    if closures:
        return _status_with_closures(route, now, local_now, hours, list(intervals), closures)
    # The usual case, no alert closing the route. Intervals come merged and in order: the first
    # one not yet over either holds the present moment or is the next opening.
    following = next(((start, end) for start, end in intervals if end > local_now), None)
    if following and following[0] <= local_now:
        return _open_status(now, local_now, following[1])
    if not hours.has_sessions and today not in hours.exceptions_by_date:
        return RouteStatus(UNKNOWN, str(UNKNOWN_LABEL))
    if following:
        return _closed_status(now, local_now, following[0])
    return RouteStatus(CLOSED, _("Closed"))


def _status_with_closures(route, now, local_now, hours, intervals, closures) -> RouteStatus:
    """``route_status`` when service alerts close the route for a while: an alert showing now
    closes it, and a coming one cuts short the opening it interrupts."""
    today = local_now.date()
    # Whether an alert closes the route now is decided on real time, as the database does.
    closed_by = next((alert for alert in closures if alert_is_current(alert, now)), None)
    if closed_by is None:
        for start, end in intervals:
            if start <= local_now < end:
                return _open_status(now, local_now, _closure_cut(end, local_now, closures))
    if not hours.has_sessions and today not in hours.exceptions_by_date:
        if closed_by is not None:
            return _closed_by_alert_status(local_now, closed_by)
        return RouteStatus(UNKNOWN, str(UNKNOWN_LABEL))
    for start, _end in _without_closures(intervals, closures):
        if start > local_now:
            return _closed_status(now, local_now, start)
    if closed_by is not None:
        return _closed_by_alert_status(local_now, closed_by)
    return RouteStatus(CLOSED, _("Closed"))


# ------------------------------------------------------------------------------
# Service alerts that close a route
# ------------------------------------------------------------------------------
def route_alerts(route) -> list:
    """The alerts about ``route``: its own and its service's, from the prefetched
    ``service.alerts`` (``ContactRouteQuerySet.for_display`` loads those not yet ended)."""
    return [alert for alert in route.service.alerts.all() if alert.route_id in (None, route.pk)]


def alert_is_current(alert, now: datetime.datetime) -> bool:
    return alert.starts_at <= now and (alert.ends_at is None or now < alert.ends_at)


def showing_alerts(alerts, now: datetime.datetime) -> list:
    """The alerts showing at ``now``, each with ``until``: when it ends, in words ("" when it
    has no end)."""
    local_now = local_moment(now)
    showing = [alert for alert in alerts if alert_is_current(alert, now)]
    for alert in showing:
        alert.until = (
            moment_in_words(local_moment(alert.ends_at), local_now) if alert.ends_at else ""
        )
    return showing


def attach_service_alerts(services, now: datetime.datetime, *, routes_attr: str = ""):
    """Set ``service.current_alerts``: its service-wide alerts showing at ``now``.

    From ``ServiceQuerySet.with_alerts``, or, with ``routes_attr``, from the alerts already
    loaded with the service's routes there (``for_display``): no query of their own.
    """
    for service in services:
        if routes_attr:
            routes = getattr(service, routes_attr)
            alerts = (
                [a for a in routes[0].service.alerts.all() if a.route_id is None] if routes else []
            )
        else:
            alerts = service.service_wide_alerts
        service.current_alerts = showing_alerts(alerts, now)


def closing_alerts(route) -> list:
    return [alert for alert in route_alerts(route) if alert.route_closed]


def _closure_interval(alert):
    end = datetime.datetime.max if alert.ends_at is None else local_moment(alert.ends_at)
    return local_moment(alert.starts_at), end


def _closure_cut(end, local_now, closures):
    """An opening that a coming closure interrupts ends when the closure starts."""
    for alert in closures:
        start, _ = _closure_interval(alert)
        if local_now < start < end:
            end = start
    return end


def _without_closures(intervals, closures):
    """The wall-clock intervals left open once the closures are taken out."""
    for alert in closures:
        closed_from, closed_until = _closure_interval(alert)
        remaining = []
        for start, end in intervals:
            if end <= closed_from or start >= closed_until:
                remaining.append((start, end))
                continue
            if start < closed_from:
                remaining.append((start, closed_from))
            if closed_until < end:
                remaining.append((closed_until, end))
        intervals = remaining
    return intervals


def _closed_by_alert_status(local_now, alert):
    if alert.ends_at is None:
        return RouteStatus(CLOSED, _("Closed until further notice"))
    until = local_moment(alert.ends_at)
    return RouteStatus(
        CLOSED, _("Closed until %(moment)s") % {"moment": moment_in_words(until, local_now)}
    )


def moment_in_words(moment: datetime.datetime, local_now: datetime.datetime) -> str:
    """A coming wall-clock moment as people say it: "5pm", "tomorrow at 9am", "Friday at
    9am", "Friday 19 December at 9am"."""
    days_ahead = (moment.date() - local_now.date()).days
    time_text = format_time(moment.time())
    if days_ahead <= 0:
        return time_text
    if days_ahead == 1:
        return _("tomorrow at %(time)s") % {"time": time_text}
    day = day_name(moment.weekday()) if days_ahead < 7 else format_date(moment.date())
    return _("%(day)s at %(time)s") % {"day": day, "time": time_text}


def _open_status(now, local_now, end):
    closes_at = _aware(end)
    if end - local_now > datetime.timedelta(hours=24):
        return RouteStatus(OPEN, _("Open 24 hours"), closes_at=closes_at)
    remaining = _real_gap(now, closes_at)
    if remaining <= SOON:
        minutes = _minutes(remaining)
        label = ngettext(
            "Open now, closes in %(minutes)d minute",
            "Open now, closes in %(minutes)d minutes",
            minutes,
        ) % {"minutes": minutes}
        return RouteStatus(OPEN, label, closes_at=closes_at)
    time_text = format_time(end.time())
    tomorrow = local_now.date() + datetime.timedelta(days=1)
    if end.date() == tomorrow and end.time() > local_now.time():
        label = _("Open now, closes tomorrow at %(time)s") % {"time": time_text}
    else:
        label = _("Open now, closes at %(time)s") % {"time": time_text}
    return RouteStatus(OPEN, label, closes_at=closes_at)


def _closed_status(now, local_now, start):
    opens_at = _aware(start)
    wait = _real_gap(now, opens_at)
    if wait <= SOON:
        minutes = _minutes(wait)
        label = ngettext(
            "Closed, opens in %(minutes)d minute", "Closed, opens in %(minutes)d minutes", minutes
        ) % {"minutes": minutes}
        return RouteStatus(CLOSED, label, opens_at=opens_at)
    days_ahead = (start.date() - local_now.date()).days
    time_text = format_time(start.time())
    if days_ahead == 0:
        label = _("Closed, opens at %(time)s") % {"time": time_text}
    elif days_ahead == 1:
        label = _("Closed, opens tomorrow at %(time)s") % {"time": time_text}
    else:
        day = day_name(start.weekday()) if days_ahead < 7 else format_date(start.date())
        label = _("Closed, opens %(day)s at %(time)s") % {"day": day, "time": time_text}
    return RouteStatus(CLOSED, label, opens_at=opens_at)


def _minutes(delta: datetime.timedelta) -> int:
    # Round up: "closes in 1 minute" at 17:59:30 rather than "in 0 minutes".
    return max(1, -(-int(delta.total_seconds()) // 60))


def attach_status(routes, now):
    """Set ``route.status`` on each route for the moment ``now``; returns the routes as a list.

    Also sets ``route.hours_description`` and ``route.hours_changes`` (coming dated exceptions
    and bank holidays, in words) and ``route.current_alerts`` (its own and its service's alerts
    showing at ``now``) for the contact route card.
    """
    routes = list(routes)
    today = local_moment(now).date()
    for route in routes:
        # Indexed once per route, for its status, its hours and its coming changes.
        hours = RouteHours(route)
        status = route_status(route, now, hours=hours)
        # A form, app, forum, website or email can be used at any time: with no hours recorded
        # it has no live status to show, rather than a puzzling "contact them for hours".
        if status.state == UNKNOWN and route.kind not in route.HOURS_MATTER_KINDS:
            status = None
        route.status = status
        route.current_alerts = showing_alerts(route_alerts(route), now)
        route.hours_description = describe_hours(route, hours=hours)
        route.hours_changes = describe_exceptions(route, today, hours=hours)
    # Every card that shows a status also says when its details may be out of date.
    attach_freshness(routes, today)
    return routes


# ------------------------------------------------------------------------------
# In words
# ------------------------------------------------------------------------------
def day_name(weekday: int) -> str:
    """Monday (0) to Sunday (6) in the active language."""
    return str(WEEKDAYS[weekday])


def format_time(value: datetime.time) -> str:
    """6pm, 8:30am, 12 noon, midnight in English; 18:00, 08:30, 12:00, 00:00 in the others."""
    if translation.get_language() not in TWELVE_HOUR_LANGUAGES:
        return f"{value:%H:%M}"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "12 noon"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute:
        return f"{hour}:{value.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def format_date(value: datetime.date) -> str:
    """Thursday 25 December (a date format each language gives: Polish needs the month's
    genitive, "25 grudnia")."""
    return dateformat.format(
        value, pgettext("a day in opening hours (Django date format)", "l j F")
    )


def _and(first: str, second: str) -> str:
    return _("%(first)s and %(second)s") % {"first": first, "second": second}


def format_hours(rows) -> str:
    """One day's rows: "8am to 6pm", "9am to 1pm and 2pm to 5pm", "24 hours"."""
    if any(row.all_day for row in rows):
        return _("24 hours")
    ordered = sorted(rows, key=lambda row: row.opens)
    spans = [
        _("%(opens)s to %(closes)s")
        % {"opens": format_time(row.opens), "closes": format_time(row.closes)}
        for row in ordered
    ]
    words = spans[0]
    for span in spans[1:]:
        words = _and(words, span)
    return words


def _day_range(first: int, last: int) -> str:
    if first == last:
        return day_name(first)
    if last == first + 1:
        return _and(day_name(first), day_name(last))
    return pgettext("a range of days", "%(first)s to %(last)s") % {
        "first": day_name(first),
        "last": day_name(last),
    }


def describe_hours(route, *, hours=None) -> str:
    """The weekly hours in words: "Monday to Friday 8am to 6pm, Saturday 9am to 1pm".

    Consecutive days with the same hours are grouped; days with no hours are left out. An empty
    string means no hours are recorded.
    """
    by_day = (hours or RouteHours(route)).sessions_by_day
    words = describe_sessions(by_day)
    if words and route.closed_on_bank_holidays and any(by_day.get(day) for day in range(5)):
        words += ". " + _("Closed on bank holidays")
    return words


def describe_sessions(sessions) -> str:
    """Weekly sessions (rows with ``weekday``, or a dict of them by weekday) in words, as in
    ``describe_hours``, without anything about bank holidays."""
    by_day = sessions
    if not isinstance(sessions, dict):
        by_day = defaultdict(list)
        for session in sessions:
            by_day[session.weekday].append(session)
    if not by_day:
        return ""
    texts = [format_hours(by_day[day]) if by_day.get(day) else None for day in range(7)]
    if all(text == texts[0] for text in texts) and texts[0]:
        if texts[0] == _("24 hours"):
            return _("Open 24 hours, every day")
        return _("Every day %(hours)s") % {"hours": texts[0]}
    parts = []
    day = 0
    while day < 7:
        text = texts[day]
        last = day
        while last + 1 < 7 and texts[last + 1] == text:
            last += 1
        if text:
            parts.append(_("%(days)s %(hours)s") % {"days": _day_range(day, last), "hours": text})
        day = last + 1
    return ", ".join(parts)


class HoursChange(str):
    """One coming change in words, "Closed on Thursday 25 December (Christmas Day)", as plain
    text; printed in a template, an editor's note shown in English on a page in another
    language (no translation yet) is marked ``lang="en"``, as other translated texts are."""

    def __new__(cls, change: str, note: str = ""):
        value = super().__new__(cls, f"{change} ({note})" if note else change)
        value.change, value.note = change, note
        return value

    def __html__(self) -> str:
        if not self.note:
            return format_html("{}", self.change)
        return format_html("{} ({})", self.change, self.note)


def describe_exceptions(
    route, today: datetime.date, days: int = LOOKAHEAD_DAYS, *, hours=None
) -> list[HoursChange]:
    """Coming changes to the usual hours, in words, for ``today`` and the next ``days`` days:
    "Closed on Thursday 25 December (Christmas Day)". An editor's note is in the active
    language where it is translated."""
    hours = hours or RouteHours(route)
    changes = []
    for offset in range(days + 1):
        date = today + datetime.timedelta(days=offset)
        rows = hours.exceptions_by_date.get(date)
        if rows:
            note = next((row.translated("note") for row in rows if row.note), "") or (
                holiday_in_words(bank_holiday_name(date, hours.nation) or "")
            )
            open_rows = [row for row in rows if not row.closed]
            if open_rows:
                change = _("Open %(hours)s on %(date)s") % {
                    "hours": format_hours(open_rows),
                    "date": format_date(date),
                }
            else:
                change = _("Closed on %(date)s") % {"date": format_date(date)}
            changes.append(HoursChange(change, note))
        elif (
            route.closed_on_bank_holidays
            and hours.sessions_by_day.get(date.weekday())
            and is_bank_holiday(date, hours.nation)
        ):
            holiday = holiday_in_words(bank_holiday_name(date, hours.nation))
            changes.append(
                HoursChange(_("Closed on %(date)s") % {"date": format_date(date)}, holiday)
            )
    return changes
