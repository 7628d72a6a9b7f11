"""Resources in and out of spreadsheets (CSV and XLSX), from the admin's Import and Export."""

from import_export import fields, widgets

from portal.core.spreadsheets import CodesWidget, SafeModelResource
from portal.core.vocabulary import PublicationStatus

from .models import Audience, KeyStage, Resource, Topic


class TopicNamesWidget(CodesWidget):
    """Topics by name (an open vocabulary, so an unknown one is a typo to fix, not new)."""

    def render(self, value, obj=None, **kwargs):
        return ", ".join(sorted(topic.name for topic in value.all())) if value is not None else ""


class ResourceSpreadsheet(SafeModelResource):
    """One row per resource, found by its slug; a new slug makes a new draft. Sections (the
    page body) and lesson files are edited in the admin, not in spreadsheets."""

    export_prefetch = ("key_stages", "audiences", "topics")

    key_stages = fields.Field(
        attribute="key_stages",
        column_name="key_stages",
        widget=CodesWidget(KeyStage, "code", noun="key stage"),
    )
    audiences = fields.Field(
        attribute="audiences",
        column_name="audiences",
        widget=CodesWidget(Audience, "code", noun="audience"),
    )
    topics = fields.Field(
        attribute="topics",
        column_name="topics",
        widget=TopicNamesWidget(Topic, "name", noun="topic"),
    )
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    published_at = fields.Field(
        attribute="published_at",
        column_name="published_at",
        readonly=True,
        widget=widgets.DateTimeWidget(),
    )
    last_reviewed = fields.Field(
        attribute="last_reviewed", column_name="last_reviewed", widget=widgets.DateWidget()
    )
    review_by = fields.Field(
        attribute="review_by", column_name="review_by", widget=widgets.DateWidget()
    )

    class Meta(SafeModelResource.Meta):
        model = Resource
        name = "Resources"
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "kind",
            "summary",
            "publisher",
            "licence",
            "sensitive_content",
            "key_stages",
            "audiences",
            "topics",
            "last_reviewed",
            "review_by",
            "status",
            "published_at",
        ]
        export_order = fields

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        self.refuse_unless_publisher(
            instance, kwargs.get("user"), "resources.publish_resource", "resource"
        )
        if not instance.pk:
            instance.status = PublicationStatus.DRAFT
