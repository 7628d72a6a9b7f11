import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.reviews.services import broken_links
from referrals.models import ContactRoute, ProblemReport
from resources.models import Resource


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date like 2025-11-12, not “{value}”.") from None


class Command(BaseCommand):
    help = (
        "List resources past their review date (a year after publication or the last review "
        "when no date is set), contact routes whose check is overdue, links that were broken "
        "when check_links last ran, and open reported problems. Exits with status 1 when "
        "anything is listed, so it can drive an alert or a daily email."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The date to check against (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        today = parse_day(today) if today else timezone.localdate()
        resources = list(Resource.objects.review_overdue(today))
        routes = list(ContactRoute.objects.verification_overdue(today))
        links = broken_links()
        reports = list(ProblemReport.objects.open().received_by(today).for_queue())
        for resource in resources:
            self.stdout.write(
                f"Resource overdue for review since {resource.review_due_on:%Y-%m-%d}: "
                f"{resource.title} [{resource.get_status_display()}]"
            )
        for route in routes:
            checked = (
                f"last checked {route.last_verified_on:%Y-%m-%d}"
                if route.last_verified_on
                else "never checked"
            )
            self.stdout.write(f"Contact route {checked}: {route.label} ({route.service.name})")
        for link in links:
            where = "; ".join(use.label for use in link.uses)
            self.stdout.write(
                f"Broken link ({link.check.outcome}, checked "
                f"{timezone.localtime(link.check.checked_at):%Y-%m-%d}): {link.check.url} [{where}]"
            )
        for report in reports:
            self.stdout.write(
                f"Problem reported {timezone.localtime(report.created_at):%Y-%m-%d}, "
                f"{report.get_status_display().lower()}: {report.get_problem_display()}: "
                f"{report.subject}"
            )
        if resources or routes or links or reports:
            self.stdout.write(
                f"{len(resources)} resource(s) and {len(routes)} contact route(s) overdue, "
                f"{len(links)} broken link(s)."
            )
            if reports:
                self.stdout.write(f"{len(reports)} reported problem(s) open.")
            raise SystemExit(1)
        self.stdout.write("Nothing is overdue.")
