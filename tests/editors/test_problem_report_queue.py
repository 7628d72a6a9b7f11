"""Reported problems in the editors' queue: statuses with history, the route flagged, the
dashboard and the overdue list. Reports never change anything public by themselves."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from referrals.models import ProblemReport
from tests.referrals.factories import ContactRouteFactory, ProblemReportFactory, ServiceFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
QUEUE = reverse("admin:referrals_problemreport_changelist")
XSS = '<script>alert("report")</script><img src=x onerror=alert(1)>'


def change_url(report):
    return reverse("admin:referrals_problemreport_change", args=[report.pk])


def test_editors_and_publishers_work_the_queue_and_only_publishers_delete():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(
        Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    )
    assert {"view_problemreport", "change_problemreport"} <= editor
    assert "delete_problemreport" not in editor
    assert "delete_problemreport" in publisher
    assert "add_problemreport" not in editor | publisher


def test_the_queue_lists_reports_with_what_they_are_about(editor_client):
    report = ProblemReportFactory(route__label="Text for parents", route__service__name="Kind")
    page = editor_client.get(QUEUE)
    assert page.status_code == 200
    assert "Text for parents (Kind)" in page.text
    assert reverse("admin:referrals_contactroute_change", args=[report.route_id]) in page.text


def test_nobody_adds_a_report_in_the_admin(editor_client):
    assert editor_client.get(reverse("admin:referrals_problemreport_add")).status_code == 403


def test_an_editor_sets_the_status_with_a_note_and_the_history_says_who(editor_client, editor):
    report = ProblemReportFactory(detail="Rings out", reply_email="reader@example.org")
    data = form_data(editor_client.get(change_url(report)), "problemreport_form")
    data.update({"status": ["fixed"], "editor_note": ["Called them: new number from Monday."]})
    # What the public wrote is read-only: a posted change to it is ignored.
    data["detail"] = ["Rewritten by an editor"]
    response = editor_client.post(change_url(report), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ProblemReport.Status.FIXED
    assert report.editor_note == "Called them: new number from Monday."
    assert report.detail == "Rings out"
    latest = report.history.first()
    assert (latest.status, latest.history_user) == ("fixed", editor)
    history = editor_client.get(reverse("admin:referrals_problemreport_history", args=[report.pk]))
    assert history.status_code == 200
    assert "eddie" in history.text


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_checked", "checked"),
        ("mark_fixed", "fixed"),
        ("mark_not_a_problem", "not-a-problem"),
    ],
)
def test_actions_move_reports_along_the_queue(editor_client, editor, action, status):
    reports = ProblemReportFactory.create_batch(2)
    response = editor_client.post(
        QUEUE, {"action": action, "_selected_action": [report.pk for report in reports]}
    )
    assert response.status_code == 302
    for report in reports:
        report.refresh_from_db()
        assert report.status == status
        assert report.history.first().history_user == editor


def test_report_text_is_only_text_in_the_admin(editor_client):
    report = ProblemReportFactory(detail=XSS, route__label=XSS[:120])
    for url in (QUEUE, change_url(report), reverse("admin:index")):
        page = editor_client.get(url).text
        assert "<script>alert(" not in page, url
        assert "<img src=x" not in page, url
    assert (
        "&lt;script&gt;alert(&quot;report&quot;)&lt;/script&gt;"
        in editor_client.get(change_url(report)).text
    )


def test_a_route_with_open_reports_is_flagged_in_the_route_list_and_page(editor_client):
    flagged = ProblemReportFactory(route__label="Reported line").route
    ProblemReportFactory(route__label="Fixed line", status="fixed")
    ContactRouteFactory(label="Quiet line")
    routes = reverse("admin:referrals_contactroute_changelist")
    only_flagged = editor_client.get(routes, {"reported": "open"}).text
    assert "Reported line" in only_flagged
    assert "Fixed line" not in only_flagged
    assert "Quiet line" not in only_flagged
    route_page = editor_client.get(
        reverse("admin:referrals_contactroute_change", args=[flagged.pk])
    ).text
    assert "1 open: check the details" in route_page
    queue_link = f"{QUEUE}?route={flagged.pk}&amp;status__in=new,checked"
    assert queue_link in route_page
    assert editor_client.get(queue_link.replace("&amp;", "&")).status_code == 200


def test_the_dashboard_tells_editors_about_open_reports_only(editor_client):
    ProblemReportFactory(route__label="Wrong number line")
    ProblemReportFactory(route__label="Already fixed line", status="fixed")
    ProblemReportFactory(route=None, service=ServiceFactory(name="Whole service"))
    page = editor_client.get(reverse("admin:index")).text
    panel = page.split('id="panel-problem-reports"', 1)[1].split('<div class="module', 1)[0]
    assert "Reported problems (2)" in panel
    assert "Wrong number line" in panel
    assert "Whole service" in panel
    assert "Already fixed line" not in panel


def run_list_overdue(today):
    out = io.StringIO()
    try:
        call_command("list_overdue", "--today", today.isoformat(), stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_list_overdue_shows_open_reports_received_by_that_day(today):
    received = datetime.datetime.combine(today, datetime.time(9), tzinfo=LONDON)
    route = ContactRouteFactory(label="Reported line", last_verified_on=today)
    ProblemReportFactory(route=route, service=route.service, created_at=received)
    ProblemReportFactory(
        route=route,
        service=route.service,
        created_at=received + datetime.timedelta(days=1),
        problem="closed",
    )
    ProblemReportFactory(route__last_verified_on=today, status="not-a-problem")
    code, output = run_list_overdue(today)
    assert code == 1
    assert (
        "Problem reported 2025-11-12, new: The phone number, text number or web address is "
        "wrong: Reported line" in output
    )
    assert "closed" not in output.lower()
    assert "1 reported problem(s) open." in output


def test_list_overdue_is_quiet_once_reports_are_resolved(today):
    ProblemReportFactory(route__last_verified_on=today, status="fixed")
    assert run_list_overdue(today) == (0, "Nothing is overdue.\n")


def test_verifying_a_reported_route_reminds_the_editor_to_close_its_reports(editor_client):
    report = ProblemReportFactory(route__label="Reported line")
    verify = reverse("admin:referrals_contactroute_verify", args=[report.route_id])
    page = editor_client.post(verify, follow=True).text
    assert "still has 1 open reported problem: mark each fixed or not a problem" in page
    report.refresh_from_db()
    assert report.status == ProblemReport.Status.NEW
