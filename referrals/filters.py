import django_filters
from django import forms

from portal.vocabulary import AudienceCode, PublicationStatus
from resources.models import Topic

from .models import ContactRoute

MAX_AGE = 25


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class HelpFilter(django_filters.FilterSet):
    """The /help/ filters. Every value is checked: a bad one is reported and ignored, never an
    error page. ``now`` is the request's moment, for ``open_now``."""

    audience = django_filters.ChoiceFilter(
        label="Who is asking",
        choices=AudienceCode.choices,
        empty_label="Anyone",
        method="filter_audience",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose who is asking from the list."},
    )
    age = IntegerFilter(
        label="Age of the child or young person",
        min_value=0,
        max_value=MAX_AGE,
        method="filter_age",
        error_messages={
            "invalid": "Enter an age in whole years, for example 14.",
            "min_value": f"Enter an age from 0 to {MAX_AGE}.",
            "max_value": f"Enter an age from 0 to {MAX_AGE}.",
        },
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Ways to get in touch",
        # "Referral form" finds forms here and elsewhere alike: one box, not two.
        choices=[
            (value, label)
            for value, label in ContactRoute.Kind.choices
            if value != ContactRoute.Kind.HOSTED_FORM
        ],
        method="filter_kind",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose ways to get in touch from the list."},
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=Topic.objects.none(),
        to_field_name="slug",
        empty_label="Any topic",
        method="filter_topic",
        error_messages={"invalid_choice": "Choose a topic from the list."},
    )
    open_now = django_filters.ChoiceFilter(
        label="Open now",
        choices=[("1", "Only show lines that are open now")],
        method="filter_open_now",
        error_messages={"invalid_choice": "“Open now” can only be ticked or not."},
    )

    class Meta:
        model = ContactRoute
        fields = []

    def __init__(self, data=None, queryset=None, *, now, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.now = now
        # Only topics that some published service is about: the list stays useful.
        self.filters["topic"].queryset = Topic.objects.filter(
            service_links__content_object__status=PublicationStatus.PUBLISHED
        ).distinct()

    def filter_audience(self, queryset, name, value):
        return queryset.for_audiences(value)

    def filter_age(self, queryset, name, value):
        return queryset.for_age(value)

    def filter_kind(self, queryset, name, value):
        if ContactRoute.Kind.FORM in value:
            value = [*value, ContactRoute.Kind.HOSTED_FORM]
        return queryset.of_kind(*value) if value else queryset

    def filter_topic(self, queryset, name, value):
        return queryset.tagged(value.slug)

    def filter_open_now(self, queryset, name, value):
        return queryset.open_at(self.now)

    @property
    def active(self):
        """True when a valid filter narrows the results (bad values are ignored)."""
        if not self.is_bound:
            return False
        self.is_valid()
        return any(self.form.cleaned_data.get(name) not in (None, "", []) for name in self.filters)

    @property
    def open_now_only(self):
        if not self.is_bound:
            return False
        self.is_valid()
        return self.form.cleaned_data.get("open_now") == "1"
