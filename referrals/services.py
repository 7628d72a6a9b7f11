import datetime

from .models import ContactRoute


def contact_route_verify(*, route: ContactRoute, user, today: datetime.date) -> ContactRoute:
    """Record that ``user`` checked the route's details on ``today``."""
    route.last_verified_on = today
    route.verified_by = user
    route.save(update_fields=["last_verified_on", "verified_by", "updated_at"])
    return route
