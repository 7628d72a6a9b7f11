from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone

from portal.admin_tools import ConcurrencyAdminMixin, HistoryAdminMixin, PublishableAdminMixin

from .forms import ContactRouteAdminForm, ServiceAdminForm
from .models import ContactRoute, OpeningException, OpeningSession, Service
from .services import (
    contact_route_verify,
    service_archive,
    service_publish,
    service_submit,
    service_unpublish,
)


class ContactRouteInline(admin.StackedInline):
    model = ContactRoute
    extra = 0
    show_change_link = True
    fields = ["kind", "label", "number", "url", "email", "featured", "order"]


class OpeningSessionInline(admin.TabularInline):
    model = OpeningSession
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    extra = 0


class CheckboxAudiencesMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "audiences":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Service)
class ServiceAdmin(
    PublishableAdminMixin, ConcurrencyAdminMixin, CheckboxAudiencesMixin, HistoryAdminMixin
):
    form = ServiceAdminForm
    list_display = ["name", "status", "area_served", "order"]
    list_filter = ["status", "audiences"]
    search_fields = ["name", "summary", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactRouteInline]
    history_children = ("routes",)
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
                    "alert",
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
                    "area_served",
                    "topics",
                ]
            },
        ),
        ("Referring", {"fields": ["how_to_refer", "consent_note", "website"]}),
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

    def submit_item(self, item, user):
        service_submit(service=item, user=user)

    def publish_item(self, item, user, *, now):
        service_publish(service=item, user=user, now=now)

    def unpublish_item(self, item, user):
        service_unpublish(service=item, user=user)

    def archive_item(self, item, user):
        service_archive(service=item, user=user)


@admin.register(ContactRoute)
class ContactRouteAdmin(ConcurrencyAdminMixin, CheckboxAudiencesMixin, HistoryAdminMixin):
    """Routes stay editable by editors whatever their service's status: a wrong number is
    urgent. Every change is a revision, with who made it."""

    form = ContactRouteAdminForm
    change_form_template = "admin/referrals/contactroute/change_form.html"
    list_display = ["label", "service", "kind", "display_value", "last_verified_on"]
    list_filter = ["kind", "service__status", "featured"]
    search_fields = ["label", "number", "url", "email", "service__name"]
    list_select_related = ["service"]
    autocomplete_fields = ["service"]
    inlines = [OpeningSessionInline, OpeningExceptionInline]
    history_children = ("sessions", "exceptions")
    actions = ["mark_verified_today"]
    # Set only by "Verified today", so the date always says who checked and when.
    readonly_fields = ["last_verified_on", "verified_by"]
    fieldsets = [
        (
            None,
            {"fields": ["service", "kind", "label", "number", "url", "email", "concurrency_token"]},
        ),
        ("Who it is for", {"fields": ["audiences", ("min_age", "max_age")]}),
        ("What to expect", {"fields": ["what_happens", "good_to_know"]}),
        ("Hours", {"fields": ["closed_on_bank_holidays"]}),
        ("Display", {"fields": ["featured", "order"]}),
        ("Checked", {"fields": ["last_verified_on", "verified_by"]}),
    ]

    def get_urls(self):
        return [
            path(
                "<path:object_id>/verify/",
                self.admin_site.admin_view(self.verify_view),
                name="referrals_contactroute_verify",
            ),
            *super().get_urls(),
        ]

    def verify_view(self, request, object_id):
        """The "Verified today" button on a route's page: a POST, so it is CSRF-protected."""
        route = get_object_or_404(ContactRoute, pk=object_id)
        change_url = reverse("admin:referrals_contactroute_change", args=[route.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        if not self.has_change_permission(request, route):
            raise PermissionDenied
        today = timezone.localdate()
        contact_route_verify(route=route, user=request.user, today=today)
        self.message_user(
            request,
            f"Marked “{route.label}” as verified on {today:%-d %B %Y} by you.",
            messages.SUCCESS,
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


# Referral forms on this site, the referrals they receive, and who saw them.
from . import referral_admin  # noqa: E402, F401
