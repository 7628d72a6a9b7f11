from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from .models import ContactRoute, OpeningException, OpeningSession, Service
from .services import contact_route_verify


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
class ServiceAdmin(CheckboxAudiencesMixin, admin.ModelAdmin):
    list_display = ["name", "status", "area_served", "order"]
    list_filter = ["status", "audiences"]
    search_fields = ["name", "summary", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactRouteInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "provider", "summary", "description", "alert"]}),
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
        ("Publishing", {"fields": ["status", "published_at", "order"]}),
    ]


@admin.register(ContactRoute)
class ContactRouteAdmin(CheckboxAudiencesMixin, admin.ModelAdmin):
    list_display = ["label", "service", "kind", "display_value", "last_verified_on"]
    list_filter = ["kind", "service__status", "featured"]
    search_fields = ["label", "number", "url", "email", "service__name"]
    list_select_related = ["service"]
    autocomplete_fields = ["service"]
    inlines = [OpeningSessionInline, OpeningExceptionInline]
    actions = ["mark_verified_today"]
    # Set only by "Mark verified today", so the date always says who checked and when.
    readonly_fields = ["last_verified_on", "verified_by"]
    fieldsets = [
        (None, {"fields": ["service", "kind", "label", "number", "url", "email"]}),
        ("Who it is for", {"fields": ["audiences", ("min_age", "max_age")]}),
        ("What to expect", {"fields": ["what_happens", "good_to_know"]}),
        ("Hours", {"fields": ["closed_on_bank_holidays"]}),
        ("Display", {"fields": ["featured", "order"]}),
        ("Checked", {"fields": ["last_verified_on", "verified_by"]}),
    ]

    @admin.action(description="Mark verified today: I have checked these details")
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
