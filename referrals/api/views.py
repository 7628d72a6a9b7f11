"""Read-only JSON views of the ORUK 3.0 API. Public data: open to any origin, briefly cached.

Every answer is JSON, errors included (``{"error": "..."}``). Responses carry an ``ETag`` from
their content, so a client that sends ``If-None-Match`` gets a 304 when nothing changed.
``Last-Modified`` is informational only: renaming a topic or an exception passing its date
changes a response without touching any ``updated_at``, so ``If-Modified-Since`` could answer a
stale 304 and is not honoured.
"""

import datetime
import math
import uuid
from functools import wraps

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from referrals.freshness import attach_freshness
from referrals.models import (
    ContactRoute,
    OpeningException,
    Service,
    ServiceAlert,
    ServiceAtLocation,
)
from referrals.opening_hours import local_moment
from referrals.translations import language_from_accept_language
from resources.models import Audience, Topic

from . import oruk, params
from .openapi import openapi_document

CACHE_SECONDS = 300
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


def error_response(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def api_endpoint(view):
    """CORS, caching, ETags, languages and JSON errors for an API view.

    A record is in English unless ``Accept-Language`` asks for one of the site's other
    languages: then each text is in that language where it is translated, English where not,
    and ``Content-Language`` names the language asked for. The ETag comes from the content, so
    it differs between languages, and ``Vary`` tells caches to keep them apart.

    Reading is all the API allows, so there is nothing for CSRF protection to guard: without
    the exemption a POST would meet an HTML 403 rather than a JSON 405.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = (
                "If-None-Match, If-Modified-Since, Accept-Language"
            )
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = error_response("This API is read-only: use GET.", 405)
            response["Allow"] = ALLOWED_METHODS
        else:
            language = language_from_accept_language(request.headers.get("Accept-Language", ""))
            try:
                with translation.override(language):
                    response = view(request, *args, **kwargs)
            except params.ApiError as error:
                response = error_response(str(error), 400)
            patch_vary_headers(response, ["Accept-Language"])
            if response.status_code == 200:
                response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
                set_response_etag(response)
                response = get_conditional_response(
                    request, etag=response["ETag"], response=response
                )
                response["Content-Language"] = language
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def _page(values: dict, items_or_queryset, count: int, make_item) -> dict:
    """One page in the standard's paging fields. ``items_or_queryset`` is sliced only when
    the page exists, so a huge page number costs nothing."""
    page, per_page = values["page"], values["per_page"]
    total_pages = math.ceil(count / per_page)
    start = (page - 1) * per_page
    items = list(items_or_queryset[start : start + per_page]) if page <= total_pages else []
    return {
        "total_items": count,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": count == 0,
        "contents": [make_item(item) for item in items],
    }


# ------------------------------------------------------------------------------
# Endpoints
# ------------------------------------------------------------------------------
@api_endpoint
def about(request):
    return JsonResponse(
        {
            "version": oruk.ORUK_VERSION,
            "profile": oruk.ORUK_PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("api:openapi")),
        }
    )


@api_endpoint
def openapi(request):
    return JsonResponse(openapi_document(request.build_absolute_uri(reverse("api:about"))))


@api_endpoint
def service_list(request):
    # Every parameter is read before any query: a bad one is a 400 whatever the data.
    values = params.read(request.GET, params.PAGING + params.SERVICE_FILTERS)
    now = timezone.now()
    services = params.filter_services(Service.objects.published(now), values)
    services = services.order_by("order", "name", "pk").prefetch_related(
        "routes", Prefetch("alerts", queryset=ServiceAlert.objects.not_ended(now))
    )
    body = _page(
        values, services, services.count(), lambda item: oruk.service_summary(item, now=now)
    )
    response = JsonResponse(body)
    _set_last_modified(response, body["contents"])
    return response


def services_for_detail(now):
    """Services with everything the nested document shows, in a fixed number of queries.
    Dated exceptions already past are history, not information about the service; so are
    alerts that have ended."""
    today = local_moment(now).date()
    routes = ContactRoute.objects.with_check_due().prefetch_related(
        "sessions",
        Prefetch("exceptions", queryset=OpeningException.objects.filter(date__gte=today)),
        "audiences",
    )
    return Service.objects.published(now).prefetch_related(
        Prefetch("routes", queryset=routes),
        "topics",
        "audiences",
        Prefetch("alerts", queryset=ServiceAlert.objects.not_ended(now)),
        "areas",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.for_display().select_related("service"),
        ),
    )


@api_endpoint
def service_detail(request, id):
    now = timezone.now()
    service = _by_uuid(services_for_detail(now), id)
    if service is None:
        return error_response("There is no published service with this id.", 404)
    attach_freshness(service.routes.all(), local_moment(now).date())
    body = oruk.service_full(service, request.build_absolute_uri, now=now)
    response = JsonResponse(body)
    _set_last_modified(response, [body])
    return response


@api_endpoint
def service_at_location_list(request):
    now = timezone.now()
    values = params.read(request.GET, params.PAGING + params.PLACE_FILTERS)
    places = params.filter_service_at_locations(ServiceAtLocation.objects.published(now), values)
    # Nearest first when measuring from a postcode.
    order = ("_distance",) if values["proximity"] is not None else ()
    places = places.order_by(
        *order, "service__order", "service__name", "location__name", "pk"
    ).select_related("service", "location")
    places = places.prefetch_related(
        "service__routes",
        Prefetch("service__alerts", queryset=ServiceAlert.objects.not_ended(now)),
    )
    body = _page(
        values,
        places,
        places.count(),
        lambda item: oruk.service_at_location_summary(item, now=now),
    )
    response = JsonResponse(body)
    _set_last_modified(response, [item["service"] for item in body["contents"]])
    return response


@api_endpoint
def service_at_location_detail(request, id):
    now = timezone.now()
    places = ServiceAtLocation.objects.published(now).for_display().select_related("service")
    place = _by_uuid(places, id)
    if place is None:
        return error_response("There is no published service at location with this id.", 404)
    service = services_for_detail(now).filter(pk=place.service_id).first()
    if service is None:  # unpublished a moment ago
        return error_response("There is no published service at location with this id.", 404)
    body = oruk.service_at_location_full(
        place, oruk.service_full(service, request.build_absolute_uri, now=now)
    )
    response = JsonResponse(body)
    _set_last_modified(response, [body["service"]])
    return response


@api_endpoint
def taxonomy_list(request):
    values = params.read(request.GET, params.PAGING)
    taxonomies = oruk.taxonomies(request.build_absolute_uri)
    return JsonResponse(_page(values, taxonomies, len(taxonomies), lambda item: item))


@api_endpoint
def taxonomy_detail(request, id):
    build_uri = request.build_absolute_uri
    id = _canonical(id)
    taxonomy = next((item for item in oruk.taxonomies(build_uri) if item["id"] == id), None)
    if taxonomy is None:
        return error_response("There is no taxonomy with this id.", 404)
    terms = [term for term in _all_terms(build_uri) if term["taxonomy_id"] == id]
    return JsonResponse({**taxonomy, "taxonomy_terms": terms})


@api_endpoint
def taxonomy_term_list(request):
    values = params.read(request.GET, params.PAGING)
    terms = _all_terms(request.build_absolute_uri)
    return JsonResponse(_page(values, terms, len(terms), lambda item: item))


@api_endpoint
def taxonomy_term_detail(request, id):
    id = _canonical(id)
    terms = _all_terms(request.build_absolute_uri)
    term = next((item for item in terms if item["id"] == id), None)
    if term is None:
        return error_response("There is no taxonomy term with this id.", 404)
    return JsonResponse(term)


@api_endpoint
def not_found(request, *args, **kwargs):
    return error_response(
        f"Nothing here. The API's endpoints are listed in {reverse('api:openapi')}.", 404
    )


# ------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------
def _all_terms(build_uri) -> list[dict]:
    """Every topic, then every audience, then the route facts' questions: a few dozen rows,
    two queries."""
    return [
        *(oruk.topic_term(topic, build_uri) for topic in Topic.objects.order_by("name", "pk")),
        *(oruk.audience_term(audience, build_uri) for audience in Audience.objects.all()),
        *(oruk.route_fact_term(code, build_uri) for code in oruk.ROUTE_FACT_TERMS),
    ]


def _canonical(value: str) -> str | None:
    """The usual lower-case, hyphenated form of a UUID; ``None`` for anything else."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def _by_uuid(queryset, value: str):
    key = _canonical(value)
    return queryset.filter(uuid=key).first() if key else None


def _set_last_modified(response, documents):
    # The documents' own last_modified (UTC, fixed width), so the newest sorts last.
    stamps = [document["last_modified"] for document in documents]
    if stamps:
        newest = datetime.datetime.fromisoformat(max(stamps).replace("Z", "+00:00"))
        response["Last-Modified"] = http_date(newest.timestamp())
