from django import forms

from portal.editing import ConcurrencyFormMixin, PublishableFormMixin, SlugFromFieldMixin

from .facts import FIELD_NAMES as FACT_FIELDS
from .models import ContactRoute, Service, ServiceAlert


class ServiceAdminForm(
    SlugFromFieldMixin, ConcurrencyFormMixin, PublishableFormMixin, forms.ModelForm
):
    slug_source_field = "name"
    # The service page edits its contact routes too, so a route changed on its own page
    # (an urgent number fix) must also stop a stale service form from saving over it.
    concurrency_related = ("routes", "alerts", "service_at_locations")

    class Meta:
        model = Service
        fields = [
            "name",
            "slug",
            "provider",
            "summary",
            "description",
            "audiences",
            "min_age",
            "max_age",
            "extended_max_age",
            "extended_age_note",
            "national",
            "areas",
            "area_served",
            "topics",
            "how_to_refer",
            "consent_note",
            "website",
            "holiday_nation",
            "status",
            "review_comment",
            "publish_at",
            "unpublish_at",
            "order",
        ]


class ContactRouteAdminForm(ConcurrencyFormMixin, forms.ModelForm):
    class Meta:
        model = ContactRoute
        fields = [
            "service",
            "kind",
            "label",
            "number",
            "url",
            "email",
            "audiences",
            "min_age",
            "max_age",
            "what_happens",
            "good_to_know",
            "closed_on_bank_holidays",
            *FACT_FIELDS,
            "featured",
            "crisis",
            "order",
        ]


class ServiceAlertAdminForm(forms.ModelForm):
    class Meta:
        model = ServiceAlert
        fields = ["message", "route", "starts_at", "ends_at", "route_closed"]
