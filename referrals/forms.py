from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.core.editing import ConcurrencyFormMixin, PublishableFormMixin, SlugFromFieldMixin
from portal.core.public_forms import HoneypotFormMixin

from .facts import FIELD_NAMES as FACT_FIELDS
from .models import ContactRoute, ProblemReport, Service, ServiceAlert


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


# ------------------------------------------------------------------------------
# "Report a problem with this information" (public)
# ------------------------------------------------------------------------------
GENERAL_PROBLEM = ""


class ProblemReportForm(HoneypotFormMixin):
    """What someone tells us is wrong about a service. Nothing about them is needed: the reply
    address is optional, and the hint asks them to leave names out of the details."""

    route = forms.ChoiceField(
        label=_("Which part is it about?"),
        required=False,
        widget=forms.RadioSelect(attrs={"class": "radios"}),
        error_messages={
            "invalid_choice": _(
                "Select one of the ways to get in touch listed, or “The service in general”"
            )
        },
    )
    problem = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ProblemReport.Problem.choices,
        widget=forms.RadioSelect(attrs={"class": "radios"}),
        error_messages={
            "required": _("Select what is wrong"),
            "invalid_choice": _("Select what is wrong from the list"),
        },
    )
    detail = forms.CharField(
        label=_("Tell us more"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "true"}),
    )
    reply_email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        help_text=_("Only if you would like a reply. We use it only to answer this report."),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )

    # The honeypot last, where the template puts it: the error summary follows the page.
    field_order = ["route", "problem", "detail", "reply_email"]

    def __init__(self, *args, routes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.routes = {str(route.uuid): route for route in routes}
        self.fields["route"].choices = [
            *(
                (
                    key,
                    f"{route.label}: {route.display_value}" if route.display_value else route.label,
                )
                for key, route in self.routes.items()
            ),
            (GENERAL_PROBLEM, gettext("The service in general")),
        ]
        # Checked by clean_detail and shown as an error there, not cut off by the browser:
        # GOV.UK's advice for long answers, and nothing pasted in is silently lost.
        self.fields["detail"].widget.attrs.pop("maxlength", None)
        # Set here, not on the field, because the limit is a number in the sentence.
        self.fields["detail"].help_text = gettext(
            "For example the right number or hours, or where you saw them. Do not include your "
            "name or anyone else’s. Up to %(limit)s characters."
        ) % {"limit": ProblemReport.DETAIL_MAX_LENGTH}

    def report_fields(self) -> dict:
        """The cleaned answers, as ``problem_report_create`` takes them."""
        return {
            name: self.cleaned_data[name] for name in ("route", "problem", "detail", "reply_email")
        }

    def clean_route(self):
        key = self.cleaned_data["route"]
        return self.routes.get(key) if key else None

    def clean_detail(self):
        detail = self.cleaned_data["detail"]
        if len(detail) > ProblemReport.DETAIL_MAX_LENGTH:
            raise forms.ValidationError(
                ngettext(
                    "Tell us more must be %(limit)s characters or fewer: you have %(count)s",
                    "Tell us more must be %(limit)s characters or fewer: you have %(count)s",
                    len(detail),
                )
                % {"limit": ProblemReport.DETAIL_MAX_LENGTH, "count": len(detail)},
                code="max_length",
            )
        return detail

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("problem") == ProblemReport.Problem.OTHER and not cleaned.get("detail"):
            self.add_error("detail", gettext("Tell us what is wrong"))
        return cleaned
