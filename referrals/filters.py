import django_filters
import django_filters.fields
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.core.caching import cached
from portal.core.vocabulary import AudienceCode
from resources.filters import CodesFilter
from resources.models import Topic

from .facts import NEEDS
from .models import ContactRoute, LocalAuthority, Service
from .services import local_authority_choices

MAX_AGE = 25
ANYWHERE = _("Anywhere")


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class CodeField(django_filters.fields.ChoiceField):
    """A code from the address bar in any case (``?audience=Parent`` is ``parent``)."""

    def to_python(self, value):
        return super().to_python(value).lower()


class CodeFilter(django_filters.ChoiceFilter):
    field_class = CodeField


class ContactRouteFilter(django_filters.FilterSet):
    """The /help/ filters. Every value is checked: a bad one is reported and ignored, never an
    error page. ``now`` is the request's moment, for ``open_now``."""

    audience = CodeFilter(
        label=_("Who is asking"),
        choices=AudienceCode.choices,
        empty_label=_("Anyone"),
        method="filter_audience",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose who is asking from the list.")},
    )
    age = IntegerFilter(
        label=_("Age of the child or young person"),
        min_value=0,
        max_value=MAX_AGE,
        method="filter_age",
        error_messages={
            "invalid": _("Enter an age in whole years, for example 14."),
            "min_value": format_lazy(_("Enter an age from 0 to {max_age}."), max_age=MAX_AGE),
            "max_value": format_lazy(_("Enter an age from 0 to {max_age}."), max_age=MAX_AGE),
        },
    )
    kind = CodesFilter(
        label=_("Ways to get in touch"),
        # "Referral form" finds forms here and elsewhere alike: one box, not two.
        choices=[
            (value, label)
            for value, label in ContactRoute.Kind.choices
            if value != ContactRoute.Kind.HOSTED_FORM
        ],
        method="filter_kind",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose ways to get in touch from the list.")},
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.none(),
        to_field_name="slug",
        empty_label=_("Any topic"),
        method="filter_topic",
        error_messages={"invalid_choice": _("Choose a topic from the list.")},
    )
    open_now = django_filters.ChoiceFilter(
        label=_("Open now"),
        choices=[("1", _("Only show lines that are open now"))],
        method="filter_open_now",
        error_messages={"invalid_choice": _("“Open now” can only be ticked or not.")},
    )

    need = django_filters.MultipleChoiceFilter(
        label=_("What matters to you"),
        choices=[(need.value, need.label) for need in NEEDS],
        method="filter_need",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose what matters to you from the list.")},
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Where do you live?"),
        queryset=LocalAuthority.objects.all(),
        to_field_name="code",
        empty_label=ANYWHERE,
        method="filter_area",
        error_messages={"invalid_choice": _("Choose where you live from the list.")},
    )

    class Meta:
        model = ContactRoute
        fields = []

    def __init__(self, data=None, queryset=None, *, now, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.now = now
        # Only topics that some service published at ``now`` is about: the list stays useful,
        # and a service scheduled for later (or past its unpublish time) adds none.
        self.filters["topic"].queryset = Topic.objects.filter(
            service_links__content_object__in=Service.objects.published(now)
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

    def filter_need(self, queryset, name, value):
        return queryset.for_needs(*value) if value else queryset

    def filter_area(self, queryset, name, value):
        # National lines are for everyone, wherever they live.
        return queryset.for_area(value.code)

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
    def needs_chosen(self):
        """True when _("What matters to you") narrows the results."""
        if not self.is_bound:
            return False
        self.is_valid()
        return bool(self.form.cleaned_data.get("need"))

    @property
    def topic_choices(self) -> list[tuple[str, str]]:
        """The topic options, cached with the content version: an edit to a topic or a
        service shows at once, and the page costs no query for the list. A scheduled publish
        or unpublish time passing shows once the entry expires (``CONTENT_CACHE_SECONDS``)."""
        topics = self.filters["topic"].queryset
        return [
            ("", _("Any topic")),
            *cached("help-topics", None, lambda: [(topic.slug, topic.name) for topic in topics]),
        ]

    @property
    def selected_topic(self) -> str:
        """The chosen topic's slug, when it is one of the list."""
        if not self.is_bound or not self.is_valid() or not self.form.cleaned_data.get("topic"):
            return ""
        return self.form.cleaned_data["topic"].slug

    @property
    def area_choices(self) -> list[tuple[str, str]]:
        """The _("Where do you live?") options, from the cache: the list changes only when
        ``refresh_local_authorities`` runs (which forgets it), so the page costs no query."""
        return [("", ANYWHERE), *local_authority_choices()]

    @property
    def selected_area(self) -> str:
        """The chosen area's code, when it is one of the list."""
        if not self.is_bound or not self.is_valid() or not self.form.cleaned_data.get("area"):
            return ""
        return self.form.cleaned_data["area"].code

    @property
    def open_now_only(self):
        if not self.is_bound:
            return False
        self.is_valid()
        return self.form.cleaned_data.get("open_now") == "1"
