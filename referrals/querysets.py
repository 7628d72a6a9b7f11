import datetime

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.publishing import published_q
from portal.vocabulary import PublicationStatus

from .opening_hours import LONDON, LOOKAHEAD_DAYS, is_bank_holiday, local_moment

# A contact route unchecked for longer than this is flagged on the editors' dashboard.
VERIFY_EVERY_DAYS = 183


class ServiceQuerySet(models.QuerySet):
    def published(self, now: datetime.datetime | None = None):
        """What the public may see at ``now`` (by default the request's present)."""
        return self.filter(published_q(now or timezone.now()))

    def awaiting_approval(self):
        return self.filter(status=PublicationStatus.AWAITING_APPROVAL)


class ContactRouteQuerySet(models.QuerySet):
    def published(self, now: datetime.datetime | None = None):
        """Routes of published services: a route is as public as its service."""
        return self.filter(published_q(now or timezone.now(), prefix="service__"))

    def verification_overdue(self, today: datetime.date, days: int = VERIFY_EVERY_DAYS):
        """Routes of live services (not archived) never checked, or not checked for more than
        ``days`` (about six months): a wrong number is the worst thing this site can show."""
        return (
            self.exclude(service__status=PublicationStatus.ARCHIVED)
            .filter(
                Q(last_verified_on__isnull=True)
                | Q(last_verified_on__lt=today - datetime.timedelta(days=days))
            )
            .select_related("service")
            .order_by(F("last_verified_on").asc(nulls_first=True), "pk")
        )

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

    def for_audiences(self, *codes):
        """Routes for any of these audiences. A route with no audiences of its own is for
        everyone its service is for."""
        route_audiences = self.model.audiences.through.objects.filter(
            contactroute_id=OuterRef("pk")
        )
        service_audiences = self.model.service.field.related_model.audiences.through.objects
        return self.filter(
            Exists(route_audiences.filter(audience_id__in=codes))
            | (
                ~Exists(route_audiences)
                & Exists(
                    service_audiences.filter(
                        service_id=OuterRef("service_id"), audience_id__in=codes
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

        def open_on(date, covers):
            sessions = OpeningSession.objects.filter(route_id=OuterRef("pk"))
            exceptions = OpeningException.objects.filter(route_id=OuterRef("pk"), date=date)
            weekly = ~Exists(exceptions) & Exists(sessions.filter(covers, weekday=date.weekday()))
            if is_bank_holiday(date):
                weekly &= Q(closed_on_bank_holidays=False)
            return Exists(exceptions.filter(covers, closed=False)) | weekly

        return self.filter(
            open_on(today, covers_from_today) | open_on(yesterday, covers_from_yesterday)
        )

    def for_display(self, when: datetime.datetime | None = None):
        """What a contact route card needs, in a fixed number of queries.

        Only the dated exceptions that can matter around ``when`` are fetched: from yesterday
        (an overnight exception may still run) to the end of the look-ahead. ``when`` defaults
        to now because every caller displays routes for the present.
        """
        from .models import OpeningException

        today = local_moment(when or timezone.now()).date()
        exceptions = OpeningException.objects.filter(
            date__gte=today - datetime.timedelta(days=1),
            date__lte=today + datetime.timedelta(days=LOOKAHEAD_DAYS),
        )
        return self.select_related("service").prefetch_related(
            "sessions", Prefetch("exceptions", queryset=exceptions), "audiences"
        )


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
