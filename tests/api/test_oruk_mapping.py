"""How our services map onto the standard: every route appears, hours become schedules,
ages eligibility, topics and audiences taxonomy terms."""

import pytest
import time_machine

from referrals.api import oruk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _at_now(now):
    """The API publishes dated exceptions from today on: today is the fixtures' today."""
    with time_machine.travel(now, tick=False):
        yield


@pytest.fixture
def everything(client, varied_directory):
    service, _bare = varied_directory
    response = client.get(f"/api/services/{service.uuid}")
    assert response.status_code == 200
    return response.json()


def test_phone_and_text_lines_are_phones_of_their_contacts(everything):
    phones = {phone["description"].split(".")[0]: phone for phone in everything["phones"]}
    assert phones["Call us"]["type"] == "voice"
    assert phones["Call us"]["number"].startswith("+44 ")
    assert phones["Text us"]["type"] == "text"
    assert phones["Short code"]["number"] == "116123"
    contacts = {contact["name"]: contact for contact in everything["contacts"]}
    assert contacts["Call us"]["phones"] == [phones["Call us"]]
    assert phones["Call us"]["contact_id"] == contacts["Call us"]["id"]
    # The route's own audience and ages travel with it.
    assert "For ages 13 to 18" in phones["Call us"]["description"]
    assert [a["taxonomy_term"]["name"] for a in contacts["Call us"]["attributes"]] == [
        "Parents and carers"
    ]
    hours = "Monday to Friday 8:30am to 12 noon and 1pm to 5:30pm"
    assert hours in phones["Call us"]["description"]


def test_email_routes_are_contacts_and_the_services_email(everything):
    contacts = {contact["name"]: contact for contact in everything["contacts"]}
    assert contacts["Email us"]["email"] == "help@example.org"
    assert everything["email"] == "help@example.org"


def test_web_routes_are_additional_urls(everything):
    urls = {link["url"]: link for link in everything["additional_urls"]}
    assert set(urls) == {
        f"https://example.org/{kind}" for kind in ("form", "webchat", "app", "forum", "website")
    }
    assert urls["https://example.org/form"]["label"] == "Our form (referral form)"
    assert everything["url"] == "https://example.org/everything"


def test_every_route_appears_somewhere(everything, varied_directory):
    service, _bare = varied_directory
    seen = {contact["id"] for contact in everything["contacts"]} | {
        link["id"] for link in everything["additional_urls"]
    }
    for route in service.routes.all():
        assert str(route.uuid) in seen or oruk.derived_id("url", route.uuid) in seen, route


def schedules_by_description(everything):
    return {schedule["description"]: schedule for schedule in everything["schedules"]}


def test_weekly_sessions_are_weekly_schedules(everything):
    schedules = schedules_by_description(everything)
    monday = schedules["Call us: Monday 8:30am to 12 noon"]
    assert (monday["freq"], monday["byday"], monday["opens_at"], monday["closes_at"]) == (
        "WEEKLY",
        "MO",
        "08:30",
        "12:00",
    )
    assert "Closed on bank holidays" in monday["notes"]
    assert "UK local time" in monday["notes"]
    all_day = schedules["Text us: Sunday 24 hours"]
    assert (all_day["opens_at"], all_day["closes_at"]) == ("00:00", "23:59")
    assert "bank holidays" not in all_day["notes"]
    overnight = schedules["Night line: Friday 10pm to 2am"]
    assert (overnight["opens_at"], overnight["closes_at"]) == ("22:00", "02:00")
    short_code = schedules["Short code: Sunday 10pm to 2am"]
    assert (short_code["byday"], short_code["opens_at"]) == ("SU", "22:00")


def test_dated_exceptions_are_one_day_schedules(everything, now):
    import datetime

    exceptions = [s for s in everything["schedules"] if "valid_from" in s]
    by_date = {s["valid_from"]: s for s in exceptions}
    closed = by_date[(now.date() + datetime.timedelta(days=3)).isoformat()]
    assert closed["valid_to"] == closed["valid_from"] == closed["dtstart"]
    assert "closed on" in closed["description"] and "(Staff training)" in closed["description"]
    assert "opens_at" not in closed
    special = by_date[(now.date() + datetime.timedelta(days=5)).isoformat()]
    assert (special["opens_at"], special["closes_at"]) == ("10:00", "14:00")
    all_day = by_date[(now.date() + datetime.timedelta(days=1)).isoformat()]
    assert (all_day["opens_at"], all_day["closes_at"]) == ("00:00", "23:59")
    # Dates already past are not published.
    assert (now.date() - datetime.timedelta(days=30)).isoformat() not in by_date


def test_ages_area_alert_and_organisation(everything, varied_directory):
    service, bare = varied_directory
    assert (everything["minimum_age"], everything["maximum_age"]) == (11, 18)
    assert everything["eligibility_description"] == "11 to 18, and up to 25 for care leavers."
    # Its local authority areas, rather than the free-text "Norfolk and Suffolk".
    assert [area["name"] for area in everything["service_areas"]] == ["Norfolk", "Suffolk"]
    assert everything["alert"].startswith("The phone line is closed")
    # No provider recorded: the organisation is named after the service.
    assert everything["organization"]["name"] == service.name
    assert everything["organization_id"] == everything["organization"]["id"]
    assert everything["status"] == "active"


def test_assured_date_is_the_oldest_check_only_when_every_route_was_checked(client, everything):
    from tests.referrals.factories import ContactRouteFactory

    assert "assured_date" not in everything  # most routes were never checked
    import datetime

    route = ContactRouteFactory(last_verified_on=datetime.date(2025, 3, 1))
    ContactRouteFactory(service=route.service, last_verified_on=datetime.date(2025, 5, 1))
    body = client.get(f"/api/services/{route.service.uuid}").json()
    assert body["assured_date"] == "2025-03-01"


def test_topics_and_audiences_are_taxonomy_terms(client, everything):
    attributes = everything["attributes"]
    topics = [a for a in attributes if a["link_type"] == "topic"]
    audiences = [a for a in attributes if a["link_type"] == "audience"]
    assert [a["taxonomy_term"]["name"] for a in topics] == ["Consent", "Online safety"]
    assert {a["taxonomy_term"]["term"] for a in audiences} == {"parent", "young-person"}
    for attribute in attributes:
        assert attribute["link_id"] == everything["id"]
        term = client.get(f"/api/taxonomy_terms/{attribute['taxonomy_term_id']}").json()
        assert term == attribute["taxonomy_term"]
    assert topics[0]["taxonomy_term"]["taxonomy_id"] == oruk.TOPICS_TAXONOMY_ID


def test_a_taxonomy_lists_its_terms(client, varied_directory):
    body = client.get(f"/api/taxonomies/{oruk.AUDIENCES_TAXONOMY_ID}").json()
    assert body["name"] == "Audiences"
    assert [term["term"] for term in body["taxonomy_terms"]] == [
        "parent",
        "young-person",
        "professional",
        "school-staff",
    ]
    assert client.get("/api/taxonomies/nothing").status_code == 404
    assert client.get("/api/taxonomy_terms/nothing").status_code == 404


def test_a_service_without_routes_is_still_complete(client, varied_directory):
    _service, bare = varied_directory
    body = client.get(f"/api/services/{bare.uuid}").json()
    assert body["schedules"] == [] and body["contacts"] == [] and body["phones"] == []
    assert "minimum_age" not in body and "url" not in body
