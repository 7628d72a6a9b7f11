"""Our OpenAPI document describes what we serve, in the standard's terms."""

import pytest

from .oruk import schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_about_document_points_to_the_openapi_document(client):
    about = client.get("/api/").json()
    assert about == {
        "version": "3.0",
        "profile": about["profile"],
        "openapi_url": "http://testserver/api/openapi.json",
    }
    assert about["profile"].startswith("https://")


def test_we_serve_the_standards_paths_and_operations(document):
    standard = schema("openapi.json")["paths"]
    ours = document["paths"]
    assert set(ours) == set(standard)
    for path, operations in ours.items():
        assert operations["get"]["operationId"], path
    assert document["servers"] == [{"url": "http://testserver/api"}]


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_our_list_parameters_are_the_standards(document, path):
    standard = schema("openapi.json")
    declared = {
        parameter["$ref"].rsplit("/", 1)[-1]
        for parameter in standard["paths"][path]["get"]["parameters"]
    }
    ours = {parameter["name"] for parameter in document["paths"][path]["get"]["parameters"]}
    assert ours == declared


def test_every_path_in_the_document_answers(client, document, varied_directory):
    for path in document["paths"]:
        if "{id}" in path:
            continue
        response = client.get("/api" + path)
        assert response.status_code == 200, path
