import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from portal.core.dates import AddDays
from portal.core.publishing import PublishableQuerySet
from portal.core.vocabulary import PublicationStatus

from .facts import NEEDS_BY_VALUE
from .opening_hours import LONDON, LOOKAHEAD_DAYS, local_moment, nations_on_holiday
from .phone_numbers import normalise_phone_number

# What a phone number typed into a search box can look like: digits, spaces, brackets, dashes
# and a leading plus.
PHONE_NUMBER_TEXT = re.compile(r"\+?[\d\s()\-]{3,30}")


def phone_number_in(text: str) -> str | None:
    """The stored form of the phone number ``text`` is, or None when it is not one."""
    text = (text or "").strip()
    if not PHONE_NUMBER_TEXT.fullmatch(text) or sum(char.isdigit() for char in text) < 3:
        return None
    try:
        return normalise_phone_number(text)
    except ValidationError:
        return None


def check_every_days() -> int:
    """How long a contact route's details count as checked (settings.CONTACT_ROUTE_CHECK_DAYS,
    about six months by default)."""
    return settings.CONTACT_ROUTE_CHECK_DAYS


class ServiceQuerySet(PublishableQuerySet):
    def with_alerts(self, when: datetime.datetime):
        """Prefetch each service's own alerts (not a single route's) not ended at ``when``, as
        ``service_wide_alerts`` (``opening_hours.attach_service_alerts`` picks those showing)."""
        from .models import ServiceAlert

        return self.prefetch_related(
            Prefetch(
                "alerts",
                queryset=ServiceAlert.objects.not_ended(when).filter(route__isnull=True),
                to_attr="service_wide_alerts",
            )
        )

    def search(self, text: str):
        """Services matching a search box entry: every word in the name, the summary or one of
        its topics; or, when the entry is a phone number (typed in any of the ways people type
        one: "0300 300 0123", "03003000123", "+44 300 300 0123", "116 123"), services with a
        route on that number. The same on every database (no search vector: services are few).
        """
        from portal.core.search import search_words

        from .models import ContactRoute, TaggedService

        words = search_words(text)
        if not words:
            return self.none()
        matches = Q()
        for word in words:
            about_topic = TaggedService.objects.filter(
                Q(tag__name__icontains=word) | Q(tag__slug__icontains=word),
                content_object_id=OuterRef("pk"),
            )
            matches &= Q(name__icontains=word) | Q(summary__icontains=word) | Q(Exists(about_topic))
        if number := phone_number_in(text):
            matches |= Q(
                Exists(ContactRoute.objects.filter(service_id=OuterRef("pk"), number=number))
            )
        return self.filter(matches)


class ContactRouteQuerySet(PublishableQuerySet):
    # A route is as public as its service.
    publishable_path = "service__"

    def with_check_due(self, days: int | None = None):
        """Annotate ``check_due_on``: when each route's details must next be checked.

        The one rule, used by the dashboard, ``list_overdue``, the reminders, the public notice
        and the API alike: ``days`` (``CONTACT_ROUTE_CHECK_DAYS``) after someone last confirmed
        them; never confirmed, the day the route was added. Past it, the public sees that the
        details may be out of date.
        """
        days = check_every_days() if days is None else days
        return self.annotate(
            check_due_on=Coalesce(
                AddDays("last_verified_on", days),
                TruncDate("created_at", tzinfo=LONDON),
                output_field=models.DateField(),
            )
        )

    def in_check_cycle(self, days: int | None = None):
        # Routes of archived services are no longer anyone's to keep current.
        return self.exclude(service__status=PublicationStatus.ARCHIVED).with_check_due(days)

    def verification_overdue(self, today: datetime.date, days: int | None = None):
        """Routes of live services (not archived) whose check is overdue, the longest overdue
        first: a wrong number is the worst thing this site can show."""
        return (
            self.in_check_cycle(days)
            .filter(check_due_on__lt=today)
            .select_related("service")
            .order_by("check_due_on", "pk")
        )

    def check_due_by(self, day: datetime.date, days: int | None = None):
        """Overdue, or due on or before ``day``: what an owner is reminded about."""
        return (
            self.in_check_cycle(days)
            .filter(check_due_on__lte=day)
            .select_related("service")
            .order_by("check_due_on", "pk")
        )

    def for_area(self, code: str):
        """Routes of services for families living in this area (national services included)."""
        return self.filter(Q(service__national=True) | Q(service_id__in=_services_covering(code)))

    def with_open_problem_reports(self):
        """Each route with ``open_problem_reports``: how many reports about it are still open.
        A route with any is flagged to editors as needing its details checked."""
        from .models import ProblemReport

        return self.annotate(
            open_problem_reports=models.Count(
                "problem_reports",
                filter=Q(problem_reports__status__in=ProblemReport.OPEN_STATUSES),
            )
        )

    def reported(self):
        """Routes someone has reported a problem with that an editor has not yet resolved."""
        from .models import ProblemReport

        return self.filter(Exists(ProblemReport.objects.open().filter(route_id=OuterRef("pk"))))

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def crisis_lines(self):
        """The 24-hour and crisis lines editors flag, in their services' order."""
        return self.filter(crisis=True).order_by("service__order", "order", "pk")

    def for_audiences(self, *codes):
        """Routes for any of these audiences. A route with no audiences of its own is for
        everyone its service is for."""
        # Uncorrelated subqueries, each read once (see ``open_at``).
        route_audiences = self.model.audiences.through.objects
        service_audiences = self.model.service.field.related_model.audiences.through.objects
        return self.filter(
            Q(pk__in=route_audiences.filter(audience_id__in=codes).values("contactroute_id"))
            | (
                ~Q(pk__in=route_audiences.values("contactroute_id"))
                & Q(
                    service_id__in=service_audiences.filter(audience_id__in=codes).values(
                        "service_id"
                    )
                )
            )
        )

    def for_age(self, age: int):
        """Routes open to a child or young person of this age in years. A service's higher age
        limit for some groups (care leavers up to 25) counts, and is shown beside the route."""
        return self.annotate(
            _min_age=Coalesce("min_age", "service__min_age"),
            _max_age=Coalesce("max_age", "service__extended_max_age", "service__max_age"),
        ).filter(
            Q(_min_age__isnull=True) | Q(_min_age__lte=age),
            Q(_max_age__isnull=True) | Q(_max_age__gte=age),
        )

    def tagged(self, *topic_slugs):
        """Routes of services about any of these topics."""
        from .models import TaggedService

        return self.filter(
            service_id__in=TaggedService.objects.filter(tag__slug__in=topic_slugs).values(
                "content_object_id"
            )
        )

    def open_at(self, when: datetime.datetime):
        """Routes open at the moment ``when``, decided in the database.

        The same rules as ``opening_hours.route_status``: London wall-clock time, a date's
        exceptions replace its weekly sessions, bank holidays close routes that close on them,
        and an overnight session started yesterday may still be running. The local date,
        weekday, time and bank holidays are worked out here, once, in Python.
        """
        from .models import OpeningException, OpeningSession

        local = local_moment(when)
        today, now_time = local.date(), local.time()
        yesterday = today - datetime.timedelta(days=1)

        # Rows that started today and cover the time now: all day, a same-day session that
        # has opened and not closed, or an overnight one that has opened.
        covers_from_today = (
            Q(all_day=True)
            | Q(opens__lte=now_time, closes__gt=now_time)
            | Q(opens__lte=now_time, closes__lt=F("opens"))
        )
        # Rows that started yesterday and still run: overnight ones not yet closed.
        covers_from_yesterday = Q(all_day=False, closes__lt=F("opens"), closes__gt=now_time)

        # Each subquery names the routes of one date or weekday, uncorrelated: the database
        # reads it once and looks routes up in it (a hashed subplan), where a correlated EXISTS
        # probed the sessions and exceptions again for every route: 3 times faster at 3,000.
        def open_on(date, covers):
            exceptions = OpeningException.objects.filter(date=date)
            sessions = OpeningSession.objects.filter(covers, weekday=date.weekday())
            weekly = ~Q(pk__in=exceptions.values("route_id")) & Q(
                pk__in=sessions.values("route_id")
            )
            # A bank holiday in some nations only: it closes the routes of those nations'
            # services that close on bank holidays.
            if holiday_in := nations_on_holiday(date):
                weekly &= Q(closed_on_bank_holidays=False) | ~Q(
                    service__holiday_nation__in=holiday_in
                )
            return Q(pk__in=exceptions.filter(covers, closed=False).values("route_id")) | weekly

        return self.filter(
            open_on(today, covers_from_today) | open_on(yesterday, covers_from_yesterday)
        ).filter(~self._closed_by_alert_at(when))

    @staticmethod
    def _closed_by_alert_at(when: datetime.datetime):
        """An alert showing at ``when`` that closes the route, or its whole service."""
        from .models import ServiceAlert

        return Exists(
            ServiceAlert.objects.current(when).filter(
                Q(route__isnull=True) | Q(route_id=OuterRef("pk")),
                route_closed=True,
                service_id=OuterRef("service_id"),
            )
        )

    def for_needs(self, *values):
        """Routes that say they meet every one of these needs ("parents-not-told", "no-name":
        ``facts.NEEDS``). "It depends" and "not known" never match."""
        needs = [NEEDS_BY_VALUE[value] for value in values]
        return self.filter(**{need.fact: need.answer for need in needs})

    def for_display(self, when: datetime.datetime | None = None):
        """What a contact route card needs, in a fixed number of queries.

        Only the dated exceptions that can matter around ``when`` are fetched: from yesterday
        (an overnight exception may still run) to the end of the look-ahead. ``when`` defaults
        to now because every caller displays routes for the present.
        """
        from .models import OpeningException, ServiceAlert

        when = when or timezone.now()
        today = local_moment(when).date()
        exceptions = OpeningException.objects.filter(
            date__gte=today - datetime.timedelta(days=1),
            date__lte=today + datetime.timedelta(days=LOOKAHEAD_DAYS),
        )
        # Alerts not yet ended, also those still to come: a page's routes may be cached for a
        # while, and whether each alert shows is decided for the moment of the request. The
        # check date rides on the same row, so the public notice costs no query.
        return (
            self.with_check_due()
            .select_related("service")
            .prefetch_related(
                "sessions",
                Prefetch("exceptions", queryset=exceptions),
                "audiences",
                Prefetch("service__alerts", queryset=ServiceAlert.objects.not_ended(when)),
            )
        )


class ServiceAlertQuerySet(models.QuerySet):
    def not_ended(self, when: datetime.datetime):
        """Alerts showing at ``when`` or still to come."""
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=when))

    def current(self, when: datetime.datetime):
        """Alerts showing at ``when``: started, and not ended."""
        return self.not_ended(when).filter(starts_at__lte=when)


def _services_covering(code: str):
    from .models import Service

    return Service.areas.through.objects.filter(localauthority_id=code).values("service_id")


class ServiceAtLocationQuerySet(PublishableQuerySet):
    # A service at a location is as public as its service.
    publishable_path = "service__"

    def for_display(self):
        """The place, its hours and the service's own hours here, in a fixed number of queries."""
        return self.select_related("location").prefetch_related("sessions", "location__sessions")


# ------------------------------------------------------------------------------
# Problem reports: "Report a problem with this information" (referrals/reports.py)
# ------------------------------------------------------------------------------
class ProblemReportQuerySet(models.QuerySet):
    def open(self):
        """Reports an editor still has to deal with: new, or checked and not yet resolved."""
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def received_by(self, day: datetime.date):
        """Reports received on or before ``day`` (London time), for a report "as of" a day."""
        end_of_day = datetime.datetime.combine(
            day + datetime.timedelta(days=1), datetime.time(0), tzinfo=LONDON
        )
        return self.filter(created_at__lt=end_of_day)

    def for_queue(self):
        """Oldest first, with what an editor's list shows."""
        return self.select_related("service", "route").order_by("created_at", "pk")
