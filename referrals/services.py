import datetime

from portal.publishing import (
    item_archive,
    item_publish,
    item_send_back,
    item_submit,
    item_unpublish,
)

from .models import ContactRoute, Service


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
