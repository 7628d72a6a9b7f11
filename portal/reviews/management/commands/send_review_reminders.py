from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.management.commands.list_overdue import parse_day
from portal.reviews.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "E-mail each owner about their resources and contact routes due for review within 14 "
        "days or overdue, then again every 7 days until reviewed; publishers get one digest of "
        "everything due. Records what it sent, so running it twice a day sends nothing twice. "
        "Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The date to remind for (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        today = parse_day(today) if today else timezone.localdate()
        run = send_review_reminders(today=today, site_url=settings.SITE_URL)
        for recipient in run.sent:
            count = len(recipient.items)
            kind = "digest" if recipient.role == "digest" else "reminder"
            self.stdout.write(f"Sent a {kind} about {count} item(s) to {recipient.address}.")
        for recipient, error in run.failed:
            self.stderr.write(f"Could not e-mail {recipient.address}: {error}")
        if not run.sent and not run.failed:
            self.stdout.write("No reminders due today.")
        if run.failed:
            raise SystemExit(1)
