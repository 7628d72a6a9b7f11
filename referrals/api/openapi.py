"""The OpenAPI document of what this API implements: the ORUK 3.0 paths we serve, with the
parameters we read (from ``params``, so the document and the code cannot disagree)."""

from . import oruk, params

ORUK_SCHEMAS = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"

PAGE = {
    "type": "object",
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ],
    "properties": {
        "total_items": {"type": "integer", "description": "Entities matching, on all pages."},
        "total_pages": {"type": "integer", "description": "Count of total pages."},
        "page_number": {"type": "integer", "description": "The number of the current page."},
        "size": {"type": "integer", "description": "The number of entities in this page."},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean", "description": "True when nothing matched at all."},
    },
}

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string", "description": "What was wrong, in words."}},
}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _paged(item_schema: str) -> dict:
    return {
        "allOf": [{"$ref": "#/components/schemas/Page"}],
        "properties": {"contents": {"type": "array", "items": {"$ref": item_schema}}},
    }


def _errors(*statuses) -> dict:
    words = {
        400: "A parameter could not be read, or cannot be honoured (such as proximity from a "
        "postcode this API cannot place): the error says which and why.",
        404: "No such entity.",
    }
    return {
        str(status): _json({"$ref": "#/components/schemas/Error"}, words[status])
        for status in statuses
    }


def _path_id(what: str) -> list[dict]:
    return [
        {
            "in": "path",
            "name": "id",
            "required": True,
            "description": f"The id (a UUID) of the {what}.",
            "schema": {"type": "string"},
        }
    ]


def _get(operation_id, summary, response, *, parameters=(), errors=()) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [parameter.openapi() for parameter in parameters],
            "responses": {"200": response, **_errors(*errors)},
        }
    }


def openapi_document(server_url: str) -> dict:
    service_schema = f"{ORUK_SCHEMAS}compiled/service.json"
    return {
        "openapi": "3.0.0",
        "info": {
            "title": "Safeguarding portal help directory: Open Referral UK API",
            "version": oruk.ORUK_VERSION,
            "description": (
                "The portal's published help services as open data, following the Open "
                f"Referral UK profile {oruk.ORUK_VERSION} (HSDS 3.0). Read-only and public. "
                "Services add three HSDS 3 fields the UK profile's compiled schema leaves out: "
                "`phones` (type `voice` or `text`), `additional_urls` (forms, web chat, apps, "
                "forums and websites) and `eligibility_description`. Schedule times are UK "
                "local time. Contacts and URLs carry the confidentiality facts of each way "
                "in as `attributes` of our own taxonomy `portal-route-facts` (can a young "
                "person get in touch themselves, anonymous, confidential, free from mobiles, "
                "off the phone bill, a parent or carer told), with the HSDS 3 attribute "
                "fields `value` (`yes`, `no` or `depends`) and `label` (the answer in plain "
                "words); a fact not known is left out. A 24-hour or crisis line (one the "
                "portal lists first, whatever the filters) has the term `crisis` with value "
                "`yes`. `alert` holds the service's alerts "
                "showing at the time of the request. Places are locations, `physical` or "
                "`virtual` (a phone line, a website), each with its own opening hours as HSDS 3 "
                "location `schedules`; a "
                "service's hours at a place are schedules with `service_at_location_id`. Areas "
                "are `service_areas` identified by their ONS URI (a national service's is the "
                "United Kingdom). /service_at_locations/{id} answers a document valid against "
                "both compiled/service_at_location.json and compiled/service.json (which the "
                "standard's own OpenAPI document names for that path), so it also carries "
                "`name` and `status`. Records are in English; send `Accept-Language` (`cy`, "
                "`pl`, `ro`, `ur` or `ar`) for the texts translated into that language, English "
                "where a text is not. `Content-Language` names the language of every answer."
            ),
            "license": {
                "name": "Creative Commons Attribution Share-Alike 4.0 (the standard)",
                "url": "https://creativecommons.org/licenses/by-sa/4.0/",
            },
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/": _get(
                "getAPIMetaInformation",
                "Information about this API and the ORUK profile it follows.",
                _json(
                    {
                        "type": "object",
                        "required": ["version", "profile", "openapi_url"],
                        "properties": {
                            "version": {"type": "string"},
                            "profile": {"type": "string", "format": "uri"},
                            "openapi_url": {"type": "string", "format": "uri"},
                        },
                    },
                    "The version, profile and this document's address.",
                ),
            ),
            "/services": _get(
                "getPaginatedListOfServices",
                "Published services, one-to-one fields only, in pages.",
                _json(_paged(f"{ORUK_SCHEMAS}compiled/service_list.json"), "A page of services."),
                parameters=params.SERVICE_FILTERS + params.PAGING,
                errors=(400,),
            ),
            "/services/{id}": {
                "parameters": _path_id("service"),
                **_get(
                    "getFullyNestedServiceById",
                    "A published service with everything about it.",
                    _json({"$ref": service_schema}, "The fully nested service."),
                    errors=(404,),
                ),
            },
            "/service_at_locations": _get(
                "getPaginatedListOfServiceAtLocation",
                "Published services at their places, one-to-one fields only, in pages.",
                _json(
                    _paged(f"{ORUK_SCHEMAS}compiled/service_at_location_list.json"),
                    "A page of services at locations.",
                ),
                parameters=params.PLACE_FILTERS + params.PAGING,
                errors=(400,),
            ),
            "/service_at_locations/{id}": {
                "parameters": _path_id("service at location"),
                **_get(
                    "getServiceAtLocationWithNestedDataById",
                    "A service at a location with its place, hours and fully nested service.",
                    _json(
                        {
                            "allOf": [
                                {"$ref": f"{ORUK_SCHEMAS}compiled/service_at_location.json"},
                                {"$ref": service_schema},
                            ]
                        },
                        "The fully nested service at location.",
                    ),
                    errors=(404,),
                ),
            },
            "/taxonomies": _get(
                "getPaginatedListOfTaxonomies",
                "The taxonomies: Topics, Audiences and portal-route-facts.",
                _json(_paged(f"{ORUK_SCHEMAS}taxonomy.json"), "A page of taxonomies."),
                parameters=params.PAGING,
                errors=(400,),
            ),
            "/taxonomies/{id}": {
                "parameters": _path_id("taxonomy"),
                **_get(
                    "getTaxonomyById",
                    "A taxonomy with its terms.",
                    _json({"$ref": f"{ORUK_SCHEMAS}taxonomy.json"}, "The taxonomy."),
                    errors=(404,),
                ),
            },
            "/taxonomy_terms": _get(
                "getPaginatedListOfTaxonomyTerms",
                "Every topic, audience and route-fact question, as taxonomy terms.",
                _json(_paged(f"{ORUK_SCHEMAS}taxonomy_term.json"), "A page of terms."),
                parameters=params.PAGING,
                errors=(400,),
            ),
            "/taxonomy_terms/{id}": {
                "parameters": _path_id("taxonomy term"),
                **_get(
                    "getTaxonomyTermById",
                    "One taxonomy term.",
                    _json({"$ref": f"{ORUK_SCHEMAS}taxonomy_term.json"}, "The term."),
                    errors=(404,),
                ),
            },
        },
        "components": {"schemas": {"Page": PAGE, "Error": ERROR}},
    }
