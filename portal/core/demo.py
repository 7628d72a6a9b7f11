"""The demo content loader's machinery: reading its data files and writing rows idempotently.

Data files are TOML (``portal/demo/*.toml``). The writing is careful so the loader can run at
any time: each row is found by a natural key (a slug, a label), validated with ``full_clean``
as the admin validates it, and saved only when something differs, so a second run writes
nothing and a demo row an editor changed is put back.
"""

import datetime
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import models

LONDON = ZoneInfo("Europe/London")

# Review and check dates are written as they stood on this day, and moved forward by however
# long ago that is when the demo is loaded, so the review rule shows at any date: most items
# are current, some are due within the reminder window and some are overdue.
DEMO_DATES_AS_OF = datetime.date(2025, 11, 12)


def demo_date(day: datetime.date | None, today: datetime.date) -> datetime.date | None:
    return None if day is None else day + (today - DEMO_DATES_AS_OF)


def read_demo_file(path: Path) -> dict:
    with path.open("rb") as data:
        return tomllib.load(data)


def london_time(moment: datetime.datetime) -> datetime.datetime:
    """A data file's local date and time (TOML has no time zones by name), in London."""
    return moment.replace(tzinfo=LONDON)


def _assign(instance: models.Model, values: dict) -> bool:
    """Set ``values`` on ``instance``; say whether anything was different."""
    changed = False
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    return changed


def upsert(model: type[models.Model], *, lookup: dict, values: dict) -> models.Model:
    """Create or update the row found by ``lookup`` so it holds ``values``, validated as the
    admin validates it. A row that already holds them is not saved again, so a second run of the
    loader writes nothing (``updated_at`` and search vectors stay as they were)."""
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    if _assign(instance, values) or instance.pk is None:
        instance.full_clean()
        instance.save()
    return instance


def replace_children(manager, rows: list[dict]) -> None:
    """Make a parent's ordered children (sections, links, opening hours) exactly ``rows``.

    Existing children are updated in place, in their current order, so a re-run keeps their ids
    and writes nothing; children beyond ``rows`` (an editor's additions) are removed.
    """
    existing = list(manager.all())
    for index, values in enumerate(rows):
        child = (
            existing[index]
            if index < len(existing)
            else manager.model(**{manager.field.name: manager.instance})
        )
        if _assign(child, values) or child.pk is None:
            child.full_clean()
            child.save()
    for child in existing[len(rows) :]:
        child.delete()
