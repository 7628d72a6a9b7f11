"""The official ORUK validator's Level 1 checks, applied to our API through the test client.

OpenReferralUK/oruk-validator (``OpenApiValidationService``) judges a feed like this:

1. ``GET /`` and read ``version``: "3.0" selects the standard's own OpenAPI document for
   the UK profile 3.0 (ours is a copy, ``oruk_schemas/openapi.json``).
2. Every path of that document whose operation is not tagged "Optional" is *required*: the
   "Level 1 Compliance - Basic checks". The 3.0 document tags none, so all nine paths are
   required, ``/service_at_locations`` and ``/service_at_locations/{id}`` included.
3. Paths are grouped by their root (``/services`` with ``/services/{id}``). Each group's list
   is tested first: a list that takes a ``page`` parameter is fetched at page 1, then (when
   ``total_pages`` is more than 1) at the middle page (``total_pages // 2``, when there are
   more than two) and the last page. Every answer must be 2xx and valid against the response
   schema the standard's document gives (``$ref``s resolved, the Page fields included). A
   list with no items on page 1 is an empty feed: the check fails and its detail path cannot
   be tested at all.
4. The ``id`` of each item on page 1 is collected, and the group's ``{id}`` path is fetched
   for (up to ten of) them: each must be 2xx and valid against that path's schema. Note that
   the standard names the compiled *service* schema for ``/service_at_locations/{id}``.

``level1_failures(client)`` does all of that (for every id, not ten chosen at random) and
also checks that the paging fields agree with each other, and returns every failure in words.
"""

import math
from functools import cache

from jsonschema import ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from .oruk import FORMATS, SCHEMAS, OrukValidator, schema

STANDARD_SCHEMAS = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI_ID = "https://oruk-openapi.invalid/openapi.json"
DEFAULT_PER_PAGE = 50


@cache
def _registry() -> Registry:
    """The standard's OpenAPI document and every schema it names, at the addresses it names
    them by, from the copies in ``oruk_schemas/``."""
    resources = [(OPENAPI_ID, {"$id": OPENAPI_ID, **schema("openapi.json")})]
    for path in SCHEMAS.rglob("*.json"):
        name = path.relative_to(SCHEMAS).as_posix()
        if name != "openapi.json":
            resources.append(
                (STANDARD_SCHEMAS + name, {"$id": STANDARD_SCHEMAS + name, **schema(name)})
            )
    return Registry().with_resources(
        (uri, DRAFT202012.create_resource(contents)) for uri, contents in resources
    )


def _pointer(path: str) -> str:
    escaped = path.replace("~", "~0").replace("/", "~1")
    return f"{OPENAPI_ID}#/paths/{escaped}/get/responses/200/content/application~1json/schema"


def schema_errors(document, path: str) -> list[str]:
    """How ``document`` breaks the response schema the standard gives ``path``."""
    validator = OrukValidator(
        {"$ref": _pointer(path)}, registry=_registry(), format_checker=FORMATS
    )
    problems: list[ValidationError] = list(validator.iter_errors(document))
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in problems
    ]


def required_paths() -> list[str]:
    """The Level 1 paths: every path none of whose operations is tagged "Optional"."""
    paths = schema("openapi.json")["paths"]
    return [
        path
        for path, item in paths.items()
        if not any(
            "optional" in (tag.lower() for tag in operation.get("tags", []))
            for method, operation in item.items()
            if method in {"get", "post", "put", "patch", "delete"}
        )
    ]


def _is_paged(path: str) -> bool:
    parameters = schema("openapi.json")["paths"][path]["get"].get("parameters", [])
    return any(parameter.get("$ref", "").endswith("/page") for parameter in parameters)


def _paging_failures(body: dict, page: int) -> list[str]:
    failures = []
    fields = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page")
    missing = [name for name in (*fields, "empty", "contents") if name not in body]
    if missing:
        return [f"paging fields missing: {missing}"]
    expected_pages = math.ceil(body["total_items"] / DEFAULT_PER_PAGE)
    checks = {
        "page_number is the page asked for": body["page_number"] == page,
        "total_pages fits total_items": body["total_pages"] == expected_pages,
        "size is the number of items": body["size"] == len(body["contents"]),
        "first_page is right": body["first_page"] == (page == 1),
        "last_page is right": body["last_page"] == (page >= body["total_pages"]),
        "empty is right": body["empty"] == (body["total_items"] == 0),
    }
    failures.extend(name for name, ok in checks.items() if not ok)
    return failures


def level1_failures(client, api="/api") -> tuple[list[str], dict[str, int]]:
    """Every Level 1 failure in words, and how many requests each path got."""
    failures: list[str] = []
    requests: dict[str, int] = {}

    def get(path, url, **query):
        requests[path] = requests.get(path, 0) + 1
        response = client.get(api + url, query)
        if not 200 <= response.status_code < 300:
            failures.append(
                f"{url} {query or ''}: required endpoint answered {response.status_code}"
            )
            return None
        body = response.json()
        failures.extend(f"{url} {query or ''}: {problem}" for problem in schema_errors(body, path))
        return body

    about = get("/", "/")
    if about is None or about.get("version") != "3.0":
        return [*failures, "/ does not say version 3.0: the 3.0 rules would not be used"], requests

    paths = required_paths()
    roots = {}
    for path in paths:
        roots.setdefault(path.split("/{", 1)[0], []).append(path)
    for group in roots.values():
        ids: list[str] = []
        for path in (path for path in group if "{" not in path):
            if not _is_paged(path):
                get(path, path)
                continue
            first = get(path, path, page=1)
            if first is None:
                continue
            failures.extend(f"{path} page 1: {problem}" for problem in _paging_failures(first, 1))
            if not first.get("contents"):
                failures.append(f"{path}: empty feed, so its detail endpoint cannot be tested")
                continue
            ids = [str(item["id"]) for item in first["contents"] if item.get("id")]
            total = first["total_pages"]
            later = ([total // 2] if total > 2 else []) + ([total] if total > 1 else [])
            for page in later:
                body = get(path, path, page=page)
                if body is not None:
                    failures.extend(
                        f"{path} page {page}: {problem}" for problem in _paging_failures(body, page)
                    )
        for path in (path for path in group if "{" in path):
            if not ids:
                failures.append(f"{path}: no ids to test it with")
            for id in ids:
                get(path, path.replace("{id}", id))
    untested = [path for path in paths if path not in requests]
    failures.extend(f"{path}: never tested" for path in untested)
    return failures, requests
