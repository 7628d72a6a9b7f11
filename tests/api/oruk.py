"""Validation against the Open Referral UK 3.0 schemas copied into ``oruk_schemas/``.

Beyond JSON Schema's own keywords this checks the formats the schemas name (``uuid``, ``uri``,
``email``, ``date-time``) and the profile's ``datapackage_type`` (``date``, ``time``,
``datetime``), which a plain validator would ignore.
"""

import datetime
import json
import re
import uuid
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).with_name("oruk_schemas")
# The raw schemas refer to each other by file name; this base resolves those references.
BASE = "https://oruk-schemas.invalid/"

FORMATS = FormatChecker(["email"])


@FORMATS.checks("uuid", raises=ValueError)
def _is_uuid(value):
    return not isinstance(value, str) or str(uuid.UUID(value)) == value.lower()


@FORMATS.checks("uri")
def _is_uri(value):
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.scheme in {"mailto", "tel", "urn"}))


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value):
    return not isinstance(value, str) or bool(datetime.datetime.fromisoformat(value).tzinfo)


def _datapackage_type(validator, kind, instance, schema):
    if not isinstance(instance, str):
        return
    checks = {
        "date": lambda text: datetime.date.fromisoformat(text) and len(text) == 10,
        "time": lambda text: re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?", text),
        "datetime": lambda text: datetime.datetime.fromisoformat(text).tzinfo,
    }
    try:
        valid = kind not in checks or checks[kind](instance)
    except ValueError:
        valid = False
    if not valid:
        yield ValidationError(f"{instance!r} is not a datapackage {kind}")


OrukValidator = validators.extend(Draft202012Validator, {"datapackage_type": _datapackage_type})


@cache
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


@cache
def _registry() -> Registry:
    names = ["taxonomy.json", "taxonomy_term.json", "phone.json", "language.json"]
    return Registry().with_resources(
        (BASE + name, DRAFT202012.create_resource({"$id": BASE + name, **schema(name)}))
        for name in names
    )


def errors(document, name: str) -> list[str]:
    """Every way ``document`` breaks the schema ``name``, in words ([] when valid)."""
    contents = schema(name)
    if not name.startswith("compiled/"):
        contents = {"$id": BASE + name, **contents}
    validator = OrukValidator(contents, registry=_registry(), format_checker=FORMATS)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def assert_valid(document, name: str):
    problems = errors(document, name)
    assert not problems, f"breaks {name}:\n" + "\n".join(problems[:20])


PAGE_FIELDS = schema("openapi.json")["components"]["schemas"]["Page"]["properties"]


def assert_valid_page(body: dict, item_schema: str):
    """A page in the standard's paging fields, each item valid."""
    assert set(PAGE_FIELDS) | {"contents"} <= set(body), set(body)
    for field, spec in PAGE_FIELDS.items():
        expected = {"integer": int, "boolean": bool}[spec["type"]]
        assert type(body[field]) is expected, (field, body[field])
    assert body["size"] == len(body["contents"])
    for item in body["contents"]:
        assert_valid(item, item_schema)


def assert_valid_service(document: dict):
    """A fully nested service, with the HSDS 3 fields the compiled schema leaves out."""
    assert_valid(document, "compiled/service.json")
    phones = [*document.get("phones", [])]
    for contact in document.get("contacts", []):
        phones.extend(contact.get("phones", []))
    for phone in phones:
        assert_valid(phone, "phone.json")
        assert phone["type"] in {"voice", "text"}
    for link in document.get("additional_urls", []):
        assert str(uuid.UUID(link["id"])) == link["id"]
        assert _is_uri(link["url"]) and link["url"].startswith(("http://", "https://"))


def assert_valid_service_at_location(document: dict):
    """A fully nested service at location: valid as the UK profile's service at location, and
    as the compiled service, which the standard's OpenAPI names for /service_at_locations/{id}
    (so the official validator checks it against that)."""
    assert_valid(document, "compiled/service_at_location.json")
    assert_valid(document, "compiled/service.json")
    assert_valid_service(document["service"])
    assert document["service_id"] == document["service"]["id"]
    assert document["location_id"] == document["location"]["id"]
    for schedule in document.get("schedules", []):
        assert schedule["service_at_location_id"] == document["id"]
    # HSDS 3 location schedules, which the UK profile's compiled location leaves out.
    for schedule in document["location"].get("schedules", []):
        assert schedule["location_id"] == document["location_id"]
        assert str(uuid.UUID(schedule["id"])) == schedule["id"]
