"""Who keeps each resource and service current, what they were reminded of, which links work."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .querysets import LinkCheckQuerySet, OwnerQuerySet


class Owner(models.Model):
    """Someone responsible for keeping a resource or a help service current.

    A staff account, or just a name and an e-mail address: partner services' staff who never
    sign in are reminded all the same. The owners of a service own its contact routes.
    """

    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        limit_choices_to=models.Q(app_label="resources", model="resource")
        | models.Q(app_label="referrals", model="service"),
    )
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="owned_content",
        limit_choices_to={"is_staff": True, "is_active": True},
        verbose_name="staff account",
        help_text="Someone who signs in to the admin. Or leave empty and give a name and e-mail.",
    )
    name = models.CharField(max_length=120, blank=True, help_text="For someone without an account.")
    email = models.EmailField(blank=True, help_text="For someone without an account.")

    objects = OwnerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="owner_item")]

    def __str__(self):
        return f"{self.display_name} <{self.address}>" if self.address else self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.name

    @property
    def address(self) -> str:
        """Where reminders go."""
        return (self.user.email if self.user_id else self.email).strip()

    def clean(self):
        if self.user_id and (self.name or self.email):
            raise ValidationError(
                "Choose a staff account, or give a name and an e-mail address: not both."
            )
        if not self.user_id and not (self.name and self.email):
            raise ValidationError("Choose a staff account, or give a name and an e-mail address.")
        if self.user_id and not self.user.email:
            raise ValidationError(
                {"user": "This account has no e-mail address, so reminders cannot reach it."}
            )


class ReviewReminder(models.Model):
    """A record that ``recipient`` was reminded that an item was due on ``due_on``.

    It makes ``send_review_reminders`` safe to run twice, and spaces the reminders: a new due
    date (the item was reviewed) starts a new cycle.
    """

    class Role(models.TextChoices):
        OWNER = "owner", "Owner's reminder"
        DIGEST = "digest", "Publishers' digest"

    recipient = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.OWNER)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    due_on = models.DateField()
    sent_on = models.DateField()

    class Meta:
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "role", "content_type", "object_id", "due_on"],
                name="one_reminder_record_per_due_date",
            )
        ]

    def __str__(self):
        return f"{self.recipient}: {self.item} (due {self.due_on}), sent {self.sent_on}"


class LinkCheck(models.Model):
    """The last check of one external address, by ``manage.py check_links``."""

    url = models.URLField(max_length=500, unique=True)
    ok = models.BooleanField(default=False)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    # Each hop followed: [{"status": 301, "url": "https://..."}, ...]
    redirects = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField()

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        ordering = ["url"]
        verbose_name = "link check"

    def __str__(self):
        return self.url

    @property
    def outcome(self) -> str:
        """In words: "404", "500", "timed out after 10 seconds", "too many redirects"."""
        if self.error:
            return self.error
        return f"HTTP {self.status_code}" if self.status_code else "not checked"
