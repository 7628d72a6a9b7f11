"""The fixed vocabulary both domains share.

Key stages are a statutory list and audiences a small fixed set, so they are defined here once,
in code. Each also has a database table (seeded by a migration from these lists) so content can
be linked to several of them and filtered with ordinary joins. Topics are different: an open
vocabulary that editors manage, so they live in the database only (``resources.Topic``).

The words are English, as stored, and marked here for translation; ``in_page_language`` shows
them in the page's language wherever they appear.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _


def in_page_language(words: str) -> str:
    """A word of the fixed vocabulary in the page's language.

    The database rows (and ``KEY_STAGES``) keep the English words, which the catalogues
    translate because they are declared below. Words an editor has changed since are not in the
    catalogues and are shown as they are written.
    """
    # gettext("") would return the catalogue's header.
    return gettext(words) if words else words


# For labels decided once at import (form choices), translated when they are shown.
in_page_language_lazy = lazy(in_page_language, str)


class KeyStageWords:
    """A key stage's words in the page's language, for ``KeyStageInfo`` and the database's
    ``resources.KeyStage`` alike: pages show these, never the stored fields."""

    @property
    def display_name(self) -> str:
        return in_page_language(self.name)

    @property
    def display_short_name(self) -> str:
        return in_page_language(self.short_name)

    @property
    def display_ages(self) -> str:
        return in_page_language(self.ages)

    @property
    def display_year_groups(self) -> str:
        return in_page_language(self.year_groups)


@dataclass(frozen=True)
class KeyStageInfo(KeyStageWords):
    code: str
    name: str
    short_name: str
    ages: str
    year_groups: str
    min_age: int
    max_age: int


KEY_STAGES: tuple[KeyStageInfo, ...] = (
    KeyStageInfo(
        "eyfs",
        gettext_noop("Early years foundation stage"),
        gettext_noop("EYFS"),
        gettext_noop("0 to 5"),
        gettext_noop("Nursery and Reception"),
        0,
        5,
    ),
    KeyStageInfo(
        "ks1",
        gettext_noop("Key stage 1"),
        gettext_noop("KS1"),
        gettext_noop("5 to 7"),
        gettext_noop("Years 1 and 2"),
        5,
        7,
    ),
    KeyStageInfo(
        "ks2",
        gettext_noop("Key stage 2"),
        gettext_noop("KS2"),
        gettext_noop("7 to 11"),
        gettext_noop("Years 3 to 6"),
        7,
        11,
    ),
    KeyStageInfo(
        "ks3",
        gettext_noop("Key stage 3"),
        gettext_noop("KS3"),
        gettext_noop("11 to 14"),
        gettext_noop("Years 7 to 9"),
        11,
        14,
    ),
    KeyStageInfo(
        "ks4",
        gettext_noop("Key stage 4"),
        gettext_noop("KS4"),
        gettext_noop("14 to 16"),
        gettext_noop("Years 10 and 11"),
        14,
        16,
    ),
    KeyStageInfo(
        "ks5",
        gettext_noop("Key stage 5"),
        gettext_noop("KS5"),
        gettext_noop("16 to 18"),
        gettext_noop("Years 12 and 13"),
        16,
        18,
    ),
)


class AudienceCode(models.TextChoices):
    """Who a resource, service or contact route is for. The values appear in public URLs.

    The labels are also the names the ``resources.Audience`` rows are seeded with, so
    ``in_page_language`` translates a row's name by the same entry in the catalogues.
    """

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
