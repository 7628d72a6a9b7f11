"""Our help directory in the shape of the Open Referral UK profile 3.0 (HSDS 3.0).

Pure functions from prefetched model instances to JSON-ready dicts: no queries of their own.

Identifiers never change when a name or slug does. Services and contact routes have their own
``uuid``. Rows without one (topics, opening sessions, dated exceptions) get a UUID derived with
``uuid5`` from a fixed namespace and their primary key; what exists once per service (its
organisation, its area) or once per route (its phone, its web address) from that service's or
route's ``uuid``. Audiences are keyed by their code, which is their primary key.

How our data maps (see README "Open data"):

- Phone and text lines are ``phones`` (``type`` "voice" or "text", the HSDS types for calls and
  SMS), each also nested in a ``contacts`` entry for its route; email routes are contacts with an
  ``email``, and the first one is also the service's ``email``.
- Forms, web chat, apps, forums and websites are ``additional_urls`` (the HSDS url object);
  the service's ``url`` is its website, or else its first website route.
- Weekly opening sessions are ``schedules`` with ``freq`` WEEKLY, ``byday`` and London
  wall-clock ``opens_at``/``closes_at`` (a UK time's offset changes in summer, so none is
  given; ``notes`` says so). "24 hours" is 00:00 to 23:59. A closing time before the opening
  time runs past midnight, as in the portal.
- Dated exceptions are one-day schedules (``valid_from`` = ``valid_to`` = ``dtstart``); a
  closed day has a description saying so and no opening times.
- Ages are ``minimum_age``/``maximum_age``; a higher limit for some groups is described in
  ``eligibility_description``.
- Topics are terms of our "Topics" taxonomy and audiences of our "Audiences" taxonomy, linked
  to services (and to routes with their own audiences) as ``attributes``.
- A route's confidentiality facts (can a young person get in touch themselves, anonymous,
  confidential, free from mobiles, off the phone bill, a parent told) are ``attributes`` of its
  contact or URL with terms of our own taxonomy "portal-route-facts": the attribute's ``value``
  is "yes", "no" or "depends" and its ``label`` the plain-language sentence the site shows. A
  fact not known is left out, never sent as a guess. A 24-hour or crisis line (listed first on
  /help/ whatever the filters) has the same taxonomy's term "crisis", value "yes"; other routes
  have no such attribute.
- Service alerts showing at the moment of the request make up the service's ``alert``: one
  line each, a single route's prefixed with its label.
- Places are ``location``s (``physical`` venues, or ``virtual`` ones: a phone line, a website),
  each with one ``address`` when its street, town, county and postcode are known, its access
  notes as one ``accessibility`` entry, and its own opening hours as HSDS 3 location
  ``schedules`` (with ``location_id``). A service at a place is a ``service_at_location``; its
  hours (its own, or else the place's) are schedules with ``service_at_location_id``, in the
  service's ``schedules`` as the UK profile has them, and in the service at location's own.
- Areas are ``service_areas``: one per local authority, named and identified by the ONS
  register's URI; a national service has one for the United Kingdom; a service with neither
  keeps the editors' free-text area.
"""

import datetime
import uuid

import phonenumbers
from django.urls import reverse

from referrals.facts import FACTS, FACTS_BY_CODE
from referrals.models import ContactRoute
from referrals.opening_hours import (
    DAY_NAMES,
    describe_hours,
    format_date,
    format_hours,
    showing_alerts,
)

# Fixed for ever: changing it would change every derived identifier.
NAMESPACE = uuid.UUID("f25afed3-6900-4a92-9ce2-91732992fd55")

ORUK_VERSION = "3.0"
ORUK_PROFILE_URL = "https://openreferraluk.org/"

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PHONE_TYPES = {ContactRoute.Kind.PHONE: "voice", ContactRoute.Kind.TEXT: "text"}
ATTENDING_TYPES = {
    ContactRoute.Kind.PHONE: "phone",
    ContactRoute.Kind.TEXT: "text message",
    ContactRoute.Kind.WEBCHAT: "online",
}
TIMES_NOTE = "Times are UK local time (Europe/London)."

UNITED_KINGDOM_URI = "http://statistics.data.gov.uk/id/statistical-geography/K02000001"
ATTENDING_AT = {"physical": "in person", "virtual": "online or by phone"}

TOPICS_TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:topics"))
AUDIENCES_TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:audiences"))
ROUTE_FACTS_TAXONOMY = "portal-route-facts"
ROUTE_FACTS_TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:route-facts"))


def derived_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def topic_term_id(topic_pk) -> str:
    return derived_id("topic", topic_pk)


def audience_term_id(audience_code) -> str:
    return derived_id("audience", audience_code)


def route_fact_term_id(code) -> str:
    return derived_id("route-fact", code)


def timestamp(value: datetime.datetime) -> str:
    """UTC with milliseconds, as the standard's examples: 2023-03-15T10:30:45.123Z."""
    return value.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _compact(data: dict) -> dict:
    """Leave out what we do not know rather than send empty strings or nulls."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


# ------------------------------------------------------------------------------
# Taxonomies
# ------------------------------------------------------------------------------
def taxonomies(build_uri) -> list[dict]:
    return [
        {
            "id": TOPICS_TAXONOMY_ID,
            "name": "Topics",
            "description": (
                "Subjects such as consent or online safety, shared by the portal's help services "
                "and its guidance. An open vocabulary that the portal's editors manage."
            ),
            "uri": build_uri(reverse("resources:resource-list")),
        },
        {
            "id": AUDIENCES_TAXONOMY_ID,
            "name": "Audiences",
            "description": "Who a service, or one way of reaching it, is for.",
            "uri": build_uri(reverse("referrals:help")),
        },
        {
            "id": ROUTE_FACTS_TAXONOMY_ID,
            "name": ROUTE_FACTS_TAXONOMY,
            "description": (
                "What young people ask before they get in touch, per way of reaching a service "
                "(a phone line, a text line...). Each term is a question; an attribute with the "
                'term answers it for one contact or URL, with value "yes", "no" or '
                '"depends" and a label in plain words. A question with no attribute is not '
                'known. One term is not a question: "crisis", value "yes", marks the lines '
                "that answer day and night or in a crisis, which the portal lists first."
            ),
            "uri": build_uri(reverse("referrals:help")),
        },
    ]


def topic_term(topic, build_uri) -> dict:
    return {
        "id": topic_term_id(topic.pk),
        "name": topic.name,
        "description": topic.description or f"Help and guidance about {topic.name.lower()}.",
        "taxonomy": "Topics",
        "taxonomy_id": TOPICS_TAXONOMY_ID,
        "term_uri": build_uri(topic.get_absolute_url()),
        "term": topic.slug,
    }


def audience_term(audience, build_uri) -> dict:
    return {
        "id": audience_term_id(audience.pk),
        "name": audience.name,
        "description": f"For {audience.name.lower()}.",
        "taxonomy": "Audiences",
        "taxonomy_id": AUDIENCES_TAXONOMY_ID,
        "term_uri": build_uri(f"{reverse('referrals:help')}?audience={audience.pk}"),
        "term": audience.pk,
    }


# Not a question young people ask but what editors flag (``ContactRoute.crisis``): a line that
# answers day and night or in a crisis, pinned first on /help/. Known for every route, so it is
# sent only as "yes": a route without it is not one.
CRISIS_TERM = "crisis"
ROUTE_FACT_TERMS = (*(fact.code for fact in FACTS), CRISIS_TERM)

ROUTE_FACT_DESCRIPTIONS = {
    "self_contact": "A young person can get in touch themselves, without an adult doing it.",
    "anonymous": "No name is needed.",
    "confidential": ("What is said is kept private, except where they think someone is in danger."),
    "free_from_mobiles": "Free to call or text from a mobile phone.",
    "off_phone_bill": "Calls or texts do not show on the phone bill.",
    "parent_told": "A parent or carer is told about the contact.",
    CRISIS_TERM: (
        "A national line that answers day and night or in a crisis. The portal lists these "
        "first, whatever the filters."
    ),
}


def route_fact_term(code, build_uri) -> dict:
    if code == CRISIS_TERM:
        name = str(ContactRoute._meta.get_field("crisis").verbose_name)
    else:
        name = FACTS_BY_CODE[code].question
    return {
        "id": route_fact_term_id(code),
        "name": name,
        "description": ROUTE_FACT_DESCRIPTIONS[code],
        "taxonomy": ROUTE_FACTS_TAXONOMY,
        "taxonomy_id": ROUTE_FACTS_TAXONOMY_ID,
        "term": code,
    }


def _attribute(link_id: str, link_type: str, term: dict, **extra) -> dict:
    return {
        "id": derived_id("attribute", link_id, term["id"]),
        "link_id": link_id,
        "link_type": link_type,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
        **extra,
    }


# ------------------------------------------------------------------------------
# Services
# ------------------------------------------------------------------------------
def organization(service) -> dict:
    """The provider. It is a name on the service, not a row of its own, so each service has
    its own organisation record, identified from the service."""
    return {
        "id": derived_id("organization", service.uuid),
        "name": service.provider or service.name,
        "description": f"Runs {service.name}.",
    }


def service_summary(service, *, now: datetime.datetime) -> dict:
    """The one-to-one fields, for the list (``service_list.json``). Needs ``routes`` and
    ``alerts`` (those not ended at ``now`` are enough)."""
    routes = list(service.routes.all())
    org = organization(service)
    emails = [route.email for route in routes if route.kind == ContactRoute.Kind.EMAIL]
    websites = [route.url for route in routes if route.kind == ContactRoute.Kind.WEBSITE]
    verified = [route.last_verified_on for route in routes]
    return _compact(
        {
            "id": str(service.uuid),
            "organization_id": org["id"],
            "name": service.name,
            "description": "\n\n".join(
                filter(None, [service.translated("summary"), service.translated("description")])
            ),
            "url": service.website or next(iter(websites), None),
            "email": next(iter(emails), None),
            "status": "active",
            "minimum_age": service.min_age,
            "maximum_age": service.max_age,
            "eligibility_description": _eligibility(service),
            "alert": _alert_text(service, routes, now),
            # Every route checked: the details were last assured when the oldest check was.
            "assured_date": (min(verified).isoformat() if verified and all(verified) else None),
            "last_modified": timestamp(
                max([service.updated_at, *(route.updated_at for route in routes)])
            ),
            "organization": org,
        }
    )


def _alert_text(service, routes, now) -> str:
    """The alerts showing at ``now``, one a line: "Phone line: Closed today. Until 5pm."."""
    labels = {route.pk: route.translated("label") for route in routes}
    lines = []
    for alert in showing_alerts(service.alerts.all(), now):
        line = alert.translated("message").strip()
        if alert.route_id in labels:
            line = f"{labels[alert.route_id]}: {line}"
        if alert.route_closed:
            line += " Closed while this alert shows."
        if alert.until:
            line += f" Until {alert.until}."
        lines.append(line)
    return "\n".join(lines)


def _eligibility(service) -> str:
    if service.extended_max_age is None:
        return ""
    groups = f" for {service.translated('extended_age_note')}" if service.extended_age_note else ""
    usual = f"{service.age_range.capitalize()}, and up" if service.age_range else "Up"
    return f"{usual} to {service.extended_max_age}{groups}."


def service_full(service, build_uri, *, now: datetime.datetime) -> dict:
    """The fully nested service (``service.json``). Needs ``routes`` with their ``sessions``,
    ``exceptions`` (those worth publishing) and ``audiences``, the service's ``topics``,
    ``audiences``, ``alerts`` and ``areas``, and its ``service_at_locations`` with their
    ``sessions`` and ``location`` (with its ``sessions``)."""
    service_id = str(service.uuid)
    routes = list(service.routes.all())
    data = service_summary(service, now=now)
    contacts = [_contact(route, service_id, build_uri) for route in routes]
    data.update(
        {
            "schedules": [
                *(schedule for route in routes for schedule in _schedules(route, service_id)),
                *(
                    schedule
                    for place in service.service_at_locations.all()
                    for schedule in service_at_location_schedules(place, service_id)
                ),
            ],
            "service_areas": service_areas(service),
            "service_at_locations": [
                service_at_location_nested(place, build_uri)
                for place in service.service_at_locations.all()
            ],
            "contacts": [contact for contact in contacts if contact],
            "phones": [
                phone for contact in contacts if contact for phone in contact.get("phones", [])
            ],
            "additional_urls": [
                _url(route, service_id, build_uri)
                for route in routes
                if route.kind in ContactRoute.URL_KINDS or route.kind in ContactRoute.FORM_KINDS
            ],
            "attributes": [
                *(
                    _attribute(service_id, "topic", topic_term(topic, build_uri))
                    for topic in service.topics.all()
                ),
                *(
                    _attribute(service_id, "audience", audience_term(audience, build_uri))
                    for audience in service.audiences.all()
                ),
            ],
        }
    )
    return data


def _route_attributes(route, build_uri) -> list[dict]:
    link_id = str(route.uuid)
    return [
        *(
            _attribute(link_id, "audience", audience_term(audience, build_uri))
            for audience in route.audiences.all()
        ),
        *(
            _attribute(
                link_id,
                "route_fact",
                route_fact_term(fact.code, build_uri),
                value=getattr(route, fact.code),
                label=fact.line(getattr(route, fact.code), route.translated(f"{fact.code}_note")),
            )
            for fact in FACTS
            if getattr(route, fact.code)
        ),
        *(
            [
                _attribute(
                    link_id, "route_fact", route_fact_term(CRISIS_TERM, build_uri), value="yes"
                )
            ]
            if route.crisis
            else []
        ),
    ]


def _route_description(route) -> str:
    """What the route is, who it is for and when it is answered, in a sentence or three."""
    parts = [route.translated("label")]
    if route.own_age_range:
        parts.append(f"For ages {route.own_age_range}")
    # Rows saved without the admin's checks (no times) cannot be put into words.
    sessions = route.sessions.all()
    hours = "" if any(_hours_fields(row) == {} for row in sessions) else describe_hours(route)
    if hours:
        parts.append(hours)
    description = ". ".join(parts) + "."
    # Set by referrals.freshness.attach_freshness: never shown as current when it may not be.
    notice = getattr(route, "stale_notice", "")
    return f"{description} {notice}" if notice else description


def _contact(route, service_id, build_uri) -> dict | None:
    """Phone, text and email routes: someone answers them. Web routes are URLs instead."""
    if route.kind not in ContactRoute.NUMBER_KINDS and route.kind != ContactRoute.Kind.EMAIL:
        return None
    contact_id = str(route.uuid)
    phones = []
    if route.kind in ContactRoute.NUMBER_KINDS and route.number:
        phones.append(
            {
                "id": derived_id("phone", route.uuid),
                "contact_id": contact_id,
                "service_id": service_id,
                "number": _international(route.number),
                "type": PHONE_TYPES[route.kind],
                "description": _route_description(route),
            }
        )
    return _compact(
        {
            "id": contact_id,
            "service_id": service_id,
            "name": route.translated("label"),
            "title": route.get_kind_display(),
            "email": route.email if route.kind == ContactRoute.Kind.EMAIL else None,
            "phones": phones,
            "attributes": _route_attributes(route, build_uri),
        }
    )


def _url(route, service_id, build_uri) -> dict:
    return _compact(
        {
            "id": derived_id("url", route.uuid),
            "service_id": service_id,
            "label": f"{route.translated('label')} ({route.get_kind_display().lower()})",
            # A referral form on this site has no stored address: it is the form's page here.
            "url": route.url or build_uri(route.href),
            "attributes": _route_attributes(route, build_uri),
        }
    )


def _international(number: str) -> str:
    """+44 300 300 0123, as the standard's example; short codes (116 123) as stored."""
    if not number.startswith("+"):
        return number
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _time(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def _hours_fields(row) -> dict:
    if row.all_day:
        return {"opens_at": "00:00", "closes_at": "23:59"}
    if row.opens is None or row.closes is None:
        return {}
    return {"opens_at": _time(row.opens), "closes_at": _time(row.closes)}


def _schedules(route, service_id) -> list[dict]:
    attending = ATTENDING_TYPES.get(route.kind)
    label = route.translated("label")
    bank_holidays = (
        f" Closed on bank holidays ({route.service.get_holiday_nation_display()})."
        if route.closed_on_bank_holidays
        else ""
    )
    schedules = [
        _compact(
            {
                "id": derived_id("opening-session", session.pk),
                "service_id": service_id,
                "freq": "WEEKLY",
                "interval": 1,
                "byday": BYDAY[session.weekday],
                **_hours_fields(session),
                "description": (
                    f"{label}: {DAY_NAMES[session.weekday]} {format_hours([session])}"
                    if session.all_day or None not in (session.opens, session.closes)
                    else f"{label}: {DAY_NAMES[session.weekday]}"
                ),
                "attending_type": attending,
                "notes": TIMES_NOTE + bank_holidays,
            }
        )
        for session in route.sessions.all()
    ]
    for exception in route.exceptions.all():
        note = f" ({exception.translated('note')})" if exception.note else ""
        day = f"{format_date(exception.date)} {exception.date.year}"
        if exception.closed:
            description = f"{label}: closed on {day}{note}"
            hours = {}
        else:
            hours = _hours_fields(exception)
            open_text = format_hours([exception]) if hours else "special hours"
            description = f"{label}: open {open_text} on {day}{note}"
        schedules.append(
            _compact(
                {
                    "id": derived_id("opening-exception", exception.pk),
                    "service_id": service_id,
                    "valid_from": exception.date.isoformat(),
                    "valid_to": exception.date.isoformat(),
                    "dtstart": exception.date.isoformat(),
                    "freq": "WEEKLY",
                    "interval": 1,
                    "byday": BYDAY[exception.date.weekday()],
                    **hours,
                    "description": description,
                    "attending_type": attending,
                    "notes": f"Replaces the usual hours on this date. {TIMES_NOTE}",
                }
            )
        )
    return schedules


# ------------------------------------------------------------------------------
# Service areas, locations and services at locations
# ------------------------------------------------------------------------------
def service_areas(service) -> list[dict]:
    service_id = str(service.uuid)

    def area(key, name, uri=None):
        return _compact(
            {
                "id": derived_id("service-area", service.uuid, key),
                "service_id": service_id,
                "name": name,
                "service_area": name,
                "uri": uri,
                "extent_type": None if uri else "text",
            }
        )

    if service.national:
        return [area("national", "United Kingdom", UNITED_KINGDOM_URI)]
    areas = [area(item.code, item.name, item.uri) for item in service.areas.all()]
    if not areas and service.area_served:
        # Kept from before areas were chosen from the list: the editors' words.
        return [
            {
                "id": derived_id("service-area", service.uuid),
                "service_id": service_id,
                "name": service.area_served,
                "service_area": service.area_served,
                "extent_type": "text",
            }
        ]
    return areas


def _coordinate(value):
    return None if value is None else float(value)


def location_summary(location) -> dict:
    """The location's one-to-one fields, as in ``service_at_location_list.json``."""
    return _compact(
        {
            "id": str(location.uuid),
            "location_type": location.kind,
            "name": location.name,
            "description": location.translated("description"),
            "latitude": _coordinate(location.latitude),
            "longitude": _coordinate(location.longitude),
            # HSDS 3: where a virtual location is.
            "url": location.url,
        }
    )


def location_full(location) -> dict:
    """The location with its address, access notes and opening hours. Needs ``sessions``."""
    location_id = str(location.uuid)
    data = location_summary(location)
    if location.has_address:
        data["addresses"] = [
            {
                "id": derived_id("address", location.uuid),
                "location_id": location_id,
                "address_1": location.address_1,
                "city": location.town,
                "state_province": location.county,
                "postal_code": location.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ]
    if location.accessibility:
        data["accessibility"] = [
            {
                "id": derived_id("accessibility", location.uuid),
                "location_id": location_id,
                "description": location.translated("accessibility"),
            }
        ]
    schedules = [
        _weekly(
            session,
            id=derived_id("location-session", session.pk),
            description=f"{location.name}: {_day_hours(session)}",
            links={"location_id": location_id},
            attending=ATTENDING_AT[location.kind],
        )
        for session in location.sessions.all()
    ]
    if schedules:
        data["schedules"] = schedules
    return data


def service_at_location_schedules(place, service_id) -> list[dict]:
    """When the service is on at the place: its own hours there, or else the place's."""
    own = list(place.sessions.all())
    sessions = own or list(place.location.sessions.all())
    kind = "service-at-location-session" if own else "location-session-for"
    return [
        _weekly(
            session,
            id=derived_id(kind, session.pk, *([] if own else [place.uuid])),
            description=f"At {place.location.name}: {_day_hours(session)}",
            links={"service_id": service_id, "service_at_location_id": str(place.uuid)},
            attending=ATTENDING_AT[place.location.kind],
        )
        for session in sessions
    ]


def service_at_location_nested(place, build_uri) -> dict:
    """A service at location inside its service: the link and the full location."""
    return _compact(
        {
            "id": str(place.uuid),
            "service_id": str(place.service.uuid),
            "location_id": str(place.location.uuid),
            "description": place.translated("description"),
            "location": location_full(place.location),
        }
    )


def service_at_location_summary(place, *, now: datetime.datetime) -> dict:
    """One item of ``/service_at_locations`` (``service_at_location_list.json``). Needs the
    ``service`` with its ``routes`` and ``alerts``, and the ``location``."""
    return {
        "id": str(place.uuid),
        "service_id": str(place.service.uuid),
        "location_id": str(place.location.uuid),
        "location": location_summary(place.location),
        "service": service_summary(place.service, now=now),
    }


def service_at_location_full(place, service_document: dict) -> dict:
    """``/service_at_locations/{id}``: the service at location with its location, schedules
    and fully nested service (``service_document``, from ``service_full``).

    The standard's OpenAPI document validates this path's answer against the compiled
    *service* schema, which requires ``name`` and ``status``; so the document carries both
    (the service's name at the place, and the service's status) as well as every field of
    ``service_at_location.json``, and is valid against both schemas."""
    service_id = str(place.service.uuid)
    return _compact(
        {
            "id": str(place.uuid),
            "service_id": service_id,
            "location_id": str(place.location.uuid),
            "name": f"{place.service.name} at {place.location.name}",
            "status": service_document["status"],
            "description": place.translated("description"),
            "schedules": service_at_location_schedules(place, service_id),
            "location": location_full(place.location),
            "service": service_document,
        }
    )


def _day_hours(session) -> str:
    if session.all_day or None not in (session.opens, session.closes):
        return f"{DAY_NAMES[session.weekday]} {format_hours([session])}"
    return DAY_NAMES[session.weekday]


def _weekly(session, *, id, description, links, attending) -> dict:
    return _compact(
        {
            "id": id,
            **links,
            "freq": "WEEKLY",
            "interval": 1,
            "byday": BYDAY[session.weekday],
            **_hours_fields(session),
            "description": description,
            "attending_type": attending,
            "notes": TIMES_NOTE,
        }
    )
