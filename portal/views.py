from urllib.parse import quote

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponseServerError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme

from portal.core.caching import cached
from portal.core.search import search_words
from portal.core.site_search import SiteSearchForm
from portal.core.vocabulary import KEY_STAGES
from portal.display import (
    CONTRAST_COOKIE,
    COOKIE_MAX_AGE,
    TEXT_SIZE_COOKIE,
    DisplayPreferences,
    DisplaySettingsForm,
)
from referrals.cards import cached_routes
from referrals.models import ContactRoute, Service
from resources.cards import with_cards
from resources.models import Resource, Topic
from resources.querysets import SEARCH_CANDIDATES

SEARCH_RESULTS_PER_PAGE = 20


def popular_topics():
    """The most used topics: counting them means reading every topic link, so it is cached."""
    return cached("popular-topics", None, lambda: list(Topic.objects.in_use()[:8]))


def home(request):
    now = timezone.now()
    featured_routes = ContactRoute.objects.published(now).filter(featured=True).for_display(now)
    return render(
        request,
        "portal/home.html",
        {
            "featured_routes": cached_routes("featured-routes", None, featured_routes[:4], now),
            "key_stages": KEY_STAGES,
            "popular_topics": popular_topics(),
            "latest_resources": with_cards(
                Resource.objects.published(now).newest_first().for_cards()[:6]
            ),
            "search_form": SiteSearchForm(auto_id="home-search-%s"),
        },
    )


def search(request):
    now = timezone.now()
    form = SiteSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    words = search_words(query)
    # The ranked matches (the newest SEARCH_CANDIDATES + 1 at most, to know when there are
    # "more than") in one query, cached for the words searched. The resources shown are
    # fetched live by primary key, so one unpublished since is never shown.
    ranked = cached(
        "search-ranked",
        words,
        lambda: Resource.objects.published(now).ranked_matches(query, SEARCH_CANDIDATES + 1),
    )
    paginator = Paginator(ranked[:SEARCH_CANDIDATES], SEARCH_RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("There is no such page of results.") from None
    rows = Resource.objects.published(now).for_cards().in_bulk(page.object_list)
    page.object_list = with_cards(rows[pk] for pk in page.object_list if pk in rows)
    # Services and topics only head the first page: they are few and the best way in.
    first_page = page.number == 1 and bool(words)
    # By name, summary, topic, or the number of one of its lines.
    services = Service.objects.published(now).search(query)
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "searched": bool(query),
            "page_obj": page,
            "paginator": paginator,
            "more_than": len(ranked) > SEARCH_CANDIDATES,
            "resources": page.object_list,
            "services": services[:5] if first_page else [],
            "topics": Topic.objects.matching(query)[:6] if first_page else [],
            # Suggestions when nothing matched: evaluated only if the page shows them.
            "key_stages": KEY_STAGES,
            "popular_topics": SimpleLazyObject(popular_topics),
        },
    )


def accessibility_statement(request):
    return render(request, "portal/accessibility.html")


def staying_safe_online(request):
    """Private browsing, clearing history, shared devices, and what the exit button can and
    cannot do: GOV.UK's "Exit this page" pattern explains rather than promises."""
    return render(request, "portal/staying_safe.html")


def display_settings(request):
    """Text size and contrast, remembered in cookies and applied on the server (no JS needed)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST":
        form = DisplaySettingsForm(request.POST)
        if form.is_valid():
            response = redirect(
                f"{reverse('display-settings')}?saved=1"
                + (f"&next={quote(next_url)}" if next_url else "")
            )
            for cookie, value in (
                (TEXT_SIZE_COOKIE, form.cleaned_data["text_size"]),
                (CONTRAST_COOKIE, form.cleaned_data["contrast"]),
            ):
                response.set_cookie(
                    cookie,
                    value,
                    max_age=COOKIE_MAX_AGE,
                    secure=request.is_secure(),
                    httponly=True,
                    samesite="Lax",
                )
            return response
        status = 400
    else:
        current = DisplayPreferences.from_request(request)
        form = DisplaySettingsForm(
            initial={"text_size": current.text_size, "contrast": current.contrast}
        )
        status = 200
    return render(
        request,
        "portal/display_settings.html",
        {"form": form, "next": next_url, "saved": request.GET.get("saved") == "1"},
        status=status,
    )


def server_error(request):
    """The 500 page: a self-contained template (it must not depend on whatever just failed)
    with the main helplines from the snapshot, never the database."""
    from django.template import loader

    from referrals.snapshot import read_helpline_snapshot

    try:
        helplines = read_helpline_snapshot()
    except Exception:  # the page must render whatever else is broken
        helplines = []
    from portal.languages import page_language

    html = loader.get_template("500.html").render(
        {"helplines": helplines, "page_language": page_language()}
    )
    return HttpResponseServerError(html)
