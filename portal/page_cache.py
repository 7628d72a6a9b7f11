"""Whole public pages, cached for the minute they describe.

A page for an anonymous visitor depends on only four things: its address, the content, the
visitor's display settings and the time. "Open now", "Closes in 20 minutes", scheduled
publishing and dated alerts change only when the minute changes (opening hours are whole
minutes), so a page rendered once in a minute is the page for every request in that minute.
Each stored page is keyed on:

- the host, scheme, path and query (parameters sorted by name, so ``?a=1&b=2`` and ``?b=2&a=1``
  share a page),
- the page's language, which is the address's (``/cy/help/`` is Welsh, ``/help/`` English:
  ``portal.languages``), never the language cookie or the browser's: a visitor who chose
  Welsh and opens an English address is redirected above this middleware, before any lookup,
- the content version (``portal.core.caching``: bumped by any save, delete or many-to-many change in
  the resources, referrals or taggit apps, shared by every app server through Redis), so an
  edited or unpublished route is right on the next request everywhere,
- the display settings from the visitor's cookies (``portal.display``), already reduced to the
  few valid combinations,
- whether the browser takes gzip (the stored page is the compressed one),
- the minute: a page is never served in a minute other than the one it was rendered in, and one
  whose rendering ran into the next minute is not stored.

What is never cached, on the way in: anything but GET; the admin; a request carrying any cookie
other than the display settings, the language choice and the CSRF cookie (a signed-in editor's
session, a message);
on the way out: anything but a 200 HTML page, a response that sets a cookie, a page that used
the CSRF token (a form), a page that read the session, and a response marked ``private``,
``no-store`` or ``no-cache`` (previews). So nothing personal is ever served to someone else.

The middleware sits just inside WhiteNoise, above GZip and everything that adds headers to a
page (CSRF, X-Frame-Options, CSP, Permissions-Policy), so a stored page keeps them, and the
security middleware outside it adds its own to every response, cached or not. Every page it
sees gets an ``ETag``; a repeat visit that sends ``If-None-Match`` gets a 304 with no body.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

from portal.core.caching import VERSION_KEY, content_version
from portal.display import CONTRAST_COOKIE, TEXT_SIZE_COOKIE, DisplayPreferences
from portal.languages import path_language

NEVER_CACHED_PREFIXES = ("/admin/",)
# Cookies that do not make a page personal: display settings are part of the key, the language
# choice only redirects (portal.languages.ChosenLanguageMiddleware, above this one) and the
# CSRF cookie only matters to a page that renders a token (those pages are never stored).
HARMLESS_COOKIES = frozenset(
    {
        TEXT_SIZE_COOKIE,
        CONTRAST_COOKIE,
        settings.LANGUAGE_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
    }
)
UNCACHEABLE_CACHE_CONTROL = ("private", "no-store", "no-cache")
# Headers a stored page keeps: what the inner middleware and the view set on it.
KEPT_HEADERS = frozenset(
    {
        "content-type",
        "content-encoding",
        "content-language",
        "vary",
        "x-frame-options",
        "content-security-policy",
        "content-security-policy-report-only",
        "permissions-policy",
        "x-robots-tag",
        "link",
    }
)


def page_cache_enabled() -> bool:
    return getattr(settings, "PAGE_CACHE", True)


def _minute(moment: float) -> int:
    return int(moment // 60)


def may_use_cache(request) -> bool:
    """Whether this request may be answered from (and its page stored in) the page cache."""
    if request.method != "GET" or request.path.startswith(NEVER_CACHED_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return all(name in HARMLESS_COOKIES for name in request.COOKIES)


def may_store(request, response) -> bool:
    """Whether ``response`` is the same for every visitor who sends the same key."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in UNCACHEABLE_CACHE_CONTROL):
        return False
    # A page that rendered a CSRF token carries this visitor's token.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.accessed)


def page_key(request, minute: int) -> str:
    """The page's key for this minute. The content version is checked against the stored
    page's own, so one round trip to a shared cache reads both."""
    display = DisplayPreferences.from_request(request)
    query = sorted(request.GET.lists())
    gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    parts = repr(
        (
            request.scheme,
            request.get_host(),
            request.path,
            # Already in the path; named so the key says what a page depends on.
            path_language(request.path_info),
            query,
            display.text_size,
            display.contrast,
            gzip,
        )
    )
    digest = hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()
    return f"page:{minute}:{digest}"


def _etag(content: bytes) -> str:
    return f'"{hashlib.blake2b(content, digest_size=12).hexdigest()}"'


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache_enabled() or not may_use_cache(request):
            return self.get_response(request)
        started = time.time()
        minute = _minute(started)
        key = page_key(request, minute)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or content_version()
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            _version, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["Content-Length"] = str(len(content))
            response.headers["X-Page-Cache"] = "hit"
            return get_conditional_response(request, etag=response["ETag"], response=response)

        response = self.get_response(request)
        if not may_store(request, response):
            return response
        # A page about the visitor's display settings: say so to any cache on the way.
        patch_vary_headers(response, ("Cookie",))
        response.headers["ETag"] = _etag(response.content)
        finished = time.time()
        if _minute(finished) == minute:
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() in KEPT_HEADERS or name == "ETag"
            ]
            # Never used after its minute: let it go when the minute ends.
            timeout = max(1, 60 - int(finished % 60))
            # Stored under the version read before rendering: if the content changed meanwhile,
            # the version has moved on and this page is never served.
            cache.set(key, (version, response.status_code, headers, response.content), timeout)
        response.headers["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=response["ETag"], response=response)
