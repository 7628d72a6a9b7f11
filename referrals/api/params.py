"""The API's query parameters: what each means, how it is read, and the filter it applies.

Names and meanings are the standard's (ORUK ``openapi.json``, ``components.parameters``), read
literally: ``minimum_age=12`` is "services whose minimum age is at least 12", and
``start_time=09:00`` "services with a weekly session opening at 09:00 or later". A value we
cannot read is answered with a 400 that says what was expected, never guessed at.
"""

import datetime
import math
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Avg, Exists, FloatField, OuterRef, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from portal.core.search import all_words_in, search_words
from portal.core.vocabulary import AudienceCode
from resources.models import Topic

from . import oruk

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_AGE = 150
MAX_PROXIMITY = 1_000_000
# Metres in a degree of latitude (and of longitude at the equator), on a sphere of the earth's
# mean radius: near enough for "within 5 km of a postcode".
METRES_PER_DEGREE = 6_371_000 * math.pi / 180
ALL_DAY_OPENS = datetime.time(0, 0)
ALL_DAY_CLOSES = datetime.time(23, 59)

BYDAY_NAMES = {
    **{code: weekday for weekday, code in enumerate(oruk.BYDAY)},
    **{name.upper(): weekday for weekday, name in enumerate(oruk.DAY_NAMES)},
}


class ApiError(ValueError):
    """A request we cannot answer as asked: a 400 with this message."""


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    schema: dict = field(default_factory=lambda: {"type": "string"})

    def read(self, query):
        raw = query.get(self.name, "")
        if raw == "":
            return None
        return getattr(self, f"_read_{self.name}", lambda text: text)(raw)

    def openapi(self) -> dict:
        return {
            "name": self.name,
            "in": "query",
            "required": False,
            "description": self.description,
            "schema": self.schema,
        }


def _whole_number(name, text, minimum, maximum):
    if not re.fullmatch(r"[0-9]{1,9}", text) or not minimum <= int(text) <= maximum:
        raise ApiError(f"{name} must be a whole number from {minimum} to {maximum}.")
    return int(text)


def _age(name, text):
    if not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,6})?", text) or float(text) > MAX_AGE:
        raise ApiError(f"{name} must be an age in years, a number from 0 to {MAX_AGE}.")
    return float(text)


def _uuid(name, text):
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise ApiError(f"{name} must be a UUID, such as one from /taxonomy_terms.") from None


def _time(name, text):
    if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?", text):
        raise ApiError(f"{name} must be a time as HH:MM, in UK local time, such as 09:30.")
    return datetime.time.fromisoformat(text)


class Page(Parameter):
    def read(self, query):
        value = super().read(query)
        return 1 if value is None else _whole_number(self.name, value, 1, 999_999_999)


class PerPage(Parameter):
    def read(self, query):
        value = super().read(query)
        return (
            DEFAULT_PER_PAGE if value is None else _whole_number(self.name, value, 1, MAX_PER_PAGE)
        )


class Age(Parameter):
    def read(self, query):
        value = super().read(query)
        return None if value is None else _age(self.name, value)


class Id(Parameter):
    def read(self, query):
        value = super().read(query)
        return None if value is None else _uuid(self.name, value)


class Time(Parameter):
    def read(self, query):
        value = super().read(query)
        return None if value is None else _time(self.name, value)


class Postcode(Parameter):
    def read(self, query):
        from referrals.models import normalise_postcode

        value = super().read(query)
        if value is None:
            return None
        try:
            return normalise_postcode(value[:20])
        except ValidationError:
            raise ApiError("postcode must be a UK postcode, such as NR1 2AB.") from None


class Proximity(Parameter):
    def read(self, query):
        value = super().read(query)
        return None if value is None else _whole_number(self.name, value, 1, MAX_PROXIMITY)


class Day(Parameter):
    def read(self, query):
        value = super().read(query)
        if value is None:
            return None
        try:
            return BYDAY_NAMES[value.strip().upper()]
        except KeyError:
            raise ApiError(
                "day must be a day of the week: MO to SU, or Monday to Sunday."
            ) from None


PAGING = [
    Page("page", "Page number of paginated result, from 1.", {"type": "integer", "minimum": 1}),
    PerPage(
        "per_page",
        f"Number of results in a page: 1 to {MAX_PER_PAGE}, {DEFAULT_PER_PAGE} if not given.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    ),
]

SERVICE_FILTERS = [
    Parameter(
        "search",
        "Full text search: services whose name, summary, description or provider contain every "
        "word.",
    ),
    Id(
        "taxonomy_term_id",
        "Services with this taxonomy term (a topic or an audience).",
        {"type": "string", "format": "uuid"},
    ),
    Id(
        "taxonomy_id",
        "Services with any term of this taxonomy (Topics or Audiences).",
        {"type": "string", "format": "uuid"},
    ),
    Age(
        "minimum_age",
        "Services with a minimum age of at least this (no minimum counts as 0).",
        {"type": "number", "minimum": 0, "maximum": MAX_AGE},
    ),
    Age(
        "maximum_age",
        "Services with a maximum age of this or below (services without a "
        "maximum age are left out).",
        {"type": "number", "minimum": 0, "maximum": MAX_AGE},
    ),
    Time(
        "start_time",
        "Services with a weekly session opening at this time or later (HH:MM, "
        "UK local time; a 24-hour session opens at 00:00).",
        {"type": "string", "format": "time"},
    ),
    Time(
        "end_time",
        "Services with a weekly session closing at this time or earlier (HH:MM, "
        "UK local time; a 24-hour session closes at 23:59).",
        {"type": "string", "format": "time"},
    ),
    Day(
        "day",
        "Services with a weekly session on this day: MO, TU, WE, TH, FR, SA or SU (or "
        "the day's name). With start_time and end_time, the same session must match all three.",
        {"type": "string", "enum": list(oruk.BYDAY)},
    ),
]


def read(query, parameters) -> dict:
    """The parameters' values from a request's query (``None`` when absent or empty)."""
    return {parameter.name: parameter.read(query) for parameter in parameters}


def filter_services(services, values: dict):
    """``services`` narrowed by the standard's filters, as read by ``read()``."""
    from referrals.models import OpeningSession, Service, TaggedService

    if values["search"] is not None:
        words = search_words(values["search"])
        if not words:
            return services.none()
        services = services.filter(
            all_words_in(words, "name", "summary", "description", "provider")
        )

    audience_links = Service.audiences.through.objects
    term_id = values["taxonomy_term_id"]
    if term_id is not None:
        audience = _audience_for(term_id)
        if audience is not None:
            services = services.filter(
                pk__in=audience_links.filter(audience_id=audience).values("service_id")
            )
        else:
            topic_pk = _topic_pk_for(term_id)
            services = services.filter(
                pk__in=TaggedService.objects.filter(tag_id=topic_pk).values("content_object_id")
            )

    taxonomy_id = values["taxonomy_id"]
    if taxonomy_id == oruk.TOPICS_TAXONOMY_ID:
        services = services.filter(pk__in=TaggedService.objects.values("content_object_id"))
    elif taxonomy_id == oruk.AUDIENCES_TAXONOMY_ID:
        services = services.filter(pk__in=audience_links.values("service_id"))
    elif taxonomy_id is not None:
        return services.none()

    if values["minimum_age"] is not None:
        # Ages are whole years: "at least 12.5" is "at least 13".
        services = services.alias(_minimum_age=Coalesce("min_age", Value(0))).filter(
            _minimum_age__gte=math.ceil(values["minimum_age"])
        )
    if values["maximum_age"] is not None:
        services = services.filter(max_age__lte=math.floor(values["maximum_age"]))

    session_matches = _session_filter(values["day"], values["start_time"], values["end_time"])
    if session_matches is not None:
        sessions = OpeningSession.objects.filter(session_matches, route__service_id=OuterRef("pk"))
        services = services.filter(Exists(sessions))
    return services


def _session_filter(day, start_time, end_time) -> Q | None:
    if day is None and start_time is None and end_time is None:
        return None
    matches = Q()
    if day is not None:
        matches &= Q(weekday=day)
    # As published: a 24-hour session opens at 00:00 and closes at 23:59.
    if start_time is not None:
        opens = Q(all_day=False, opens__gte=start_time)
        matches &= (opens | Q(all_day=True)) if start_time <= ALL_DAY_OPENS else opens
    if end_time is not None:
        closes = Q(all_day=False, closes__lte=end_time)
        matches &= (closes | Q(all_day=True)) if end_time >= ALL_DAY_CLOSES else closes
    return matches


def _audience_for(term_id: str) -> str | None:
    return next(
        (code for code in AudienceCode.values if oruk.audience_term_id(code) == term_id), None
    )


def _topic_pk_for(term_id: str):
    """The topic whose derived identifier this is. Identifiers are derived, not stored, so the
    topics' keys are read (one small query) and each derived in turn."""
    for pk in Topic.objects.values_list("pk", flat=True):
        if oruk.topic_term_id(pk) == term_id:
            return pk
    return None


# ------------------------------------------------------------------------------
# /service_at_locations
# ------------------------------------------------------------------------------
PLACE_FILTERS = [
    Parameter(
        "search",
        "Full text search: every word in the service's name, summary, description or provider, "
        "or in the place's name, town or description.",
    ),
    *(parameter for parameter in SERVICE_FILTERS if parameter.name != "search"),
    Postcode(
        "postcode",
        "A UK postcode. Without proximity: places in the postcode's district (NR1 for NR1 2AB), "
        "and the places of national services (their service area, the United Kingdom, holds "
        "every postcode). A local service's online or phone places are not matched, because "
        "this API holds no postcode-to-council lookup. With proximity: see proximity.",
    ),
    Proximity(
        "proximity",
        f"Metres (1 to {MAX_PROXIMITY}) from the postcode: places with coordinates within this "
        "distance (on a sphere, to within about 1% in the UK), nearest first. Needs postcode, "
        "and the postcode must be one of a place's listed here, since this API knows no other "
        "postcode's whereabouts: otherwise a 400 says so.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PROXIMITY},
    ),
]


def filter_service_at_locations(places, values: dict):
    """``places`` (services at locations) narrowed by the standard's filters. With
    ``proximity``, each has a ``_distance`` to order by (nearest first)."""
    from referrals.models import (
        Location,
        LocationSession,
        OpeningSession,
        Service,
        ServiceAtLocation,
        ServiceAtLocationSession,
    )

    if values["search"] is not None:
        words = search_words(values["search"])
        if not words:
            return places.none()
        places = places.filter(
            all_words_in(
                words,
                "service__name",
                "service__summary",
                "service__description",
                "service__provider",
                "location__name",
                "location__town",
                "location__description",
            )
        )

    # Terms, taxonomies and ages are the service's, filtered as /services filters them.
    if any(values[name] is not None for name in _SERVICE_ONLY):
        only = {name: values[name] if name in _SERVICE_ONLY else None for name in values}
        places = places.filter(
            service__in=filter_services(Service.objects.all(), only).values("pk")
        )

    # Days and times: the service's own hours at the place, else the place's opening hours,
    # else (a place without hours, such as a website) the service's weekly sessions.
    session_matches = _session_filter(values["day"], values["start_time"], values["end_time"])
    if session_matches is not None:
        own = ServiceAtLocationSession.objects.filter(service_at_location_id=OuterRef("pk"))
        venue = LocationSession.objects.filter(location_id=OuterRef("location_id"))
        routes = OpeningSession.objects.filter(route__service_id=OuterRef("service_id"))
        places = places.filter(
            Exists(own.filter(session_matches))
            | (~Exists(own) & Exists(venue.filter(session_matches)))
            | (~Exists(own) & ~Exists(venue) & Exists(routes.filter(session_matches)))
        )

    postcode, proximity = values["postcode"], values["proximity"]
    if proximity is not None:
        if postcode is None:
            raise ApiError("proximity needs a postcode to measure from.")
        # Where the postcode is: its published places' coordinates (a draft's say nothing).
        centre = Location.objects.filter(
            postcode=postcode,
            latitude__isnull=False,
            longitude__isnull=False,
            pk__in=ServiceAtLocation.objects.published(timezone.now()).values("location_id"),
        ).aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
        if centre["latitude"] is None:
            raise ApiError(
                f"This API does not know where {postcode} is: proximity works from the "
                "postcodes of the places it lists. Leave out proximity to search the "
                "postcode's district."
            )
        return _within(places, float(centre["latitude"]), float(centre["longitude"]), proximity)
    if postcode is not None:
        district = postcode.split(" ")[0]
        places = places.filter(
            Q(location__postcode__startswith=f"{district} ") | Q(service__national=True)
        )
    return places


_SERVICE_ONLY = ("taxonomy_term_id", "taxonomy_id", "minimum_age", "maximum_age")


def _within(places, latitude: float, longitude: float, metres: int):
    """Places with coordinates within ``metres`` of a point. An equirectangular distance (in
    squared degrees, as ``_distance``), in plain arithmetic, so it runs in any database."""
    squeeze = math.cos(math.radians(latitude))
    north = Cast("location__latitude", FloatField()) - Value(latitude)
    east = (Cast("location__longitude", FloatField()) - Value(longitude)) * Value(squeeze)
    limit = (metres / METRES_PER_DEGREE) ** 2
    return (
        places.filter(location__latitude__isnull=False, location__longitude__isnull=False)
        .alias(_distance=north * north + east * east)
        .filter(_distance__lte=limit)
    )
