"""The /api/services endpoints: what is listed, the standard's filters and paging, errors,
and the HTTP behaviour a public API needs."""

import datetime

import pytest

from referrals.api import oruk
from tests.referrals.factories import ContactRouteFactory, ServiceFactory, add_hours
from tests.resources.factories import TopicFactory

pytestmark = pytest.mark.django_db


def names(client, **query):
    response = client.get("/api/services", query)
    assert response.status_code == 200, response.content
    return [service["name"] for service in response.json()["contents"]]


def test_only_published_services_are_listed_or_found(client):
    published = ServiceFactory(name="Open to all")
    draft = ServiceFactory(name="Not yet", draft=True)
    assert names(client) == ["Open to all"]
    assert client.get(f"/api/services/{published.uuid}").status_code == 200
    response = client.get(f"/api/services/{draft.uuid}")
    assert response.status_code == 404
    assert response.json() == {"error": "There is no published service with this id."}


def test_a_service_outside_its_publish_window_is_not_listed_or_found(client):
    now = datetime.datetime.now(datetime.UTC)
    ServiceFactory(name="Open to all")
    later = ServiceFactory(name="Not yet", publish_at=now + datetime.timedelta(days=1))
    gone = ServiceFactory(name="No longer", unpublish_at=now - datetime.timedelta(days=1))
    assert names(client) == ["Open to all"]
    assert client.get(f"/api/services/{later.uuid}").status_code == 404
    assert client.get(f"/api/services/{gone.uuid}").status_code == 404


def test_paging_uses_the_standards_fields(client):
    for number in range(5):
        ServiceFactory(name=f"Service {number}", order=number)
    body = client.get("/api/services", {"per_page": 2, "page": 2}).json()
    assert {key: body[key] for key in body if key != "contents"} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 2,
        "size": 2,
        "first_page": False,
        "last_page": False,
        "empty": False,
    }
    assert [item["name"] for item in body["contents"]] == ["Service 2", "Service 3"]
    beyond = client.get("/api/services", {"per_page": 2, "page": 99}).json()
    assert beyond["contents"] == [] and beyond["last_page"] and not beyond["empty"]


def test_an_empty_directory_is_one_empty_page(client):
    body = client.get("/api/services").json()
    assert body["empty"] and body["first_page"] and body["last_page"]
    assert body["total_items"] == 0 and body["contents"] == []


@pytest.mark.parametrize(
    "query",
    [
        {"per_page": "101"},
        {"per_page": "0"},
        {"per_page": "ten"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "1.5"},
        {"minimum_age": "old"},
        {"maximum_age": "-3"},
        {"maximum_age": "151"},
        {"taxonomy_term_id": "consent"},
        {"taxonomy_id": "123"},
        {"day": "Funday"},
        {"start_time": "9am"},
        {"end_time": "25:00"},
    ],
)
def test_a_parameter_we_cannot_read_is_a_400_in_json(client, query):
    response = client.get("/api/services", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    (name,) = query
    assert name in response.json()["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_search_matches_every_word_in_name_summary_description_or_provider(client):
    ServiceFactory(name="Parentline", summary="Text a nurse.", provider="NHS Norfolk")
    ServiceFactory(name="Brook", summary="Sexual health advice.")
    assert names(client, search="norfolk nurse") == ["Parentline"]
    assert names(client, search="advice") == ["Brook"]
    assert names(client, search="!!!") == []


def test_taxonomy_filters_find_services_by_topic_and_audience(client):
    consent = TopicFactory(name="Consent")
    ServiceFactory(name="About consent", topics=[consent])
    ServiceFactory(name="For parents", audiences=["parent"])
    ServiceFactory(name="Neither")
    assert names(client, taxonomy_term_id=oruk.topic_term_id(consent.pk)) == ["About consent"]
    assert names(client, taxonomy_term_id=oruk.audience_term_id("parent")) == ["For parents"]
    assert names(client, taxonomy_id=oruk.TOPICS_TAXONOMY_ID) == ["About consent"]
    assert names(client, taxonomy_id=oruk.AUDIENCES_TAXONOMY_ID) == ["For parents"]
    unknown = "00000000-0000-4000-8000-000000000000"
    assert names(client, taxonomy_term_id=unknown) == []
    assert names(client, taxonomy_id=unknown) == []


def test_age_filters_follow_the_standards_wording(client):
    ServiceFactory(name="0 to 19", min_age=0, max_age=19, order=1)
    ServiceFactory(name="13 to 17", min_age=13, max_age=17, order=2)
    ServiceFactory(name="Any age", order=3)
    # "a minimum age of at least": no minimum counts as 0.
    assert names(client, minimum_age=13) == ["13 to 17"]
    assert names(client, minimum_age="12.5") == ["13 to 17"]
    assert names(client, minimum_age=0) == ["0 to 19", "13 to 17", "Any age"]
    # "a maximum age at or below": no maximum is never below anything.
    assert names(client, maximum_age=17) == ["13 to 17"]
    assert names(client, maximum_age=19) == ["0 to 19", "13 to 17"]


def test_day_and_time_filters_need_one_session_to_match_them_all(client):
    mornings = ContactRouteFactory(service=ServiceFactory(name="Mornings", order=1))
    add_hours(mornings, 0, opens=datetime.time(8, 0), closes=datetime.time(12, 0))
    evenings = ContactRouteFactory(service=ServiceFactory(name="Evenings", order=2))
    add_hours(evenings, 5, opens=datetime.time(18, 0), closes=datetime.time(21, 0))
    always = ContactRouteFactory(service=ServiceFactory(name="Always", order=3))
    add_hours(always, 0, 1, 2, 3, 4, 5, 6, all_day=True)
    ServiceFactory(name="No hours", order=4)

    assert names(client, day="MO") == ["Mornings", "Always"]
    assert names(client, day="saturday") == ["Evenings", "Always"]
    assert names(client, start_time="09:00") == ["Evenings"]
    assert names(client, start_time="00:00") == ["Mornings", "Evenings", "Always"]
    assert names(client, end_time="12:00") == ["Mornings"]
    assert names(client, end_time="23:59") == ["Mornings", "Evenings", "Always"]
    assert names(client, day="MO", start_time="18:00") == []
    assert names(client, day="SA", start_time="18:00", end_time="21:00") == ["Evenings"]


def test_unknown_parameters_are_ignored(client):
    ServiceFactory(name="Listed")
    assert names(client, postcode="NR1 1AA", format="json") == ["Listed"]


def test_a_service_is_found_by_its_uuid_in_any_spelling(client):
    service = ServiceFactory()
    assert client.get(f"/api/services/{str(service.uuid).upper()}").status_code == 200
    for bad in ("not-a-uuid", service.slug, "1"):
        response = client.get(f"/api/services/{bad}")
        assert response.status_code == 404
        assert "error" in response.json()


def test_identifiers_do_not_change_when_names_or_slugs_do(client, now):
    topic = TopicFactory(name="Consent")
    service = ServiceFactory(name="Before", slug="before", provider="Org", topics=[topic])
    route = ContactRouteFactory(service=service)
    add_hours(route, 0, opens=datetime.time(9, 0), closes=datetime.time(17, 0))

    def ids():
        body = client.get(f"/api/services/{service.uuid}").json()
        return (
            body["id"],
            body["organization"]["id"],
            [schedule["id"] for schedule in body["schedules"]],
            [contact["id"] for contact in body["contacts"]],
            [phone["id"] for phone in body["phones"]],
            [attribute["taxonomy_term"]["id"] for attribute in body["attributes"]],
        )

    before = ids()
    service.name, service.slug, service.provider = "After", "after", "Renamed org"
    service.save()
    topic.name, topic.slug = "Saying yes", "saying-yes"
    topic.save()
    route.label = "Renamed line"
    route.save()
    assert ids() == before
    assert before[0] == str(service.uuid) and before[3] == [str(route.uuid)]


def test_api_answers_are_public_cacheable_and_open_to_any_origin(client):
    ServiceFactory()
    for path in ("/api/", "/api/services", "/api/taxonomies", "/api/taxonomy_terms"):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"] == "public, max-age=300"
        assert response["ETag"]
        again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304


def test_a_changed_service_gets_a_new_etag_and_a_last_modified(client):
    service = ServiceFactory()
    path = f"/api/services/{service.uuid}"
    first = client.get(path)
    assert first["Last-Modified"].endswith("GMT")
    service.name = "Changed"
    service.save()
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_preflight_and_writes(client):
    preflight = client.options("/api/services")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    response = client.post("/api/services", {"name": "x"})
    assert response.status_code == 405
    assert response.json()["error"] and response["Allow"] == "GET, HEAD, OPTIONS"


def test_anything_else_under_api_is_a_json_404(client):
    # The last: an encoded slash and newline, which the property-based test once found.
    for path in ("/api/services/", "/api/organizations", "/api/locations", "/api/services/%2F%0A"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "/api/openapi.json" in response.json()["error"]


def _many_services(count, topic):
    for _ in range(count):
        service = ServiceFactory(topics=[topic], audiences=["parent"], area_served="Norfolk")
        for text in (False, True):
            route = ContactRouteFactory(service=service, audiences=["parent"], text=text)
            add_hours(route, 0, 1, opens=datetime.time(9, 0), closes=datetime.time(17, 0))


def test_the_list_takes_the_same_queries_for_one_service_or_many(
    client, django_assert_max_num_queries
):
    topic = TopicFactory()
    _many_services(1, topic)
    term = oruk.topic_term_id(topic.pk)
    # topics (for the term), count, services, routes, alerts
    with django_assert_max_num_queries(5):
        client.get("/api/services", {"taxonomy_term_id": term})
    _many_services(20, topic)
    with django_assert_max_num_queries(5):
        body = client.get("/api/services", {"taxonomy_term_id": term}).json()
    assert body["total_items"] == 21


def test_a_service_takes_the_same_queries_however_many_routes(client, django_assert_num_queries):
    topic = TopicFactory()
    _many_services(1, topic)
    service = ServiceFactory(topics=[topic], audiences=["parent"])
    for _ in range(10):
        route = ContactRouteFactory(service=service, audiences=["parent", "professional"])
        add_hours(route, 0, 1, 2, opens=datetime.time(9, 0), closes=datetime.time(17, 0))
    # Service, routes, sessions, exceptions, route audiences, topics, service audiences,
    # alerts, areas, services at locations (none here: their places and hours cost nothing).
    with django_assert_num_queries(10):
        client.get(f"/api/services/{service.uuid}")
