from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from import_export.admin import ImportExportMixin

from portal.core.admin_tools import ConcurrencyAdminMixin, HistoryAdminMixin, PublishableAdminMixin
from portal.core.spreadsheets import FORMATS, SpreadsheetImportForm
from portal.reviews.admin import OwnerInline

from .forms import (
    LessonMaterialsFormSet,
    ResourceAdminForm,
    ResourceFileAdminForm,
    ResourceSectionAdminForm,
)
from .models import Resource, ResourceFile, ResourceLink, ResourceSection, Topic
from .services import (
    resource_file_record_upload,
    resource_mark_reviewed,
    resource_publish,
    resource_sync_body_text,
)
from .spreadsheets import ResourceSpreadsheet


class ResourceSectionInline(admin.StackedInline):
    model = ResourceSection
    form = ResourceSectionAdminForm
    extra = 0


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    form = ResourceFileAdminForm
    formset = LessonMaterialsFormSet
    extra = 0
    fields = ["title", "file", "original_name", "size", "order"]
    readonly_fields = ["original_name", "size"]


class ResourceLinkInline(admin.TabularInline):
    model = ResourceLink
    formset = LessonMaterialsFormSet
    extra = 0


class ReviewListFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("due", "Due within 30 days")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.review_overdue(today)
        if self.value() == "due":
            return queryset.review_due_within(today, days=30)
        return queryset


@admin.register(Resource)
class ResourceAdmin(
    ImportExportMixin, PublishableAdminMixin, ConcurrencyAdminMixin, HistoryAdminMixin
):
    form = ResourceAdminForm
    resource_classes = [ResourceSpreadsheet]
    formats = FORMATS
    import_form_class = SpreadsheetImportForm
    list_display = ["title", "kind", "status", "published_at", "review_due", "last_reviewed"]
    list_filter = [
        "status",
        ReviewListFilter,
        "kind",
        "key_stages",
        "audiences",
        ("topic_links__tag", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related"]
    date_hierarchy = "published_at"
    inlines = [ResourceSectionInline, ResourceFileInline, ResourceLinkInline, OwnerInline]
    history_children = ("sections", "files", "links")
    preview_url_name = "resources:resource-preview"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "concurrency_token"]}),
        ("Who and what it is for", {"fields": ["key_stages", "audiences", "topics"]}),
        ("Lesson packs", {"fields": ["publisher", "licence", "sensitive_content"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "review_comment",
                    ("publish_at", "unpublish_at"),
                    "published_at",
                ]
            },
        ),
        ("Keeping it current", {"fields": [("last_reviewed", "review_by")]}),
        ("Related", {"fields": ["related"]}),
    ]

    change_form_template = "admin/resources/resource/change_form.html"
    actions = [*PublishableAdminMixin.actions, "mark_reviewed_today"]

    def get_urls(self):
        return [
            path(
                "<path:object_id>/mark-reviewed/",
                self.admin_site.admin_view(self.mark_reviewed_view),
                name="resources_resource_mark_reviewed",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_review_due()

    @admin.display(description="review due", ordering="review_due_on")
    def review_due(self, resource):
        """The date the review rule gives, whether or not a review-by date was typed."""
        return resource.review_due_on

    def can_mark_reviewed(self, request) -> bool:
        # Reviewing changes no content, so editors may mark published pages reviewed too.
        return request.user.has_perm("resources.change_resource")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_mark_reviewed"] = self.can_mark_reviewed(request)
        if obj is not None and obj.pk:
            context["review_due_on"] = (
                Resource.objects.with_review_due()
                .values_list("review_due_on", flat=True)
                .get(pk=obj.pk)
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def mark_reviewed_view(self, request, object_id):
        """The "Mark as reviewed" button on a resource's page: a POST, so CSRF-protected."""
        resource = get_object_or_404(Resource, pk=object_id)
        change_url = reverse("admin:resources_resource_change", args=[resource.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        if not self.can_mark_reviewed(request):
            raise PermissionDenied
        today = timezone.localdate()
        resource_mark_reviewed(
            resource=resource,
            user=request.user,
            today=today,
            note=request.POST.get("note", "")[:300],
        )
        self.message_user(
            request,
            f"Marked “{resource.title}” as reviewed on {today:%-d %B %Y}, by you. Next review "
            f"due {resource.review_by:%-d %B %Y}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(change_url)

    @admin.action(description="Mark as reviewed today: I have checked these are still right")
    def mark_reviewed_today(self, request, queryset):
        if not self.can_mark_reviewed(request):
            raise PermissionDenied
        today = timezone.localdate()
        resources = list(queryset)
        for resource in resources:
            resource_mark_reviewed(resource=resource, user=request.user, today=today)
        self.message_user(
            request,
            f"Marked {len(resources)} resource{'s' if len(resources) != 1 else ''} as reviewed "
            f"on {today:%-d %B %Y}.",
            messages.SUCCESS,
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A handful of fixed choices: ticking boxes beats a multi-select list.
        if db_field.name in {"key_stages", "audiences"}:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        if formset.model is ResourceFile:
            for file_form in formset.forms:
                if "file" in file_form.changed_data and file_form.instance.file:
                    resource_file_record_upload(resource_file=file_form.instance)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        resource_sync_body_text(resource=form.instance)

    def publish_item(self, item, user, *, now):
        # A resource is refused, with the reasons, until people can find it and a lesson
        # pack has its materials.
        resource_publish(resource=item, user=user, now=now)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
