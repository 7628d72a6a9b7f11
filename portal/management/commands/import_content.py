from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, import_content, manifest_summary


class Command(BaseCommand):
    help = (
        "Restore an archive made by export_content into an empty, migrated database and "
        "MEDIA_ROOT. Checks every checksum first and restores all or nothing; refuses a "
        "database that already has content or users."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive export_content wrote.")

    def handle(self, *args, archive, **options):
        try:
            manifest = import_content(Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {manifest_summary(manifest)} from {archive}")
