from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from portal.vocabulary import KEY_STAGES
from referrals.models import ContactRoute, Service
from referrals.opening_hours import attach_status
from resources.forms import SiteSearchForm
from resources.models import Resource, Topic
from resources.querysets import all_words_in, search_words

SEARCH_RESULTS_PER_PAGE = 20


def home(request):
    featured_routes = ContactRoute.objects.published().filter(featured=True).for_display()
    return render(
        request,
        "portal/home.html",
        {
            "featured_routes": attach_status(featured_routes[:4], timezone.now()),
            "key_stages": KEY_STAGES,
            "popular_topics": Topic.objects.in_use()[:8],
            "latest_resources": Resource.objects.published().newest_first().for_listing()[:6],
            "search_form": SiteSearchForm(auto_id="home-search-%s"),
        },
    )


def search(request):
    form = SiteSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    words = search_words(query)
    paginator = Paginator(
        Resource.objects.published().search(query).by_relevance().for_listing(),
        SEARCH_RESULTS_PER_PAGE,
    )
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("There is no such page of results.") from None
    # Services and topics only head the first page: they are few and the best way in.
    first_page = page.number == 1 and bool(words)
    services = Service.objects.published()
    if words:
        services = services.filter(all_words_in(words, "name", "summary"))
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "searched": bool(query),
            "page_obj": page,
            "paginator": paginator,
            "resources": page.object_list,
            "services": services[:5] if first_page else [],
            "topics": Topic.objects.matching(query)[:6] if first_page else [],
            # Suggestions when nothing matched: evaluated only if the page shows them.
            "key_stages": KEY_STAGES,
            "popular_topics": Topic.objects.in_use()[:8],
        },
    )
