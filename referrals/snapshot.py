"""A snapshot of the main helplines that survives a database outage.

When the database is down, every page still shows the emergency notice and the main lines with
their numbers (portal/middleware.py). Those come from this snapshot, refreshed whenever a
contact route, its service or its hours are saved, and kept in two places: the shared cache
(every app server sees the same) and a JSON file on local disk (in case the cache is down too).
"""

import json
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

CACHE_KEY = "referrals:helpline-snapshot:v1"
MAX_ROUTES = 6


def snapshot_path() -> Path:
    return Path(settings.HELPLINE_SNAPSHOT_PATH)


def build_helpline_snapshot() -> list[dict]:
    """The featured phone and text lines of published services, and the 24-hour and crisis
    lines (first: they answer at any hour, when the outage may be), as plain data."""
    from .models import ContactRoute

    now = timezone.now()
    routes = (
        ContactRoute.objects.published(now)
        .filter(Q(featured=True) | Q(crisis=True), kind__in=ContactRoute.NUMBER_KINDS)
        .order_by("-crisis", "service__order", "order", "pk")
        .for_display(now)[:MAX_ROUTES]
    )
    # In English whoever triggers the refresh: one snapshot serves every language's error page.
    with translation.override(settings.LANGUAGE_CODE):
        return [_snapshot_row(route) for route in routes]


def _snapshot_row(route) -> dict:
    from .opening_hours import describe_hours

    return {
        "service": route.service.name,
        "label": route.label,
        "kind": route.kind,
        "number": route.display_value,
        "href": route.href,
        "hours": describe_hours(route),
    }


def refresh_helpline_snapshot() -> list[dict]:
    snapshot = build_helpline_snapshot()
    try:
        cache.set(CACHE_KEY, snapshot, timeout=None)
    except Exception:  # the cache being down must never stop an editor's save
        logger.warning("Could not store the helpline snapshot in the cache", exc_info=True)
    try:
        _write_atomically(snapshot_path(), json.dumps(snapshot, indent=1))
    except OSError:
        logger.warning("Could not write the helpline snapshot file", exc_info=True)
    return snapshot


def read_helpline_snapshot() -> list[dict]:
    """The last snapshot, from the cache or else the file; empty if neither can be read."""
    try:
        snapshot = cache.get(CACHE_KEY)
    except Exception:
        snapshot = None
    if snapshot is not None:
        return snapshot
    try:
        return json.loads(snapshot_path().read_text())
    except (OSError, ValueError):
        return []


def _write_atomically(path: Path, text: str) -> None:
    # Write beside the target and rename, so a reader never sees half a file.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".snapshot-")
    try:
        with os.fdopen(handle, "w") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
