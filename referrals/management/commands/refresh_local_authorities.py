from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from referrals.services import (
    LOCAL_AUTHORITIES_CSV,
    local_authorities_refresh,
    read_local_authorities,
)


class Command(BaseCommand):
    help = (
        "Load the local authority areas services can cover from a CSV: the portal's own "
        "(referrals/data/local_authorities.csv) or an ONS names-and-codes download. Safe to run "
        "again; areas still covered by a service are never removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(LOCAL_AUTHORITIES_CSV))

    def handle(self, *args, path, **options):
        try:
            areas = read_local_authorities(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: {error}") from None
        result = local_authorities_refresh(areas=areas)
        self.stdout.write(
            f"{len(areas)} areas in {path}: {len(result.added)} added, {len(result.renamed)} "
            f"renamed, {len(result.removed)} removed."
        )
        for code in result.kept_in_use:
            self.stdout.write(
                f"Kept {code}: no longer in the file, but a service still covers it. Change "
                "the service's areas, then run this again."
            )
