"""Every endpoint's answers validate against the Open Referral UK 3.0 schemas, for the demo
content and for generated services that use everything the model allows."""

import pytest

from .oruk import (
    assert_valid,
    assert_valid_page,
    assert_valid_service,
    assert_valid_service_at_location,
)

pytestmark = pytest.mark.django_db


def every_document(client):
    """(schema, document) for every endpoint, following the lists to each detail."""
    about = client.get("/api/").json()
    yield "about", about
    services = client.get("/api/services", {"per_page": 100}).json()
    yield "page:compiled/service_list.json", services
    for summary in services["contents"]:
        yield "service", client.get(f"/api/services/{summary['id']}").json()
    places = client.get("/api/service_at_locations", {"per_page": 100}).json()
    yield "page:compiled/service_at_location_list.json", places
    for summary in places["contents"]:
        yield (
            "service_at_location",
            client.get(f"/api/service_at_locations/{summary['id']}").json(),
        )
    taxonomies = client.get("/api/taxonomies").json()
    yield "page:taxonomy.json", taxonomies
    for taxonomy in taxonomies["contents"]:
        yield "taxonomy.json", client.get(f"/api/taxonomies/{taxonomy['id']}").json()
    terms = client.get("/api/taxonomy_terms", {"per_page": 100}).json()
    yield "page:taxonomy_term.json", terms
    for term in terms["contents"]:
        yield "taxonomy_term.json", client.get(f"/api/taxonomy_terms/{term['id']}").json()


def assert_all_valid(client):
    checked = 0
    for kind, document in every_document(client):
        if kind == "about":
            assert document["version"] == "3.0"
            assert document["openapi_url"].startswith("http")
        elif kind == "service":
            assert_valid_service(document)
        elif kind == "service_at_location":
            assert_valid_service_at_location(document)
        elif kind.startswith("page:"):
            assert_valid_page(document, kind.removeprefix("page:"))
            assert document["last_page"] and not document["empty"]
        else:
            assert_valid(document, kind)
        checked += 1
    return checked


def test_demo_content_validates_against_the_standard(client, demo_content):
    # About, 4 lists, 8 services (with the national lines), 5 services at locations,
    # 3 taxonomies, 14 terms, the 6 route-fact questions and the crisis-line term.
    assert assert_all_valid(client) == 1 + 4 + 8 + 5 + 3 + 14 + 6 + 1


def test_generated_services_validate_against_the_standard(client, varied_directory):
    assert assert_all_valid(client) > 10


def test_the_checker_catches_what_the_standard_forbids():
    from .oruk import errors

    assert errors({"id": "not-a-uuid", "name": "x", "status": "active"}, "compiled/service.json")
    assert errors(
        {"id": "6f1c2c1e-8d4b-4d43-9c61-1d1e2f3a4b5c", "name": "x", "status": "open"},
        "compiled/service.json",
    )
    bad_schedule = {
        "id": "6f1c2c1e-8d4b-4d43-9c61-1d1e2f3a4b5c",
        "name": "x",
        "status": "active",
        "schedules": [{"id": "6f1c2c1e-8d4b-4d43-9c61-1d1e2f3a4b5c", "opens_at": "8am"}],
    }
    assert errors(bad_schedule, "compiled/service.json")
    assert errors({"id": "6f1c2c1e-8d4b-4d43-9c61-1d1e2f3a4b5c", "number": 5}, "phone.json")
