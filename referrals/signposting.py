"""Which lines to offer beside each other: always one open now, and whose area each serves.

Pure functions over contact routes that already carry ``.status``
(``opening_hours.attach_status``): no queries and no clock of their own.
"""

from .opening_hours import OPEN


def is_open(route) -> bool:
    return route.status is not None and route.status.state == OPEN


def open_first(routes) -> list:
    """Routes open now first, otherwise in the order given (the sort is stable)."""
    return sorted(routes, key=lambda route: not is_open(route))


def with_an_open_line(routes, national_routes) -> list:
    """``routes``, and when none of them is open now, the national lines that are.

    So that whatever the hour, the list offers someone to contact now.
    """
    routes = list(routes)
    if any(is_open(route) for route in routes):
        return routes
    shown = {route.pk for route in routes}
    return routes + [route for route in national_routes if is_open(route) and route.pk not in shown]


def label_areas(routes) -> list:
    """Set ``route.area_label`` ("Norfolk") on the routes of services limited to one area, when
    they are listed beside lines of another area or national ones: a family in Devon must not
    call a Norfolk line thinking it is theirs. Alone, or beside lines of the same area, the
    label says nothing new and is left empty."""
    routes = list(routes)
    areas = {route.service.area_served.strip() for route in routes}
    mixed = len(areas) > 1
    for route in routes:
        route.area_label = route.service.area_served.strip() if mixed else ""
    return routes
