import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from referrals.models import ContactRoute, ProblemReport
from resources.models import Resource


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date like 2025-11-12, not “{value}”.") from None


class Command(BaseCommand):
    help = (
        "List resources past their review date, contact routes not checked for six months and "
        "open reported problems. "
        "Exits with status 1 when anything is overdue, so it can drive an alert or a daily email."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The date to check against (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        today = parse_day(today) if today else timezone.localdate()
        resources = list(Resource.objects.review_overdue(today))
        routes = list(ContactRoute.objects.verification_overdue(today))
        reports = list(ProblemReport.objects.open().received_by(today).for_queue())
        for resource in resources:
            self.stdout.write(
                f"Resource overdue for review since {resource.review_by:%Y-%m-%d}: "
                f"{resource.title} [{resource.get_status_display()}]"
            )
        for route in routes:
            checked = (
                f"last checked {route.last_verified_on:%Y-%m-%d}"
                if route.last_verified_on
                else "never checked"
            )
            self.stdout.write(f"Contact route {checked}: {route.label} ({route.service.name})")
        for report in reports:
            self.stdout.write(
                f"Problem reported {timezone.localtime(report.created_at):%Y-%m-%d}, "
                f"{report.get_status_display().lower()}: {report.get_problem_display()}: "
                f"{report.subject}"
            )
        if resources or routes or reports:
            self.stdout.write(
                f"{len(resources)} resource(s) and {len(routes)} contact route(s) overdue."
            )
            if reports:
                self.stdout.write(f"{len(reports)} reported problem(s) open.")
            raise SystemExit(1)
        self.stdout.write("Nothing is overdue.")
