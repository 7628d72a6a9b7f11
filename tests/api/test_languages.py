"""The API serves the English record unless ``Accept-Language`` asks for another of the site's
languages; then the translated texts, English where there is none, with the language stated
and caches told to keep the languages apart."""

import datetime

import pytest
import time_machine

from referrals.models import OpeningException, ServiceAlert
from tests.referrals.factories import ContactRouteFactory, ServiceFactory

from .oruk import assert_valid_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _at_now(now):
    with time_machine.travel(now, tick=False):
        yield


@pytest.fixture
def service(now):
    service = ServiceFactory(summary="Support for families.", description="")
    route = ContactRouteFactory(service=service, label="Call us")
    service.set_translation("cy", "summary", "Cymorth i deuluoedd.")
    service.save()
    route.set_translation("cy", "label", "Ffoniwch ni")
    route.set_translation("pl", "label", "Zadzwoń do nas")
    route.save()
    alert = ServiceAlert.objects.create(
        service=service, message="Closed today.", starts_at=now.replace(hour=0)
    )
    alert.set_translation("cy", "message", "Ar gau heddiw.")
    alert.save()
    closure = OpeningException.objects.create(
        route=route, date=datetime.date(2025, 11, 14), closed=True, note="Staff training"
    )
    closure.set_translation("cy", "note", "Hyfforddiant staff")
    closure.save()
    return service


def closure_description(body):
    (schedule,) = [item for item in body["schedules"] if item.get("valid_from") == "2025-11-14"]
    return schedule["description"]


def get(client, service, language=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    return client.get(f"/api/services/{service.uuid}", **headers)


def vary(response):
    return {part.strip().lower() for part in response["Vary"].split(",")}


def test_without_accept_language_the_record_is_in_english(client, service):
    response = get(client, service)
    body = response.json()
    assert response["Content-Language"] == "en"
    assert "accept-language" in vary(response)
    assert body["description"] == "Support for families."
    assert [contact["name"] for contact in body["contacts"]] == ["Call us"]
    assert body["alert"] == "Closed today."
    assert closure_description(body).endswith("(Staff training)")
    assert_valid_service(body)


def test_welsh_when_asked_with_the_language_stated(client, service):
    response = get(client, service, "cy-GB,cy;q=0.9,en;q=0.5")
    body = response.json()
    assert response["Content-Language"] == "cy"
    assert "accept-language" in vary(response)
    assert body["description"] == "Cymorth i deuluoedd."
    assert [contact["name"] for contact in body["contacts"]] == ["Ffoniwch ni"]
    assert body["alert"] == "Ar gau heddiw."
    # A dated closure's note too, in the schedule that describes the day.
    assert closure_description(body).endswith("(Hyfforddiant staff)")
    assert_valid_service(body)


def test_a_text_not_translated_falls_back_to_english(client, service):
    body = get(client, service, "pl").json()
    assert [contact["name"] for contact in body["contacts"]] == ["Zadzwoń do nas"]
    assert body["description"] == "Support for families."
    assert closure_description(body).endswith("(Staff training)")
    assert_valid_service(body)


def test_a_language_the_site_does_not_have_gets_english(client, service):
    response = get(client, service, "fr-FR,fr;q=0.9")
    assert response["Content-Language"] == "en"
    assert response.json()["description"] == "Support for families."


def test_each_language_has_its_own_etag(client, service):
    english, welsh = get(client, service), get(client, service, "cy")
    assert english["ETag"] != welsh["ETag"]
    # A cache holding the Welsh cannot have it confirmed for an English request...
    path = f"/api/services/{service.uuid}"
    assert client.get(path, HTTP_IF_NONE_MATCH=welsh["ETag"]).status_code == 200
    # ...while the same language is confirmed, and says which language it is.
    again = client.get(path, HTTP_IF_NONE_MATCH=welsh["ETag"], HTTP_ACCEPT_LANGUAGE="cy")
    assert again.status_code == 304
    assert again["Content-Language"] == "cy"
    assert "accept-language" in vary(again)


def test_the_service_list_answers_in_the_language_asked_for(client, service):
    body = client.get("/api/services", HTTP_ACCEPT_LANGUAGE="cy").json()
    assert body["contents"][0]["description"] == "Cymorth i deuluoedd."


@pytest.mark.parametrize("header", ["", ";;;", "q=1", "cy;q=", "*;q=0.5", "\x00", "é" * 300])
def test_a_malformed_accept_language_is_english_never_an_error(client, service, header):
    response = get(client, service, header)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
