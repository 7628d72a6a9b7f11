"""Load the demo content from the TOML files beside this module, idempotently.

Site-wide, like the command that runs it: it writes rows of both apps and of reviews, so it
lives here rather than one app importing another's loader. Rows are matched by slug (topics,
resources, services), by (service, label) for contact routes and by name for places, through
``portal.core.demo``: validated with ``full_clean``, saved only when something differs.
"""

import datetime
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from portal.core.demo import demo_date, london_time, read_demo_file, replace_children, upsert
from portal.core.vocabulary import PublicationStatus
from portal.reviews.models import Owner
from referrals.facts import FIELD_NAMES as FACT_FIELDS
from referrals.models import (
    ContactRoute,
    LocalAuthority,
    Location,
    ReferralFormSettings,
    Service,
    ServiceAtLocation,
)
from referrals.phone_numbers import normalise_phone_number
from referrals.referral_services import handlers_group_for
from referrals.services import LOCAL_AUTHORITIES_CSV, read_local_authorities
from resources.models import Resource, Topic
from resources.richtext import sanitise_html
from resources.services import resource_sync_body_text

from . import translations as demo_translations

DATA = Path(__file__).resolve().parent
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# When a demo route's details were last confirmed, unless its data says otherwise (moved to
# the day the demo is loaded, like every demo review date: see portal.core.demo.demo_date).
LAST_CHECKED = datetime.date(2025, 10, 1)


@transaction.atomic
def load_demo_topics() -> list[Topic]:
    return [
        upsert(
            Topic,
            lookup={"slug": topic["slug"]},
            values={"name": topic["name"], "description": topic["description"]},
        )
        for topic in read_demo_file(DATA / "topics.toml")["topics"]
    ]


@transaction.atomic
def load_demo_resources(
    today: datetime.date | None = None,
) -> tuple[list[Topic], list[Resource]]:
    """Upsert the demo topics and resources by slug, restoring any demo row an editor changed.
    Review dates are moved to ``today`` (by default the local date): see ``demo_date``."""
    today = today or timezone.localdate()
    topics = load_demo_topics()
    topics_by_slug = {topic.slug: topic for topic in topics}
    rows = read_demo_file(DATA / "resources.toml")["resources"]
    resources = []
    for data in rows:
        resource = upsert(
            Resource,
            lookup={"slug": data["slug"]},
            values={
                "title": data["title"],
                "kind": data["kind"],
                "summary": data["summary"],
                "publisher": data.get("publisher", ""),
                "licence": data.get("licence", ""),
                "sensitive_content": data.get("sensitive_content", ""),
                "status": PublicationStatus.PUBLISHED,
                "published_at": london_time(data["published_at"]),
                "last_reviewed": demo_date(data["last_reviewed"], today),
                "review_by": demo_date(data.get("review_by"), today),
            },
        )
        resource.key_stages.set(data["key_stages"])
        resource.audiences.set(data["audiences"])
        resource.topics.set([topics_by_slug[slug] for slug in data["topics"]])
        replace_children(
            resource.sections,
            # Stored bodies are sanitised on save; comparing against the sanitised form keeps
            # an unchanged section from being written again.
            [
                {
                    "heading": section["heading"],
                    "body": sanitise_html(section["body"]),
                    "order": order,
                }
                for order, section in enumerate(data["sections"])
            ],
        )
        replace_children(
            resource.links,
            [{**link, "order": order} for order, link in enumerate(data.get("links", []))],
        )
        resource_sync_body_text(resource=resource)
        resources.append(resource)

    # Related resources point at each other, so they are linked once every resource exists.
    resources_by_slug = {resource.slug: resource for resource in resources}
    for data in rows:
        resources_by_slug[data["slug"]].related.set(
            [resources_by_slug[slug] for slug in data["related"]]
        )
    return topics, resources


def _weekly_hours(schedule: list[dict]) -> list[tuple]:
    """A schedule's ``(weekday, opens, closes)`` rows; all-day sessions have no times."""
    return [
        (DAYS.index(day), session.get("opens"), session.get("closes"))
        for session in schedule
        for day in session["days"]
    ]


def _load_route(
    service: Service, order: int, data: dict, help_data: dict, today: datetime.date
) -> ContactRoute:
    number = data.get("number", "")
    route = upsert(
        ContactRoute,
        lookup={"service": service, "label": data["label"]},
        values={
            "kind": data["kind"],
            "number": normalise_phone_number(number) if number else "",
            "url": data.get("url", ""),
            "email": data.get("email", ""),
            "min_age": data.get("min_age"),
            "max_age": data.get("max_age"),
            "what_happens": data.get("what_happens", ""),
            "good_to_know": data.get("good_to_know", ""),
            "closed_on_bank_holidays": data.get("closed_on_bank_holidays", True),
            "featured": data.get("featured", False),
            "order": data.get("order", order),
            "crisis": data.get("crisis", False),
            # Confidentiality facts: only what the service publishes, the rest left blank.
            **{name: data.get("facts", {}).get(name, "") for name in FACT_FIELDS},
        },
    )
    apply = demo_translations.apply_translations
    apply(route, demo_translations.ROUTES.get((service.slug, data["label"]), {}))
    if route.last_verified_on is None:
        # The first load records a check; after that the date is the editors' to keep.
        route.last_verified_on = demo_date(data.get("last_checked", LAST_CHECKED), today)
        route.save(update_fields=["last_verified_on"])
    route.audiences.set(data.get("audiences", []))
    hours = _weekly_hours(help_data["schedules"][data["hours"]]) if "hours" in data else []
    replace_children(
        route.sessions,
        [
            {
                "weekday": weekday,
                "opens": opens,
                "closes": closes,
                "all_day": opens is None,
            }
            for weekday, opens, closes in sorted(
                hours, key=lambda row: (row[0], row[1] or datetime.time.min)
            )
        ],
    )
    closures = help_data["closures"][data["closures"]] if "closures" in data else []
    replace_children(
        route.exceptions,
        [
            {
                "date": closure["date"],
                "closed": True,
                "opens": None,
                "closes": None,
                "all_day": False,
                "note": closure["note"],
            }
            for closure in sorted(closures, key=lambda closure: closure["date"])
        ],
    )
    for exception in route.exceptions.all():
        apply(exception, demo_translations.CLOSURE_NOTES.get(exception.note, {}))
    return route


def _ensure_areas(codes: set[str]) -> None:
    """The areas the demo services cover, from the repository's list, in case a refresh from
    another file left them out. Other areas are left as they are."""
    names = read_local_authorities(LOCAL_AUTHORITIES_CSV.read_text(encoding="utf-8"))
    for code in sorted(codes):
        LocalAuthority.objects.get_or_create(code=code, defaults={"name": names[code]})


def load_demo_locations(services: list[Service], help_data: dict) -> list[ServiceAtLocation]:
    """Upsert the demo places by name, their hours, and each service's place in them."""
    by_slug = {service.slug: service for service in services}
    places = []
    for data in read_demo_file(DATA / "places.toml")["places"]:
        location = upsert(
            Location,
            lookup={"name": data["name"]},
            values={
                "kind": data["kind"],
                "description": data.get("description", ""),
                "url": data.get("url", ""),
                "county": data.get("county", ""),
            },
        )
        demo_translations.apply_translations(
            location, demo_translations.LOCATIONS.get(data["name"], {})
        )
        hours = _weekly_hours(help_data["schedules"][data["hours"]]) if "hours" in data else []
        replace_children(
            location.sessions,
            [
                {"weekday": weekday, "opens": opens, "closes": closes, "all_day": False}
                for weekday, opens, closes in sorted(hours)
            ],
        )
        for slug in data["services"]:
            places.append(
                upsert(
                    ServiceAtLocation,
                    lookup={"service": by_slug[slug], "location": location},
                    values={"order": 10},
                )
            )
    return places


def _load_referral_form(service: Service, values: dict) -> ReferralFormSettings:
    """The service's referral form on this site, handled by its own (empty) handlers group:
    nobody sees a referral until an administrator adds people to it."""
    return upsert(
        ReferralFormSettings,
        lookup={"service": service},
        values={**values, "handlers_id": handlers_group_for(service).pk},
    )


@transaction.atomic
def load_demo_services(
    today: datetime.date | None = None,
) -> tuple[list[Service], list[ContactRoute]]:
    """Upsert the demo services by slug and their routes by (service, label), with the routes'
    hours and closures replaced, so running it again changes nothing. A route's last-verified
    date is an editor's record and is left alone once set; routes an editor added are kept."""
    today = today or timezone.localdate()
    help_data = read_demo_file(DATA / "services.toml")
    topics_by_slug = {topic.slug: topic for topic in load_demo_topics()}
    _ensure_areas({code for data in help_data["services"] for code in data.get("areas", [])})
    services, routes = [], []
    for data in help_data["services"]:
        service = upsert(
            Service,
            lookup={"slug": data["slug"]},
            values={
                "name": data["name"],
                "provider": data.get("provider", ""),
                "summary": data["summary"],
                "description": data.get("description", ""),
                "min_age": data.get("min_age"),
                "max_age": data.get("max_age"),
                "extended_max_age": data.get("extended_max_age"),
                "extended_age_note": data.get("extended_age_note", ""),
                "area_served": data.get("area_served", ""),
                "national": data.get("national", False),
                "website": data.get("website", ""),
                "how_to_refer": data.get("how_to_refer", ""),
                "consent_note": data.get("consent_note", ""),
                "status": PublicationStatus.PUBLISHED,
                "published_at": london_time(data["published_at"]),
                "order": data["order"],
            },
        )
        demo_translations.apply_translations(
            service, demo_translations.SERVICES.get(data["slug"], {})
        )
        service.audiences.set(data["audiences"])
        service.topics.set([topics_by_slug[slug] for slug in data["topics"]])
        service.areas.set(data.get("areas", []))
        services.append(service)
        if "referral_form" in data:
            _load_referral_form(service, data["referral_form"])
        for order, route_data in enumerate(data["routes"], start=1):
            routes.append(_load_route(service, order * 10, route_data, help_data, today))
    load_demo_locations(services, help_data)
    return services, routes


def load_demo_owners(*, resources: list[Resource], services: list[Service]) -> list[Owner]:
    """Give every demo resource the demo safeguarding lead, and the demo services their partner
    contacts. Safe to run again: existing owners are kept, none is added twice."""
    data = read_demo_file(DATA / "owners.toml")
    owners = []
    resource_type = ContentType.objects.get_for_model(Resource)
    service_type = ContentType.objects.get_for_model(Service)
    for resource in resources:
        owner, _ = Owner.objects.get_or_create(
            content_type=resource_type,
            object_id=resource.pk,
            email=data["resources"]["email"],
            defaults={"name": data["resources"]["name"]},
        )
        owners.append(owner)
    for service in services:
        contact = data["services"].get(service.slug)
        if contact is None:
            continue
        owner, _ = Owner.objects.get_or_create(
            content_type=service_type,
            object_id=service.pk,
            email=contact["email"],
            defaults={"name": contact["name"]},
        )
        owners.append(owner)
    return owners
