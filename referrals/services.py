import datetime

from portal.publishing import (
    item_archive,
    item_publish,
    item_send_back,
    item_submit,
    item_unpublish,
)

from .models import ContactRoute, ProblemReport, Service


def contact_route_verify(*, route: ContactRoute, user, today: datetime.date) -> ContactRoute:
    """Record that ``user`` checked the route's details on ``today``.

    ``updated_at`` is left alone on purpose: checking is not editing, so someone with the route
    open in another tab can still save their edit without a "changed meanwhile" refusal. The
    check is still a revision in the history, with who made it.
    """
    route.last_verified_on = today
    route.verified_by = user
    route._history_user = user
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
