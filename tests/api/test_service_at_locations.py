"""/api/service_at_locations: services at their places, the standard's filters (postcode and
proximity included), errors for what cannot be honoured, and the documents they answer."""

import datetime

import pytest

from referrals.api import oruk
from referrals.models import LocalAuthority
from tests.referrals.factories import (
    ContactRouteFactory,
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    add_hours,
    add_place_hours,
)
from tests.resources.factories import TopicFactory

from .oruk import assert_valid_page, assert_valid_service, assert_valid_service_at_location

pytestmark = pytest.mark.django_db

T = datetime.time
URL = "/api/service_at_locations"


def found(client, **query):
    response = client.get(URL, query)
    assert response.status_code == 200, response.content
    body = response.json()
    assert_valid_page(body, "compiled/service_at_location_list.json")
    return [f"{item['service']['name']} @ {item['location']['name']}" for item in body["contents"]]


def error(client, **query):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    return response.json()["error"]


@pytest.fixture
def places():
    """Fictional venues around Norwich and Ipswich, and an online place."""
    norwich = LocationFactory(
        name="Norwich hub", postcode="NR1 2AB", latitude="52.628000", longitude="1.293000"
    )
    # About 1.1 km north-east of the Norwich hub.
    nearby = LocationFactory(
        name="Nearby hall", postcode="NR3 1AA", latitude="52.636000", longitude="1.303000"
    )
    ipswich = LocationFactory(
        name="Ipswich centre",
        town="Ipswich",
        county="Suffolk",
        postcode="IP1 1AA",
        latitude="52.059000",
        longitude="1.155000",
    )
    online = LocationFactory(virtual=True, name="Online")
    group = ServiceFactory(name="Group", min_age=13, max_age=17, summary="Healthy relationships.")
    clinic = ServiceFactory(name="Clinic", min_age=0, max_age=19)
    helpline = ServiceFactory(name="Helpline", national=True)
    draft = ServiceFactory(name="Draft", draft=True)
    hidden = LocationFactory(
        name="Draft venue", postcode="NR9 9ZZ", latitude="52.600000", longitude="1.200000"
    )
    ServiceAtLocationFactory(service=draft, location=hidden)
    return {
        "group_norwich": ServiceAtLocationFactory(service=group, location=norwich, order=1),
        "group_ipswich": ServiceAtLocationFactory(service=group, location=ipswich, order=2),
        "clinic_nearby": ServiceAtLocationFactory(service=clinic, location=nearby),
        "helpline_online": ServiceAtLocationFactory(service=helpline, location=online),
        "draft_norwich": ServiceAtLocationFactory(service=draft, location=norwich),
    }


def test_published_services_are_listed_at_each_of_their_places(client, places):
    assert found(client) == [
        "Clinic @ Nearby hall",
        "Group @ Ipswich centre",
        "Group @ Norwich hub",
        "Helpline @ Online",
    ]
    draft = places["draft_norwich"]
    response = client.get(f"{URL}/{draft.uuid}")
    assert response.status_code == 404
    assert response.json() == {"error": "There is no published service at location with this id."}


def test_a_service_at_location_is_fully_nested_and_valid(client, places):
    place = places["group_norwich"]
    add_place_hours(place.location, 0, 1, 2, 3, 4, opens=T(9), closes=T(17))
    add_place_hours(place, 1, opens=T(10), closes=T(12))
    place.location.accessibility = "Step-free entrance."
    place.location.save()
    document = client.get(f"{URL}/{place.uuid}").json()
    assert_valid_service_at_location(document)
    assert document["name"] == "Group at Norwich hub"
    assert document["status"] == "active"
    # Its own hours, not the venue's, are when the group is on.
    assert [
        (item["byday"], item["opens_at"], item["closes_at"]) for item in document["schedules"]
    ] == [("TU", "10:00", "12:00")]
    location = document["location"]
    assert location["addresses"][0]["postal_code"] == "NR1 2AB"
    assert location["addresses"][0]["country"] == "GB"
    assert location["latitude"] == 52.628 and location["longitude"] == 1.293
    assert location["accessibility"][0]["description"] == "Step-free entrance."
    assert len(location["schedules"]) == 5
    # The service lists both its places, and its hours at them.
    service = document["service"]
    assert {item["id"] for item in service["service_at_locations"]} == {
        str(places["group_norwich"].uuid),
        str(places["group_ipswich"].uuid),
    }
    assert [
        item for item in service["schedules"] if item.get("service_at_location_id")
    ] == document["schedules"]


def test_a_place_without_hours_of_its_own_gives_the_venues(client, places):
    place = places["clinic_nearby"]
    add_place_hours(place.location, 5, opens=T(9), closes=T(13))
    document = client.get(f"{URL}/{place.uuid}").json()
    assert [(item["byday"], item["opens_at"]) for item in document["schedules"]] == [
        ("SA", "09:00")
    ]


def test_service_areas_are_named_with_their_ons_identifiers(client, places):
    service = places["group_norwich"].service
    service.areas.set(LocalAuthority.objects.filter(code__in=["E10000020", "E10000029"]))
    document = client.get(f"/api/services/{service.uuid}").json()
    assert_valid_service(document)
    assert [(area["name"], area["uri"]) for area in document["service_areas"]] == [
        ("Norfolk", "http://statistics.data.gov.uk/id/statistical-geography/E10000020"),
        ("Suffolk", "http://statistics.data.gov.uk/id/statistical-geography/E10000029"),
    ]
    national = places["helpline_online"].service
    document = client.get(f"/api/services/{national.uuid}").json()
    assert [area["name"] for area in document["service_areas"]] == ["United Kingdom"]
    # Without areas from the list, the editors' own words are kept, as text.
    old = ServiceFactory(area_served="North of the county")
    document = client.get(f"/api/services/{old.uuid}").json()
    assert [(area["name"], area["extent_type"]) for area in document["service_areas"]] == [
        ("North of the county", "text")
    ]


def test_search_reads_the_service_and_the_place(client, places):
    assert found(client, search="ipswich") == ["Group @ Ipswich centre"]
    assert found(client, search="relationships norwich") == ["Group @ Norwich hub"]
    assert found(client, search="!!!") == []


def test_service_filters_work_as_on_services(client, places):
    topic = TopicFactory(name="Consent")
    places["clinic_nearby"].service.topics.set([topic])
    assert found(client, taxonomy_term_id=oruk.topic_term_id(topic.pk)) == ["Clinic @ Nearby hall"]
    assert found(client, taxonomy_id=oruk.TOPICS_TAXONOMY_ID) == ["Clinic @ Nearby hall"]
    assert found(client, minimum_age=10) == ["Group @ Ipswich centre", "Group @ Norwich hub"]
    assert found(client, maximum_age=17) == ["Group @ Ipswich centre", "Group @ Norwich hub"]


def test_days_and_times_use_the_hours_at_the_place(client, places):
    # The group's own hours in Norwich; the Ipswich venue's opening hours; the helpline's
    # phone line (an online place with no hours).
    add_place_hours(places["group_norwich"], 1, opens=T(18), closes=T(20))
    add_place_hours(places["group_ipswich"].location, 1, opens=T(9), closes=T(17))
    route = ContactRouteFactory(service=places["helpline_online"].service)
    add_hours(route, 1, opens=T(8), closes=T(22))
    assert found(client, day="TU", start_time="17:00") == ["Group @ Norwich hub"]
    assert found(client, day="TU", end_time="17:00") == ["Group @ Ipswich centre"]
    assert found(client, day="TU", start_time="08:00", end_time="22:00") == [
        "Group @ Ipswich centre",
        "Group @ Norwich hub",
        "Helpline @ Online",
    ]
    assert found(client, day="WE") == []


def test_postcode_finds_places_in_its_district_and_national_services(client, places):
    assert found(client, postcode="nr12zz") == ["Group @ Norwich hub", "Helpline @ Online"]
    assert found(client, postcode="IP1 9ZZ") == ["Group @ Ipswich centre", "Helpline @ Online"]


def test_proximity_finds_places_within_the_distance_nearest_first(client, places):
    assert found(client, postcode="NR1 2AB", proximity=500) == ["Group @ Norwich hub"]
    assert found(client, postcode="NR1 2AB", proximity=2000) == [
        "Group @ Norwich hub",
        "Clinic @ Nearby hall",
    ]
    from_nearby = found(client, postcode="NR3 1AA", proximity=100_000)
    assert from_nearby == ["Clinic @ Nearby hall", "Group @ Norwich hub", "Group @ Ipswich centre"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"proximity": "500"}, "proximity needs a postcode to measure from."),
        ({"postcode": "NR1 2AB", "proximity": "-5"}, "proximity must be a whole number"),
        ({"postcode": "NR1 2AB", "proximity": "5km"}, "proximity must be a whole number"),
        ({"postcode": "not a postcode"}, "postcode must be a UK postcode"),
        ({"postcode": "SW1A 1AA", "proximity": "500"}, "This API does not know where SW1A 1AA"),
        # Only the draft service is at a place with this postcode.
        ({"postcode": "NR9 9ZZ", "proximity": "500"}, "This API does not know where NR9 9ZZ"),
    ],
)
def test_what_cannot_be_honoured_is_a_400_that_says_why(client, places, query, message):
    assert error(client, **query).startswith(message)


def test_the_list_takes_the_same_queries_however_many_places(client, django_assert_num_queries):
    def make(count):
        for _ in range(count):
            service = ServiceFactory()
            ContactRouteFactory(service=service)
            ServiceAtLocationFactory(service=service)

    make(2)
    with django_assert_num_queries(4):  # count, page, the services' routes and alerts
        client.get(URL)
    make(20)
    with django_assert_num_queries(4):
        client.get(URL)


def test_the_detail_takes_the_same_queries_however_many_places(client, django_assert_num_queries):
    service = ServiceFactory()
    place = ServiceAtLocationFactory(service=service)
    add_place_hours(place, 1, opens=T(10), closes=T(12))

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{URL}/{place.uuid}").status_code == 200
        return len(queries)

    few = count()
    for _ in range(5):
        other = ServiceAtLocationFactory(service=service)
        add_place_hours(other.location, 0, opens=T(9), closes=T(17))
    assert count() == few
