"""Arbitrary values for every query parameter our OpenAPI document declares: the API never
fails (no 5xx), always answers JSON, explains a 400, and every 200 validates against the
standard."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals.api import oruk

from .oruk import assert_valid_page

pytestmark = pytest.mark.django_db

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LIST_SCHEMAS = {
    "/services": "compiled/service_list.json",
    "/service_at_locations": "compiled/service_at_location_list.json",
    "/taxonomies": "taxonomy.json",
    "/taxonomy_terms": "taxonomy_term.json",
}

# Values near the ones that mean something, as well as anything at all.
PLAUSIBLE = st.sampled_from(
    [
        "",
        "0",
        "1",
        "2",
        "100",
        "101",
        "-1",
        "1.5",
        "1e9",
        "99999999999999999999",
        "NaN",
        "MO",
        "su",
        "Monday",
        "09:00",
        "23:59",
        "00:00:00",
        "24:00",
        "9am",
        "NR1 2AB",
        "nr12ab",
        "NR1",
        "SW1A 1AA",
        "500",
        "1000000",
        oruk.TOPICS_TAXONOMY_ID,
        oruk.AUDIENCES_TAXONOMY_ID,
        oruk.audience_term_id("parent"),
        oruk.TOPICS_TAXONOMY_ID.upper(),
        "consent",
        "%",
        "_",
        "' OR 1=1 --",
        "\x00",
    ]
)
VALUES = st.one_of(
    PLAUSIBLE,
    st.text(max_size=30),
    st.integers().map(str),
    st.floats().map(str),
    st.times().map(lambda value: value.isoformat()),
    st.uuids().map(str),
)


def declared_parameters(client):
    document = client.get("/api/openapi.json").json()
    return {
        path: [parameter["name"] for parameter in document["paths"][path]["get"]["parameters"]]
        for path in LIST_SCHEMAS
    }


def check(response):
    assert response.status_code < 500
    assert response["Content-Type"] == "application/json"
    body = response.json()
    if response.status_code == 200:
        return body
    assert response.status_code in (400, 404), response.status_code
    assert isinstance(body["error"], str) and body["error"]
    return None


def test_every_list_endpoint_survives_arbitrary_parameters(client, varied_directory):
    parameters = declared_parameters(client)
    assert {
        "search",
        "taxonomy_term_id",
        "taxonomy_id",
        "minimum_age",
        "maximum_age",
        "day",
        "start_time",
        "end_time",
        "page",
        "per_page",
    } <= set(parameters["/services"])
    assert set(parameters["/services"]) | {"postcode", "proximity"} == set(
        parameters["/service_at_locations"]
    )

    @FAST
    @given(data=st.data())
    def run(data):
        path = data.draw(st.sampled_from(sorted(LIST_SCHEMAS)))
        names = data.draw(st.lists(st.sampled_from(parameters[path]), unique=True))
        query = {name: data.draw(VALUES) for name in names}
        body = check(client.get(f"/api/{path.lstrip('/')}", query))
        if body is not None:
            assert_valid_page(body, LIST_SCHEMAS[path])

    run()


def test_every_detail_endpoint_survives_arbitrary_ids(client, varied_directory):
    @FAST
    @given(
        path=st.sampled_from(["services", "service_at_locations", "taxonomies", "taxonomy_terms"]),
        id=st.one_of(st.uuids().map(str), st.text(min_size=1, max_size=40)),
    )
    def run(path, id):
        from urllib.parse import quote

        response = client.get(f"/api/{path}/{quote(id, safe='')}")
        assert response.status_code < 500
        assert response["Content-Type"] == "application/json"

    run()
