import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from referrals.models import ContactRoute
from resources.models import Resource


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date like 2025-11-12, not “{value}”.") from None


class Command(BaseCommand):
    help = (
        "List resources past their review date and contact routes not checked for six months. "
        "Exits with status 1 when anything is overdue, so it can drive an alert or a daily email."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The date to check against (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        today = parse_day(today) if today else timezone.localdate()
        resources = list(Resource.objects.review_overdue(today))
        routes = list(ContactRoute.objects.verification_overdue(today))
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
        if resources or routes:
            self.stdout.write(
                f"{len(resources)} resource(s) and {len(routes)} contact route(s) overdue."
            )
            raise SystemExit(1)
        self.stdout.write("Nothing is overdue.")
