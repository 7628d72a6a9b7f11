"""Referral forms, the referrals themselves, and their access log, in the admin.

A referral is seen only by members of its service's referral handlers group; superusers are not
an exception (they can join a group, which the admin's log records). Every page that shows a
referral's contents, every export and every change is written to the access log.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from portal.core.admin_tools import HistoryAdminMixin

from .models import ContactRoute
from .referral_models import Referral, ReferralAccessLog, ReferralFormSettings
from .referral_services import (
    handlers_group_for,
    referral_log_access,
    referral_triage,
    referrals_export_csv,
)

ACCESS_FIELDS = ("handlers", "team_email", "retention_days")


class ReferralFormSettingsForm(forms.ModelForm):
    class Meta:
        model = ReferralFormSettings
        fields = [
            "service",
            "ask_role",
            "ask_relationship",
            "ask_child_age",
            "ask_school",
            "ask_consent",
            "require_parent_consent",
            "require_young_person_consent",
            "ask_contact",
            "ask_urgency",
            "duty_line_name",
            "duty_line_number",
            *ACCESS_FIELDS,
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "handlers" in self.fields:
            self.fields["handlers"].required = False

    def clean(self):
        data = super().clean()
        if "handlers" in self.fields and not data.get("handlers") and data.get("service"):
            data["handlers"] = handlers_group_for(data["service"])
            self.instance.handlers = data["handlers"]
        return data


@admin.register(ReferralFormSettings)
class ReferralFormSettingsAdmin(HistoryAdminMixin):
    form = ReferralFormSettingsForm
    list_display = ["service", "handlers", "retention_days"]
    list_select_related = ["service", "handlers"]
    search_fields = ["service__name"]
    autocomplete_fields = ["service"]
    fieldsets = [
        (None, {"fields": ["service"]}),
        (
            "Questions the form asks",
            {
                "description": "What the referrer is worried about is always asked.",
                "fields": [
                    "ask_role",
                    "ask_relationship",
                    "ask_child_age",
                    "ask_school",
                    "ask_consent",
                    "ask_contact",
                    "ask_urgency",
                ],
            },
        ),
        ("Consent", {"fields": ["require_parent_consent", "require_young_person_consent"]}),
        ("Emergency notice above the form", {"fields": ["duty_line_name", "duty_line_number"]}),
        ("Who handles referrals, and for how long", {"fields": list(ACCESS_FIELDS)}),
    ]

    def can_manage_access(self, request) -> bool:
        return request.user.has_perm("referrals.manage_referral_access")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.can_manage_access(request):
            # Editors choose the questions; who may read children's referrals, and for how
            # long they are kept, is for those with the permission (superusers by default).
            readonly.extend(ACCESS_FIELDS)
        return readonly

    def history_restore_view(self, request, object_id, history_id):
        # An old version names an old handlers group: restoring it would change who reads
        # children's referrals, which only those allowed to decide that may do.
        if request.method == "POST" and not self.can_manage_access(request):
            raise PermissionDenied
        return super().history_restore_view(request, object_id, history_id)

    def save_model(self, request, obj, form, change):
        if not obj.handlers_id:
            obj.handlers = handlers_group_for(obj.service)
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (
            obj.service.referrals.exists()
            or obj.service.routes.filter(kind=ContactRoute.Kind.HOSTED_FORM).exists()
        ):
            # Its referrals would lose their handlers; its form its questions.
            return False
        return super().has_delete_permission(request, obj)


class HandlerOnlyMixin:
    """Access decided by membership of the service's handlers group, not by permissions."""

    def _handler_group_ids(self, request) -> set[int]:
        if not hasattr(request, "_referral_handler_groups"):
            user = request.user
            if not (user.is_active and user.is_staff):
                request._referral_handler_groups = set()
            else:
                request._referral_handler_groups = set(
                    ReferralFormSettings.objects.filter(
                        handlers__in=user.groups.values("pk")
                    ).values_list("handlers_id", flat=True)
                )
        return request._referral_handler_groups

    def is_handler_of(self, request, referral) -> bool:
        form_settings = getattr(referral.service, "referral_form", None)
        return form_settings is not None and form_settings.handlers_id in self._handler_group_ids(
            request
        )

    def has_module_permission(self, request):
        return bool(self._handler_group_ids(request))

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return bool(self._handler_group_ids(request))
        return self.is_handler_of(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False  # referrals arrive through the form only

    def has_delete_permission(self, request, obj=None):
        return False  # deleted at the end of their retention period only (purge_referrals)


class ReferralAdminForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["status", "assigned_to", "notes"]


@admin.register(Referral)
class ReferralAdmin(HandlerOnlyMixin, admin.ModelAdmin):
    form = ReferralAdminForm
    list_display = ["reference", "service", "received_at", "urgent", "status", "assigned_to"]
    list_filter = ["status", "urgent"]
    list_select_related = ["service", "assigned_to"]
    # Only the reference can be searched: everything personal is encrypted.
    search_fields = ["=reference"]
    date_hierarchy = None
    actions = ["export_csv"]
    fieldsets = [
        (None, {"fields": ["reference", "service", "received_at", "urgent"]}),
        (
            "The referral",
            {
                "fields": [
                    "referrer_role",
                    "relationship",
                    "child_age",
                    "child_date_of_birth",
                    "school",
                    "concern",
                    "parent_consent",
                    "young_person_consent",
                ]
            },
        ),
        (
            "Contacting the referrer",
            {
                "fields": [
                    "referrer_name",
                    "referrer_phone",
                    "referrer_email",
                    "contact_method",
                    "contact_times",
                    "safe_to_leave_message",
                ]
            },
        ),
        ("Triage", {"fields": ["status", "assigned_to", "notes", "closed_at"]}),
        ("History", {"fields": ["revisions"]}),
    ]
    readonly_fields = [
        "reference",
        "service",
        "received_at",
        "urgent",
        *Referral.ANSWER_FIELDS,
        "closed_at",
        "revisions",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .visible_to(request.user)
            .select_related("service__referral_form", "assigned_to")
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "assigned_to" and hasattr(formfield.widget, "widget"):
            # No links to add or edit user accounts from a referral: a plain choice of handler.
            formfield.widget = formfield.widget.widget
        return formfield

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "assigned_to" in form.base_fields:
            # Only the service's own handlers can be given a referral.
            form.base_fields["assigned_to"].queryset = get_user_model().objects.filter(
                is_active=True, groups=obj.service.referral_form.handlers_id
            )
        return form

    @admin.display(description="Changes")
    def revisions(self, obj):
        """Who changed the status, assignment or notes, and when, newest first."""
        records = list(obj.history.select_related("history_user").order_by("-history_date")[:50])
        rows = []
        for record in records:
            previous = record.prev_record
            if previous is None:
                what = "Received"
            else:
                changed = record.diff_against(previous).changed_fields
                labels = [
                    str(field.verbose_name)
                    for field in Referral._meta.concrete_fields
                    if field.name in changed
                ]
                what = "Changed " + ", ".join(labels) if labels else "Saved without changes"
                if "status" in changed:
                    what += f" (status now: {record.get_status_display()})"
            who = record.history_user.get_username() if record.history_user else "the website"
            rows.append(
                (timezone.localtime(record.history_date).strftime("%d %b %Y %H:%M"), who, what)
            )
        if not rows:
            return "No changes yet."
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {} – {}</li>", rows))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, object_id)
            if obj is not None:
                referral_log_access(
                    user=request.user,
                    referrals=[obj],
                    action=ReferralAccessLog.Action.VIEWED,
                    now=timezone.now(),
                )
        response["Cache-Control"] = "no-store"
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and response.status_code == 200:
            referral_log_access(
                user=request.user,
                referrals=[obj],
                action=ReferralAccessLog.Action.HISTORY_VIEWED,
                now=timezone.now(),
            )
        return response

    def save_model(self, request, obj, form, change):
        changed = [str(Referral._meta.get_field(name).verbose_name) for name in form.changed_data]
        referral_triage(referral=obj, user=request.user, changed=changed, now=timezone.now())

    @admin.action(
        description="Export selected referrals as a spreadsheet (CSV)", permissions=["view"]
    )
    def export_csv(self, request, queryset):
        referrals = list(queryset.visible_to(request.user).select_related("service", "assigned_to"))
        content = referrals_export_csv(referrals=referrals, user=request.user, now=timezone.now())
        self.message_user(request, f"Exported {len(referrals)} referrals.", messages.SUCCESS)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="referrals.csv"'
        response["Cache-Control"] = "no-store"
        return response


@admin.register(ReferralAccessLog)
class ReferralAccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the site, never by hand."""

    list_display = ["at", "username", "action", "reference", "service", "detail"]
    list_filter = ["action"]
    search_fields = ["=reference", "username"]
    list_select_related = ["service"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
