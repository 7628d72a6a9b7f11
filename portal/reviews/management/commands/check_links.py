from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.reviews.links import check_urls
from portal.reviews.services import link_checks_record, link_uses


class Command(BaseCommand):
    help = (
        "Check every external link (lesson pack and resource links, referral forms and other "
        "web routes, service websites): HEAD then GET, redirects followed and recorded, with a "
        "time limit. Stores each result; broken links appear on the editors' dashboard and in "
        "list_overdue. Exits with status 1 when any link is broken. Safe to run at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.LINK_CHECK_WORKERS,
            help="How many addresses to check at once.",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=settings.LINK_CHECK_TIMEOUT,
            help="Seconds one request may take.",
        )
        parser.add_argument(
            "--deadline",
            type=float,
            default=None,
            help="Seconds the whole run may take; addresses not reached keep their last result.",
        )

    def handle(self, *args, workers, timeout, deadline, **options):
        uses = link_uses()
        results = check_urls(uses, workers=workers, timeout=timeout, deadline=deadline)
        link_checks_record(results=results, now=timezone.now())
        broken = [result for result in results if result.checked and not result.ok]
        skipped = sum(1 for result in results if not result.checked)
        for result in broken:
            outcome = result.error or f"HTTP {result.status_code}"
            where = "; ".join(use.label for use in uses[result.url])
            self.stdout.write(f"Broken ({outcome}): {result.url} [{where}]")
        self.stdout.write(
            f"Checked {len(results) - skipped} link(s): {len(broken)} broken"
            + (f", {skipped} not reached before the deadline" if skipped else "")
            + "."
        )
        if broken:
            raise SystemExit(1)
