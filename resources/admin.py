from django import forms
from django.contrib import admin

from .models import Resource, ResourceFile, ResourceLink, ResourceSection, Topic
from .services import resource_file_record_upload, resource_sync_body_text


class ResourceSectionInline(admin.StackedInline):
    model = ResourceSection
    extra = 0


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    extra = 0
    fields = ["title", "file", "original_name", "size", "order"]
    readonly_fields = ["original_name", "size"]


class ResourceLinkInline(admin.TabularInline):
    model = ResourceLink
    extra = 0


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "published_at", "last_reviewed"]
    list_filter = [
        "status",
        "kind",
        "key_stages",
        "audiences",
        ("topic_links__tag", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["related"]
    date_hierarchy = "published_at"
    inlines = [ResourceSectionInline, ResourceFileInline, ResourceLinkInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary"]}),
        ("Who and what it is for", {"fields": ["key_stages", "audiences", "topics"]}),
        ("Lesson packs", {"fields": ["publisher", "licence", "sensitive_content"]}),
        ("Publishing", {"fields": ["status", "published_at", "last_reviewed", "related"]}),
    ]

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


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
