from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ImportExportMixin

from portal.core.admin_tools import ConcurrencyAdminMixin, HistoryAdminMixin, PublishableAdminMixin
from portal.core.spreadsheets import FORMATS, SpreadsheetImportForm
from portal.reviews.admin import OwnerInline

from .facts import FACTS
from .forms import ContactRouteAdminForm, ServiceAdminForm, ServiceAlertAdminForm
from .models import (
    ContactRoute,
    LocalAuthority,
    Location,
    LocationSession,
    OpeningException,
    OpeningSession,
    ProblemReport,
    Service,
    ServiceAlert,
    ServiceAtLocation,
    ServiceAtLocationSession,
)
from .querysets import check_every_days
from .services import contact_route_verify, problem_report_set_status
from .spreadsheets import ContactRouteSpreadsheet, ServiceSpreadsheet
from .translation_admin import TranslationAdminMixin, TranslationInlineMixin, translation_form

# One form for an alert wherever it is edited: its own page and the service's and route's pages.
ALERT_FORM = translation_form(ServiceAlert, ServiceAlertAdminForm)


class ContactRouteInline(admin.StackedInline):
    model = ContactRoute
    extra = 0
    show_change_link = True
    fields = ["kind", "label", "number", "url", "email", "featured", "order"]


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0
    show_change_link = True
    autocomplete_fields = ["location"]
    fields = ["location", "description", "order"]
    verbose_name = "place where it is delivered"
    verbose_name_plural = "places where it is delivered (hours on each one's own page)"


class OpeningSessionInline(admin.TabularInline):
    model = OpeningSession
    extra = 0


class OpeningExceptionInline(TranslationInlineMixin, admin.StackedInline):
    """Stacked, not a table: each exception's note has its translations under it."""

    model = OpeningException
    form = translation_form(OpeningException)
    extra = 0
    fields = [("date", "closed"), ("opens", "closes", "all_day"), "note"]


class ServiceAlertInline(TranslationInlineMixin, admin.StackedInline):
    """Dated notices on the service's page: about the whole service, or one of its routes.
    Stacked, so an urgent alert is written and translated in one place (README, "Content in
    the family's language")."""

    model = ServiceAlert
    form = ALERT_FORM
    extra = 0
    fields = ["message", "route", ("starts_at", "ends_at"), "route_closed"]
    verbose_name_plural = "alerts (shown above the service or route while current)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "route":
            # Only this service's own routes (none yet while the service is being added).
            service_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = ContactRoute.objects.filter(
                service_id=service_id if service_id and str(service_id).isdigit() else None
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RouteAlertInline(TranslationInlineMixin, admin.StackedInline):
    """The same alerts on a route's own page, where an urgent fix is made: about this route."""

    model = ServiceAlert
    form = ALERT_FORM
    fk_name = "route"
    fields = ["message", ("starts_at", "ends_at"), "route_closed"]
    extra = 0
    verbose_name_plural = "alerts about this route (shown above it while current)"


class CheckboxAudiencesMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "audiences":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Service)
class ServiceAdmin(
    TranslationAdminMixin,
    ImportExportMixin,
    PublishableAdminMixin,
    ConcurrencyAdminMixin,
    CheckboxAudiencesMixin,
    HistoryAdminMixin,
):
    form = translation_form(Service, ServiceAdminForm)
    resource_classes = [ServiceSpreadsheet]
    formats = FORMATS
    import_form_class = SpreadsheetImportForm
    list_display = ["name", "status", "area_served", "order"]
    list_filter = ["status", "audiences"]
    search_fields = ["name", "summary", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactRouteInline, ServiceAlertInline, ServiceAtLocationInline, OwnerInline]
    history_children = ("routes", "alerts", "service_at_locations")
    autocomplete_fields = ["areas"]
    # Restoring a service must never bring back an old phone number: routes are restored on
    # their own pages, one at a time.
    restore_children = ()
    preview_url_name = "referrals:service-preview"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "provider",
                    "summary",
                    "description",
                    "concurrency_token",
                ]
            },
        ),
        (
            "Who it is for",
            {
                "fields": [
                    "audiences",
                    ("min_age", "max_age"),
                    ("extended_max_age", "extended_age_note"),
                    "national",
                    "areas",
                    "area_served",
                    "topics",
                ]
            },
        ),
        ("Referring", {"fields": ["how_to_refer", "consent_note", "website"]}),
        ("Bank holidays", {"fields": ["holiday_nation"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "review_comment",
                    ("publish_at", "unpublish_at"),
                    "published_at",
                    "order",
                ]
            },
        ),
    ]


class OpenReportsFilter(admin.SimpleListFilter):
    title = "reported problems"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("open", "Has open problem reports")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.reported()
        return queryset


@admin.register(ContactRoute)
class ContactRouteAdmin(
    TranslationAdminMixin,
    ImportExportMixin,
    ConcurrencyAdminMixin,
    CheckboxAudiencesMixin,
    HistoryAdminMixin,
):
    """Routes stay editable by editors whatever their service's status: a wrong number is
    urgent. Every change is a revision, with who made it."""

    form = translation_form(ContactRoute, ContactRouteAdminForm)
    resource_classes = [ContactRouteSpreadsheet]
    formats = FORMATS
    import_form_class = SpreadsheetImportForm
    change_form_template = "admin/referrals/contactroute/change_form.html"
    list_display = [
        "label",
        "service",
        "kind",
        "display_value",
        "last_verified_on",
        "open_problem_reports",
    ]
    list_filter = ["kind", "service__status", "featured", "crisis", OpenReportsFilter]
    search_fields = ["label", "number", "url", "email", "service__name"]
    list_select_related = ["service"]
    autocomplete_fields = ["service"]
    inlines = [OpeningSessionInline, OpeningExceptionInline, RouteAlertInline]
    history_children = ("sessions", "exceptions", "alerts")
    actions = ["mark_verified_today"]
    # Set only by "Verified today", so the date always says who checked and when.
    readonly_fields = ["last_verified_on", "verified_by", "open_problem_reports"]
    fieldsets = [
        (
            None,
            {"fields": ["service", "kind", "label", "number", "url", "email", "concurrency_token"]},
        ),
        ("Who it is for", {"fields": ["audiences", ("min_age", "max_age")]}),
        ("What to expect", {"fields": ["what_happens", "good_to_know"]}),
        ("Hours", {"fields": ["closed_on_bank_holidays"]}),
        (
            "Before you get in touch",
            {
                "description": "What young people ask before they call or text. Answer only "
                "what the service itself says; leave the rest empty and nothing is shown.",
                "fields": [(fact.code, f"{fact.code}_note") for fact in FACTS],
            },
        ),
        ("Display", {"fields": ["featured", "crisis", "order"]}),
        ("Checked", {"fields": ["last_verified_on", "verified_by", "open_problem_reports"]}),
    ]

    def save_formset(self, request, form, formset, change):
        if formset.model is ServiceAlert:
            # An alert added here is about this route, and so about its service.
            for alert in formset.save(commit=False):
                alert.service_id = form.instance.service_id
                alert.save()
            for alert in formset.deleted_objects:
                alert.delete()
            return
        super().save_formset(request, form, formset, change)

    def get_queryset(self, request):
        return super().get_queryset(request).with_open_problem_reports()

    def with_translation_rows(self, queryset):
        # A coming exception's note is read on the route's card ("Closed on Friday 26 December
        # (Boxing Day)"), so a note without its Welsh is the route's translation work; notes of
        # dates gone by are read no more.
        coming = OpeningException.objects.filter(date__gte=timezone.localdate())
        return queryset.prefetch_related(
            Prefetch("exceptions", queryset=coming, to_attr="coming_exceptions")
        )

    def translation_rows(self, route):
        return [route, *getattr(route, "coming_exceptions", ())]

    @admin.display(description="open problem reports", ordering="open_problem_reports")
    def open_problem_reports(self, route):
        """Reports from the public still open: the route needs its details checked."""
        count = getattr(route, "open_problem_reports", 0)
        if not count:
            return "None"
        url = reverse("admin:referrals_problemreport_changelist")
        return format_html(
            '<a href="{}?route={}&amp;status__in=new,checked">{} open: check the details</a>',
            url,
            route.pk,
            count,
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/verify/",
                self.admin_site.admin_view(self.verify_view),
                name="referrals_contactroute_verify",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["check_every_days"] = check_every_days()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def verify_view(self, request, object_id):
        """The "Verified today" button on a route's page: a POST, so it is CSRF-protected."""
        route = get_object_or_404(ContactRoute, pk=object_id)
        change_url = reverse("admin:referrals_contactroute_change", args=[route.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        if not self.has_change_permission(request, route):
            raise PermissionDenied
        today = timezone.localdate()
        note = request.POST.get("note", "")[:300]
        contact_route_verify(route=route, user=request.user, today=today, note=note)
        self.message_user(
            request,
            f"Confirmed “{route.label}” as correct on {today:%-d %B %Y}, by you.",
            messages.SUCCESS,
        )
        if open_reports := ProblemReport.objects.open().filter(route=route).count():
            # Checking the details does not close what people reported: that stays a decision.
            self.message_user(
                request,
                f"“{route.label}” still has {open_reports} open reported problem"
                f"{'s' if open_reports != 1 else ''}: mark each fixed or not a problem.",
                messages.WARNING,
            )
        return HttpResponseRedirect(change_url)

    @admin.action(
        description="Mark verified today: I have checked these details", permissions=["change"]
    )
    def mark_verified_today(self, request, queryset):
        today = timezone.localdate()
        routes = list(queryset)
        for route in routes:
            contact_route_verify(route=route, user=request.user, today=today)
        self.message_user(
            request,
            f"Marked {len(routes)} contact route{'s' if len(routes) != 1 else ''} as verified "
            f"on {today:%-d %B %Y}.",
            messages.SUCCESS,
        )


@admin.register(ServiceAlert)
class ServiceAlertAdmin(TranslationAdminMixin, HistoryAdminMixin):
    """Every alert in one list, newest first, to see what is showing now. Alerts are added on
    their service's page."""

    form = ALERT_FORM
    list_display = ["message", "service", "route", "starts_at", "ends_at", "route_closed"]
    list_filter = ["route_closed", "service"]
    list_select_related = ["service", "route"]
    search_fields = ["message", "service__name", "route__label"]
    autocomplete_fields = ["service"]
    ordering = ["-starts_at"]
    fields = ["service", "message", "route", "starts_at", "ends_at", "route_closed"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "route":
            kwargs["queryset"] = ContactRoute.objects.select_related("service")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# ------------------------------------------------------------------------------
# Areas and places
# ------------------------------------------------------------------------------
@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    """Read only: the list comes from referrals/data/local_authorities.csv and the
    ``refresh_local_authorities`` command, so it always matches the ONS codes."""

    list_display = ["name", "code"]
    search_fields = ["name", "code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LocationSessionInline(admin.TabularInline):
    model = LocationSession
    extra = 0


@admin.register(Location)
class LocationAdmin(TranslationAdminMixin, HistoryAdminMixin):
    form = translation_form(Location)
    list_display = ["name", "kind", "town", "postcode"]
    list_filter = ["kind"]
    search_fields = ["name", "address_1", "town", "postcode"]
    inlines = [LocationSessionInline]
    history_children = ("sessions",)
    fieldsets = [
        (None, {"fields": ["kind", "name", "description", "url"]}),
        (
            "Address (places people go to)",
            {"fields": ["address_1", "town", "county", "postcode", ("latitude", "longitude")]},
        ),
        ("Access", {"fields": ["accessibility"]}),
    ]


class ServiceAtLocationSessionInline(admin.TabularInline):
    model = ServiceAtLocationSession
    extra = 0


@admin.register(ServiceAtLocation)
class ServiceAtLocationAdmin(TranslationAdminMixin, HistoryAdminMixin):
    """A service at a place, with its own hours there when they differ from the place's."""

    form = translation_form(ServiceAtLocation)
    list_display = ["service", "location", "order"]
    list_select_related = ["service", "location"]
    search_fields = ["service__name", "location__name", "location__postcode"]
    autocomplete_fields = ["service", "location"]
    inlines = [ServiceAtLocationSessionInline]
    history_children = ("sessions",)
    fields = ["service", "location", "description", "order"]


# ------------------------------------------------------------------------------
# Reported problems: the editors' queue of "Report a problem with this information"
# ------------------------------------------------------------------------------
@admin.register(ProblemReport)
class ProblemReportAdmin(HistoryAdminMixin):
    """What the public reported, read-only; editors set the status and write a note. A report
    changes nothing on the site: the fix is an edit of the route, made and checked as usual."""

    list_display = ["created_at", "subject_link", "problem", "status"]
    list_display_links = ["created_at"]
    list_filter = ["status", "problem"]
    search_fields = ["detail", "service__name", "route__label", "editor_note"]
    list_select_related = ["service", "route"]
    date_hierarchy = "created_at"
    actions = ["mark_checked", "mark_fixed", "mark_not_a_problem"]
    readonly_fields = [
        "created_at",
        "subject_link",
        "problem",
        "detail",
        "reply_email",
    ]
    fieldsets = [
        ("What was reported", {"fields": readonly_fields}),
        ("What you did", {"fields": ["status", "editor_note"]}),
    ]

    def has_add_permission(self, request):
        # Reports come from the public form only.
        return False

    def history_restore_view(self, request, object_id, history_id):
        # A report's status records decisions; there is no older content to bring back.
        raise PermissionDenied

    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, object_id, {"can_restore": False})

    @admin.display(description="about", ordering="service__name")
    def subject_link(self, report):
        """The route (or service) reported, linked to its admin page where the fix is made."""
        if report.route_id:
            url = reverse("admin:referrals_contactroute_change", args=[report.route_id])
        else:
            url = reverse("admin:referrals_service_change", args=[report.service_id])
        return format_html('<a href="{}">{}</a>', url, report.subject)

    def _set_status(self, request, queryset, status):
        reports = list(queryset.select_related("service", "route"))
        for report in reports:
            problem_report_set_status(report=report, status=status, user=request.user)
        label = ProblemReport.Status(status).label.lower()
        self.message_user(
            request,
            f"Marked {len(reports)} report{'s' if len(reports) != 1 else ''} as {label}.",
            messages.SUCCESS,
        )

    @admin.action(description="Mark checked: someone is finding out", permissions=["change"])
    def mark_checked(self, request, queryset):
        self._set_status(request, queryset, ProblemReport.Status.CHECKED)

    @admin.action(description="Mark fixed: the details are corrected", permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._set_status(request, queryset, ProblemReport.Status.FIXED)

    @admin.action(description="Mark not a problem: the details were right", permissions=["change"])
    def mark_not_a_problem(self, request, queryset):
        self._set_status(request, queryset, ProblemReport.Status.NOT_A_PROBLEM)


# Referral forms on this site, the referrals they receive, and who saw them.
from . import referral_admin  # noqa: E402, F401
