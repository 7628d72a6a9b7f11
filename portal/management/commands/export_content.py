from pathlib import Path

from django.core.management.base import BaseCommand

from portal.backups import default_archive_name, export_content, manifest_summary


class Command(BaseCommand):
    help = (
        "Export all content (resources, help services, topics, revision history, staff "
        "accounts) and the uploaded files to one .tar.gz archive, with a manifest of row counts "
        "and checksums. Restore it with import_content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write the archive. Default: portal-backup-<UTC time>.tar.gz here.",
        )

    def handle(self, *args, archive=None, **options):
        destination = Path(archive or default_archive_name())
        manifest = export_content(destination)
        self.stdout.write(f"Exported {manifest_summary(manifest)} to {destination}")
