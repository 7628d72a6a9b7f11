"""Resource cards, rendered once and reused until the resource or any content changes.

A list page spends most of its time rendering cards and loading each card's key stages and
topics (taggit builds a queryset per resource even when prefetching). Which resources a page
shows is always queried; only each card's HTML is cached, keyed on the resource, its
``updated_at``, the page's language and the content version (``portal.core.caching``), so a
card never outlives its resource's publication and follows any edit. Key stages and topics are
loaded, one query each, only for the cards not in the cache.
"""

from collections import defaultdict

from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.core.caching import CONTENT_CACHE_SECONDS, cached, content_version

from .models import KeyStage

CARD_TEMPLATE = "includes/resource_card.html"


def with_cards(resources, *, heading_level: int = 3) -> list:
    """The resources as a list, each with ``card_html``: its card under an h{heading_level - 1}."""
    resources = list(resources)
    if not resources:
        return resources
    version = content_version()
    # A card's words ("Key stages", the kind) are in the page's language: one card per language.
    language = get_language()
    keys = {
        resource.pk: f"resource-card:{version}:{language}:{heading_level}:{resource.pk}:"
        f"{resource.updated_at.isoformat()}"
        for resource in resources
    }
    cards = cache.get_many(list(keys.values()))
    missing = [resource for resource in resources if keys[resource.pk] not in cards]
    if missing:
        prefetch_related_objects(
            missing, Prefetch("key_stages", queryset=KeyStage.objects.order_by("order"))
        )
        attach_card_topics(
            [resource for resource in missing if not hasattr(resource, "card_topics")]
        )
        rendered = {
            keys[resource.pk]: render_to_string(
                CARD_TEMPLATE, {"resource": resource, "heading_level": heading_level}
            )
            for resource in missing
        }
        cache.set_many(rendered, CONTENT_CACHE_SECONDS)
        cards.update(rendered)
    for resource in resources:
        # Our own template's output, escaped when it was rendered.
        resource.card_html = mark_safe(cards[keys[resource.pk]])
    return resources


def attach_card_topics(resources) -> None:
    """``card_topics`` on each resource: its topics by name, for all of them in one query.

    taggit's ``topics`` manager builds a queryset per resource even when prefetched, which cost
    about a third of rendering a page of cards with every cache empty.
    """
    from .models import TaggedResource

    if not resources:
        return
    topics = defaultdict(list)
    links = (
        TaggedResource.objects.filter(content_object_id__in={resource.pk for resource in resources})
        .select_related("tag")
        .order_by("tag__name", "tag_id")
    )
    for link in links:
        topics[link.content_object_id].append(link.tag)
    for resource in resources:
        resource.card_topics = topics[resource.pk]


def with_live_rows(name: str, state, page) -> list:
    """``page.object_list``'s resources, ready for cards: which ones from the cache, the rows live.

    Finding a page of results (filters intersected, sorted, offset, or ranked by search) costs
    more the larger the library. The ordered primary keys of the page are cached under the
    filter state and page number; the rows are then fetched by primary key through
    ``published()`` on every request, so a resource unpublished since is never shown (the page
    is one card short until the cache turns over, at most ``CONTENT_CACHE_SECONDS``).
    """
    from .models import Resource

    fresh = {}

    def page_ids():
        # On a miss the page's query loads the rows themselves: no second query for them.
        fresh.update((resource.pk, resource) for resource in page.object_list)
        return list(fresh)

    ids = cached(name, (state, page.number), page_ids)
    rows = fresh or Resource.objects.published(timezone.now()).for_cards().in_bulk(ids)
    page.object_list = with_cards(rows[pk] for pk in ids if pk in rows)
    return page.object_list
