import datetime
import uuid

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from portal.core.publishing import PublishableModel
from portal.core.vocabulary import AudienceCode, KeyStageWords, in_page_language

from .querysets import ResourceQuerySet, TopicQuerySet
from .richtext import SanitisedHTMLField


def a_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class KeyStage(KeyStageWords, models.Model):
    """A statutory key stage. Rows are seeded from ``portal.core.vocabulary.KEY_STAGES``; pages
    show its words through ``display_name`` and the like, in the page's language."""

    code = models.SlugField(primary_key=True, max_length=4)
    name = models.CharField(max_length=60)
    short_name = models.CharField(max_length=10)
    ages = models.CharField(max_length=30, help_text="For example “11 to 14”.")
    year_groups = models.CharField(max_length=60, help_text="For example “Years 7 to 9”.")
    min_age = models.PositiveSmallIntegerField()
    max_age = models.PositiveSmallIntegerField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = "key stage"

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("resources:key-stage-detail", args=[self.code])


class Audience(models.Model):
    """Who content is for. Rows are seeded from ``portal.core.vocabulary.AudienceCode``."""

    code = models.SlugField(primary_key=True, max_length=20, choices=AudienceCode.choices)
    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the page's language (the stored name is English)."""
        return in_page_language(self.name)


class Topic(TagBase):
    """A subject such as consent or online safety, shared by resources and help services."""

    description = models.TextField(
        blank=True, help_text="Shown at the top of the topic's page. A few plain sentences."
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "topic"

    def get_absolute_url(self):
        return reverse("resources:topic-detail", args=[self.slug])


class TaggedResource(ItemBase):
    # A real foreign key (not taggit's generic relation) keeps topic joins indexable and simple.
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="resource_links")
    content_object = models.ForeignKey(
        "Resource", on_delete=models.CASCADE, related_name="topic_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_resource_topic")
        ]


class Resource(PublishableModel):
    """A guidance page or a lesson pack: the two kinds of thing teachers come here for."""

    class Kind(models.TextChoices):
        GUIDANCE = "guidance", pgettext_lazy("kind of resource", "Guidance")
        LESSON_PACK = "lesson-pack", pgettext_lazy("kind of resource", "Lesson pack")

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="Part of the page's address.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.GUIDANCE)
    summary = models.TextField(
        max_length=600, help_text="One or two sentences shown in lists and search results."
    )
    publisher = models.CharField(
        max_length=120, blank=True, help_text="Who made it, for example NSPCC."
    )
    licence = models.CharField(max_length=300, blank=True, help_text="Terms of use, where known.")
    sensitive_content = models.TextField(
        blank=True,
        help_text=(
            "Lesson packs: what sensitive subjects it covers and any supervision pupils need, "
            "so teachers can decide before they teach."
        ),
    )
    key_stages = models.ManyToManyField(KeyStage, blank=True, related_name="resources")
    audiences = models.ManyToManyField(Audience, blank=True, related_name="resources")
    topics = TaggableManager(
        through=TaggedResource, blank=True, verbose_name="topics", related_name="resources"
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name="related resources"
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When someone last checked this is still right."
    )
    review_by = models.DateField(
        "review by",
        null=True,
        blank=True,
        help_text="When it must next be checked. Empty: a year after it is published.",
    )
    # Plain text of every section, kept by ``services.resource_sync_body_text`` for search.
    body_text = models.TextField(blank=True, editable=False)
    # PostgreSQL only: a trigger fills it from title (A), summary (B) and body text (C) on every
    # write, and a GIN index serves full-text search (migration 0002). Always empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()
    # Search columns are derived from the sections, so they are not worth a revision.
    history = HistoricalRecords(excluded_fields=["body_text", "search_vector"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="resource_status_published"),
            models.Index(fields=["kind", "status"], name="resource_kind_status"),
        ]
        permissions = [
            ("publish_resource", "Can publish, unpublish, approve and archive resources"),
        ]

    def prepare_publication(self, now: datetime.datetime) -> list[str]:
        fields = super().prepare_publication(now)
        if self.review_by is None:
            self.review_by = a_year_after(timezone.localdate(now))
        return [*fields, "review_by"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:resource-detail", args=[self.slug])

    @property
    def is_lesson_pack(self):
        return self.kind == self.Kind.LESSON_PACK

    def review_overdue_on(self, today: datetime.date) -> bool:
        """Needs the ``review_due_on`` annotation (``ResourceQuerySet.with_review_due``)."""
        return self.review_due_on is not None and self.review_due_on < today


class ResourceSection(models.Model):
    """A headed part of a resource's body, such as “What you may see” or “What helps”."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(max_length=200)
    body = SanitisedHTMLField(help_text="Paragraphs, lists, links and bold text.")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.heading


def resource_file_path(instance, filename):
    # Uploaded files are stored under a generated name; the original name is kept for download.
    return f"resources/{uuid.uuid4().hex}"


class ResourceFile(models.Model):
    """A downloadable lesson material."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=resource_file_path)
    original_name = models.CharField(max_length=255, editable=False)
    content_type = models.CharField(max_length=120, editable=False)
    size = models.PositiveBigIntegerField(editable=False, default=0)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:resource-file", args=[self.resource.slug, self.pk])

    @property
    def file_type(self):
        """A short label people recognise, taken from the original file name: “PDF”, “DOCX”."""
        _, _, extension = self.original_name.rpartition(".")
        return extension.upper() if extension else "File"


class ResourceLink(models.Model):
    """A link to material hosted elsewhere, such as a publisher's lesson page."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title
