"""Which language a page is in, how a visitor chooses one, and how the choice is remembered.

The language is part of the address: English pages keep their addresses (``/help/``) and every
other language has its own prefix (``/cy/help/``), from ``i18n_patterns`` in ``portal.urls``.
So a page is a function of its address, which is what the whole-page cache keys on
(``portal.page_cache``): a Welsh page can never be served to someone who asked for English.
Neither the language cookie nor the browser's Accept-Language header chooses a page's
language; ``LocaleMiddleware`` sees to that for unprefixed addresses.

Choosing is a plain link per language (``/language/cy/?next=/help/``), so it works without
JavaScript and puts no form (and so no CSRF token) on every page, which would make every page
uncacheable. The link sets the language cookie and redirects to the same page in that language.
The cookie is remembered: an English address visited with another language chosen redirects to
that language's address (``ChosenLanguageMiddleware``, above the page cache).
"""

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
# The BCP 47 tag for lang and hreflang where it says more than the code: the site is written in
# British English (spelling, and how a screen reader pronounces it).
HTML_LANG = {"en": "en-GB"}


def html_lang(code: str) -> str:
    return HTML_LANG.get(code, code)


def path_language(path: str) -> str:
    """The language a page at ``path`` is in: its prefix's, or the default (English)."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def url_in_language(url: str, code: str) -> str:
    """``url`` (a local address, query kept) as the same page in language ``code``; ``url``
    itself when it is not a translated page (the admin, the API, an unknown address)."""
    with translation.override(path_language(urlsplit(url).path)):
        return translate_url(url, code)


def chosen_language(request) -> str | None:
    """The language the visitor chose with the switcher, if it is one we have."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in LANGUAGE_CODES else None


@require_safe
@never_cache
def choose_language(request, code):
    """Remember ``code`` and go to the page named by ``next`` in that language.

    A GET link rather than a form: a changed language is a preference, like a bookmark, and
    nothing is lost if another site links here; the page it came from stays cacheable.
    """
    if code not in LANGUAGE_CODES:
        raise Http404("No such language.")
    next_url = request.GET.get("next", "")
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = reverse("home")
    response = HttpResponseRedirect(url_in_language(next_url, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=request.is_secure(),
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


class ChosenLanguageMiddleware:
    """An English address visited by someone who chose another language redirects to that
    language's address. Sits above the page cache, so the cache only ever sees requests whose
    page language is the one in the address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = chosen_language(request)
        if (
            chosen
            and chosen != settings.LANGUAGE_CODE
            and request.method in ("GET", "HEAD")
            and translation.get_language_from_path(request.path_info) is None
        ):
            here = request.get_full_path()
            there = url_in_language(here, chosen)
            if there != here:
                response = HttpResponseRedirect(there)
                patch_vary_headers(response, ("Cookie",))
                response["Cache-Control"] = "private, no-cache"
                return response
        return self.get_response(request)


def page_language() -> dict:
    """The active language as ``<html>`` needs it: ``lang``, ``dir`` and the Open Graph locale."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "code": current,
        "lang": html_lang(current),
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "og_locale": html_lang(current).replace("-", "_"),
    }


def language_context(request):
    """Context processor: the page's language for ``<html lang dir>``, its addresses in every
    language (``hreflang`` links in the head) and the switcher's links."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    here = request.get_full_path()
    switcher = reverse("choose-language", args=[settings.LANGUAGE_CODE])
    switcher = switcher.removesuffix(f"{settings.LANGUAGE_CODE}/")
    choices = [
        {
            "code": code,
            "lang": html_lang(code),
            "name": name,
            "current": code == current,
            "href": f"{switcher}{code}/?next={quote(here, safe='/')}",
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "page_language": page_language(),
        "language_alternates": _alternates(request),
        "language_choices": choices,
    }


def _alternates(request) -> list[dict]:
    """The page's absolute address in every language, and ``x-default`` (English), for
    ``hreflang`` links. None for a page that is not in every language (an error page, the
    admin) or a request whose host is not ours (the 400 page)."""
    if getattr(request, "resolver_match", None) is None:
        return []
    paths = {code: url_in_language(request.path, code) for code in LANGUAGE_CODES}
    if len(set(paths.values())) == 1:
        return []
    try:
        alternates = [
            {"hreflang": html_lang(code), "href": request.build_absolute_uri(paths[code])}
            for code, _name in settings.LANGUAGES
        ]
    except DisallowedHost:
        return []
    default = request.build_absolute_uri(paths[settings.LANGUAGE_CODE])
    return [*alternates, {"hreflang": "x-default", "href": default}]
