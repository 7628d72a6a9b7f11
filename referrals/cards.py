"""Contact route cards: which routes a page offers, cached with the content.

The rows behind the cards (routes with their sessions and exceptions) come from the cache;
whether each is public, and its status, are worked out for every request's moment.
"""

from typing import Any

from django.db.models import BooleanField, Case, Q, Value, When

from portal.core.caching import cached
from portal.core.publishing import is_public

from .models import ContactRoute
from .opening_hours import attach_status, local_moment
from .signposting import label_areas, open_first, with_an_open_line

HELP_ROUTES_SHOWN = 6


def cached_routes(name: str, parts: Any, routes, now) -> list:
    """Contact routes for cards, with their status at ``now``.

    ``routes`` is a lazy, sliced queryset loaded with ``for_display(now)``: it runs only when
    the cache has nothing for ``parts`` on this London date (the prefetched exceptions cover
    the days around it). Status is always worked out here, for this request's moment, and a
    route whose service has left its publish window since is dropped.
    """
    rows = cached(name, (parts, local_moment(now).date()), lambda: list(routes))
    return attach_status([route for route in rows if is_public(route.service, now)], now)


def help_routes_for_topics(topic_slugs, now):
    """The routes "Who can help" lists after a lesson or guidance page.

    Ways to reach services about the same topics, or the main and national lines when none are
    about them; and whenever none of those is open at ``now``, the national lines that are, so
    there is always someone to contact. One query (with its prefetches) for all three, cached
    for the London day.
    """
    published = ContactRoute.objects.published(now)
    about_topics = (
        published.tagged(*topic_slugs).values("pk")[:HELP_ROUTES_SHOWN]
        if topic_slugs
        else published.none().values("pk")
    )
    routes = (
        published.filter(Q(pk__in=about_topics) | Q(featured=True) | Q(crisis=True))
        .annotate(
            about_topics=Case(
                When(pk__in=about_topics, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("service__order", "order", "pk")
        .for_display(now)
    )
    # Not the old "help-routes" key: rows cached by the previous release lack ``about_topics``.
    rows = cached_routes("who-can-help", sorted(topic_slugs), routes, now)
    national = open_first(route for route in rows if route.crisis)
    chosen = [route for route in rows if route.about_topics]
    if not chosen:
        main = [route for route in rows if route.featured and not route.crisis]
        chosen = main + national
    return label_areas(with_an_open_line(chosen, national))
