"""Compile the interface's translations (portal/locale/<code>/LC_MESSAGES/django.po) into the
.mo files Django reads, at install time, never at run time.

With gettext's ``msgfmt`` on the machine this is Django's own ``compilemessages``. Without it
(a newcomer's laptop, no root to install gettext), Babel writes the same catalogues, so
``bin/serve`` needs nothing but Python. Fuzzy entries are left out either way, as msgfmt does.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def compile_with_babel(po_path: Path) -> Path:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as source:
        catalog = read_po(source, locale=po_path.parent.parent.name, abort_invalid=True)
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as target:
        write_mo(target, catalog, use_fuzzy=False)
    return mo_path


class Command(BaseCommand):
    help = "Compile the .po translations into .mo files (msgfmt when present, else Babel)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-msgfmt",
            action="store_true",
            help="Use Babel even where gettext's msgfmt is installed.",
        )

    def handle(self, *args, without_msgfmt=False, **options):
        if shutil.which("msgfmt") and not without_msgfmt:
            call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)
            return
        catalogues = sorted(
            po for folder in settings.LOCALE_PATHS for po in Path(folder).glob("*/LC_MESSAGES/*.po")
        )
        if not catalogues:
            raise CommandError(f"No .po files under {settings.LOCALE_PATHS}.")
        for po_path in catalogues:
            try:
                compile_with_babel(po_path)
            except Exception as error:  # Babel's parse errors have no common base class.
                raise CommandError(f"{po_path}: {error}") from error
        if options["verbosity"] > 1:
            self.stdout.write(f"Compiled {len(catalogues)} catalogues with Babel.")
