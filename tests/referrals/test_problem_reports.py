"""Report a problem with this information: the public form, what it refuses, and what it never
does (publish anything)."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from portal.core.public_forms import HONEYPOT_FIELD
from referrals.models import ContactRoute, ProblemReport
from referrals.services import problem_report_create
from referrals.views import REPORT_RATE_LIMIT

from .factories import ContactRouteFactory, ProblemReportFactory, ServiceFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def service():
    return ServiceFactory(name="Family Line", slug="family-line")


@pytest.fixture
def route(service):
    return ContactRouteFactory(service=service, label="Phone for parents", number="+441632960111")


def form_url(service):
    return reverse("referrals:report-problem", args=[service.slug])


def sent_url(service):
    return reverse("referrals:report-sent", args=[service.slug])


def report(client, service, **data):
    """Send the form as a browser would: every field, empty unless given."""
    fields = {"route": "", "problem": "", "detail": "", "reply_email": "", HONEYPOT_FIELD: ""}
    return client.post(form_url(service), {**fields, **data}, REMOTE_ADDR="192.0.2.20")


def page_title(response):
    return html.unescape(re.search(r"<title>(.*?)</title>", response.text, re.S).group(1))


# ------------------------------------------------------------------------------
# Where the link is
# ------------------------------------------------------------------------------
def test_every_route_card_on_the_service_page_links_to_the_form_with_its_route(
    client, service, route
):
    other = ContactRouteFactory(service=service, text=True, label="Text for parents")
    page = client.get(service.get_absolute_url()).text
    for each in (route, other):
        assert f'href="{form_url(service)}?route={each.uuid}"' in page
        hidden_context = f'<span class="visually-hidden"> about {each.label}</span>'
        assert f"Report a problem with this information{hidden_context}" in page
    # And once for the page as a whole.
    assert f'href="{form_url(service)}"' in page


def test_route_cards_in_the_help_directory_link_to_the_form(client, route):
    page = client.get(reverse("referrals:help")).text
    assert f'href="{form_url(route.service)}?route={route.uuid}"' in page


def test_a_link_from_a_route_card_chooses_that_route(client, service, route):
    page = client.get(form_url(service), {"route": str(route.uuid)}).text
    assert re.search(rf'value="{route.uuid}"[^>]*\bchecked\b', page)
    assert "Phone for parents: 01632 960111" in page


@pytest.mark.parametrize("value", ["nonsense", "", "1", "<x-probe>"])
def test_a_route_that_is_not_the_services_chooses_the_service_in_general(
    client, service, route, value
):
    response = client.get(form_url(service), {"route": value})
    assert response.status_code == 200
    assert re.findall(r'value="([^"]*)"[^>]*\bchecked\b', response.text) == [""]


def test_route_of_another_service_is_not_offered(client, service, route):
    stranger = ContactRouteFactory(label="Somebody else's line")
    page = client.get(form_url(service), {"route": str(stranger.uuid)}).text
    assert "Somebody else" not in page
    # Not in the form (the language switcher repeats the address, query and all, elsewhere).
    form = page.split('<form method="post"')[1].split("</form>")[0]
    assert str(stranger.uuid) not in form


def test_no_form_for_a_draft_service(client):
    draft = ServiceFactory(draft=True)
    assert client.get(form_url(draft)).status_code == 404
    assert report(client, draft, problem="closed").status_code == 404
    assert client.get(sent_url(draft)).status_code == 404
    assert not ProblemReport.objects.exists()


def test_form_page_needs_the_same_queries_for_two_routes_or_twenty(
    client, service, django_assert_max_num_queries
):
    ContactRouteFactory.create_batch(2, service=service)
    with django_assert_max_num_queries(3) as few:
        client.get(form_url(service))
    ContactRouteFactory.create_batch(18, service=service)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(form_url(service))


# ------------------------------------------------------------------------------
# A report that is accepted
# ------------------------------------------------------------------------------
def test_a_report_is_queued_for_editors_and_thanks_on_a_page_with_nothing_personal_in_its_address(
    client, service, route
):
    response = report(
        client,
        service,
        route=str(route.uuid),
        problem="wrong-number",
        detail="It says the number is not recognised.",
        reply_email="reader@example.org",
    )
    assert response.status_code == 302
    assert response["Location"] == sent_url(service)
    queued = ProblemReport.objects.get()
    assert (queued.service, queued.route, queued.problem) == (service, route, "wrong-number")
    assert queued.detail == "It says the number is not recognised."
    assert queued.reply_email == "reader@example.org"
    assert queued.status == ProblemReport.Status.NEW

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "<h1>Report sent</h1>" in thanks.text
    assert "reader@example.org" not in thanks.text
    assert thanks["X-Robots-Tag"] == "noindex"


def test_a_report_needs_no_personal_details_at_all(client, service, route):
    assert report(client, service, problem="wrong-hours").status_code == 302
    queued = ProblemReport.objects.get()
    assert (queued.route, queued.reply_email, queued.detail) == (None, "", "")


def test_a_report_changes_nothing_the_public_sees(client, service, route):
    before = client.get(service.get_absolute_url()).text
    report(
        client, service, route=str(route.uuid), problem="wrong-number", detail="Use 01632 960999"
    )
    route.refresh_from_db()
    assert route.number == "+441632960111"
    after = client.get(service.get_absolute_url()).text
    assert "01632 960999" not in after
    assert after.replace(" ", "") == before.replace(" ", "")


def test_reports_are_text_as_typed_including_markup(client, service):
    payload = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    report(client, service, problem="other", detail=payload)
    assert ProblemReport.objects.get().detail == payload


# ------------------------------------------------------------------------------
# Refusals: clear, linked to the field, and nothing typed is lost
# ------------------------------------------------------------------------------
def test_an_empty_form_is_refused_with_an_error_summary_linked_to_the_field(client, service, route):
    response = report(client, service)
    assert response.status_code == 400
    assert page_title(response).startswith("Error: Report a problem")
    assert '<a href="#id_problem_0">Select what is wrong</a>' in response.text
    assert 'id="id_problem_error"' in response.text
    assert not ProblemReport.objects.exists()


def test_something_else_needs_the_details(client, service):
    response = report(client, service, problem="other", reply_email="me@example.org")
    assert response.status_code == 400
    assert '<a href="#id_detail">Tell us what is wrong</a>' in response.text
    assert re.search(r'value="other"[^>]*\bchecked\b', response.text)
    assert 'value="me@example.org"' in response.text


def test_details_over_the_limit_are_refused_and_kept_in_full(client, service):
    huge = "The hours are wrong. " * 2000  # 42,000 characters
    response = report(client, service, problem="wrong-hours", detail=huge)
    assert response.status_code == 400
    assert "Tell us more must be 1000 characters or fewer: you have" in response.text
    # Not cut to fit: the whole text comes back to be shortened by the person.
    assert html.escape(huge.strip()) in response.text
    assert "maxlength" not in re.search(r"<textarea[^>]*>", response.text).group(0)
    assert not ProblemReport.objects.exists()


def test_details_of_exactly_the_limit_are_accepted(client, service):
    assert report(client, service, problem="other", detail="x" * 1000).status_code == 302


def test_a_mistyped_reply_address_is_refused_and_kept(client, service):
    response = report(
        client, service, problem="closed", detail="Gone.", reply_email="not an address"
    )
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in response.text
    assert 'value="not an address"' in response.text
    assert "Gone.</textarea>" in response.text


@pytest.mark.parametrize(
    "data",
    [
        {"problem": "<script>alert(1)</script>"},
        {"problem": "closed", "route": '"><script>alert(1)</script>'},
        {"problem": "other", "detail": "\x00"},
        {"problem": "closed", "reply_email": "a@b.c<script>alert(1)</script>"},
    ],
)
def test_hostile_values_are_refused_and_shown_back_only_as_text(client, service, route, data):
    response = report(client, service, **data)
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.text
    assert not ProblemReport.objects.exists()


def test_a_hostile_detail_shown_back_is_escaped(client, service):
    payload = "</textarea><script>alert(1)</script>"
    response = report(client, service, problem="other", detail=payload, reply_email="x")
    assert response.status_code == 400
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in response.text


def test_a_filled_honeypot_is_refused_and_queues_nothing(client, service):
    response = report(
        client, service, problem="closed", detail="Spam", **{HONEYPOT_FIELD: "http://x"}
    )
    assert response.status_code == 400
    assert "Leave this empty" in response.text
    assert "Spam</textarea>" in response.text
    assert not ProblemReport.objects.exists()


def test_the_form_is_refused_without_its_csrf_token(service):
    browser = Client(enforce_csrf_checks=True)
    assert report(browser, service, problem="closed").status_code == 403
    page = browser.get(form_url(service))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = report(browser, service, problem="closed", csrfmiddlewaretoken=token)
    assert response.status_code == 302
    assert ProblemReport.objects.count() == 1


def test_repeated_reports_from_one_address_are_refused_after_the_limit(client, service):
    for number in range(REPORT_RATE_LIMIT.limit):
        assert (
            report(client, service, problem="other", detail=f"Report {number}").status_code == 302
        )
    refused = report(client, service, problem="other", detail="One too many")
    assert refused.status_code == 429
    assert page_title(refused).startswith("Error: ")
    assert "try again in an hour" in refused.text
    assert "One too many</textarea>" in refused.text
    assert ProblemReport.objects.count() == REPORT_RATE_LIMIT.limit
    # Someone else, elsewhere, can still report.
    other = client.post(form_url(service), {"problem": "closed"}, REMOTE_ADDR="198.51.100.40")
    assert other.status_code == 302


def test_honeypot_submissions_count_towards_the_limit(client, service):
    for _ in range(REPORT_RATE_LIMIT.limit):
        report(client, service, problem="closed", **{HONEYPOT_FIELD: "bot"})
    assert report(client, service, problem="closed").status_code == 429
    assert not ProblemReport.objects.exists()


def test_refusals_by_mistake_do_not_use_up_the_limit(client, service):
    for _ in range(REPORT_RATE_LIMIT.limit + 2):
        assert report(client, service).status_code == 400
    assert report(client, service, problem="closed").status_code == 302


# ------------------------------------------------------------------------------
# The service and the querysets editors rely on
# ------------------------------------------------------------------------------
def test_a_report_cannot_name_another_services_route(service):
    with pytest.raises(ValueError, match="belong to its service"):
        problem_report_create(
            service=service,
            route=ContactRouteFactory(),
            problem="closed",
            detail="",
            reply_email="",
            now=datetime.datetime(2025, 11, 12, 11, tzinfo=LONDON),
        )


def test_open_reports_are_new_or_checked():
    new = ProblemReportFactory()
    checked = ProblemReportFactory(status="checked")
    ProblemReportFactory(status="fixed")
    ProblemReportFactory(status="not-a-problem")
    assert set(ProblemReport.objects.open()) == {new, checked}


def test_received_by_a_day_means_up_to_midnight_in_london():
    # 23:30 on 12 November in London is still the 12th; 00:00 on the 13th is not.
    late = ProblemReportFactory(created_at=datetime.datetime(2025, 11, 12, 23, 30, tzinfo=LONDON))
    ProblemReportFactory(created_at=datetime.datetime(2025, 11, 13, 0, 0, tzinfo=LONDON))
    assert list(ProblemReport.objects.received_by(datetime.date(2025, 11, 12))) == [late]
    # In summer London is an hour ahead of UTC: 23:30 UTC on 30 June is 1 July in London.
    ProblemReportFactory(created_at=datetime.datetime(2025, 6, 30, 23, 30, tzinfo=datetime.UTC))
    assert not ProblemReport.objects.received_by(datetime.date(2025, 6, 30)).exists()
    assert ProblemReport.objects.received_by(datetime.date(2025, 7, 1)).count() == 1


def test_a_route_with_an_open_report_is_flagged_until_the_report_is_resolved():
    report_ = ProblemReportFactory()
    route = report_.route
    ContactRouteFactory(service=route.service)
    assert list(ContactRoute.objects.reported()) == [route]
    assert (
        ContactRoute.objects.with_open_problem_reports().get(pk=route.pk).open_problem_reports == 1
    )
    report_.status = ProblemReport.Status.FIXED
    report_.save()
    assert not ContactRoute.objects.reported().exists()
    assert (
        ContactRoute.objects.with_open_problem_reports().get(pk=route.pk).open_problem_reports == 0
    )


def test_the_reply_address_is_not_copied_into_the_history():
    report_ = ProblemReportFactory(reply_email="reader@example.org")
    report_.status = ProblemReport.Status.CHECKED
    report_.save()
    assert report_.history.count() == 2
    assert not hasattr(report_.history.first(), "reply_email")


def test_a_refused_report_is_valid_html_with_a_sound_outline(client, service, route, tmp_path):
    from tests.portal.test_html_validity import html_errors
    from tests.portal.test_page_structure import PageOutline

    refused = report(client, service, problem="other", reply_email="not an address")
    assert refused.status_code == 400
    assert not html_errors({"refused report": refused.content}, tmp_path)
    outline = PageOutline()
    outline.feed(refused.text)
    assert outline.headings[:2] == [1, 2]  # the h1, then "There is a problem"
    assert outline.inline_problems == []
