from django.core.management.base import BaseCommand

from referrals.snapshot import refresh_helpline_snapshot, snapshot_path


class Command(BaseCommand):
    help = (
        "Rebuild the snapshot of the main helplines shown when the database is down, in the "
        "shared cache and in HELPLINE_SNAPSHOT_PATH. Saving a route does this by itself; run it "
        "when an app server starts (its file may be missing) and from cron. Safe to run again."
    )

    def handle(self, *args, **options):
        snapshot = refresh_helpline_snapshot()
        self.stdout.write(f"{len(snapshot)} helplines in the snapshot ({snapshot_path()}).")
