import datetime
from zoneinfo import ZoneInfo

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import Count, F, Prefetch, Q, Value, Window
from django.db.models.functions import Coalesce, Lower, RowNumber, TruncDate
from django.utils import timezone

from portal.core.dates import AddYears
from portal.core.publishing import PublishableQuerySet, published_q
from portal.core.search import search_words
from portal.core.vocabulary import PublicationStatus

# Dates are London dates, whatever the server's clock.
LONDON = ZoneInfo("Europe/London")

# Site search ranks at most this many matches (the newest): "more than 1,000 found" beyond it.
SEARCH_CANDIDATES = 1000


class ResourceQuerySet(PublishableQuerySet):
    def with_review_due(self):
        """Annotate ``review_due_on``: when each resource must next be checked.

        The one rule, used by the dashboard, ``list_overdue``, the reminders and the public
        notice alike: its review-by date; or, left empty, a year after it was last reviewed;
        or, never reviewed, a year after it was first published. Leaving the date blank never
        switches reviews off. Never published and never reviewed: nothing is due (a draft).
        """
        return self.annotate(
            review_due_on=Coalesce(
                "review_by",
                AddYears("last_reviewed", 1),
                AddYears(TruncDate("published_at", tzinfo=LONDON), 1),
                output_field=models.DateField(),
            )
        )

    def in_review_cycle(self):
        # Archived content is no longer anyone's to keep current.
        return (
            self.exclude(status=PublicationStatus.ARCHIVED)
            .with_review_due()
            .filter(review_due_on__isnull=False)
        )

    def review_overdue(self, today: datetime.date):
        """Resources whose review is overdue, the longest overdue first."""
        return (
            self.in_review_cycle().filter(review_due_on__lt=today).order_by("review_due_on", "pk")
        )

    def review_due_within(self, today: datetime.date, days: int = 30):
        """Resources due for review from ``today`` to ``days`` ahead (not yet overdue)."""
        return (
            self.in_review_cycle()
            .filter(
                review_due_on__gte=today,
                review_due_on__lte=today + datetime.timedelta(days=days),
            )
            .order_by("review_due_on", "pk")
        )

    def review_due_by(self, day: datetime.date):
        """Overdue, or due on or before ``day``: what an owner is reminded about."""
        return self.in_review_cycle().filter(review_due_on__lte=day).order_by("review_due_on", "pk")

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def for_key_stages(self, *codes):
        # A subquery rather than a join: a resource in two chosen key stages appears once,
        # without a DISTINCT over the whole result.
        through = self.model.key_stages.through
        return self.filter(
            pk__in=through.objects.filter(keystage_id__in=codes).values("resource_id")
        )

    def for_audiences(self, *codes):
        through = self.model.audiences.through
        return self.filter(
            pk__in=through.objects.filter(audience_id__in=codes).values("resource_id")
        )

    def tagged(self, *topic_slugs):
        """Resources about any of the given topics."""
        from .models import TaggedResource

        return self.filter(
            pk__in=TaggedResource.objects.filter(tag__slug__in=topic_slugs).values(
                "content_object_id"
            )
        )

    def search(self, text: str):
        """Resources matching every word, best first, annotated with ``rank``.

        PostgreSQL: full-text search over the weighted, stemmed, GIN-indexed vector.
        Elsewhere: every word must appear in the title, summary or body; title matches rank
        above summary matches, which rank above body matches.
        """
        words = search_words(text)
        if not words:
            # Still annotated, so ordering by rank works on the empty result too.
            return self.annotate(rank=Value(0.0)).none()
        matches, rank = self._match_and_rank(words)
        return self.filter(matches).annotate(rank=rank)

    def ranked_matches(self, text: str, candidates: int = SEARCH_CANDIDATES) -> list[int]:
        """Primary keys of the newest ``candidates`` matches of ``search(text)``, best first.

        Ranking and counting every match cost the more the commoner the word: for a word in a
        quarter of 100,000 resources, most of a second on PostgreSQL, which reads every match's
        search vector. The newest matches come from one walk down the newest-first index, and
        only they are ranked: about 25 ms. Past that many matches a search is too broad to read
        anyway; the page says "more than 1,000" and suggests another word.
        """
        rows = self.search(text).newest_first().values_list("pk", "rank")[:candidates]
        # Newest first already, so a stable sort on rank alone keeps by_relevance()'s order.
        return [pk for pk, _rank in sorted(rows, key=lambda row: -row[1])]

    def _match_and_rank(self, words: list[str]):
        if connections[self.db].vendor == "postgresql":
            query = SearchQuery(" ".join(words), search_type="plain", config="english")
            return Q(search_vector=query), SearchRank(F("search_vector"), query)
        matches = Q()
        rank = Value(0.0)
        for word in words:
            in_title, in_summary = Q(title__icontains=word), Q(summary__icontains=word)
            matches &= in_title | in_summary | Q(body_text__icontains=word)
            rank = rank + models.Case(
                models.When(in_title, then=Value(1.0)),
                models.When(in_summary, then=Value(0.4)),
                default=Value(0.1),
            )
        return matches, rank

    def newest_first(self):
        # Explicit NULLS LAST: PostgreSQL would otherwise put undated rows first, SQLite last.
        return self.order_by(F("published_at").desc(nulls_last=True), "-pk")

    def by_title(self):
        return self.order_by(Lower("title"), "pk")

    def by_relevance(self):
        """Best match first. Only after ``search()``, which annotates the rank."""
        return self.order_by(F("rank").desc(), F("published_at").desc(nulls_last=True), "-pk")

    def first_per_topic(self, limit: int):
        """The newest ``limit`` resources of each topic, as topic links in one query.

        Each row is a ``TaggedResource`` with its ``tag`` (the topic) and ``content_object``
        (the resource) loaded, ordered by topic name, and annotated with ``position`` in its
        topic and ``topic_total``, the number of these resources in that topic, for a
        "See all" link. A resource with several topics appears under each.
        """
        from .models import TaggedResource

        newest = [
            F("content_object__published_at").desc(nulls_last=True),
            F("content_object_id").desc(),
        ]
        return (
            TaggedResource.objects.filter(content_object__in=self)
            .annotate(
                position=Window(RowNumber(), partition_by=F("tag_id"), order_by=newest),
                topic_total=Window(Count("pk"), partition_by=F("tag_id")),
            )
            .filter(position__lte=limit)
            .select_related("tag", "content_object")
            .defer("content_object__body_text", "content_object__search_vector")
            .order_by("tag__name", "position")
        )

    def for_detail(self, now: datetime.datetime):
        """What a resource's page shows: its sections, materials and audiences, and the
        related resources published at ``now``, in a fixed number of queries."""
        return (
            self.with_review_due()
            .defer("search_vector")
            .prefetch_related(
                "sections",
                "files",
                "links",
                "audiences",
                Prefetch(
                    "related",
                    queryset=self.model.objects.published(now)
                    .newest_first()
                    .defer("body_text", "search_vector"),
                ),
            )
        )

    def for_cards(self):
        """What ``resources.cards.with_cards`` needs: the row without its search text."""
        return self.defer("body_text", "search_vector")


class TopicQuerySet(models.QuerySet):
    def with_published_resource_count(self, now: datetime.datetime | None = None):
        return self.annotate(
            resource_count=Count(
                "resource_links",
                filter=published_q(
                    now or timezone.now(), prefix="resource_links__content_object__"
                ),
            )
        )

    def in_use(self):
        """Topics with at least one published resource, most used first."""
        return (
            self.with_published_resource_count()
            .filter(resource_count__gt=0)
            .order_by("-resource_count", "name")
        )

    def matching(self, text: str):
        """Topics whose name contains any word of a search (of three letters or more)."""
        words = [word for word in search_words(text) if len(word) >= 3]
        if not words:
            return self.none()
        matches = Q()
        for word in words:
            matches |= Q(name__icontains=word)
        return self.filter(matches)
