"""Atom feeds of new and updated guidance and lesson packs: one for everything, one per topic.

Ordered by when a resource last changed, so a corrected page comes round again for readers
who follow the feed.

The feeds are English machine output with one address each: the resource URLs sit inside
``i18n_patterns`` (portal/urls.py), but under a language prefix (/cy/resources/feed/) a feed
is not found, rather than a second copy in English. Pages in every language link to the
English address (``{% language "en" %}`` around the ``{% url %}``).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language_from_path

from .models import Resource, Topic

FEED_LENGTH = 20


class LatestResourcesFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        if get_language_from_path(request.path_info):
            raise Http404("The feeds are only at their English address.")
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{settings.SITE_NAME}: new and updated guidance and lesson packs"

    def subtitle(self):
        return "Safeguarding guidance and lesson packs, newest changes first."

    def link(self):
        return reverse("resources:resource-list")

    def resources(self):
        return (
            Resource.objects.published(timezone.now())
            .defer("body_text", "search_vector")
            .prefetch_related("topics")
            .order_by("-updated_at", "-pk")
        )

    def items(self):
        return self.resources()[:FEED_LENGTH]

    def item_title(self, resource):
        return resource.title

    def item_description(self, resource):
        # Atom marks the summary type="html": a reader renders it as HTML once the XML is
        # unescaped, so the plain-text summary is escaped for HTML first.
        return escape(resource.summary)

    def item_pubdate(self, resource):
        return resource.published_at or resource.created_at

    def item_updateddate(self, resource):
        return resource.updated_at

    def item_author_name(self, resource):
        return resource.publisher or None

    def item_categories(self, resource):
        return [topic.name for topic in resource.topics.all()]


class TopicResourcesFeed(LatestResourcesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"{settings.SITE_NAME}: {topic.name}"

    def subtitle(self, topic):
        return f"New and updated guidance and lesson packs about {topic.name.lower()}."

    def link(self, topic):
        return topic.get_absolute_url()

    def items(self, topic):
        return self.resources().tagged(topic.slug)[:FEED_LENGTH]
