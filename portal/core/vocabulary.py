"""The fixed vocabulary both domains share.

Key stages are a statutory list and audiences a small fixed set, so they are defined here once,
in code. Each also has a database table (seeded by a migration from these lists) so content can
be linked to several of them and filtered with ordinary joins. Topics are different: an open
vocabulary that editors manage, so they live in the database only (``resources.Topic``).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class KeyStageInfo:
    code: str
    name: str
    short_name: str
    ages: str
    year_groups: str
    min_age: int
    max_age: int


KEY_STAGES: tuple[KeyStageInfo, ...] = (
    KeyStageInfo(
        "eyfs", "Early years foundation stage", "EYFS", "0 to 5", "Nursery and Reception", 0, 5
    ),
    KeyStageInfo("ks1", "Key stage 1", "KS1", "5 to 7", "Years 1 and 2", 5, 7),
    KeyStageInfo("ks2", "Key stage 2", "KS2", "7 to 11", "Years 3 to 6", 7, 11),
    KeyStageInfo("ks3", "Key stage 3", "KS3", "11 to 14", "Years 7 to 9", 11, 14),
    KeyStageInfo("ks4", "Key stage 4", "KS4", "14 to 16", "Years 10 and 11", 14, 16),
    KeyStageInfo("ks5", "Key stage 5", "KS5", "16 to 18", "Years 12 and 13", 16, 18),
)


class AudienceCode(models.TextChoices):
    """Who a resource, service or contact route is for. The values appear in public URLs."""

    PARENT = "parent", _("Parents and carers")
    YOUNG_PERSON = "young-person", _("Young people")
    PROFESSIONAL = "professional", _("Health and care professionals")
    SCHOOL_STAFF = "school-staff", _("School staff")


class PublicationStatus(models.TextChoices):
    """Where a resource or service is in the editors' workflow.

    Only published content is ever shown to the public, and only between its optional publish
    and unpublish times (``portal.core.publishing.published_q``). Editors move drafts to "awaiting
    approval"; only publishers move anything to or from "published" and "archived".
    """

    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting-approval", "Awaiting approval"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


# The statuses an editor (without the publish permission) may choose.
EDITOR_STATUSES = (PublicationStatus.DRAFT, PublicationStatus.AWAITING_APPROVAL)
