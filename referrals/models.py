import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import ItemBase

from portal.publishing import PublishableModel
from resources.models import Audience, Topic

from .phone_numbers import format_phone_number, normalise_phone_number
from .querysets import ContactRouteQuerySet, ServiceQuerySet


def age_range_text(min_age, max_age) -> str:
    """Ages in words: "0 to 19", "up to 19", "16 and over", or "" for no limit."""
    if min_age is not None and max_age is not None:
        return f"{min_age} to {max_age}"
    if max_age is not None:
        return f"up to {max_age}"
    if min_age is not None:
        return f"{min_age} and over"
    return ""


class TaggedService(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="service_links")
    content_object = models.ForeignKey(
        "Service", on_delete=models.CASCADE, related_name="topic_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_service_topic")
        ]


class Service(PublishableModel):
    """A service people can reach, such as a 0-19 health service or a parenting course."""

    # Identifiers other directories hold on to (Open Referral): never changes with name or slug.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="Part of the page's address.")
    provider = models.CharField(
        max_length=200, blank=True, help_text="The organisation that runs it."
    )
    summary = models.TextField(max_length=600, help_text="One or two sentences: what it offers.")
    description = models.TextField(blank=True, help_text="More about how it helps.")
    audiences = models.ManyToManyField(
        Audience, blank=True, related_name="services", help_text="Who can use it."
    )
    min_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Youngest age in years. Empty: no lower limit."
    )
    max_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Oldest age in years. Empty: no upper limit."
    )
    extended_max_age = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="A higher age limit for some groups, for example 25 for care leavers.",
    )
    extended_age_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who the higher limit is for, for example “care leavers and young people with "
        "learning disabilities”.",
    )
    area_served = models.CharField(max_length=200, blank=True)
    website = models.URLField(max_length=500, blank=True)
    topics = TaggableManager(
        through=TaggedService, blank=True, verbose_name="topics", related_name="services"
    )
    how_to_refer = models.TextField(blank=True, help_text="What to do, step by step.")
    consent_note = models.TextField(
        blank=True,
        help_text="Consent needed before referring, for example the parent's or young person's.",
    )
    alert = models.CharField(
        max_length=300,
        blank=True,
        help_text="A short-term notice shown above everything else, for example “The phone "
        "line is closed today: please use the text line”. Clear it when it no longer applies.",
    )
    order = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers are listed first."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        indexes = [models.Index(fields=["status", "order", "name"], name="service_status_order")]
        permissions = [
            ("publish_service", "Can publish, unpublish, approve and archive help services"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("referrals:service-detail", args=[self.slug])

    @property
    def age_range(self):
        return age_range_text(self.min_age, self.max_age)

    @property
    def audience_names(self):
        """Audiences in words ("parents and carers, young people"), from the prefetch."""
        return ", ".join(audience.name.lower() for audience in self.audiences.all())

    def clean(self):
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": "The oldest age must not be below the youngest."})
        if self.extended_max_age is not None and (
            self.max_age is None or self.extended_max_age <= self.max_age
        ):
            raise ValidationError(
                {"extended_max_age": "The higher age limit must be above the usual oldest age."}
            )


class ContactRoute(models.Model):
    """One way to reach a service: a phone line, a text line, a referral form..."""

    class Kind(models.TextChoices):
        PHONE = "phone", "Phone line"
        TEXT = "text", "Text line (SMS)"
        FORM = "form", "Referral form"
        EMAIL = "email", "Email"
        WEBCHAT = "webchat", "Web chat"
        APP = "app", "App"
        FORUM = "forum", "Online forum or community"
        WEBSITE = "website", "Website"
        HOSTED_FORM = "hosted_form", "Referral form on this site"

    NUMBER_KINDS = {Kind.PHONE, Kind.TEXT}
    URL_KINDS = {Kind.FORM, Kind.WEBCHAT, Kind.APP, Kind.FORUM, Kind.WEBSITE}
    # Someone has to be there to answer these, so people need to know when.
    HOURS_MATTER_KINDS = {Kind.PHONE, Kind.TEXT, Kind.WEBCHAT}
    # Both kinds of referral form: "Referral form" filters on /help/ find either.
    FORM_KINDS = {Kind.FORM, Kind.HOSTED_FORM}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="routes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    label = models.CharField(max_length=120, help_text="For example “Text line for parents”.")
    number = models.CharField(
        max_length=20,
        blank=True,
        help_text="Phone and text lines. Type it as people would (0300 300 0123); it is stored "
        "in international form and shown in the national one.",
    )
    url = models.URLField(
        max_length=500, blank=True, help_text="Forms, web chat, apps, forums and websites."
    )
    email = models.EmailField(blank=True, help_text="Email routes.")
    audiences = models.ManyToManyField(
        Audience,
        blank=True,
        related_name="contact_routes",
        help_text="Leave empty when it is for everyone the service is for.",
    )
    min_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty: the service's youngest age."
    )
    max_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty: the service's oldest age."
    )
    what_happens = models.TextField(
        blank=True, help_text="What happens when someone uses it, in plain words."
    )
    good_to_know = models.TextField(
        blank=True,
        help_text="Answers to what people ask before they get in touch: is it free, is it "
        "confidential, will it show on a phone bill, can a young person use it themselves.",
    )
    closed_on_bank_holidays = models.BooleanField(
        default=True,
        help_text="Untick for lines that keep their usual hours on bank holidays (24-hour lines).",
    )
    featured = models.BooleanField(
        default=False, help_text="Show in “Get help now” on the home page."
    )
    order = models.PositiveSmallIntegerField(default=100)
    last_verified_on = models.DateField(
        null=True, blank=True, help_text="When someone last checked these details."
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactRouteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "contact route"

    def __str__(self):
        return f"{self.label} ({self.service})" if self.service_id else self.label

    def clean(self):
        errors = {}
        if self.kind in self.NUMBER_KINDS:
            if not self.number:
                errors["number"] = "Phone and text lines need a number."
            else:
                try:
                    self.number = normalise_phone_number(self.number)
                except ValidationError as error:
                    errors["number"] = error.messages
        elif self.kind in self.URL_KINDS and not self.url:
            errors["url"] = "This kind of route needs a web address."
        elif self.kind == self.Kind.EMAIL and not self.email:
            errors["email"] = "Email routes need an email address."
        elif self.kind == self.Kind.HOSTED_FORM and not self._service_has_referral_form():
            errors["kind"] = (
                "Set up this service's referral form first (Referral forms in the admin): "
                "which questions it asks and who handles what arrives."
            )
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = "The oldest age must not be below the youngest."
        if errors:
            raise ValidationError(errors)

    def _service_has_referral_form(self) -> bool:
        # ReferralFormSettings is imported at the end of this module (referral_models.py).
        return bool(self.service_id) and (
            ReferralFormSettings.objects.filter(service_id=self.service_id).exists()
        )

    @property
    def display_value(self):
        """What people read: the number in national format, the address, or the link."""
        if self.kind == self.Kind.HOSTED_FORM:
            return self.href
        if self.kind in self.NUMBER_KINDS:
            return format_phone_number(self.number)
        if self.kind == self.Kind.EMAIL:
            return self.email
        return self.url

    @property
    def href(self):
        """Where tapping the route goes: ``tel:``, ``sms:``, ``mailto:`` or the web address."""
        if self.kind == self.Kind.PHONE:
            return f"tel:{self.number}"
        if self.kind == self.Kind.TEXT:
            return f"sms:{self.number}"
        if self.kind == self.Kind.EMAIL:
            return f"mailto:{self.email}"
        if self.kind == self.Kind.HOSTED_FORM:
            return reverse("referrals:referral-form", args=[self.service.slug])
        return self.url

    @property
    def audience_names(self):
        """The route's own audiences in words; empty when it is for the service's audiences."""
        return ", ".join(audience.name.lower() for audience in self.audiences.all())

    @property
    def own_age_range(self):
        """The route's ages where they differ from its service's ("" otherwise)."""
        if self.min_age is None and self.max_age is None:
            return ""
        return age_range_text(self.effective_min_age, self.effective_max_age)

    @property
    def effective_min_age(self):
        return self.min_age if self.min_age is not None else self.service.min_age

    @property
    def effective_max_age(self):
        return self.max_age if self.max_age is not None else self.service.max_age


class Weekday(models.IntegerChoices):
    # Python's date.weekday() numbering, so no conversion is ever needed.
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class HoursFields(models.Model):
    """Opening and closing times in London time, or the whole day.

    A closing time earlier than the opening time runs past midnight into the next day.
    """

    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    all_day = models.BooleanField("24 hours", default=False)

    class Meta:
        abstract = True

    def clean_hours(self):
        if self.all_day:
            self.opens = self.closes = None
            return
        if self.opens is None or self.closes is None:
            raise ValidationError("Give an opening and a closing time, or tick “24 hours”.")
        if self.opens == self.closes:
            raise ValidationError(
                "Opening and closing times are the same. For a line that never closes, tick "
                "“24 hours”."
            )


class OpeningSession(HoursFields):
    """A regular weekly opening, such as Monday 8am to 6pm. A day may have several."""

    route = models.ForeignKey(ContactRoute, on_delete=models.CASCADE, related_name="sessions")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = "weekly opening session"
        indexes = [models.Index(fields=["weekday", "route"], name="session_weekday_route")]
        constraints = [
            # Hours with no times would be neither open nor closed: refuse them at the source.
            models.CheckConstraint(
                condition=Q(all_day=True) | Q(opens__isnull=False, closes__isnull=False),
                name="session_has_hours",
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens}-{self.closes}"

    def clean(self):
        self.clean_hours()


class OpeningException(HoursFields):
    """Different hours on one date: closed, or special hours. Replaces that day's weekly hours."""

    route = models.ForeignKey(ContactRoute, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField()
    closed = models.BooleanField(default=False, help_text="Closed all day on this date.")
    note = models.CharField(
        max_length=120, blank=True, help_text="For example “Christmas Day” or “Staff training”."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "opens"]
        verbose_name = "dated exception"
        indexes = [models.Index(fields=["date", "route"], name="exception_date_route")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed=True)
                | Q(all_day=True)
                | Q(opens__isnull=False, closes__isnull=False),
                name="exception_has_hours_or_is_closed",
            )
        ]

    def __str__(self):
        return f"{self.date}: {'closed' if self.closed else f'{self.opens}-{self.closes}'}"

    def clean(self):
        if self.closed:
            self.opens = self.closes = None
            self.all_day = False
            return
        self.clean_hours()


# Referrals made on this site (personal, sensitive data: encrypted, access-controlled, purged on
# time) live in their own module; imported here so Django finds their models.
from .referral_models import (  # noqa: E402, F401
    Referral,
    ReferralAccessLog,
    ReferralFormSettings,
)
