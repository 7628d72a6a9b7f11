import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.db import transaction

from portal.core.publishing import (
    item_archive,
    item_publish,
    item_send_back,
    item_submit,
    item_unpublish,
)

from .models import ContactRoute, LocalAuthority, ProblemReport, Service


def contact_route_verify(
    *, route: ContactRoute, user, today: datetime.date, note: str = ""
) -> ContactRoute:
    """Record that ``user`` checked the route's details on ``today``.

    ``updated_at`` is left alone on purpose: checking is not editing, so someone with the route
    open in another tab can still save their edit without a "changed meanwhile" refusal. The
    check is still a revision in the history, with who made it.
    """
    route.last_verified_on = today
    route.verified_by = user
    route._history_user = user
    route._change_reason = (
        f"Confirmed these details are correct: {note.strip()}"
        if note.strip()
        else "Confirmed these details are correct"
    )
    route.save(update_fields=["last_verified_on", "verified_by"])
    return route


def service_submit(*, service: Service, user) -> Service:
    item_submit(item=service, user=user)
    return service


def service_publish(*, service: Service, user, now: datetime.datetime) -> Service:
    item_publish(item=service, user=user, now=now)
    return service


def service_unpublish(*, service: Service, user) -> Service:
    item_unpublish(item=service, user=user)
    return service


def service_archive(*, service: Service, user) -> Service:
    item_archive(item=service, user=user)
    return service


def service_send_back(*, service: Service, user, comment: str) -> Service:
    item_send_back(item=service, user=user, comment=comment)
    return service


# ------------------------------------------------------------------------------
# Local authority areas
# ------------------------------------------------------------------------------
LOCAL_AUTHORITIES_CSV = Path(__file__).with_name("data") / "local_authorities.csv"
GSS_CODE = re.compile(r"^[EWSN][0-9]{8}$")
AREA_CHOICES_KEY = "referrals:local-authority-choices"
# A bound on how stale another worker's memory cache can be (Redis is shared, and forgotten at
# once): the list changes a few times a year.
AREA_CHOICES_SECONDS = 600


def local_authority_choices() -> list[tuple[str, str]]:
    """Every area's (code, name), by name, from the cache when it holds them."""
    choices = cache.get(AREA_CHOICES_KEY)
    if choices is None:
        choices = list(LocalAuthority.objects.values_list("code", "name"))
        cache.set(AREA_CHOICES_KEY, choices, AREA_CHOICES_SECONDS)
    return choices


@dataclass
class AreasRefreshed:
    added: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept_in_use: list[str] = field(default_factory=list)


def read_local_authorities(text: str) -> dict[str, str]:
    """Codes and names from our CSV (``code,name``) or an ONS names-and-codes download
    (``CTYUA24CD,CTYUA24NM,...``). Anything else is refused with the reason."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [column.strip() for column in next(reader, [])]

    def column(own_name, ons_suffix):
        for index, name in enumerate(header):
            if name.lower() == own_name or name.upper().endswith(ons_suffix):
                return index
        raise ValueError(f"No “{own_name}” column (or an ONS …{ons_suffix} column) in the header.")

    code_at, name_at = column("code", "CD"), column("name", "NM")
    areas = {}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        code, name = row[code_at].strip().upper(), row[name_at].strip()
        if not GSS_CODE.match(code) or not name:
            raise ValueError(f"Line {line}: “{code}” is not an ONS area code with a name.")
        areas[code] = name
    if not areas:
        raise ValueError("The file lists no areas.")
    return areas


@transaction.atomic
def local_authorities_refresh(*, areas: dict[str, str]) -> AreasRefreshed:
    """Make the local authority table match ``areas`` (code to name). Safe to run again. An
    area no longer listed is removed, unless a service still covers it: then it is kept and
    reported, so no service silently loses its area."""
    result = AreasRefreshed()
    existing = {area.code: area for area in LocalAuthority.objects.all()}
    for code, name in areas.items():
        area = existing.get(code)
        if area is None:
            LocalAuthority.objects.create(code=code, name=name)
            result.added.append(code)
        elif area.name != name:
            area.name = name
            area.save(update_fields=["name"])
            result.renamed.append(code)
    gone = set(existing) - set(areas)
    in_use = set(
        Service.areas.through.objects.filter(localauthority_id__in=gone).values_list(
            "localauthority_id", flat=True
        )
    )
    LocalAuthority.objects.filter(code__in=gone - in_use).delete()
    result.removed = sorted(gone - in_use)
    result.kept_in_use = sorted(in_use)
    transaction.on_commit(lambda: cache.delete(AREA_CHOICES_KEY))
    return result


def problem_report_create(
    *,
    service: Service,
    route: ContactRoute | None,
    problem: str,
    detail: str,
    reply_email: str,
    now: datetime.datetime,
) -> ProblemReport:
    """File a report from the public form. It only joins the editors' queue: nothing that is
    published changes until an editor has checked and edited the route themselves."""
    if route is not None and route.service_id != service.pk:
        raise ValueError("A report's route must belong to its service.")
    return ProblemReport.objects.create(
        service=service,
        route=route,
        problem=problem,
        detail=detail,
        reply_email=reply_email,
        created_at=now,
    )


def problem_report_set_status(*, report: ProblemReport, status: str, user) -> ProblemReport:
    """Move a report along the queue (new, checked, fixed, not a problem), as ``user``: each
    change is a revision in the report's history, with who made it."""
    report.status = ProblemReport.Status(status)
    report._history_user = user
    report.save(update_fields=["status", "updated_at"])
    return report
