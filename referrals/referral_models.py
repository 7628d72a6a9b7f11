"""Referrals made on this site, who handles them, and the log of everyone who saw them.

Imported by ``referrals/models.py``; kept apart because a referral is personal, sensitive data
about a child and follows different rules from the public directory: every answer encrypted at
rest (``referrals/encryption.py``), seen only by the service's referral handlers, every view,
export and change logged, and deleted on time (``manage.py purge_referrals``).
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .encryption import EncryptedDateField, EncryptedIntegerField, EncryptedTextField
from .phone_numbers import format_phone_number

# A reference people can read out on the phone: no 0/O, 1/I/L or U, which are misheard.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PATTERN = r"REF-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}"

CONCERN_MAX_LENGTH = 5000
SHORT_ANSWER_MAX_LENGTH = 200


def new_reference() -> str:
    """``REF-7K3M-9QXD``: 30^8 (about 6.5 x 10^11) possibilities from the system's CSPRNG.

    A reference opens nothing on its own (there is no public look-up), so it only needs to be
    unguessable enough not to hint at how many referrals there are, and easy to quote."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"REF-{chars[:4]}-{chars[4:]}"


class ReferralFormSettings(models.Model):
    """A service's referral form on this site: which questions it asks, what consent it needs,
    who handles what arrives, and how long it is kept after it is closed."""

    service = models.OneToOneField(
        "referrals.Service", on_delete=models.CASCADE, related_name="referral_form"
    )
    ask_role = models.BooleanField(
        "Ask who is referring",
        default=True,
        help_text="A professional, a parent or carer, or the young person themselves.",
    )
    ask_relationship = models.BooleanField("Ask their relationship to the child", default=True)
    ask_child_age = models.BooleanField("Ask the child's age or date of birth", default=True)
    ask_school = models.BooleanField("Ask the child's school", default=True)
    ask_consent = models.BooleanField(
        "Ask what consent has been given",
        default=True,
        help_text="By the parent or carer, and by the young person.",
    )
    require_parent_consent = models.BooleanField(
        "The parent or carer must agree",
        default=False,
        help_text="Refuse referrals unless the referrer says the parent or carer agrees.",
    )
    require_young_person_consent = models.BooleanField(
        "The young person must agree",
        default=False,
        help_text="Refuse referrals unless the referrer says the young person agrees.",
    )
    ask_contact = models.BooleanField(
        "Ask how and when to contact the referrer",
        default=True,
        help_text="Name, phone, email, the best way and times, and whether a message is safe.",
    )
    ask_urgency = models.BooleanField("Ask whether it is urgent", default=True)
    duty_line_name = models.CharField(
        "Children's services duty line: whose",
        max_length=120,
        blank=True,
        help_text="For example “Hertfordshire Children's Services”. Shown in the emergency "
        "notice above the form.",
    )
    duty_line_number = models.CharField(
        "Children's services duty line: number",
        max_length=20,
        blank=True,
        help_text="The local council's published number for worries about a child's safety. "
        "Leave empty rather than guess: the notice then says to contact the local council.",
    )
    handlers = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="referral_forms",
        verbose_name="referral handlers",
        help_text="Only members of this group see the service's referrals, and they are "
        "e-mailed when one arrives. Leave empty to create a group for this service.",
    )
    team_email = models.EmailField(
        blank=True,
        help_text="A shared team inbox told about each new referral too (the e-mail says only "
        "that one arrived, with a link: never what it says).",
    )
    retention_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Days a referral is kept after it is closed (accepted, signposted or "
        "closed), then deleted. Empty: the site's default "
        "(REFERRAL_RETENTION_DAYS, 90 days unless set).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "referral form"
        verbose_name_plural = "referral forms"
        permissions = [
            (
                "manage_referral_access",
                "Can choose who handles a service's referrals and how long they are kept",
            )
        ]

    def __str__(self):
        return f"Referral form: {self.service}" if self.service_id else "Referral form"

    @property
    def retention(self) -> datetime.timedelta:
        return datetime.timedelta(days=self.retention_days or settings.REFERRAL_RETENTION_DAYS)

    @property
    def asks_consent(self) -> bool:
        return self.ask_consent or self.require_parent_consent or self.require_young_person_consent

    @property
    def duty_line_display(self) -> str:
        return format_phone_number(self.duty_line_number) if self.duty_line_number else ""

    def clean(self):
        from .phone_numbers import normalise_phone_number

        if self.duty_line_number:
            try:
                self.duty_line_number = normalise_phone_number(self.duty_line_number)
            except ValidationError as error:
                raise ValidationError({"duty_line_number": error.messages}) from None


class ReferralStatus(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    ACCEPTED = "accepted", "Accepted"
    SIGNPOSTED = "signposted", "Signposted elsewhere"
    CLOSED = "closed", "Closed"


# The referral has an outcome: the retention period runs from the moment it reached one.
FINAL_STATUSES = frozenset(
    {ReferralStatus.ACCEPTED, ReferralStatus.SIGNPOSTED, ReferralStatus.CLOSED}
)


class ReferrerRole(models.TextChoices):
    PROFESSIONAL = "professional", _("A professional (for example a teacher, GP or social worker)")
    PARENT = "parent", _("A parent or carer of the child")
    YOUNG_PERSON = "young_person", _("The young person themselves")


class Consent(models.TextChoices):
    YES = "yes", _("Yes, they agree")
    NO = "no", _("No, they do not agree")
    NOT_ASKED = "not_asked", _("Not asked yet")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals of the services whose referral handlers group ``user`` belongs to.

        Superusers are no exception: seeing a child's referral takes membership of that
        service's group, which itself leaves a record (the admin's log of group changes)."""
        if not (user and user.is_authenticated and user.is_active and user.is_staff):
            return self.none()
        return self.filter(service__referral_form__handlers__in=user.groups.values("pk"))

    def due_for_deletion(self, now: datetime.datetime, *, default_days: int):
        """Closed referrals whose service's retention period has run out at ``now``: due the
        moment ``closed_at + period <= now``. Open referrals are never due."""
        periods = set(
            ReferralFormSettings.objects.exclude(retention_days=None).values_list(
                "retention_days", flat=True
            )
        )
        due = Q(service__referral_form__retention_days=None) | Q(
            service__referral_form__isnull=True
        )
        due &= Q(closed_at__lte=now - datetime.timedelta(days=default_days))
        for days in periods:
            due |= Q(
                service__referral_form__retention_days=days,
                closed_at__lte=now - datetime.timedelta(days=days),
            )
        return self.filter(closed_at__isnull=False).filter(due)

    def open_since_before(self, moment: datetime.datetime):
        """Referrals still without an outcome that arrived before ``moment``."""
        return self.filter(closed_at__isnull=True, received_at__lt=moment)


class Referral(models.Model):
    """One referral, as sent through a service's form on this site.

    Everything the referrer typed or chose is encrypted at rest; ``None`` means the form did
    not ask. Only the reference, the service, the times, the status, ``urgent`` (so the team
    can see what to open first) and the assignment are stored in the clear: none says anything
    about the child.
    """

    # Only handlers see referrals: sending one changes no public page (the page cache stays).
    shown_on_public_pages = False

    reference = models.CharField(max_length=14, unique=True, editable=False)
    service = models.ForeignKey(
        "referrals.Service", on_delete=models.PROTECT, related_name="referrals"
    )
    received_at = models.DateTimeField(editable=False)
    urgent = models.BooleanField(default=False, help_text="The referrer said it is urgent.")
    status = models.CharField(
        max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.NEW
    )
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When it was accepted, signposted or closed: the retention period runs "
        "from here.",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_referrals",
    )
    notes = EncryptedTextField(
        blank=True, default="", help_text="The team's notes. Kept in the history with who and when."
    )

    # The referrer's answers, encrypted. None: the form did not ask.
    referrer_role = EncryptedTextField(
        "who is referring", null=True, blank=True, choices=ReferrerRole.choices
    )
    relationship = EncryptedTextField("relationship to the child", null=True, blank=True)
    child_age = EncryptedIntegerField("child's age", null=True, blank=True)
    child_date_of_birth = EncryptedDateField("child's date of birth", null=True, blank=True)
    school = EncryptedTextField("child's school", null=True, blank=True)
    concern = EncryptedTextField("the concern")
    parent_consent = EncryptedTextField(
        "the parent or carer agrees", null=True, blank=True, choices=Consent.choices
    )
    young_person_consent = EncryptedTextField(
        "the young person agrees", null=True, blank=True, choices=Consent.choices
    )
    referrer_name = EncryptedTextField("referrer's name", null=True, blank=True)
    referrer_phone = EncryptedTextField("referrer's phone", null=True, blank=True)
    referrer_email = EncryptedTextField("referrer's email", null=True, blank=True)
    contact_method = EncryptedTextField(
        "best way to contact them", null=True, blank=True, choices=ContactMethod.choices
    )
    contact_times = EncryptedTextField("best times to contact them", null=True, blank=True)
    safe_to_leave_message = EncryptedTextField(
        "safe to leave a message", null=True, blank=True, choices=YesNo.choices
    )

    objects = ReferralQuerySet.as_manager()
    # The history table has the same encrypted columns, and a purged referral's history goes
    # with it (cascade_delete_history): nothing outlives the retention period.
    history = HistoricalRecords(cascade_delete_history=True)

    # Fields a referral's answers are made of, in the order the form asks them.
    ANSWER_FIELDS = (
        "referrer_role",
        "relationship",
        "child_age",
        "child_date_of_birth",
        "school",
        "concern",
        "parent_consent",
        "young_person_consent",
        "referrer_name",
        "referrer_phone",
        "referrer_email",
        "contact_method",
        "contact_times",
        "safe_to_leave_message",
    )

    class Meta:
        ordering = ["-urgent", "-received_at"]
        indexes = [
            models.Index(fields=["service", "status"], name="referral_service_status"),
            models.Index(fields=["closed_at"], name="referral_closed_at"),
        ]

    def __str__(self):
        # The admin's action log and messages use this: never anything personal.
        return self.reference

    @classmethod
    def encrypted_fields(cls):
        return [
            field for field in cls._meta.concrete_fields if isinstance(field, EncryptedTextField)
        ]

    def record_status(self, now: datetime.datetime) -> None:
        """Keep ``closed_at`` in step with the status: set when it first reaches an outcome,
        cleared if it is reopened."""
        if self.status in FINAL_STATUSES:
            self.closed_at = self.closed_at or now
        else:
            self.closed_at = None


class ReferralAccessLog(models.Model):
    """Who saw, exported or changed which referral, and when. Never what it says.

    Rows outlive the referral (its reference is kept), so the log still answers "who opened
    REF-7K3M-9QXD?" after the referral itself has been deleted."""

    shown_on_public_pages = False

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        EXPORTED = "exported", "Exported"
        CHANGED = "changed", "Changed"
        HISTORY_VIEWED = "history_viewed", "Viewed the history"
        DELETED = "deleted", "Deleted at the end of its retention period"

    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="Kept in case the account is deleted."
    )
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="access_log"
    )
    reference = models.CharField(max_length=14, db_index=True)
    service = models.ForeignKey(
        "referrals.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    detail = models.CharField(
        max_length=300, blank=True, help_text="Which fields changed (never their values)."
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "referral access log entry"
        verbose_name_plural = "referral access log"

    def __str__(self):
        who = self.username or "the system"
        return f"{self.reference}: {self.get_action_display().lower()} by {who}"
