"""schema.org JSON-LD on service and resource pages: valid JSON, the key fields, safely
escaped, and nothing a strict Content-Security-Policy would block."""

import datetime
import json
import re

import pytest

from tests.referrals.factories import ContactRouteFactory, ServiceFactory, add_hours
from tests.resources.factories import ResourceFactory, TopicFactory

from .test_page_structure import PageOutline

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response) -> dict:
    assert response.status_code == 200
    html = response.content.decode()
    (block,) = JSON_LD.findall(html)
    outline = PageOutline()
    outline.feed(html)
    assert outline.inline_problems == []
    return json.loads(block)


def test_a_service_page_describes_the_service_its_contacts_and_hours(client):
    service = ServiceFactory(
        name="Parentline",
        provider="NHS Norfolk",
        area_served="Norfolk",
        min_age=0,
        max_age=19,
        audiences=["parent"],
        website="https://example.org/",
    )
    phone = ContactRouteFactory(service=service, label="Call us")
    add_hours(phone, 0, 1, opens=datetime.time(8, 0), closes=datetime.time(18, 0))
    text = ContactRouteFactory(service=service, text=True, label="Text us")
    add_hours(text, 6, all_day=True)
    ContactRouteFactory(service=service, form=True, label="Refer online")

    data = json_ld(client.get(service.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Service"
    assert data["name"] == "Parentline"
    assert data["url"] == "http://testserver/help/" + service.slug + "/"
    assert data["areaServed"] == {"@type": "AdministrativeArea", "name": "Norfolk"}
    assert data["audience"]["suggestedMinAge"] == 0
    assert data["audience"]["suggestedMaxAge"] == 19
    assert data["audience"]["audienceType"] == "Parents and carers"
    provider = data["provider"]
    assert provider["@type"] == "Organization" and provider["name"] == "NHS Norfolk"
    points = {point["name"]: point for point in provider["contactPoint"]}
    assert points["Call us"]["telephone"] == phone.number
    assert points["Call us"]["hoursAvailable"][0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "08:00",
        "closes": "18:00",
    }
    assert points["Text us"]["hoursAvailable"][0]["opens"] == "00:00"
    assert points["Text us"]["hoursAvailable"][0]["closes"] == "23:59"
    assert points["Refer online"]["url"] == "https://example.org/refer"


def test_a_closed_day_is_marked_as_schema_org_says(client, now):
    import time_machine

    route = ContactRouteFactory()
    add_hours(route, 0, 1, 2, 3, 4, opens=datetime.time(9, 0), closes=datetime.time(17, 0))
    route.exceptions.create(date=now.date() + datetime.timedelta(days=2), closed=True)
    with time_machine.travel(now, tick=False):
        data = json_ld(client.get(route.service.get_absolute_url()))
    hours = data["provider"]["contactPoint"][0]["hoursAvailable"]
    closed = [spec for spec in hours if "validFrom" in spec]
    assert closed == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2025-11-14",
            "validThrough": "2025-11-14",
            "opens": "00:00",
            "closes": "00:00",
        }
    ]


def test_editor_text_cannot_break_out_of_the_json_ld(client):
    service = ServiceFactory(summary="</script><script>alert(1)</script> & more")
    response = client.get(service.get_absolute_url())
    html = response.content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(response)["description"] == "</script><script>alert(1)</script> & more"


def test_a_lesson_pack_is_a_learning_resource(client):
    consent = TopicFactory(name="Consent")
    resource = ResourceFactory(
        lesson_pack=True, title="Consent lessons", key_stages=["ks3", "ks4"], topics=[consent]
    )
    data = json_ld(client.get(resource.get_absolute_url()))
    assert data["@type"] == "LearningResource"
    assert data["name"] == "Consent lessons"
    assert data["educationalLevel"] == ["Key stage 3", "Key stage 4"]
    assert data["typicalAgeRange"] == "11-16"
    assert data["about"] == [
        {"@type": "Thing", "name": "Consent", "url": "http://testserver/resources/topics/consent/"}
    ]
    assert data["publisher"] == {"@type": "Organization", "name": "NSPCC"}
    assert datetime.datetime.fromisoformat(data["dateModified"]) == resource.updated_at


def test_a_guidance_page_is_an_article_published_by_the_portal_when_no_publisher(client, settings):
    resource = ResourceFactory(publisher="")
    data = json_ld(client.get(resource.get_absolute_url()))
    assert data["@type"] == "Article"
    assert data["headline"] == resource.title
    assert data["publisher"]["name"] == settings.SITE_NAME
    assert "educationalLevel" not in data


def test_json_ld_is_escaped_like_json_script():
    from portal.templatetags.seo import json_ld as to_script

    html = to_script({"text": "<b>&</b>"})
    assert html == (
        '<script type="application/ld+json">{"text": "\\u003Cb\\u003E\\u0026\\u003C/b\\u003E"}'
        "</script>"
    )


def test_a_service_page_names_its_areas_or_the_uk_for_search_engines(client):
    local = ServiceFactory(area_served="North Norfolk")
    local.areas.set(["E10000020", "E10000029"])
    data = json_ld(client.get(local.get_absolute_url()))
    assert data["areaServed"] == [
        {"@type": "AdministrativeArea", "name": "Norfolk", "identifier": "E10000020"},
        {"@type": "AdministrativeArea", "name": "Suffolk", "identifier": "E10000029"},
    ]
    national = ServiceFactory(national=True)
    assert json_ld(client.get(national.get_absolute_url()))["areaServed"] == {
        "@type": "Country",
        "name": "United Kingdom",
    }
