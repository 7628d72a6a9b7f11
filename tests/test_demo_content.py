import datetime
import re
from io import StringIO
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.core.vocabulary import KEY_STAGES, PublicationStatus
from portal.demo.loader import load_demo_resources, load_demo_services
from referrals.models import ContactRoute, OpeningException, OpeningSession, Service
from referrals.phone_numbers import is_drama_number, normalise_phone_number
from resources.models import Resource, ResourceLink, ResourceSection, TaggedResource, Topic
from resources.richtext import sanitise_html

pytestmark = pytest.mark.django_db

# The only real numbers the demo may contain: those the services themselves publish.
PUBLISHED_NUMBERS = {
    normalise_phone_number(number) for number in ("0300 300 0123", "07480 635060", "07520 631590")
} | {
    # The national lines: Childline, the NSPCC helpline, Samaritans and Shout.
    normalise_phone_number(number)
    for number in ("0800 1111", "0808 800 5000", "116 123", "85258")
}


def load():
    call_command("load_demo_content", stdout=StringIO())


def snapshot():
    """Everything the loader writes, as comparable values."""
    return {
        "resources": sorted(Resource.objects.values_list("pk", "slug", "updated_at")),
        "sections": sorted(ResourceSection.objects.values_list("pk", "resource_id", "order")),
        "links": sorted(ResourceLink.objects.values_list("pk", "resource_id", "url")),
        "topics": sorted(Topic.objects.values_list("pk", "slug")),
        "resource_topics": sorted(TaggedResource.objects.values_list("content_object_id", "tag")),
        "related": sorted(
            Resource.related.through.objects.values_list("from_resource_id", "to_resource_id")
        ),
        "services": sorted(Service.objects.values_list("pk", "slug", "updated_at")),
        "routes": sorted(
            ContactRoute.objects.values_list("pk", "service_id", "label", "updated_at")
        ),
        "sessions": sorted(
            OpeningSession.objects.values_list("pk", "route_id", "weekday", "opens")
        ),
        "exceptions": sorted(OpeningException.objects.values_list("pk", "route_id", "date")),
    }


def test_command_loads_everything_and_reports_the_counts():
    out = StringIO()
    call_command("load_demo_content", stdout=out)

    assert out.getvalue().strip() == (
        f"Demo content: {Resource.objects.count()} resources, {Service.objects.count()} services, "
        f"{ContactRoute.objects.count()} contact routes, {Topic.objects.count()} topics"
    )
    assert Resource.objects.published(timezone.now()).count() == 10
    assert Topic.objects.count() == 10


def test_running_twice_changes_nothing():
    load()
    first = snapshot()
    load()

    assert snapshot() == first


def test_edited_demo_resource_is_restored():
    load()
    resource = Resource.objects.get(slug="relationships-in-inclusive-provision")
    original_headings = list(resource.sections.values_list("heading", flat=True))
    resource.title = "Vandalised"
    resource.status = PublicationStatus.DRAFT
    resource.save()
    resource.sections.first().delete()
    ResourceSection.objects.create(resource=resource, heading="Extra", body="<p>Extra</p>")
    resource.topics.clear()
    resource.key_stages.clear()

    load()

    resource.refresh_from_db()
    assert resource.title == "Relationships: what you may see and what helps"
    assert resource.status == PublicationStatus.PUBLISHED
    assert list(resource.sections.values_list("heading", flat=True)) == original_headings
    assert original_headings == ["What you may see", "What helps"]
    assert set(resource.topics.values_list("slug", flat=True)) == {
        "attachment",
        "send",
        "healthy-relationships",
    }
    assert resource.key_stages.exists()
    assert "PACE" in resource.body_text


def test_edited_demo_route_is_restored_with_its_hours():
    load()
    route = ContactRoute.objects.get(label="Call Just One Number")
    route.number = normalise_phone_number("01632 960123")
    route.featured = False
    route.save()
    route.sessions.all().delete()
    route.exceptions.all().delete()

    load()

    route.refresh_from_db()
    assert route.number == "+443003000123"
    assert route.featured
    assert route.sessions.count() == 6
    assert route.exceptions.count() == 2
    assert ContactRoute.objects.filter(label="Call Just One Number").count() == 1


def test_every_key_stage_has_a_published_resource():
    load()

    for stage in KEY_STAGES:
        assert Resource.objects.published(timezone.now()).for_key_stages(stage.code).exists(), (
            stage.code
        )


def test_every_resource_has_a_topic_sections_and_dates():
    load()

    for resource in Resource.objects.all():
        assert resource.topics.exists(), resource.slug
        assert 2 <= resource.sections.count() <= 5, resource.slug
        assert resource.body_text, resource.slug
        assert resource.published_at.year == 2025, resource.slug
        assert resource.last_reviewed >= resource.published_at.date(), resource.slug


def test_every_topic_is_described_and_used():
    load()

    for topic in Topic.objects.with_published_resource_count():
        assert topic.description, topic.slug
        assert topic.resource_count > 0, topic.slug


def test_section_bodies_are_clean_html_without_top_level_headings():
    load()

    for section in ResourceSection.objects.all():
        assert not re.search(r"<h[12]", section.body), section.heading
        assert sanitise_html(section.body) == section.body, section.heading


def test_lesson_packs_name_their_publisher_terms_and_sensitive_content():
    load()

    packs = Resource.objects.of_kind(Resource.Kind.LESSON_PACK)
    assert sorted(
        code for pack in packs for code in pack.key_stages.values_list("code", flat=True)
    ) == [
        "ks2",
        "ks3",
        "ks4",
    ]
    for pack in packs:
        assert pack.publisher == "NSPCC"
        assert pack.licence and pack.sensitive_content
        assert pack.links.filter(url="https://learning.nspcc.org.uk/").exists()
        assert {"Lesson overview", "Before you teach"} <= set(
            pack.sections.values_list("heading", flat=True)
        )


def test_every_number_is_a_published_one_or_an_ofcom_drama_number():
    load()
    numbers = ContactRoute.objects.exclude(number="").values_list("number", flat=True)
    assert numbers
    for number in numbers:
        assert number in PUBLISHED_NUMBERS or is_drama_number(number), number
    # Numbers written in the prose follow the same rule.
    prose = " ".join(Resource.objects.values_list("body_text", flat=True))
    for written in re.findall(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", prose):
        stored = normalise_phone_number(written)
        assert stored in PUBLISHED_NUMBERS or is_drama_number(stored), written


def test_external_links_go_to_home_pages_only():
    load()
    urls = [
        *ResourceLink.objects.values_list("url", flat=True),
        *Service.objects.exclude(website="").values_list("website", flat=True),
        *ContactRoute.objects.exclude(url="").values_list("url", flat=True),
        *(
            href
            for body in ResourceSection.objects.values_list("body", flat=True)
            for href in re.findall(r'href="(https?://[^"]+)"', body)
        ),
    ]
    for url in urls:
        assert urlparse(url).path in ("", "/"), url


def test_featured_routes_are_the_main_phone_line_and_both_text_lines():
    load()

    featured = ContactRoute.objects.published(timezone.now()).filter(featured=True)
    assert {(route.kind, route.number) for route in featured} == {
        ("phone", "+443003000123"),
        ("text", "+447480635060"),
        ("text", "+447520631590"),
    }


def test_phone_line_hours_and_christmas_closures():
    load()
    route = ContactRoute.objects.get(label="Call Just One Number")

    hours = {(s.weekday, s.opens, s.closes) for s in route.sessions.all()}
    assert hours == {
        *((day, datetime.time(8), datetime.time(18)) for day in range(5)),
        (5, datetime.time(9), datetime.time(13)),
    }
    assert set(route.exceptions.filter(closed=True).values_list("date", flat=True)) == {
        datetime.date(2026, 12, 25),
        datetime.date(2026, 12, 26),
    }
    referral = ContactRoute.objects.get(label="Make a referral by phone")
    assert referral.number == route.number
    assert set(referral.audiences.values_list("code", flat=True)) == {
        "professional",
        "school-staff",
    }
    for text_line in ContactRoute.objects.of_kind("text").filter(service=route.service):
        assert text_line.closed_on_bank_holidays
        assert text_line.sessions.count() == 6


def test_the_teams_text_lines_close_on_the_christmas_days_its_phone_line_closes():
    load()
    phone = ContactRoute.objects.get(label="Call Just One Number")
    closures = set(phone.exceptions.filter(closed=True).values_list("date", flat=True))

    for text_line in ContactRoute.objects.of_kind("text").filter(service=phone.service):
        assert set(text_line.exceptions.filter(closed=True).values_list("date", flat=True)) == (
            closures
        ), text_line.label


# The national lines, as each publishes its number and hours.
NATIONAL_LINES = {
    # label: (kind, stored number, open 24 hours)
    "Call Childline, day or night": ("phone", "+448001111", True),
    "Call the NSPCC helpline": ("phone", "+448088005000", False),
    "Call Samaritans, day or night": ("phone", "116123", True),
    "Text SHOUT to 85258": ("text", "85258", True),
}


def test_the_national_lines_are_crisis_routes_with_their_published_numbers_and_hours():
    load()

    for label, (kind, number, all_day) in NATIONAL_LINES.items():
        route = ContactRoute.objects.published(timezone.now()).get(label=label)
        assert (route.kind, route.number, route.crisis) == (kind, number, True), label
        sessions = list(route.sessions.all())
        assert len(sessions) == 7, label
        assert all(session.all_day == all_day for session in sessions), label
        # 24-hour lines answer on bank holidays too.
        assert route.closed_on_bank_holidays is not all_day, label
        # Each says who it is for.
        assert route.audiences.exists(), label


def test_the_nspcc_helpline_keeps_its_published_hours():
    load()
    route = ContactRoute.objects.get(label="Call the NSPCC helpline")

    assert {(s.weekday, s.opens, s.closes) for s in route.sessions.all()} == {
        *((day, datetime.time(8), datetime.time(22)) for day in range(5)),
        *((day, datetime.time(9), datetime.time(18)) for day in (5, 6)),
    }
    assert set(route.audiences.values_list("code", flat=True)) == {
        "parent",
        "professional",
        "school-staff",
    }


def test_childline_is_for_young_people_under_19():
    load()
    route = ContactRoute.objects.get(label="Call Childline, day or night")

    assert list(route.audiences.values_list("code", flat=True)) == ["young-person"]
    assert route.effective_max_age == 18


def test_exploitation_programme_ages_and_referral_form():
    load()
    service = Service.objects.get(slug="hertfordshire-healthy-relationships-programme")

    assert (service.min_age, service.max_age, service.extended_max_age) == (13, 17, 25)
    assert "care leavers" in service.extended_age_note
    assert service.routes.get(label="Make a referral").kind == ContactRoute.Kind.FORM
    assert ContactRoute.objects.for_age(24).filter(service=service).exists()
    assert not ContactRoute.objects.for_age(12).filter(service=service).exists()


def test_app_route_is_for_sixteen_to_nineteen_year_olds():
    load()
    app = ContactRoute.objects.get(kind=ContactRoute.Kind.APP)

    assert (app.effective_min_age, app.effective_max_age) == (16, 19)


def test_services_load_on_their_own_with_their_topics():
    services, routes = load_demo_services()

    assert all(service.topics.exists() for service in services)
    assert routes
    # Loading resources afterwards reuses the same topics.
    topics, _ = load_demo_resources()
    assert Topic.objects.count() == len(topics)


def test_every_route_passes_admin_validation():
    load()

    for route in ContactRoute.objects.all():
        route.full_clean()
    for service in Service.objects.all():
        service.full_clean()


def test_search_finds_demo_content_by_its_body_text():
    load()

    found = Resource.objects.published(timezone.now()).search("Gillick competence")

    assert list(found.values_list("slug", flat=True)) == ["healthy-relationships-in-school"]
