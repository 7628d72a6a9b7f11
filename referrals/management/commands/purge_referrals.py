import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from referrals.referral_models import Referral
from referrals.referral_services import referrals_purge

# Referrals without an outcome this long are reported (never deleted): they need triage.
STALE_AFTER_DAYS = 365


def parse_moment(value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--now must be a date and time like 2025-11-12T03:00, not “{value}”."
        ) from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = (
        "Delete referrals whose retention period after closing has run out, with their "
        "history. Run it daily from cron; running it twice deletes nothing more. Prints how many "
        "it deleted, never what they said."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", help="The moment to check against (ISO 8601, London time if no offset)."
        )

    def handle(self, *args, now=None, **options):
        now = parse_moment(now) if now else timezone.now()
        deleted = referrals_purge(now=now)
        self.stdout.write(
            f"Deleted {deleted} referral{'s' if deleted != 1 else ''} past their retention "
            f"period (default {settings.REFERRAL_RETENTION_DAYS} days after closing)."
        )
        stale = Referral.objects.open_since_before(
            now - datetime.timedelta(days=STALE_AFTER_DAYS)
        ).count()
        if stale:
            self.stderr.write(
                f"{stale} referral{'s' if stale != 1 else ''} arrived more than "
                f"{STALE_AFTER_DAYS} days ago and still {'have' if stale != 1 else 'has'} no "
                "outcome: they are kept until closed. Triage them."
            )
