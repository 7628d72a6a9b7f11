import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import ItemBase

from portal.core.publishing import PublishableModel
from resources.models import Audience, Topic

from .facts import NOTE_FIELDS, answer_field, fact_lines, note_field
from .opening_hours import Nation, Weekday
from .phone_numbers import format_phone_number, normalise_phone_number
from .querysets import (
    ContactRouteQuerySet,
    ProblemReportQuerySet,
    ServiceAlertQuerySet,
    ServiceAtLocationQuerySet,
    ServiceQuerySet,
)
from .translations import TranslatableModel


def age_range_text(min_age, max_age) -> str:
    """Ages in words: "0 to 19", "up to 19", "16 and over", or "" for no limit."""
    if min_age is not None and max_age is not None:
        return gettext("%(min_age)s to %(max_age)s") % {"min_age": min_age, "max_age": max_age}
    if max_age is not None:
        return gettext("up to %(max_age)s") % {"max_age": max_age}
    if min_age is not None:
        return gettext("%(min_age)s and over") % {"min_age": min_age}
    return ""


def audience_names(audiences) -> str:
    """ "parents and carers, young people", in the page's language, as resource pages name them
    (``Audience.display_name``)."""
    return ", ".join(audience.display_name.lower() for audience in audiences)


class TaggedService(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="service_links")
    content_object = models.ForeignKey(
        "Service", on_delete=models.CASCADE, related_name="topic_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_service_topic")
        ]


class Service(PublishableModel, TranslatableModel):
    """A service people can reach, such as a 0-19 health service or a parenting course."""

    # Its name and provider are proper names: they stay as the service writes them.
    translated_fields = (
        "summary",
        "description",
        "how_to_refer",
        "consent_note",
        "extended_age_note",
    )

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
    national = models.BooleanField(
        "available anywhere in the UK",
        default=False,
        help_text="Tick for national lines and websites: they are shown whatever area a family "
        "chooses.",
    )
    areas = models.ManyToManyField(
        "LocalAuthority",
        blank=True,
        related_name="services",
        verbose_name="local authority areas",
        help_text="The areas whose families can use it. Leave empty for national services.",
    )
    website = models.URLField(max_length=500, blank=True)
    topics = TaggableManager(
        through=TaggedService, blank=True, verbose_name="topics", related_name="services"
    )
    how_to_refer = models.TextField(blank=True, help_text="What to do, step by step.")
    consent_note = models.TextField(
        blank=True,
        help_text="Consent needed before referring, for example the parent's or young person's.",
    )
    holiday_nation = models.CharField(
        "bank holidays of",
        max_length=20,
        choices=Nation.choices,
        default=Nation.ENGLAND_AND_WALES,
        help_text="Whose bank holidays its lines close on: Scotland and Northern Ireland have "
        "days the others do not (St Andrew’s Day, 2 January, St Patrick’s Day, 12 July).",
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
        return audience_names(self.audiences.all())

    @property
    def area_names(self):
        """The areas whose families can use it, in words ("Norfolk or Suffolk"), or the
        free-text area when no local authority is recorded. From the prefetch."""
        names = [area.name for area in self.areas.all()]
        if not names:
            return self.area_served
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"

    def clean(self):
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": "The oldest age must not be below the youngest."})
        if self.extended_max_age is not None and (
            self.max_age is None or self.extended_max_age <= self.max_age
        ):
            raise ValidationError(
                {"extended_max_age": "The higher age limit must be above the usual oldest age."}
            )


class ContactRoute(TranslatableModel):
    """One way to reach a service: a phone line, a text line, a referral form..."""

    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone line")
        TEXT = "text", _("Text line (SMS)")
        FORM = "form", _("Referral form")
        EMAIL = "email", _("Email")
        WEBCHAT = "webchat", _("Web chat")
        APP = "app", _("App")
        FORUM = "forum", _("Online forum or community")
        WEBSITE = "website", _("Website")
        HOSTED_FORM = "hosted_form", _("Referral form on this site")

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
    # Before you get in touch: the questions young people ask, answered by editors from what the
    # service publishes (worded in referrals/facts.py). Empty means not known: shown as nothing.
    self_contact = answer_field("A young person can contact it themselves")
    self_contact_note = note_field()
    anonymous = answer_field("Anonymous: no name needed")
    anonymous_note = note_field()
    confidential = answer_field("Confidential")
    confidential_note = note_field()
    free_from_mobiles = answer_field("Free from mobiles")
    free_from_mobiles_note = note_field()
    off_phone_bill = answer_field("Does not show on the phone bill")
    off_phone_bill_note = note_field()
    parent_told = answer_field("A parent or carer is told")
    parent_told_note = note_field()
    featured = models.BooleanField(
        default=False, help_text="Show in “Get help now” on the home page."
    )
    crisis = models.BooleanField(
        "24-hour or crisis line",
        default=False,
        help_text="A national line that answers day and night or in a crisis (Childline, "
        "Samaritans). Pinned at the top of “Get help now” whatever the filters, and offered in "
        "“Who can help” on every guidance page when nothing else there is open.",
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

    translated_fields = ("label", "what_happens", "good_to_know", *NOTE_FIELDS)

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
        return audience_names(self.audiences.all())

    @property
    def own_age_range(self):
        """The route's ages where they differ from its service's ("" otherwise)."""
        if self.min_age is None and self.max_age is None:
            return ""
        return age_range_text(self.effective_min_age, self.effective_max_age)

    @property
    def fact_lines(self):
        """What is known about privacy and cost, as short sentences (blanks left out)."""
        return fact_lines(self)

    @property
    def effective_min_age(self):
        return self.min_age if self.min_age is not None else self.service.min_age

    @property
    def effective_max_age(self):
        return self.max_age if self.max_age is not None else self.service.max_age


class ServiceAlert(TranslatableModel):
    """A dated notice about a service or one of its routes ("Phone line closed today: please use
    the text line"), shown above it from ``starts_at`` until ``ends_at``, then gone without
    anyone editing it. One that says the route is closed closes it in the status and in
    "open now" while it shows."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="alerts")
    route = models.ForeignKey(
        ContactRoute,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alerts",
        help_text="Leave empty when it is about the whole service.",
    )
    message = models.CharField(
        max_length=300,
        help_text="One or two short sentences, for example “The phone line is closed today: "
        "please use the text line”.",
    )
    starts_at = models.DateTimeField("shown from", help_text="UK time.")
    ends_at = models.DateTimeField(
        "shown until",
        null=True,
        blank=True,
        help_text="UK time. It disappears then by itself. Leave empty only for a notice that "
        "stays until someone deletes it.",
    )
    route_closed = models.BooleanField(
        "closed while it shows",
        default=False,
        help_text="Tick when the route (with no route chosen: every way of reaching the "
        "service) is closed during the alert. It then reads “Closed” and is left out of "
        "“open now”, whatever its hours say.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    translated_fields = ("message",)

    objects = ServiceAlertQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "service alert"
        indexes = [models.Index(fields=["service", "ends_at"], name="alert_service_ends")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="alert_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.message

    def clean(self):
        errors = {}
        if self.route_id and self.service_id and self.route.service_id != self.service_id:
            errors["route"] = "Choose one of this service’s own routes."
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end must be after the start."
        if errors:
            raise ValidationError(errors)


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


class OpeningException(HoursFields, TranslatableModel):
    """Different hours on one date: closed, or special hours. Replaces that day's weekly hours."""

    route = models.ForeignKey(ContactRoute, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField()
    closed = models.BooleanField(default=False, help_text="Closed all day on this date.")
    note = models.CharField(
        max_length=120, blank=True, help_text="For example “Christmas Day” or “Staff training”."
    )

    # Families read the note beside the date ("Closed on Friday 26 December (Boxing Day)").
    translated_fields = ("note",)

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


# ------------------------------------------------------------------------------
# Where services are: the areas they cover and the places they are delivered
# ------------------------------------------------------------------------------
class LocalAuthority(models.Model):
    """A UK council area, by its ONS (GSS) code: the county or unitary authority that runs
    children's services there. Loaded from ``referrals/data/local_authorities.csv`` by
    ``manage.py refresh_local_authorities``, never typed in the admin."""

    code = models.CharField(max_length=9, primary_key=True, help_text="ONS code, e.g. E10000020.")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = "local authority area"

    def __str__(self):
        return self.name

    @property
    def uri(self):
        """The area's persistent identifier in the ONS statistical geography register."""
        return f"http://statistics.data.gov.uk/id/statistical-geography/{self.code}"


UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


def normalise_postcode(value: str) -> str:
    """ "nr1 2ab" becomes "NR1 2AB"; anything that is not a UK postcode is refused."""
    compact = re.sub(r"\s+", "", value or "").upper()
    match = UK_POSTCODE.match(compact)
    if not match:
        raise ValidationError("Enter a UK postcode, such as NR1 2AB.")
    return f"{match.group(1)} {match.group(2)}"


class Location(TranslatableModel):
    """Where a service is delivered: a venue people go to, or a virtual place (a phone line,
    a website) that is not anywhere in particular."""

    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("A place people go to")
        VIRTUAL = "virtual", _("Online or by phone")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)
    name = models.CharField(max_length=200, help_text="For example “Norwich Family Hub”.")
    description = models.TextField(
        blank=True, help_text="What is there, or how to find it, in a sentence or two."
    )
    address_1 = models.CharField(
        "address", max_length=200, blank=True, help_text="Building and street."
    )
    town = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True)
    latitude = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, help_text="WGS84, e.g. 52.628"
    )
    longitude = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, help_text="WGS84, e.g. 1.293"
    )
    url = models.URLField("web address", max_length=500, blank=True, help_text="For online places.")
    translated_fields = ("description", "accessibility")
    accessibility = models.TextField(
        blank=True,
        help_text="Step-free access, accessible toilets, hearing loops, parking: what someone "
        "would want to know before they come.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.address_1, self.town, self.county, self.postcode) if line]

    @property
    def has_address(self) -> bool:
        """Enough of an address to publish: the ORUK profile needs street, town, county and
        postcode."""
        return bool(self.address_1 and self.town and self.county and self.postcode)

    def clean(self):
        errors = {}
        if self.postcode:
            try:
                self.postcode = normalise_postcode(self.postcode)
            except ValidationError as error:
                errors["postcode"] = error.messages
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = "Give both the latitude and the longitude, or neither."
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = "A latitude is between -90 and 90."
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = "A longitude is between -180 and 180."
        if self.address_1 or self.town or self.postcode:
            for name in ("address_1", "town", "county", "postcode"):
                if not getattr(self, name):
                    errors.setdefault(
                        name, "An address needs the street, town, county and postcode."
                    )
        if self.kind == self.Kind.VIRTUAL and (self.address_1 or self.postcode):
            errors["address_1"] = (
                "Online and phone places have no address: choose “a place people go to”, or "
                "clear the address."
            )
        if errors:
            raise ValidationError(errors)


class LocationSession(HoursFields):
    """A place's own weekly opening hours (the building, not any one service in it)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="sessions")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(all_day=True) | Q(opens__isnull=False, closes__isnull=False),
                name="location_session_has_hours",
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens}-{self.closes}"

    def clean(self):
        self.clean_hours()


class ServiceAtLocation(TranslatableModel):
    """A service delivered at a place, for example a group that meets at a family hub on
    Tuesdays. Its own hours, when given, replace the place's for this service."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="service_at_locations"
    )
    description = models.TextField(
        blank=True, help_text="What happens there, for example “Drop-in clinic, no appointment”."
    )
    order = models.PositiveSmallIntegerField(default=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    translated_fields = ("description",)

    objects = ServiceAtLocationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "service at a location"
        verbose_name_plural = "services at locations"
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="unique_service_location")
        ]

    def __str__(self):
        if not (self.service_id and self.location_id):
            return "Service at a location"
        return f"{self.service} at {self.location}"

    def hours(self):
        """The sessions that apply: its own, or else the place's (from the prefetch)."""
        return list(self.sessions.all()) or list(self.location.sessions.all())

    @property
    def hours_text(self) -> str:
        """ "Tuesday 10am to 12pm" for a group's own hours, else the place's opening hours."""
        from .opening_hours import describe_sessions

        return describe_sessions(self.hours())


class ServiceAtLocationSession(HoursFields):
    """When a service is on at a place, where that differs from the place's opening hours."""

    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, related_name="sessions"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = "hours at this location"
        verbose_name_plural = "hours at this location"
        constraints = [
            models.CheckConstraint(
                condition=Q(all_day=True) | Q(opens__isnull=False, closes__isnull=False),
                name="service_at_location_session_has_hours",
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens}-{self.closes}"

    def clean(self):
        self.clean_hours()


class ProblemReport(models.Model):
    """Someone told us that a service's details on the site are wrong.

    Reports come from the public form on route and service pages. They change nothing that is
    published: they wait in the editors' queue, and an editor checks with the service, fixes the
    route in the admin and closes the report.
    """

    # Waiting in the editors' queue changes no public page: saving one keeps the page cache.
    shown_on_public_pages = False

    class Problem(models.TextChoices):
        WRONG_NUMBER = "wrong-number", _("The phone number, text number or web address is wrong")
        WRONG_HOURS = "wrong-hours", _("The opening hours are wrong")
        CLOSED = "closed", _("The service has closed, or no longer offers this")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", "New"
        CHECKED = "checked", "Checked"
        FIXED = "fixed", "Fixed"
        NOT_A_PROBLEM = "not-a-problem", "Not a problem"

    OPEN_STATUSES = (Status.NEW, Status.CHECKED)
    DETAIL_MAX_LENGTH = 1000

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="problem_reports")
    route = models.ForeignKey(
        ContactRoute,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problem_reports",
        help_text="The way to get in touch it is about. Empty: the service as a whole.",
    )
    problem = models.CharField("what is wrong", max_length=20, choices=Problem.choices)
    detail = models.TextField(
        "details", max_length=DETAIL_MAX_LENGTH, blank=True, help_text="As the person typed it."
    )
    reply_email = models.EmailField(
        "reply address",
        blank=True,
        help_text="Given only by people who want an answer. Not kept in the history.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        help_text="New: nobody has looked yet. Checked: someone is finding out. Fixed: the "
        "details are corrected. Not a problem: the details were right.",
    )
    editor_note = models.TextField(
        blank=True, help_text="What you checked or changed. Only editors see it."
    )
    created_at = models.DateTimeField("received", default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProblemReportQuerySet.as_manager()
    # The reply address is personal data: the current row holds it, no revision copies it.
    history = HistoricalRecords(excluded_fields=["reply_email"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "reported problem"
        indexes = [models.Index(fields=["status", "created_at"], name="problemreport_status")]

    def __str__(self):
        return f"{self.get_problem_display()}: {self.subject}"

    @property
    def subject(self) -> str:
        """What the report is about, in words: the route and its service, or the service."""
        if self.route_id:
            return f"{self.route.label} ({self.service.name})"
        return self.service.name

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


# Referrals made on this site (personal, sensitive data: encrypted, access-controlled, purged on
# time) live in their own module; imported here so Django finds their models.
from .referral_models import (  # noqa: E402, F401
    Referral,
    ReferralAccessLog,
    ReferralFormSettings,
)
