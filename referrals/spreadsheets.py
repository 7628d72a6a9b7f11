"""Help services and their contact routes (with weekly hours) in and out of spreadsheets.

Two sheets, as a council's directory usually is: services (one row each, found by slug) and
contact routes (one row each, found by UUID, or new when the UUID is empty, naming their
service by slug). Weekly hours are one cell in words a person can type:
``Mon-Fri 08:00-18:00; Sat 09:00-12:00`` or ``Mon-Sun 24 hours``. Dated exceptions are edited
in the admin.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from portal.core.spreadsheets import CodesWidget, SafeModelResource
from portal.core.vocabulary import PublicationStatus
from resources.models import Audience, Topic
from resources.spreadsheets import TopicNamesWidget

from .models import ContactRoute, OpeningSession, Service
from .phone_numbers import format_phone_number

DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SESSION = re.compile(
    r"^(?P<days>[a-z]{3})(?:\s*-\s*(?P<last>[a-z]{3}))?\s+"
    r"(?:(?P<all_day>24 hours)|(?P<opens>\d{1,2}:\d{2})\s*-\s*(?P<closes>\d{1,2}:\d{2}))$"
)


def hours_to_text(sessions) -> str:
    """Weekly sessions as ``Mon 08:00-18:00; Tue 08:00-18:00`` (one day each, in order)."""
    parts = []
    for session in sorted(sessions, key=lambda s: (s.weekday, s.opens or datetime.time(0))):
        day = DAY_CODES[session.weekday].capitalize()
        if session.all_day:
            parts.append(f"{day} 24 hours")
        else:
            parts.append(f"{day} {session.opens:%H:%M}-{session.closes:%H:%M}")
    return "; ".join(parts)


def parse_hours(text: str) -> list[tuple[int, datetime.time | None, datetime.time | None, bool]]:
    """``Mon-Fri 08:00-18:00; Sat 24 hours`` as (weekday, opens, closes, all_day) tuples."""
    sessions = []
    for part in (piece.strip() for piece in str(text or "").split(";")):
        if not part:
            continue
        match = _SESSION.match(part.lower())
        if (
            not match
            or match["days"][:3] not in DAY_CODES
            or (match["last"] and match["last"] not in DAY_CODES)
        ):
            raise ValueError(
                f"“{part}” is not a day and times: write it like “Mon-Fri 08:00-18:00” or "
                "“Sat 24 hours”, sessions separated by semicolons"
            )
        first = DAY_CODES.index(match["days"])
        last = DAY_CODES.index(match["last"]) if match["last"] else first
        if last < first:
            raise ValueError(f"“{part}”: the days run backwards")
        if match["all_day"]:
            opens = closes = None
        else:
            try:
                opens = datetime.time.fromisoformat(match["opens"].zfill(5))
                closes = datetime.time.fromisoformat(match["closes"].zfill(5))
            except ValueError:
                raise ValueError(f"“{part}”: times are 00:00 to 23:59") from None
            if opens == closes:
                raise ValueError(f"“{part}”: opening and closing times are the same")
        sessions.extend(
            (day, opens, closes, bool(match["all_day"])) for day in range(first, last + 1)
        )
    return sessions


class ServiceSpreadsheet(SafeModelResource):
    export_prefetch = ("audiences", "topics")
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
    uuid = fields.Field(attribute="uuid", column_name="uuid", readonly=True)
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta(SafeModelResource.Meta):
        model = Service
        name = "Help services"
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "provider",
            "summary",
            "description",
            "audiences",
            "min_age",
            "max_age",
            "extended_max_age",
            "extended_age_note",
            "area_served",
            "topics",
            "website",
            "how_to_refer",
            "consent_note",
            "uuid",
            "status",
        ]
        export_order = fields

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        self.refuse_unless_publisher(
            instance, kwargs.get("user"), "referrals.publish_service", "service"
        )
        if not instance.pk:
            instance.status = PublicationStatus.DRAFT


class ServiceSlugWidget(widgets.ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Service.DoesNotExist:
            raise ValueError(
                f"there is no service with the slug “{value}”: import the services first"
            ) from None


class NumberWidget(widgets.CharWidget):
    """Numbers as people dial them (0300 300 0123), never +44: a leading + is a formula to a
    spreadsheet. The model's own check stores them in international form."""

    def render(self, value, obj=None, **kwargs):
        return format_phone_number(value) if value else ""


class ContactRouteSpreadsheet(SafeModelResource):
    key_column = "uuid"
    export_prefetch = ("sessions", "audiences", "service")

    uuid = fields.Field(attribute="uuid", column_name="uuid")
    service = fields.Field(
        attribute="service",
        column_name="service",
        widget=ServiceSlugWidget(Service, "slug"),
    )
    number = fields.Field(attribute="number", column_name="number", widget=NumberWidget())
    audiences = fields.Field(
        attribute="audiences",
        column_name="audiences",
        widget=CodesWidget(Audience, "code", noun="audience"),
    )
    hours = fields.Field(column_name="hours")
    last_verified_on = fields.Field(
        attribute="last_verified_on",
        column_name="last_verified_on",
        readonly=True,
        widget=widgets.DateWidget(),
    )

    class Meta(SafeModelResource.Meta):
        model = ContactRoute
        name = "Contact routes with weekly hours"
        import_id_fields = ["uuid"]
        fields = [
            "uuid",
            "service",
            "kind",
            "label",
            "number",
            "url",
            "email",
            "audiences",
            "min_age",
            "max_age",
            "hours",
            "closed_on_bank_holidays",
            "what_happens",
            "good_to_know",
            "order",
            "last_verified_on",
        ]
        export_order = fields

    def row_key(self, row) -> str:
        if str(row.get("uuid") or "").strip():
            return super().row_key(row)
        service, label = (str(row.get(name) or "").strip().lower() for name in ("service", "label"))
        return f"a new route “{label}” of the service “{service}”" if label else ""

    def get_instance(self, instance_loader, row):
        # An empty UUID is a new route; a malformed one is the row's error, not a crash.
        value = str(row.get("uuid") or "").strip()
        if not value:
            return None
        try:
            return ContactRoute.objects.get(uuid=value)
        except (ContactRoute.DoesNotExist, ValidationError, ValueError):
            raise ValidationError(
                f"There is no contact route with the uuid “{value}”. Leave the uuid empty to "
                "add a new route."
            ) from None

    def init_instance(self, row=None):
        return ContactRoute()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "uuid" and not str(row.get("uuid") or "").strip():
            return  # a new route keeps the UUID it was given
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def dehydrate_hours(self, route):
        return hours_to_text(route.sessions.all())

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance._imported_hours = None
        if "hours" in row:
            try:
                instance._imported_hours = parse_hours(row["hours"])
            except ValueError as error:
                errors["hours"] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def _current_hours(self, instance):
        if not instance.pk:
            return []
        return [
            (session.weekday, session.opens, session.closes, session.all_day)
            for session in instance.sessions.all()
        ]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        hours = getattr(instance, "_imported_hours", None)
        if hours is not None and sorted(hours, key=str) != sorted(
            self._current_hours(instance), key=str
        ):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        hours = getattr(instance, "_imported_hours", None)
        if hours is None or sorted(hours, key=str) == sorted(
            self._current_hours(instance), key=str
        ):
            return
        # Each removed and added session is a revision of its own, like an admin edit.
        for session in instance.sessions.all():
            session.delete()
        for weekday, opens, closes, all_day in hours:
            OpeningSession.objects.create(
                route=instance, weekday=weekday, opens=opens, closes=closes, all_day=all_day
            )
