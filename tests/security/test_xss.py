"""An XSS corpus in every field the public sees, on every page that shows it.

Each payload is saved through the ORM (no form, no admin: as a restore, an import or a bug
could write it) into every publicly shown text field of a published resource, topic, service,
contact route and dated exception. Every page, feed and API answer that shows those fields is
then parsed, and must contain no markup from the payload that could run: no script element
other than the site's own, no event-handler attribute, no ``javascript:`` (or ``data:``,
``vbscript:``) address, no element the site never uses. JSON-LD blocks must stay JSON, and the
feeds' HTML summaries must be plain text once a feed reader unescapes them.
"""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from referrals.models import (
    ContactRoute,
    Location,
    OpeningException,
    ServiceAlert,
    ServiceAtLocation,
)
from resources.models import ResourceFile, ResourceLink, ResourceSection, Topic
from tests.editors.test_richtext import XSS_CORPUS as RICH_TEXT_CORPUS
from tests.referrals.factories import ContactRouteFactory, ServiceFactory, add_hours
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

# Short enough for the narrowest field (120 characters with its label), so PostgreSQL stores
# each whole. Aimed at HTML text and attributes, at JSON-LD and at the feeds' XML.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><x-probe>",
    '"><script>alert(1)</script>',
    "'><x-probe onmouseover=alert(1)>",
    "</script><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    '<iframe srcdoc="<script>alert(1)</script>">',
    "]]></summary><script>alert(1)</script>",
    "\u2028\u2029</script><!--<script>",
    "{{ 7|add:7 }}{% debug %}<style>*{}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]

# The corpus's labels: each field gets its own, so a test can tell the field was shown.
RESOURCE_FIELDS = {
    "title": "RTITLE",
    "summary": "RSUMMARY",
    "publisher": "RPUBLISHER",
    "licence": "RLICENCE",
    "sensitive_content": "RSENSITIVE",
}
SERVICE_FIELDS = {
    "name": "SNAME",
    "summary": "SSUMMARY",
    "description": "SDESCRIPTION",
    "provider": "SPROVIDER",
    "area_served": "SAREA",
    "how_to_refer": "SREFER",
    "consent_note": "SCONSENT",
    "extended_age_note": "SEXTNOTE",
}
ROUTE_FIELDS = {
    "label": "RLABEL",
    "what_happens": "RWHAT",
    "good_to_know": "RGOOD",
    "parent_told_note": "RFACTNOTE",
}
LOCATION_FIELDS = {
    "name": "PNAME",
    "description": "PDESCRIPTION",
    "address_1": "PSTREET",
    "town": "PTOWN",
    "county": "PCOUNTY",
    "accessibility": "PACCESS",
}

# Elements the site's own pages never use: any of them on a public page came from a payload.
FOREIGN_ELEMENTS = {
    "x-probe",
    "img",
    "svg",
    "math",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "style",
    "base",
    "form-probe",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


def strings_in(document):
    """Every string value in a JSON document, however deeply nested."""
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict):
        for value in document.values():
            yield from strings_in(value)
    elif isinstance(document, list):
        for value in document:
            yield from strings_in(value)


def labelled(label, payload):
    return f"{label} {payload}"


class Inspector(HTMLParser):
    """Everything in a page that could run, as a browser would parse it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.text = []
        self.json_ld = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        where = self.getpos()
        if tag in FOREIGN_ELEMENTS:
            self.problems.append(f"<{tag}> at {where}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}> at {where}")
            if name == "srcdoc":
                self.problems.append(f"srcdoc on <{tag}> at {where}")
            squashed = re.sub(r"[\x00-\x20]", "", value).lower()
            if name in URL_ATTRIBUTES and squashed.startswith(BAD_SCHEMES):
                self.problems.append(f"{name}={value!r} on <{tag}> at {where}")
        if tag == "script":
            attrs = dict(attrs)
            if attrs.get("type") == "application/ld+json":
                self._script = []
            elif not (attrs.get("src") or "").startswith("/static/"):
                self.problems.append(f"<script {attrs}> at {where}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        self.text.append(data)


def inspect_html(html):
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    for block in inspector.json_ld:
        json.loads(block)  # still data: nothing broke out of the block
    return inspector


def assert_page_safe(client, url, shows=()):
    response = client.get(url)
    assert response.status_code == 200, url
    inspector = inspect_html(response.content.decode())
    assert not inspector.problems, f"{url}: {inspector.problems}"
    text = " ".join(inspector.text)
    missing = [label for label in shows if label not in text]
    assert not missing, f"{url} does not show {missing}: the test would prove nothing"
    return inspector


def assert_feed_safe(client, url, shows=()):
    response = client.get(url)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)  # well-formed: nothing broke out of the XML
    atom = "{http://www.w3.org/2005/Atom}"
    text = " ".join(root.itertext()) + " ".join(
        element.get("term", "") for element in root.iter(f"{atom}category")
    )
    missing = [label for label in shows if label not in text]
    assert not missing, f"{url} does not show {missing}"
    # A feed reader renders type="html" content as HTML once it has unescaped the XML.
    for element in root.iter():
        if element.get("type") == "html" and element.text:
            inspector = inspect_html(element.text)
            assert not inspector.problems, f"{url} <{element.tag}>: {inspector.problems}"
            assert "<" not in element.text, f"{url}: markup in <{element.tag}>: {element.text}"


@pytest.fixture
def site(request):
    """Published content with ``payload`` in every publicly shown text field."""
    payload = request.param
    topic = Topic.objects.create(
        name=labelled("TNAME", payload),
        slug="probe-topic",
        description=labelled("TDESCRIPTION", payload),
    )
    resource = ResourceFactory(
        slug="probe-resource",
        lesson_pack=True,
        key_stages=["ks3"],
        audiences=["parent"],
        topics=[topic],
        **{field: labelled(label, payload) for field, label in RESOURCE_FIELDS.items()},
    )
    ResourceSection.objects.create(
        resource=resource,
        heading=labelled("SHEADING", payload),
        body=f"<p>SBODY</p>{payload}",
    )
    ResourceLink.objects.create(
        resource=resource,
        title=labelled("LTITLE", payload),
        url="https://example.org/lesson",
        description=labelled("LDESCRIPTION", payload),
    )
    ResourceFile.objects.create(
        resource=resource,
        title=labelled("FTITLE", payload),
        file=ContentFile(b"%PDF-1.4 probe", name="probe.pdf"),
        original_name="probe.pdf",
        content_type="application/pdf",
        size=14,
    )
    service = ServiceFactory(
        slug="probe-service",
        audiences=["parent"],
        topics=[topic],
        min_age=0,
        max_age=18,
        extended_max_age=25,
        **{field: labelled(label, payload) for field, label in SERVICE_FIELDS.items()},
    )
    route = ContactRouteFactory(
        service=service,
        featured=True,
        parent_told="no",  # its note is shown only with an answer
        **{field: labelled(label, payload) for field, label in ROUTE_FIELDS.items()},
    )
    ServiceAlert.objects.create(
        service=service,
        message=labelled("SALERT", payload)[:300],
        starts_at=timezone.now() - datetime.timedelta(hours=1),
    )
    ServiceAlert.objects.create(
        service=service,
        route=route,
        message=labelled("RALERT", payload)[:300],
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        route_closed=True,
    )
    add_hours(route, 0, 1, 2, 3, 4, 5, 6, opens=datetime.time(8), closes=datetime.time(20))
    OpeningException.objects.create(
        route=route,
        date=timezone.localdate() + datetime.timedelta(days=1),
        closed=True,
        note=labelled("XNOTE", payload),
    )
    place = Location.objects.create(
        postcode="NR1 2AB",
        url="javascript:alert(1)",
        **{field: labelled(label, payload) for field, label in LOCATION_FIELDS.items()},
    )
    ServiceAtLocation.objects.create(
        service=service, location=place, description=labelled("PAT", payload)
    )
    return {"payload": payload, "resource": resource, "service": service, "route": route}


CASES = pytest.mark.parametrize("site", PAYLOADS, indirect=True, ids=range(len(PAYLOADS)))


@CASES
def test_resource_pages_run_nothing_from_any_field(site):
    client = Client()
    resource_labels = ["RTITLE", "RSUMMARY", "RPUBLISHER", "TNAME"]
    detail = assert_page_safe(
        client,
        "/resources/probe-resource/",
        shows=[
            *RESOURCE_FIELDS.values(),
            "SHEADING",
            "SBODY",
            "LTITLE",
            "LDESCRIPTION",
            "FTITLE",
            "TNAME",
            "RLABEL",
        ],
    )
    assert len(detail.json_ld) == 1
    data = json.loads(detail.json_ld[0])
    # The JSON-LD still says exactly what was typed: escaped for the page, not altered.
    assert data["name"] == site["resource"].title
    assert data["usageInfo"] == site["resource"].licence
    assert_page_safe(client, "/resources/", shows=resource_labels)
    assert_page_safe(client, "/resources/?q=RTITLE&topic=probe-topic", shows=resource_labels)
    assert_page_safe(client, "/resources/key-stages/ks3/", shows=["RTITLE", "TNAME"])
    assert_page_safe(
        client,
        "/resources/topics/probe-topic/",
        shows=["TNAME", "TDESCRIPTION", "RTITLE", "RSUMMARY", "RLABEL"],
    )
    assert_page_safe(client, "/", shows=["RTITLE", "RSUMMARY", "RLABEL", "SNAME", "TNAME"])
    assert_page_safe(client, "/search/?q=RTITLE", shows=resource_labels)
    assert_page_safe(client, "/search/?q=TNAME", shows=["TNAME"])


@CASES
def test_help_pages_run_nothing_from_any_field(site):
    client = Client()
    route_labels = [*ROUTE_FIELDS.values(), "XNOTE"]
    service_page = assert_page_safe(
        client,
        "/help/probe-service/",
        shows=[
            *SERVICE_FIELDS.values(),
            "SALERT",
            "RALERT",
            *route_labels,
            "TNAME",
            *LOCATION_FIELDS.values(),
            "PAT",
        ],
    )
    assert len(service_page.json_ld) == 1
    data = json.loads(service_page.json_ld[0])
    assert data["name"] == site["service"].name
    assert data["provider"]["contactPoint"][0]["name"] == site["route"].label
    assert_page_safe(
        client,
        "/help/",
        shows=["SNAME", "SSUMMARY", "SALERT", "RALERT", *route_labels, "TNAME"],
    )
    assert_page_safe(client, "/help/?topic=probe-topic&audience=parent", shows=["SNAME"])
    assert_page_safe(client, "/help/probe-service/report/", shows=["SNAME", "RLABEL"])
    assert_page_safe(client, "/help/probe-service/report/sent/", shows=["SNAME"])
    assert_page_safe(client, "/search/?q=SNAME", shows=["SNAME", "SSUMMARY"])


@CASES
def test_feeds_and_sitemap_carry_no_markup(site):
    client = Client()
    shows = ["RTITLE", "RSUMMARY", "RPUBLISHER", "TNAME"]
    assert_feed_safe(client, "/resources/feed/", shows=shows)
    assert_feed_safe(client, "/resources/topics/probe-topic/feed/", shows=shows)
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [element.text for element in sitemap.iter() if element.tag.endswith("loc")]
    assert any(location.endswith("/resources/probe-resource/") for location in locations)


@CASES
def test_the_api_gives_the_fields_back_as_data(site):
    client = Client()
    service, route = site["service"], site["route"]
    listing = client.get("/api/services", {"search": "SNAME"})
    assert listing["Content-Type"] == "application/json"
    assert [item["name"] for item in listing.json()["contents"]] == [service.name]
    detail = client.get(f"/api/services/{service.uuid}")
    assert detail["Content-Type"] == "application/json"
    document = detail.json()
    assert document["name"] == service.name
    assert route.label in set(strings_in(document))
    assert any(text.startswith("SALERT") for text in document["alert"].splitlines())
    places = client.get("/api/service_at_locations", {"search": "PNAME"}).json()["contents"]
    assert [item["location"]["name"] for item in places] == ["PNAME " + site["payload"]]
    place = client.get(f"/api/service_at_locations/{places[0]['id']}")
    assert place["Content-Type"] == "application/json"
    assert "PACCESS " + site["payload"] in set(strings_in(place.json()))
    terms = client.get("/api/taxonomy_terms", {"per_page": 100})
    assert any(term["name"] == "TNAME " + site["payload"] for term in terms.json()["contents"])


@pytest.mark.parametrize("payload", RICH_TEXT_CORPUS)
def test_the_rich_text_corpus_in_plain_fields_is_only_text(payload):
    """The editors' corpus, aimed at plain text fields this time: shown, but only as text."""
    topic = Topic.objects.create(name=labelled("TNAME", payload)[:100], slug="probe-topic")
    ResourceFactory(
        slug="probe-resource",
        topics=[topic],
        title=labelled("RTITLE", payload)[:200],
        summary=labelled("RSUMMARY", payload),
    )
    service = ServiceFactory(
        slug="probe-service", name=labelled("SNAME", payload)[:200], topics=[topic]
    )
    ContactRouteFactory(service=service, label=labelled("RLABEL", payload)[:120], featured=True)
    client = Client()
    for url in ("/resources/probe-resource/", "/help/probe-service/", "/", "/help/"):
        assert_page_safe(client, url)
    assert_feed_safe(client, "/resources/feed/")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>"]
)
def test_addresses_written_around_validation_are_never_links_that_run(url):
    """Web addresses are checked by the admin's forms; one written any other way (a restore,
    an import) must still never become a ``javascript:`` link."""
    resource = ResourceFactory(slug="probe-resource")
    ResourceLink.objects.create(resource=resource, title="Lesson", url=url)
    service = ServiceFactory(slug="probe-service", website=url)
    ContactRoute.objects.create(
        service=service, kind=ContactRoute.Kind.FORM, label="Refer", url=url, featured=True
    )
    client = Client()
    for page in ("/resources/probe-resource/", "/help/probe-service/", "/help/", "/"):
        assert_page_safe(client, page)


# ------------------------------------------------------------------------------
# What the public types into "Report a problem": shown back on a refusal, and to editors
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_refused_problem_report_gives_back_what_was_typed_only_as_text(payload):
    ServiceFactory(slug="probe-service")
    response = Client().post(
        "/help/probe-service/report/",
        {
            "problem": "other",
            "detail": labelled("RDETAIL", payload),
            "reply_email": labelled("REMAIL", payload),
        },
    )
    assert response.status_code == 400  # the reply address is not an address
    inspector = inspect_html(response.content.decode())
    assert not inspector.problems, inspector.problems
    assert "RDETAIL" in " ".join(inspector.text)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_problem_reports_are_only_text_in_the_editors_queue(admin_client, payload):
    from referrals.models import ProblemReport

    service = ServiceFactory(slug="probe-service", name=labelled("SNAME", payload)[:200])
    route = ContactRouteFactory(service=service, label=labelled("RLABEL", payload)[:120])
    report = ProblemReport.objects.create(
        service=service, route=route, problem="other", detail=labelled("RDETAIL", payload)
    )
    shows = {
        "/admin/": "RLABEL",  # the dashboard's "Reported problems"
        "/admin/referrals/problemreport/": "RLABEL",
        f"/admin/referrals/problemreport/{report.pk}/change/": "RDETAIL",
    }
    for url, label in shows.items():
        page = admin_client.get(url)
        assert page.status_code == 200, url
        assert label in page.text, url
        if "<" in payload:
            assert payload not in page.text, url
