"""The official ORUK validator's Level 1 rules pass for our API (see ``validator_level1``):
every required endpoint answers 2xx with a document valid against the standard's schema for
it, the paging fields are right on the first, middle and last pages, and every id a list gives
can be fetched at its detail endpoint."""

import pytest

from tests.referrals.factories import (
    ContactRouteFactory,
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

from .validator_level1 import level1_failures, required_paths, schema_errors

pytestmark = pytest.mark.django_db


def test_level1_covers_every_path_of_the_standard_including_service_at_locations():
    assert set(required_paths()) == {
        "/",
        "/services",
        "/services/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
    }


def test_the_demo_content_passes_level1(client, demo_content):
    failures, requests = level1_failures(client)
    assert failures == []
    # One page each; every service, service at location, taxonomy and term fetched by id.
    assert requests["/services/{id}"] == 8
    assert requests["/service_at_locations/{id}"] == 5
    assert requests["/service_at_locations"] == 1


def test_a_directory_of_several_pages_passes_level1_on_first_middle_and_last_pages(client):
    venue = LocationFactory(name="Example Family Hub")
    for number in range(101):
        service = ServiceFactory(name=f"Group {number:03}", order=number)
        ContactRouteFactory(service=service)
        ServiceAtLocationFactory(service=service, location=venue)
    failures, requests = level1_failures(client)
    assert failures == []
    # 101 items at 50 a page: pages 1, 1 (the middle of 3) and 3.
    assert requests["/service_at_locations"] == requests["/services"] == 3


def test_the_checker_fails_an_empty_feed_and_a_missing_endpoint(client, settings):
    failures, _ = level1_failures(client)
    assert "/service_at_locations: empty feed, so its detail endpoint cannot be tested" in failures
    assert "/service_at_locations/{id}: no ids to test it with" in failures


def test_the_checker_catches_a_document_the_standard_rejects():
    page = {
        "total_items": 1,
        "total_pages": 1,
        "page_number": 1,
        "size": 1,
        "first_page": True,
        "last_page": True,
        "empty": False,
        "contents": [{"id": "not-a-uuid"}],
    }
    assert schema_errors(page, "/service_at_locations")
    # The standard checks /service_at_locations/{id} against the compiled service schema,
    # which needs a name and a status.
    assert schema_errors(
        {"id": "6f1c2c1e-8d4b-4d43-9c61-1d1e2f3a4b5c"}, "/service_at_locations/{id}"
    )
