"""Hostile input at every public address: arbitrary, repeated and unknown query parameters,
unicode (right-to-left, emoji, combining marks), NUL and other control characters, numbers out
of any range and values 10,000 characters long, in the query and in the path.

Whatever arrives, the answer is a 2xx, 3xx or 4xx (never a 5xx), JSON that parses where the
answer is JSON, and never a value echoed unescaped: every value that could be echoed carries
markers (a tag, an attribute break-out, a ``</script>``) that must never appear as they were
sent.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.core.vocabulary import PublicationStatus
from referrals.api import oruk, params
from referrals.models import Service, ServiceAtLocation
from resources.models import KeyStage, Resource, ResourceFile, Topic

pytestmark = pytest.mark.django_db

HOSTILE = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Each must never appear in a page exactly as sent: escaped (&lt;x-probe…) is harmless.
MARKERS = (
    "<x-probe-7319>",
    '"onmouseover=probe7319',
    "'onfocus=probe7319",
    "</script><x-probe-7319>",
)
PROBE = "".join(MARKERS)

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "\x01\x07\x08\x0b\x0c\x1b[31m\x7f",
    "\r\n\r\nSet-Cookie: probe=1",
    "\t",
    "\u202egnp.exe",  # right-to-left override
    "مرحبا بالعالم",
    "שלום",
    "👩‍👩‍👧‍👦🏳️‍🌈🙂",
    "e\u0301\u0301\u0301\u0301",  # stacked combining accents
    "Z̴̡͔̈́ä̶̢́l̸̨̈g̵̢̈ö̶̡",
    "\ufeff\u200b\u200d",
    "\uffff\U0010ffff",
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "-0",
    "99999999999999999999999999999999",
    "9223372036854775808",
    "%",
    "%ff%fe",
    "../../../etc/passwd",
    "' OR 1=1 --",
    '"; DROP TABLE resources_resource; --',
    "\\",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/",
    PROBE,
]
LONG = [
    "a" * 10_000,
    "é" * 10_000,
    "\x00" * 10_000,
    "9" * 10_000,
    (PROBE * (10_000 // len(PROBE) + 1))[:10_000],
]
# Values that mean something somewhere, so other values reach the code behind a valid one.
MEANINGFUL = [
    "ks3",
    "eyfs",
    "consent",
    "online-safety",
    "parent",
    "professional",
    "guidance",
    "lesson-pack",
    "phone",
    "title",
    "relevance",
    "newest",
    "1",
    "2",
    "14",
    "MO",
    "09:00",
    "large",
    "high",
    "wrong-number",
    "other",
    "/resources/",
    oruk.TOPICS_TAXONOMY_ID,
    oruk.audience_term_id("parent"),
]
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(MEANINGFUL),
    st.sampled_from(LONG),
    TEXT,
    st.integers().map(str),
    st.floats().map(str),
    st.tuples(TEXT, TEXT).map(lambda parts: parts[0] + PROBE + parts[1]),
)
UNKNOWN_NAMES = st.one_of(
    TEXT,
    st.sampled_from(["", "page[]", "__proto__", "csrfmiddlewaretoken", "a.b", "x" * 10_000, PROBE]),
)
SLUGS = st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True)

API_PARAMETERS = tuple(parameter.name for parameter in params.PAGING + params.SERVICE_FILTERS)
PAGING = tuple(parameter.name for parameter in params.PAGING)
PLACE_PARAMETERS = tuple(parameter.name for parameter in params.PAGING + params.PLACE_FILTERS)


@dataclass(frozen=True)
class Page:
    """A public address: its path with ``{kind}`` for each segment, and its known parameters."""

    path: str
    parameters: tuple[str, ...] = ()
    post: tuple[str, ...] = field(default=())


# Every public URL pattern, as the resolver spells it. test_every_public_url_is_covered
# fails when a pattern is added without an entry here.
PAGES = {
    "": Page("/"),
    "search/": Page("/search/", ("q", "page")),
    "accessibility/": Page("/accessibility/"),
    "display-settings/": Page(
        "/display-settings/", ("next", "saved"), post=("text_size", "contrast", "next")
    ),
    "resources/": Page(
        "/resources/", ("q", "key_stage", "topic", "kind", "audience", "sort", "page")
    ),
    "resources/key-stages/<slug:code>/": Page("/resources/key-stages/{key_stage}/"),
    "resources/feed/": Page("/resources/feed/"),
    "resources/topics/<slug:slug>/": Page("/resources/topics/{topic}/"),
    "resources/topics/<slug:slug>/feed/": Page("/resources/topics/{topic}/feed/"),
    "resources/<slug:slug>/": Page("/resources/{resource}/"),
    "resources/<slug:slug>/preview/": Page("/resources/{resource}/preview/"),
    "resources/<slug:slug>/files/<int:pk>/": Page("/resources/{resource}/files/{file}/"),
    "help/": Page(
        "/help/", ("audience", "age", "kind", "topic", "open_now", "page", "need", "area")
    ),
    "help/<slug:slug>/": Page("/help/{service}/"),
    "help/<slug:slug>/preview/": Page("/help/{service}/preview/"),
    "help/<slug:slug>/report/": Page(
        "/help/{service}/report/",
        ("route",),
        post=("route", "problem", "detail", "reply_email", "confirm_fax"),
    ),
    "help/<slug:slug>/report/sent/": Page("/help/{service}/report/sent/"),
    "staying-safe-online/": Page("/staying-safe-online/"),
    "help/<slug:slug>/refer/": Page(
        "/help/{referral_service}/refer/",
        post=(
            "referrer_role",
            "relationship",
            "child_age",
            "dob_day",
            "dob_month",
            "dob_year",
            "school",
            "concern",
            "parent_consent",
            "young_person_consent",
            "referrer_name",
            "referrer_phone",
            "referrer_email",
            "contact_method",
            "contact_times",
            "safe_to_leave_message",
            "urgent",
            "confirm_fax",
        ),
    ),
    "help/<slug:slug>/refer/sent/": Page("/help/{referral_service}/refer/sent/"),
    "api/": Page("/api/"),
    "api/openapi.json": Page("/api/openapi.json"),
    "api/services": Page("/api/services", API_PARAMETERS),
    "api/services/<str:id>": Page("/api/services/{service_id}"),
    "api/service_at_locations": Page("/api/service_at_locations", PLACE_PARAMETERS),
    "api/service_at_locations/<str:id>": Page("/api/service_at_locations/{place_id}"),
    "api/taxonomies": Page("/api/taxonomies", PAGING),
    "api/taxonomies/<str:id>": Page("/api/taxonomies/{taxonomy_id}"),
    "api/taxonomy_terms": Page("/api/taxonomy_terms", PAGING),
    "api/taxonomy_terms/<str:id>": Page("/api/taxonomy_terms/{term_id}"),
    "api/^[\\s\\S]*$": Page("/api/{anything}"),
    "sitemap.xml": Page("/sitemap.xml", ("p", "section")),
    "language/<str:code>/": Page("/language/cy/", ("next",)),
    "robots.txt": Page("/robots.txt"),
    "healthz": Page("/healthz"),
    "readyz": Page("/readyz"),
}
# Not public: the admin has its own protection (and its own tests).
PRIVATE_PREFIXES = ("admin/",)


def url_patterns(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def test_every_public_url_is_covered():
    public = {route for route in url_patterns() if not route.startswith(PRIVATE_PREFIXES)}
    assert public == set(PAGES), (
        "Add new public URL patterns to PAGES (with their query parameters) so hostile input "
        f"is thrown at them too. Missing: {sorted(public - set(PAGES))}; "
        f"no longer exist: {sorted(set(PAGES) - public)}"
    )


@pytest.fixture(scope="module")
def real_values(demo_content, django_db_blocker):
    """Identifiers that exist, so hostile values also reach the code behind a real page."""
    with django_db_blocker.unblock():
        pack = Resource.objects.filter(status=PublicationStatus.PUBLISHED).first()
        lesson_file = ResourceFile.objects.create(
            resource=pack,
            title="Slides",
            file=ContentFile(b"%PDF-1.4 slides", name="slides.pdf"),
            original_name="slides.pdf",
            content_type="application/pdf",
            size=15,
        )
        services = Service.objects.filter(status=PublicationStatus.PUBLISHED)
        return {
            "key_stage": list(KeyStage.objects.values_list("code", flat=True)),
            "topic": list(Topic.objects.values_list("slug", flat=True)),
            "resource": [pack.slug],
            "file": [str(lesson_file.pk)],
            "service": list(services.values_list("slug", flat=True)[:3]),
            "service_id": [str(uuid) for uuid in services.values_list("uuid", flat=True)[:3]],
            "place_id": [
                str(uuid)
                for uuid in ServiceAtLocation.objects.filter(
                    service__status=PublicationStatus.PUBLISHED
                ).values_list("uuid", flat=True)[:3]
            ],
            # Services with a referral form on this site, so hostile posts reach the form.
            "referral_service": list(
                services.filter(referral_form__isnull=False).values_list("slug", flat=True)[:1]
            ),
            "taxonomy_id": [oruk.TOPICS_TAXONOMY_ID, oruk.AUDIENCES_TAXONOMY_ID],
            "term_id": [
                oruk.audience_term_id("parent"),
                *(oruk.topic_term_id(pk) for pk in Topic.objects.values_list("pk", flat=True)),
            ],
            "anything": ["services/x/y", "nothing-here"],
        }


def segment_values(kind, real_values):
    if kind == "file":
        hostile = st.one_of(st.integers(min_value=0).map(str), st.sampled_from(["0", "9" * 400]))
    else:
        hostile = st.one_of(VALUES, SLUGS, st.just("a" * 10_000))
    return st.one_of(st.sampled_from(real_values[kind]), hostile)


def query_pairs(page):
    names = UNKNOWN_NAMES
    if page.parameters:
        names = st.one_of(st.sampled_from(page.parameters), UNKNOWN_NAMES)
    pairs = st.lists(st.tuples(names, VALUES), max_size=6)
    # The same known parameter many times over: ?topic=a&topic=a&topic=...
    repeated = st.tuples(st.sampled_from(page.parameters or ("x",)), VALUES, st.integers(2, 60))
    return st.tuples(pairs, st.lists(repeated, max_size=1)).map(with_repeats)


def with_repeats(drawn):
    pairs, repeats = drawn
    return pairs + [(name, value) for name, value, times in repeats for _ in range(times)]


def address(page, segments, pairs):
    path = page.path.format(**{kind: quote(value, safe="") for kind, value in segments.items()})
    query = urlencode(pairs)
    return f"{path}?{query}" if query else path


def assert_safe(response, address):
    where = f"{response.request['REQUEST_METHOD']} {address[:300]!r}"
    assert response.status_code < 500, f"{response.status_code} for {where}"
    location = response.get("Location")
    if location:
        assert not any(marker in location for marker in MARKERS), where
        assert urlsplit(location).netloc in ("", "testserver"), f"redirect off-site for {where}"
    if response.streaming:
        b"".join(response.streaming_content)  # the whole file is sent without error
        return
    content_type = response.get("Content-Type", "")
    if "json" in content_type:
        json.loads(response.content)
        return
    body = response.content.decode("utf-8", errors="replace")
    for marker in MARKERS:
        assert marker not in body, f"{marker!r} echoed unescaped for {where}"


def placeholders(page):
    return [part[1:-1] for part in page.path.split("/") if part.startswith("{")]


@pytest.mark.parametrize("route", PAGES)
@HOSTILE
@given(data=st.data())
def test_hostile_query_and_path_never_break_a_page(client, real_values, route, data):
    page = PAGES[route]
    segments = {
        kind: data.draw(segment_values(kind, real_values), label=kind)
        for kind in placeholders(page)
    }
    pairs = data.draw(query_pairs(page), label="query")
    url = address(page, segments, pairs)
    assert_safe(client.get(url), url)
    if page.post:
        fields = data.draw(
            st.lists(st.tuples(st.sampled_from(page.post), VALUES), max_size=6), label="post"
        )
        body = urlencode(fields)
        assert_safe(client.post(url, body, content_type="application/x-www-form-urlencoded"), url)


@pytest.mark.parametrize("route", PAGES)
def test_every_known_parameter_survives_each_nasty_value(client, real_values, route):
    """Not left to chance: each nasty and each long value in every known parameter at once,
    and in the path, and a raw query string that is not even valid percent-encoding."""
    page = PAGES[route]
    real_segments = {kind: real_values[kind][0] for kind in placeholders(page)}
    for value in NASTY + LONG:
        pairs = [(name, value) for name in page.parameters] + [(PROBE, value)]
        url = address(page, real_segments, pairs)
        assert_safe(client.get(url), url)
        if page.post:
            body = urlencode([(name, value) for name in page.post])
            assert_safe(
                client.post(url, body, content_type="application/x-www-form-urlencoded"), url
            )
        for kind in real_segments:
            url = address(page, {**real_segments, kind: value}, [])
            assert_safe(client.get(url), url)
    raw = address(page, real_segments, []) + "?%ff%fe=%00%c3&&==&%zz=%&page=%E2%80%AE&q=%ed%a0%80"
    assert_safe(client.get(raw), raw)
