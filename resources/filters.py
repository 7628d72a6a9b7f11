from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import slug_unicode_re
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelMultipleChoiceField, MultipleChoiceField

from portal.core.caching import cached
from portal.core.search import search_words
from portal.core.site_search import SearchTextField
from portal.core.vocabulary import KEY_STAGES, AudienceCode, in_page_language_lazy

from .forms import ResourceFilterForm, ResourceSort
from .models import Resource, Topic


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    hint: str | None = None


@dataclass(frozen=True)
class Facet:
    name: str
    legend: str
    options: list[FacetOption]


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    remove_query: str


class TopicSlugsField(ModelMultipleChoiceField):
    """Topic slugs from the address bar, checked for shape before the database sees them
    (PostgreSQL rejects a NUL byte with an error rather than finding nothing)."""

    def _check_values(self, value):
        if any(not slug_unicode_re.match(str(slug)) for slug in value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super()._check_values(value)


class TopicFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = TopicSlugsField


class SearchFilter(django_filters.CharFilter):
    field_class = SearchTextField


class CodesField(MultipleChoiceField):
    """Codes from the address bar in any case: people type ``?key_stage=KS3`` as the key stage
    is written, and mean ``ks3``."""

    def to_python(self, value):
        return [code.lower() for code in super().to_python(value)]


class CodesFilter(django_filters.MultipleChoiceFilter):
    field_class = CodesField


def checkboxes_filter(label, choices, method, message):
    return CodesFilter(
        label=label,
        choices=choices,
        method=method,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": message},
    )


class ResourceFilter(django_filters.FilterSet):
    """The resource list's filters: within a facet any ticked option matches, and the facets
    (and the search words) all apply together.

    Besides the filtered results it gives each facet's options with "disjunctive" counts: how
    many results each option would give with the other facets as they are, as online shops do.
    """

    q = SearchFilter(label=_("Search within resources"), method="filter_search")
    key_stage = checkboxes_filter(
        _("Key stage"),
        [(stage.code, in_page_language_lazy(stage.short_name)) for stage in KEY_STAGES],
        "filter_key_stages",
        _("Choose key stages from the list: EYFS or KS1 to KS5."),
    )
    topic = TopicFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topics",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "We could not find that topic. It may have been renamed: "
                "choose topics from the list."
            ),
        },
    )
    kind = checkboxes_filter(
        _("Type"), Resource.Kind.choices, "filter_kinds", _("Choose guidance or lesson packs.")
    )
    audience = checkboxes_filter(
        _("Who it is for"),
        AudienceCode.choices,
        "filter_audiences",
        _("Choose who it is for from the list."),
    )

    FACETS = ("key_stage", "topic", "kind", "audience")

    class Meta:
        model = Resource
        fields = []
        form = ResourceFilterForm

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_key_stages(self, queryset, name, value):
        return queryset.for_key_stages(*value)

    def filter_topics(self, queryset, name, value):
        # With nothing ticked the field gives an empty queryset, which means "any topic".
        if not value:
            return queryset
        return queryset.tagged(*(topic.slug for topic in value))

    def filter_kinds(self, queryset, name, value):
        return queryset.of_kind(*value)

    def filter_audiences(self, queryset, name, value):
        return queryset.for_audiences(*value)

    # ------------------------------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------------------------------
    def cleaned(self, name):
        """A field's cleaned value; empty when it is missing or could not be understood."""
        self.is_valid()  # cleans the form once; the form caches its errors
        return self.form.cleaned_data.get(name)

    def selected(self, name) -> list[str]:
        """The values ticked in a facet, as they appear in the address (topic slugs)."""
        values = self.cleaned(name) or []
        if name == "topic":
            return [topic.slug for topic in values]
        return list(dict.fromkeys(values))  # ?kind=guidance&kind=guidance is one filter

    @property
    def search_text(self) -> str:
        return self.cleaned("q") or ""

    @property
    def sort(self) -> str:
        """The chosen order; by default (and whenever there are no words to rank by) the best
        match when searching, else the newest."""
        chosen = self.cleaned("sort")
        if not search_words(self.search_text):
            return ResourceSort.TITLE if chosen == ResourceSort.TITLE else ResourceSort.NEWEST
        return chosen or ResourceSort.RELEVANCE

    def filter_queryset(self, queryset, *, except_facet=None):
        """Apply every filter, or every filter but one facet (for that facet's counts)."""
        for name, value in self.form.cleaned_data.items():
            if name in self.filters and name != except_facet:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def qs(self):
        """The results of every filter that could be understood: a value that could not (a
        renamed topic, ``?key_stage=ks9``) is left out, and named by ``problems()``."""
        if not hasattr(self, "_qs"):
            self.is_valid()  # cleans the form: only the values understood are applied
            queryset = self.filter_queryset(self.queryset.all())
            self._qs = {
                ResourceSort.RELEVANCE: queryset.by_relevance,
                ResourceSort.TITLE: queryset.by_title,
                ResourceSort.NEWEST: queryset.newest_first,
            }[self.sort]()
        return self._qs

    @property
    def count(self) -> int:
        """The number of results, without a COUNT query of its own.

        Every resource has exactly one kind and the kind counts apply every other filter, so
        the counts of the ticked kinds (or of all kinds) add up to the number of results.
        """
        kinds = self.selected("kind") or self._kind_counts().keys()
        return sum(self._kind_counts().get(kind, 0) for kind in kinds)

    # ------------------------------------------------------------------------------------------
    # Facets: one grouped query per facet, whatever the number of options, and cached
    # ------------------------------------------------------------------------------------------
    def facets(self) -> list[Facet]:
        counts = self._facet_counts()
        ages = {
            stage.code: gettext("ages %(ages)s") % {"ages": stage.display_ages}
            for stage in KEY_STAGES
        }
        return [
            self._fixed_facet("key_stage", counts["key_stage"], hints=ages),
            self._topic_facet(counts["topic"]),
            self._fixed_facet("kind", counts["kind"]),
            self._fixed_facet("audience", counts["audience"]),
        ]

    @property
    def state_key(self) -> str:
        """What the filter form shows depends on: the search, the ticked options, the sort."""
        self.is_valid()
        return repr((self.search_text, self.sort, *(sorted(self.selected(n)) for n in self.FACETS)))

    def _facet_counts(self) -> dict:
        """Every facet's counts for these filters.

        Counting over the whole library costs more than the page itself, and every visitor
        who opens the list without filters asks the same question: the counts are cached
        (``portal.core.caching``) under the filters that shape them, never the page or the sort.
        They are only numbers: the resources listed are always queried.
        """
        if not hasattr(self, "_facet_counts_cache"):
            self.is_valid()
            state = (self.search_text, *(sorted(self.selected(name)) for name in self.FACETS))
            self._facet_counts_cache = cached("resource-facets", state, self._compute_facet_counts)
        return self._facet_counts_cache

    def _compute_facet_counts(self) -> dict:
        return {
            "key_stage": self._counts(
                Resource.key_stages.through, "keystage_id", except_facet="key_stage"
            ),
            "audience": self._counts(
                Resource.audiences.through, "audience_id", except_facet="audience"
            ),
            "kind": self._compute_kind_counts(),
            "topic": self._topic_counts(),
        }

    def _resources_without(self, facet):
        """The primary keys of the results if this facet were left empty."""
        self.is_valid()
        return self.filter_queryset(self.queryset.all(), except_facet=facet).values("pk")

    def _counts(self, through_model, option_field, *, except_facet):
        rows = (
            through_model.objects.filter(resource_id__in=self._resources_without(except_facet))
            .values(option_field)
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {row[option_field]: row["count"] for row in rows}

    def _kind_counts(self) -> dict[str, int]:
        return self._facet_counts()["kind"]

    def _compute_kind_counts(self) -> dict[str, int]:
        rows = (
            Resource.objects.filter(pk__in=self._resources_without("kind"))
            .values("kind")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {row["kind"]: row["count"] for row in rows}

    def _fixed_facet(self, name, counts, hints=None):
        selected = set(self.selected(name))
        hints = hints or {}
        return Facet(
            name=name,
            legend=self.filters[name].label,
            options=[
                FacetOption(value, label, counts.get(value, 0), value in selected, hints.get(value))
                for value, label in self.filters[name].extra["choices"]
            ],
        )

    def _topic_counts(self) -> list[dict]:
        return list(
            Topic.objects.filter(
                resource_links__content_object__in=self._resources_without("topic")
            )
            .values("slug", "name")
            .annotate(count=Count("resource_links"))
            .order_by()
        )

    def _topic_facet(self, rows):
        # Topics are an open list: offer those with matching resources, plus any ticked ones
        # (already loaded when the form checked them) so they can be unticked.
        names = {row["slug"]: row["name"] for row in rows}
        counts = {row["slug"]: row["count"] for row in rows}
        ticked = {topic.slug: topic.name for topic in self.cleaned("topic") or []}
        names.update(ticked)
        return Facet(
            name="topic",
            legend=self.filters["topic"].label,
            options=[
                FacetOption(slug, name, counts.get(slug, 0), slug in ticked)
                for slug, name in sorted(names.items(), key=lambda item: item[1].lower())
            ],
        )

    # ------------------------------------------------------------------------------------------
    # What is applied, and how to undo each part
    # ------------------------------------------------------------------------------------------
    def active_filters(self) -> list[ActiveFilter]:
        """Each applied value, with the query string of this page without it."""
        active = []
        if self.search_text:
            label = gettext("Search: “%(words)s”") % {
                "words": Truncator(self.search_text).chars(60)
            }
            active.append(ActiveFilter(label, self._query_without("q")))
        topic_names = {topic.slug: topic.name for topic in self.cleaned("topic") or []}
        for name in self.FACETS:
            labels = topic_names if name == "topic" else dict(self.filters[name].extra["choices"])
            for value in self.selected(name):
                label = gettext("%(filter)s: %(value)s") % {
                    "filter": self.filters[name].label,
                    "value": labels[value],
                }
                active.append(ActiveFilter(label, self._query_without(name, value)))
        return active

    def _query_without(self, name, value=None):
        """This page's query string without one value (or all values) of a parameter, back on
        the first page. Empty when nothing is left."""
        params = self.data.copy()
        params.pop("page", None)
        if value is None:
            params.pop(name, None)
        else:
            remaining = [other for other in params.getlist(name) if other != value]
            if remaining:
                params.setlist(name, remaining)
            else:
                params.pop(name)
        return f"?{params.urlencode()}" if params else ""

    def problems(self) -> list[str]:
        """What could not be understood in the address, in words people understand."""
        return [
            f"{self.form.fields[name].label}: {message}"
            for name, messages in self.form.errors.items()
            for message in messages
        ]
