"""The publishing workflow resources and services share: who may publish, and when is public.

Resources and help services both go draft -> awaiting approval -> published (-> archived).
The rules live here once. What is particular to an app is added where it belongs: a resource's
first review date in ``Resource.prepare_publication``, a lesson pack's materials in
``resources.services.resource_publish``. Sending an item back to its editor is the admin form
(``portal.core.editing.PublishableFormMixin``): a status change with a comment.
"""

import datetime
import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q

from .vocabulary import PublicationStatus


class PublishableModel(models.Model):
    """The workflow fields a resource and a help service share."""

    status = models.CharField(
        max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was first published. Set when published."
    )
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="Optional: once published, it appears on the site only from this time.",
    )
    unpublish_at = models.DateTimeField(
        "unpublish at",
        null=True,
        blank=True,
        help_text="Optional: it disappears from the site at this time.",
    )
    review_comment = models.TextField(
        blank=True,
        help_text="A publisher's note when sending it back: what needs changing before approval.",
    )

    class Meta:
        abstract = True

    def prepare_publication(self, now: datetime.datetime) -> list[str]:
        """Set what publishing sets, without saving, and name the fields set.

        The one place for it: the publish action and the admin form (a publisher choosing
        "Published") both come here. A model with more to set extends it (a resource's first
        review date).
        """
        self.status = PublicationStatus.PUBLISHED
        # The first publication time is kept once set.
        self.published_at = self.published_at or now
        # The comment was about the version now approved; it has done its job.
        self.review_comment = ""
        return ["status", "published_at", "review_comment"]


def published_q(now: datetime.datetime, prefix: str = "") -> Q:
    """Rows the public may see at ``now``: published, and inside any publish/unpublish window.

    Checked at request time, so a scheduled publish or unpublish needs no cron job to be right.
    ``prefix`` reaches the fields across a relation, for example ``"service__"``.
    """
    return (
        Q(**{f"{prefix}status": PublicationStatus.PUBLISHED})
        & (Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now}))
        & (Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now}))
    )


class PublishableQuerySet(models.QuerySet):
    """Rows of a ``PublishableModel``, or of a model published through one.

    ``publishable_path`` reaches the publishable row across a relation: a contact route is as
    public as its service (``"service__"``).
    """

    publishable_path = ""

    def published(self, now: datetime.datetime):
        """What the public may see at ``now``: no default, so every caller says which moment."""
        return self.filter(published_q(now, prefix=self.publishable_path))

    def awaiting_approval(self):
        return self.filter(
            **{f"{self.publishable_path}status": PublicationStatus.AWAITING_APPROVAL}
        )


def is_public(item, now: datetime.datetime) -> bool:
    """The same test as ``published_q`` for one loaded row."""
    return (
        item.status == PublicationStatus.PUBLISHED
        and (item.publish_at is None or item.publish_at <= now)
        and (item.unpublish_at is None or item.unpublish_at > now)
    )


def publish_permission(model) -> str:
    """The permission to publish rows of ``model``, such as ``resources.publish_resource``."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model) -> bool:
    return bool(user and user.is_active and user.has_perm(publish_permission(model)))


def check_can_publish(user, model) -> None:
    if not can_publish(user, model):
        raise PermissionDenied(
            f"Only publishers can publish, unpublish, approve or archive "
            f"{model._meta.verbose_name_plural}."
        )


def item_save(item, user, fields: list[str]) -> None:
    # simple-history reads the user from here when there is no request (actions, commands).
    item._history_user = user
    item.save(update_fields=[*fields, "updated_at"])


def item_submit(*, item, user) -> None:
    """An editor asks for a draft to be approved."""
    if item.status != PublicationStatus.DRAFT:
        raise ValidationError("Only drafts can be submitted for approval.")
    item.status = PublicationStatus.AWAITING_APPROVAL
    item_save(item, user, ["status"])


def item_publish(*, item, user, now: datetime.datetime) -> None:
    """Publish (approve) an item."""
    check_can_publish(user, type(item))
    item_save(item, user, item.prepare_publication(now))


def item_unpublish(*, item, user) -> None:
    """Take an item off the public site, back to draft."""
    check_can_publish(user, type(item))
    item.status = PublicationStatus.DRAFT
    item_save(item, user, ["status"])


def item_archive(*, item, user) -> None:
    check_can_publish(user, type(item))
    item.status = PublicationStatus.ARCHIVED
    item_save(item, user, ["status"])


def preview_headers(view):
    """For a staff preview of a page that may not be public: never indexed, never stored."""

    @functools.wraps(view)
    def preview(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    return preview
