import logging
import time

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render

request_logger = logging.getLogger("portal.requests")

RETRY_AFTER_SECONDS = 30
# The open data API (referrals/api), whose every answer is JSON.
API_PREFIX = "/api/"


class DatabaseOutageMiddleware:
    """When the database cannot be reached, answer 503 with the help people came for.

    The page still shows the emergency notice and the main helplines with their numbers, read
    from the snapshot kept in the cache and on disk (referrals/snapshot.py), so a parent never
    meets a bare error. Django drops the broken connection at the end of the request, so the
    site recovers by itself as soon as the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError) or not _is_connection_failure(exception):
            return None
        from referrals.snapshot import read_helpline_snapshot

        logging.getLogger(__name__).error("Database unavailable: %s", type(exception).__name__)
        if request.path.startswith(API_PREFIX):
            # Programs read the API: they get its JSON error shape, not a page for people.
            response = JsonResponse(
                {"error": "The directory is unavailable for a moment: try again shortly."},
                status=503,
            )
            response["Access-Control-Allow-Origin"] = "*"
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            response["Cache-Control"] = "no-store"
            return response
        response = render(
            request,
            "503.html",
            {"helplines": read_helpline_snapshot()},
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


def _is_connection_failure(exception: DatabaseError) -> bool:
    from django.db import InterfaceError, OperationalError

    return isinstance(exception, OperationalError | InterfaceError)


class RequestLogMiddleware:
    """One structured log line per request, with no personal data.

    Query strings can hold a child's age or what a parent searched for, so only the names of
    the parameters are logged, never their values.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        request_logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "query_params": sorted(set(request.GET.keys())),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
