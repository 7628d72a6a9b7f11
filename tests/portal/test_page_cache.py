"""The whole-page cache (portal/page_cache.py): fast, and never stale or personal."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.core.caching import bump_content_version, content_version
from portal.display import CONTRAST_COOKIE, TEXT_SIZE_COOKIE
from portal.page_cache import PageCacheMiddleware
from tests.referrals.factories import (
    EVERY_DAY,
    WEEKDAYS,
    ContactRouteFactory,
    OpeningExceptionFactory,
    ProblemReportFactory,
    ServiceFactory,
    add_hours,
)
from tests.referrals.referral_support import make_referral, make_referral_service
from tests.resources.factories import ResourceFactory, ResourceSectionFactory, TopicFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time
HELP = reverse("referrals:help")
OPEN_NOW = f"{HELP}?audience=parent&open_now=1"


def at(hour, minute, second=0):
    """Wednesday 12 November 2025 in London, at this time."""
    return datetime.datetime(2025, 11, 12, hour, minute, second, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def office_hours_line():
    """A parents' line open 8am to 5pm on weekdays."""
    service = ServiceFactory(name="Family line", audiences=["parent"])
    route = ContactRouteFactory(service=service, label="Family helpline", audiences=["parent"])
    add_hours(route, *WEEKDAYS, opens=T(8), closes=T(17))
    return route


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response


def rendered_afresh(url, settings, **extra):
    settings.PAGE_CACHE = False
    try:
        return Client().get(url, **extra).content.decode()
    finally:
        settings.PAGE_CACHE = True


# ---------------------------------------------------------------------------------------------
# The clock
# ---------------------------------------------------------------------------------------------
def test_a_cached_page_is_served_again_within_its_minute(client, office_hours_line):
    with time_machine.travel(at(11, 0, 5), tick=False):
        assert get(client, HELP)["X-Page-Cache"] == "miss"
    with (
        time_machine.travel(at(11, 0, 55), tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        assert get(client, HELP)["X-Page-Cache"] == "hit"
    assert len(queries) == 0


def test_status_is_never_stale_across_a_minute_boundary(client, office_hours_line):
    with time_machine.travel(at(16, 59, 59), tick=False):
        assert "Open now, closes in 1 minute" in get(client, HELP).text
    with time_machine.travel(at(17, 0, 0), tick=False):
        response = get(client, HELP)
    assert response["X-Page-Cache"] == "miss"
    assert "Closed, opens tomorrow at 8am" in response.text
    assert "Open now" not in response.text


def test_open_now_filter_drops_a_line_the_minute_it_closes(client, office_hours_line):
    with time_machine.travel(at(16, 59, 30), tick=False):
        assert "Family helpline" in get(client, OPEN_NOW).text
    with time_machine.travel(at(17, 0, 1), tick=False):
        assert "Family helpline" not in get(client, OPEN_NOW).text


@pytest.mark.parametrize("second", [0, 1, 30, 59])
def test_a_cached_page_says_what_a_fresh_one_would_at_every_second_of_its_minute(
    client, office_hours_line, settings, second
):
    # Rendered early in the minute, served late in it (and the other way round): the words
    # ("closes in 20 minutes") are those of a page rendered at the moment of the request.
    first = 59 - second
    with time_machine.travel(at(16, 40, first), tick=False):
        get(client, HELP)
    with time_machine.travel(at(16, 40, second), tick=False):
        cached = get(client, HELP)
        fresh = rendered_afresh(HELP, settings)
    assert cached["X-Page-Cache"] == "hit"
    assert "Open now, closes in 20 minutes" in cached.text
    assert cached.text == fresh


def test_a_page_whose_rendering_ran_into_the_next_minute_is_not_stored():
    # Rendered from 16:59:59 to 17:00:01: it may already show 17:00, so it is not kept for
    # the rest of 16:59.
    calls = []
    with time_machine.travel(at(16, 59, 59), tick=False) as traveller:

        def slow_view(request):
            calls.append(1)
            traveller.shift(datetime.timedelta(seconds=2))
            return HttpResponse("<p>page</p>", content_type="text/html")

        middleware = PageCacheMiddleware(slow_view)
        middleware(RequestFactory().get("/somewhere/"))
        traveller.move_to(at(16, 59, 59))
        middleware(RequestFactory().get("/somewhere/"))
    assert len(calls) == 2


def test_a_route_changed_without_signals_is_gone_when_the_minute_ends(client, office_hours_line):
    # QuerySet.update() tells no one: a page may show the old route to the end of its minute.
    with time_machine.travel(at(11, 0, 10), tick=False):
        assert "Family helpline" in get(client, HELP).text
        type(office_hours_line.service).objects.update(status="draft")
    with time_machine.travel(at(11, 1, 0), tick=False):
        assert "Family helpline" not in get(client, HELP).text


# ---------------------------------------------------------------------------------------------
# Content changes
# ---------------------------------------------------------------------------------------------
def test_an_edited_route_is_right_on_the_next_request(client, office_hours_line):
    with time_machine.travel(at(11, 0, 10), tick=False):
        assert "Family helpline" in get(client, HELP).text
        office_hours_line.label = "Family helpline (new number)"
        office_hours_line.save()
        assert "Family helpline (new number)" in get(client, HELP).text


def test_an_unpublished_service_is_gone_on_the_next_request(client, office_hours_line):
    service = office_hours_line.service
    with time_machine.travel(at(11, 0, 10), tick=False):
        assert "Family helpline" in get(client, HELP).text
        assert get(client, service.get_absolute_url()).status_code == 200
        service.status = "draft"
        service.save()
        assert "Family helpline" not in get(client, HELP).text
        assert client.get(service.get_absolute_url()).status_code == 404


def test_a_new_dated_exception_shows_on_the_next_request(client, office_hours_line):
    with time_machine.travel(at(11, 0, 10), tick=False):
        assert "Open now, closes at 5pm" in get(client, HELP).text
        OpeningExceptionFactory(
            route=office_hours_line, date=datetime.date(2025, 11, 12), note="Staff training"
        )
        html = get(client, HELP).text
    assert "Open now" not in html
    assert "Staff training" in html


def test_an_edit_saved_on_another_app_server_shows_on_the_next_request(client):
    ServiceFactory(name="Family line")
    assert get(client, HELP)["X-Page-Cache"] == "miss"
    assert get(client, HELP)["X-Page-Cache"] == "hit"
    # Another server's save replaces the version in the shared cache (Redis in production).
    bump_content_version()
    assert get(client, HELP)["X-Page-Cache"] == "miss"


def test_a_page_rendered_while_the_content_changed_is_never_served():
    calls = []

    def view(request):
        calls.append(1)
        if len(calls) == 1:
            bump_content_version()  # an editor saves while this page is being rendered
        return HttpResponse("<p>page</p>", content_type="text/html")

    middleware = PageCacheMiddleware(view)
    for _ in range(3):
        middleware(RequestFactory().get("/somewhere/"))
    assert len(calls) == 2


def test_a_new_resource_is_listed_on_the_next_request(client):
    ResourceFactory(title="First guide")
    assert "First guide" in get(client, reverse("resources:resource-list")).text
    ResourceFactory(title="Second guide")
    assert "Second guide" in get(client, reverse("resources:resource-list")).text


# ---------------------------------------------------------------------------------------------
# Nothing personal to anyone else
# ---------------------------------------------------------------------------------------------
def test_display_settings_are_never_served_to_another_visitor(office_hours_line):
    with time_machine.travel(at(11, 0, 10), tick=False):
        chooser = Client()
        chooser.cookies[TEXT_SIZE_COOKIE] = "largest"
        chooser.cookies[CONTRAST_COOKIE] = "high"
        assert 'class="text-largest contrast-high"' in get(chooser, HELP).text
        other = Client()
        plain = get(other, HELP)
        assert "contrast-high" not in plain.text
        assert plain["X-Page-Cache"] == "miss"
        # And back: each keeps their own page, now from the cache.
        assert 'class="text-largest contrast-high"' in get(chooser, HELP).text
        assert "contrast-high" not in get(other, HELP).text
        assert get(other, HELP)["X-Page-Cache"] == "hit"


def test_a_nonsense_display_cookie_shares_the_standard_page(office_hours_line):
    with time_machine.travel(at(11, 0, 10), tick=False):
        get(Client(), HELP)
        odd = Client()
        odd.cookies[TEXT_SIZE_COOKIE] = '"><script>alert(1)</script>'
        response = get(odd, HELP)
    assert response["X-Page-Cache"] == "hit"
    assert "<script>alert" not in response.text


def test_signed_in_staff_are_never_served_or_stored_from_the_cache(admin_client, client):
    ServiceFactory(name="Family line")
    staff_page = get(admin_client, HELP)
    assert "X-Page-Cache" not in staff_page
    # The anonymous visitor after them renders their own page.
    assert get(client, HELP)["X-Page-Cache"] == "miss"
    assert "X-Page-Cache" not in get(admin_client, HELP)


def test_previews_are_never_cached(admin_client, client):
    service = ServiceFactory(name="Draft line", draft=True)
    url = reverse("referrals:service-preview", args=[service.slug])
    response = get(admin_client, url)
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"
    # Anonymous visitors are sent to sign in, every time, and nothing is stored for them.
    assert client.get(url).status_code == 302
    assert client.get(url).status_code == 302


def test_a_response_marked_private_is_never_stored():
    calls = []

    def view(request):
        calls.append(1)
        response = HttpResponse("<p>yours</p>", content_type="text/html")
        response["Cache-Control"] = "private, no-store"
        return response

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/somewhere/"))
    assert len(calls) == 2


def test_the_admin_is_never_cached(client):
    for _ in range(2):
        response = client.get(reverse("admin:login"))
        assert "X-Page-Cache" not in response


def test_a_page_with_a_csrf_token_is_never_cached():
    url = reverse("display-settings")
    first, second = Client(), Client()
    one, two = get(first, url), get(second, url)
    assert "csrfmiddlewaretoken" in one.text
    assert "X-Page-Cache" not in one
    assert "X-Page-Cache" not in two
    token = one.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token not in two.text


def test_a_page_that_sets_a_cookie_is_never_stored():
    calls = []

    def view(request):
        calls.append(1)
        response = HttpResponse("<p>hello</p>", content_type="text/html")
        response.set_cookie("seen", "1")
        return response

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/somewhere/"))
    assert len(calls) == 2


def test_a_visitor_with_a_session_is_not_served_from_the_cache(client):
    ServiceFactory()
    get(Client(), HELP)
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in get(client, HELP)


def test_a_bad_filter_page_is_not_stored(client):
    ServiceFactory()
    for _ in range(2):
        response = client.get(HELP, {"age": "ninety"})
        assert response.status_code == 400
        assert "X-Page-Cache" not in response


# ---------------------------------------------------------------------------------------------
# Same page, same headers; conditional GET
# ---------------------------------------------------------------------------------------------
def test_a_cached_page_carries_the_same_security_headers(client):
    ServiceFactory()
    miss, hit = get(client, HELP), get(client, HELP)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Type",
        "ETag",
    ):
        assert hit[header] == miss[header], header
    assert "Cookie" in hit["Vary"]
    assert hit.content == miss.content


def test_gzip_and_plain_visitors_each_get_their_own_encoding(client):
    ServiceFactory()
    zipped = get(client, HELP, HTTP_ACCEPT_ENCODING="gzip")
    plain = get(client, HELP)
    again = get(client, HELP, HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert again["Content-Encoding"] == "gzip"
    assert again["X-Page-Cache"] == "hit"
    assert "Get help now" in plain.text


def test_a_repeat_visit_with_the_etag_gets_a_304(client):
    ServiceFactory()
    first = get(client, HELP)
    for _ in range(2):
        repeat = client.get(HELP, HTTP_IF_NONE_MATCH=first["ETag"])
        assert repeat.status_code == 304
        assert repeat.content == b""
        assert repeat["ETag"] == first["ETag"]


def test_a_changed_page_answers_a_stale_etag_in_full(client, office_hours_line):
    first = get(client, HELP)
    office_hours_line.label = "Renamed line"
    office_hours_line.save()
    response = client.get(HELP, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "Renamed line" in response.text


def test_query_order_does_not_matter_but_values_do(client):
    ServiceFactory(audiences=["parent"])
    get(client, f"{HELP}?audience=parent&age=10")
    assert get(client, f"{HELP}?age=10&audience=parent")["X-Page-Cache"] == "hit"
    assert get(client, f"{HELP}?age=11&audience=parent")["X-Page-Cache"] == "miss"


# ---------------------------------------------------------------------------------------------
# Queries per rendered page: constant as the content grows, and at most 8
# ---------------------------------------------------------------------------------------------
def make_content(resources, services, topics):
    made = ResourceFactory.create_batch(
        resources, key_stages=["ks3"], topics=topics, audiences=["parent"]
    )
    for resource in made[:3]:
        ResourceSectionFactory(resource=resource)
    for _ in range(services):
        service = ServiceFactory(topics=topics, audiences=["parent"])
        for _ in range(3):
            route = ContactRouteFactory(service=service, audiences=["parent"])
            add_hours(route, *EVERY_DAY, opens=T(8), closes=T(20))
            OpeningExceptionFactory(route=route, date=datetime.date(2025, 11, 14))
    return made


@pytest.mark.parametrize(
    "page",
    ["home", "list", "filtered", "detail", "topic", "search", "help", "help_open_now", "service"],
)
def test_rendered_pages_need_at_most_eight_queries_whatever_the_size(client, settings, page):
    settings.PAGE_CACHE = False
    topics = [TopicFactory(slug="consent"), TopicFactory()]
    first = make_content(4, 2, topics)[0]
    service = ServiceFactory(slug="the-service", topics=topics, audiences=["parent"])
    ContactRouteFactory(service=service, audiences=["parent"])
    url = {
        "home": reverse("home"),
        "list": reverse("resources:resource-list"),
        "filtered": f"{reverse('resources:resource-list')}?key_stage=ks3&topic=consent",
        "detail": first.get_absolute_url(),
        "topic": reverse("resources:topic-detail", args=["consent"]),
        "search": f"{reverse('search')}?q=guidance",
        "help": HELP,
        "help_open_now": f"{HELP}?audience=parent&age=10&open_now=1",
        "service": service.get_absolute_url(),
    }[page]

    def warm_queries():
        get(client, url)
        with CaptureQueriesContext(connection) as queries:
            get(client, url)
        return len(queries)

    with time_machine.travel(at(11, 0), tick=False):
        small = warm_queries()
        make_content(30, 12, topics)
        large = warm_queries()
    assert small == large <= 8


def test_a_forged_host_is_refused_whether_or_not_the_page_is_cached(client):
    get(client, HELP)
    response = client.get(HELP, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "evil.example" not in response.text


def test_a_problem_report_or_a_referral_keeps_every_cached_page(client, office_hours_line):
    # No public page shows them: a busy report queue or referral form must not empty the cache.
    form_settings = make_referral_service()
    version = content_version()
    report = ProblemReportFactory(route=office_hours_line)
    report.status = report.Status.CHECKED  # an editor works through the queue
    report.save()
    make_referral(form_settings)
    assert content_version() == version
    # What the public does see still replaces it.
    office_hours_line.label = "Parents' line"
    office_hours_line.save()
    assert content_version() != version
