"""schema.org descriptions of pages, as JSON-LD, so search engines and other sites can read
a service's numbers and hours, or a resource's key stages and topics, without scraping HTML.

Each function returns a plain dict from prefetched objects (no queries of its own);
``portal.templatetags.seo`` writes it into the page.
"""

from django.conf import settings

from referrals.facts import Answer
from referrals.models import ContactRoute
from referrals.opening_hours import DAY_NAMES

SCHEMA_DAYS = tuple(f"https://schema.org/{day}" for day in DAY_NAMES)


def _hours(row) -> dict | None:
    if row.all_day:
        return {"opens": "00:00", "closes": "23:59"}
    if row.opens is None or row.closes is None:
        return None
    return {"opens": row.opens.strftime("%H:%M"), "closes": row.closes.strftime("%H:%M")}


def opening_hours(route) -> list[dict]:
    """Weekly sessions, then dated exceptions (a closed day is 00:00 to 00:00, as schema.org
    says to mark one)."""
    specifications = []
    for session in route.sessions.all():
        hours = _hours(session)
        if hours:
            specifications.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": SCHEMA_DAYS[session.weekday],
                    **hours,
                }
            )
    for exception in route.exceptions.all():
        hours = {"opens": "00:00", "closes": "00:00"} if exception.closed else _hours(exception)
        if hours:
            specifications.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "validFrom": exception.date.isoformat(),
                    "validThrough": exception.date.isoformat(),
                    **hours,
                }
            )
    return specifications


def contact_point(route, build_uri) -> dict:
    point = {
        "@type": "ContactPoint",
        "name": route.translated("label"),
        "contactType": route.get_kind_display(),
    }
    if route.kind in ContactRoute.NUMBER_KINDS:
        point["telephone"] = route.number
    elif route.kind == ContactRoute.Kind.EMAIL:
        point["email"] = route.email
    else:
        point["url"] = route.url or build_uri(route.href)
    audiences = [audience.name for audience in route.audiences.all()]
    if audiences:
        point["audience"] = {"@type": "Audience", "audienceType": ", ".join(audiences)}
    hours = opening_hours(route)
    if hours:
        point["hoursAvailable"] = hours
    # schema.org has no properties for confidentiality: the facts go in words, as on the page,
    # and "free from mobiles" also as the nearest standard option, TollFree.
    facts = route.fact_lines
    if facts:
        point["description"] = " ".join(facts)
    if route.free_from_mobiles == Answer.YES:
        point["contactOption"] = "https://schema.org/TollFree"
    return point


def service_json_ld(service, routes, build_uri) -> dict:
    """A help service: who runs it, how to reach them and when, where and for whom."""
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "@id": build_uri(service.get_absolute_url()),
        "name": service.name,
        "description": service.translated("summary"),
        "url": build_uri(service.get_absolute_url()),
        "provider": {
            "@type": "Organization",
            "name": service.provider or service.name,
            "contactPoint": [contact_point(route, build_uri) for route in routes],
        },
        "serviceType": "Children's health and safeguarding support",
        "isAccessibleForFree": True,
    }
    if service.website:
        data["provider"]["url"] = service.website
        data["sameAs"] = service.website
    areas = [
        {"@type": "AdministrativeArea", "name": area.name, "identifier": area.code}
        for area in service.areas.all()
    ]
    if service.national:
        data["areaServed"] = {"@type": "Country", "name": "United Kingdom"}
    elif areas:
        data["areaServed"] = areas[0] if len(areas) == 1 else areas
    elif service.area_served:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": service.area_served}
    audience = {"@type": "PeopleAudience"}
    audiences = [audience.name for audience in service.audiences.all()]
    if audiences:
        audience["audienceType"] = ", ".join(audiences)
    if service.min_age is not None:
        audience["suggestedMinAge"] = service.min_age
    if service.max_age is not None:
        audience["suggestedMaxAge"] = service.extended_max_age or service.max_age
    if len(audience) > 1:
        data["audience"] = audience
    topics = [topic.name for topic in service.topics.all()]
    if topics:
        data["keywords"] = ", ".join(topics)
    return data


def resource_json_ld(resource, build_uri) -> dict:
    """A lesson pack is a LearningResource, a guidance page an Article."""
    url = build_uri(resource.get_absolute_url())
    stages = list(resource.key_stages.all())
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource" if resource.is_lesson_pack else "Article",
        "@id": url,
        "url": url,
        "name": resource.title,
        "headline": resource.title[:110],
        "description": resource.summary,
        "inLanguage": "en-GB",
        "dateModified": resource.updated_at.isoformat(),
        "publisher": {"@type": "Organization", "name": resource.publisher or settings.SITE_NAME},
        "isPartOf": {"@type": "WebSite", "name": settings.SITE_NAME, "url": build_uri("/")},
        "isAccessibleForFree": True,
    }
    if resource.published_at:
        data["datePublished"] = resource.published_at.isoformat()
    if resource.is_lesson_pack:
        data["learningResourceType"] = "Lesson pack"
    if stages:
        data["educationalLevel"] = [stage.name for stage in stages]
        data["typicalAgeRange"] = (
            f"{min(s.min_age for s in stages)}-{max(s.max_age for s in stages)}"
        )
    # The resource page loads them once, for itself and its related cards (resources.cards).
    loaded = resource.card_topics if hasattr(resource, "card_topics") else resource.topics.all()
    topics = [
        {"@type": "Thing", "name": topic.name, "url": build_uri(topic.get_absolute_url())}
        for topic in loaded
    ]
    if topics:
        data["about"] = topics
    audiences = [audience.name for audience in resource.audiences.all()]
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in audiences]
    if resource.licence:
        data["usageInfo"] = resource.licence
    return data
