"""Route confidentiality facts as ``attributes`` of our "portal-route-facts" taxonomy, and the
alerts showing now as the service's ``alert``; still valid against the ORUK schemas."""

import datetime

import pytest
import time_machine

from referrals.api import oruk
from referrals.facts import FACTS, Answer
from referrals.models import ServiceAlert

from .oruk import assert_valid, assert_valid_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _at_now(now):
    with time_machine.travel(now, tick=False):
        yield


@pytest.fixture
def everything(client, varied_directory):
    service, _bare = varied_directory
    return client.get(f"/api/services/{service.uuid}").json()


def fact_attributes(entity):
    return {
        attribute["taxonomy_term"]["term"]: attribute
        for attribute in entity.get("attributes", [])
        if attribute["link_type"] == "route_fact"
    }


def test_a_routes_facts_are_attributes_with_value_and_plain_words(everything):
    contacts = {contact["name"]: contact for contact in everything["contacts"]}
    facts = fact_attributes(contacts["Text us"])
    assert set(facts) == {fact.code for fact in FACTS}
    assert facts["parent_told"]["value"] == "no"
    assert facts["parent_told"]["label"] == "Parents and carers are not told."
    assert facts["anonymous"]["value"] == "depends"
    assert facts["anonymous"]["label"] == (
        "You may be asked for your name. Give a first name if you like."
    )
    for attribute in facts.values():
        assert attribute["link_id"] == contacts["Text us"]["id"]
        assert attribute["taxonomy_term"]["taxonomy_id"] == oruk.ROUTE_FACTS_TAXONOMY_ID
        assert attribute["taxonomy_term"]["taxonomy"] == "portal-route-facts"
    assert_valid_service(everything)


def test_facts_not_known_are_left_out_never_guessed(everything):
    contacts = {contact["name"]: contact for contact in everything["contacts"]}
    assert fact_attributes(contacts["Call us"]) == {}
    for link in everything["additional_urls"]:
        assert fact_attributes(link) == {}


def test_web_routes_carry_their_facts_too(client, varied_directory):
    service, _bare = varied_directory
    form = service.routes.get(kind="form")
    form.self_contact = Answer.YES
    form.save()
    body = client.get(f"/api/services/{service.uuid}").json()
    (link,) = [link for link in body["additional_urls"] if link["url"].endswith("/form")]
    assert fact_attributes(link)["self_contact"]["value"] == "yes"
    assert_valid_service(body)


def test_the_route_facts_taxonomy_is_published_with_its_terms(client):
    taxonomies = client.get("/api/taxonomies").json()["contents"]
    assert "portal-route-facts" in [taxonomy["name"] for taxonomy in taxonomies]
    body = client.get(f"/api/taxonomies/{oruk.ROUTE_FACTS_TAXONOMY_ID}").json()
    assert_valid(body, "taxonomy.json")
    assert [term["term"] for term in body["taxonomy_terms"]] == [
        *(fact.code for fact in FACTS),
        "crisis",
    ]
    term = client.get(f"/api/taxonomy_terms/{oruk.route_fact_term_id('parent_told')}").json()
    assert term["name"] == "A parent or carer is told"
    assert_valid(term, "taxonomy_term.json")
    term = client.get(f"/api/taxonomy_terms/{oruk.route_fact_term_id('crisis')}").json()
    assert term["name"] == "24-hour or crisis line"
    assert_valid(term, "taxonomy_term.json")


def test_a_crisis_line_says_so_and_other_routes_do_not(client, varied_directory):
    service, _bare = varied_directory
    service.routes.filter(label="Call us").update(crisis=True)
    body = client.get(f"/api/services/{service.uuid}").json()
    contacts = {contact["name"]: contact for contact in body["contacts"]}
    crisis = fact_attributes(contacts["Call us"])["crisis"]
    assert crisis["value"] == "yes"
    assert crisis["link_id"] == contacts["Call us"]["id"]
    assert crisis["taxonomy_term"]["taxonomy"] == "portal-route-facts"
    assert "crisis" not in fact_attributes(contacts["Text us"])
    for link in body["additional_urls"]:
        assert "crisis" not in fact_attributes(link)
    assert_valid_service(body)


def test_alert_holds_only_the_alerts_showing_now(everything):
    assert everything["alert"] == ("The phone line is closed today: please text. Until 5pm.")


def test_a_route_alert_names_its_route_and_goes_when_it_ends(client, varied_directory, now):
    service, _bare = varied_directory
    text = service.routes.get(label="Text us")
    ServiceAlert.objects.create(
        service=service,
        route=text,
        message="Replies are slow today.",
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=2),
        route_closed=True,
    )
    body = client.get(f"/api/services/{service.uuid}").json()
    assert (
        "Text us: Replies are slow today. Closed while this alert shows. Until 1pm."
        in (body["alert"])
    )
    listed = client.get("/api/services", {"per_page": 100}).json()["contents"]
    assert "Replies are slow today." in next(s for s in listed if s["id"] == body["id"])["alert"]
    with time_machine.travel(now + datetime.timedelta(hours=7), tick=False):
        later = client.get(f"/api/services/{service.uuid}").json()
    assert "alert" not in later


def test_schedules_say_whose_bank_holidays_close_the_route(everything):
    notes = {schedule["notes"] for schedule in everything["schedules"] if "notes" in schedule}
    assert any("Closed on bank holidays (England and Wales)." in note for note in notes)
