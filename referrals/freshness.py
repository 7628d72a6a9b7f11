"""Whether the public should be told a contact route's details may be out of date.

Pure logic over routes loaded with ``ContactRouteQuerySet.with_check_due`` (``for_display``
does it): the due date comes from the database, so the rule lives in one place, and the
notice costs no query. Every stale route gets a line to try instead: another checked phone
line of its own service among the routes shown, or the national line
(``settings.NATIONAL_FALLBACK_LINE``).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .phone_numbers import format_phone_number, normalise_phone_number


@dataclass(frozen=True)
class FallbackLine:
    name: str
    number: str  # as people dial it
    href: str
    description: str = ""


def national_fallback_line() -> FallbackLine:
    line = settings.NATIONAL_FALLBACK_LINE
    stored = normalise_phone_number(line["number"])
    return FallbackLine(
        name=line["name"],
        number=format_phone_number(stored),
        href=f"tel:{stored}",
        description=line.get("description", ""),
    )


def details_may_be_out_of_date(route, today: datetime.date) -> bool:
    due = getattr(route, "check_due_on", None)
    return due is not None and due < today


def stale_notice(route) -> str:
    """What the public reads beside a route whose details may be out of date."""
    if route.last_verified_on:
        return _("These details were last checked in %(month)s and may be out of date.") % {
            "month": date_format(route.last_verified_on, "F Y")
        }
    if route.created_at:
        added = timezone.localdate(route.created_at)
        return _(
            "These details have not been checked since they were added in %(month)s and may be "
            "out of date."
        ) % {"month": date_format(added, "F Y")}
    return _("These details have not been checked and may be out of date.")


def attach_freshness(routes, today: datetime.date):
    """Set ``route.may_be_out_of_date``, ``route.stale_notice`` (in words, or "") and, where
    the details may be out of date, ``route.fallback_line``."""
    routes = list(routes)
    for route in routes:
        route.may_be_out_of_date = details_may_be_out_of_date(route, today)
        route.stale_notice = stale_notice(route) if route.may_be_out_of_date else ""
    checked_phone_lines = {}
    for route in routes:
        if route.kind == route.Kind.PHONE and not route.may_be_out_of_date:
            checked_phone_lines.setdefault(route.service_id, route)
    national = None
    for route in routes:
        route.fallback_line = None
        if not route.may_be_out_of_date:
            continue
        own = checked_phone_lines.get(route.service_id)
        if own is not None:
            route.fallback_line = FallbackLine(
                name=own.label, number=own.display_value, href=own.href
            )
        else:
            national = national or national_fallback_line()
            route.fallback_line = national
    return routes
