"""Who can see a referral: only its service's handlers, every look logged, and the team told
that one arrived without a word of what it says."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client

from referrals.referral_models import Referral, ReferralAccessLog, ReferralStatus
from referrals.referral_services import referral_notify_team
from tests.referrals.referral_support import (
    ANSWERS,
    FORM_DATA,
    PERSONAL_VALUES,
    form_url,
    make_handler,
    make_referral,
    make_referral_service,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/referrals/referral/"


def change_url(referral):
    return f"/admin/referrals/referral/{referral.pk}/change/"


@pytest.fixture
def two_services():
    """Two services with a form each, a handler each, and a referral each."""
    ours = make_referral_service("Our Family Support")
    theirs = make_referral_service("Their Family Support")
    return {
        "ours": ours,
        "theirs": theirs,
        "handler": make_handler(ours, "our-handler"),
        "other_handler": make_handler(theirs, "their-handler"),
        "our_referral": make_referral(ours, concern="Our service's concern about Ada."),
        "their_referral": make_referral(theirs, concern="Their service's concern about Bea."),
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_handler_sees_their_services_referrals_and_not_another_services(two_services):
    client = signed_in(two_services["handler"])
    listing = client.get(CHANGELIST).content.decode()
    assert two_services["our_referral"].reference in listing
    assert two_services["their_referral"].reference not in listing


def test_a_handler_cannot_open_another_services_referral_by_its_address(two_services):
    client = signed_in(two_services["handler"])
    theirs = two_services["their_referral"]
    for url in (change_url(theirs), f"/admin/referrals/referral/{theirs.pk}/history/"):
        response = client.get(url, follow=True)
        html = response.content.decode()
        assert "Bea" not in html
        assert response.redirect_chain == [] or response.redirect_chain[-1][0] == "/admin/"
    assert not ReferralAccessLog.objects.filter(referral=theirs).exists()


def test_a_handler_cannot_change_another_services_referral(two_services):
    client = signed_in(two_services["handler"])
    theirs = two_services["their_referral"]
    client.post(change_url(theirs), {"status": "closed", "assigned_to": "", "notes": "Mine now"})
    theirs.refresh_from_db()
    assert theirs.status == ReferralStatus.NEW
    assert theirs.notes == ""


def test_an_export_includes_only_the_handlers_own_referrals(two_services):
    client = signed_in(two_services["handler"])
    ours, theirs = two_services["our_referral"], two_services["their_referral"]
    response = client.post(
        CHANGELIST,
        {"action": "export_csv", "_selected_action": [ours.pk, theirs.pk], "index": 0},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="referrals.csv"'
    content = response.content.decode()
    assert ours.reference in content and "Ada" in content
    assert theirs.reference not in content and "Bea" not in content
    exported = ReferralAccessLog.objects.filter(action=ReferralAccessLog.Action.EXPORTED)
    assert list(exported.values_list("reference", flat=True)) == [ours.reference]


def test_the_export_neutralises_spreadsheet_formulas(two_services):
    form_settings = two_services["ours"]
    referral = make_referral(form_settings, concern='=HYPERLINK("http://evil.example","x")')
    client = signed_in(two_services["handler"])
    response = client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [referral.pk], "index": 0}
    )
    assert "'=HYPERLINK" in response.content.decode()


def test_superusers_see_no_referral_unless_they_are_a_handler(two_services):
    admin = User.objects.create_superuser("root-admin", "root@example.org", "not used")
    client = signed_in(admin)
    listing = client.get(CHANGELIST)
    assert listing.status_code == 403
    response = client.get(change_url(two_services["our_referral"]), follow=True)
    assert "Ada" not in response.content.decode()
    admin.groups.add(two_services["ours"].handlers)
    assert "Ada" in signed_in(admin).get(change_url(two_services["our_referral"])).content.decode()


def test_staff_who_are_not_handlers_are_refused(two_services):
    editor = User.objects.create_user("editor", "e@example.org", "not used", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client = signed_in(editor)
    assert client.get(CHANGELIST).status_code == 403
    assert (
        "Ada"
        not in client.get(change_url(two_services["our_referral"]), follow=True).content.decode()
    )


def test_a_handler_reads_the_referral_and_the_view_is_logged(two_services):
    handler, referral = two_services["handler"], two_services["our_referral"]
    html = signed_in(handler).get(change_url(referral)).content.decode()
    assert "Our service&#x27;s concern about Ada." in html
    assert ANSWERS["referrer_name"] in html
    entry = ReferralAccessLog.objects.get()
    assert (entry.user, entry.username, entry.action, entry.reference) == (
        handler,
        "our-handler",
        ReferralAccessLog.Action.VIEWED,
        referral.reference,
    )
    assert entry.service == referral.service


def test_triage_is_saved_logged_by_field_name_and_kept_in_the_history(two_services):
    handler, referral = two_services["handler"], two_services["our_referral"]
    colleague = make_handler(two_services["ours"], "colleague")
    response = signed_in(handler).post(
        change_url(referral),
        {"status": "in_progress", "assigned_to": colleague.pk, "notes": "Called Ottoline back."},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.assigned_to, referral.notes) == (
        "in_progress",
        colleague,
        "Called Ottoline back.",
    )
    change = ReferralAccessLog.objects.get(action=ReferralAccessLog.Action.CHANGED)
    assert change.user == handler
    assert "status" in change.detail and "notes" in change.detail
    assert "Ottoline" not in change.detail
    latest = referral.history.first()
    assert (latest.history_user, latest.status, latest.notes) == (
        handler,
        "in_progress",
        "Called Ottoline back.",
    )
    page = signed_in(handler).get(change_url(referral)).content.decode()
    assert "our-handler – Changed status, assigned to, notes (status now: In progress)" in page
    assert "the website – Received" in page


def test_only_the_services_own_handlers_can_be_assigned(two_services):
    handler, referral = two_services["handler"], two_services["our_referral"]
    response = signed_in(handler).post(
        change_url(referral),
        {"status": "new", "assigned_to": two_services["other_handler"].pk, "notes": ""},
    )
    assert response.status_code == 200  # refused, the form shown again
    referral.refresh_from_db()
    assert referral.assigned_to is None


def test_closing_starts_the_retention_clock_and_reopening_stops_it(two_services):
    handler, referral = two_services["handler"], two_services["our_referral"]
    client = signed_in(handler)
    for status in ("accepted", "signposted", "closed"):
        client.post(change_url(referral), {"status": status, "assigned_to": "", "notes": ""})
        referral.refresh_from_db()
        assert referral.closed_at is not None, status
    client.post(change_url(referral), {"status": "in_progress", "assigned_to": "", "notes": ""})
    referral.refresh_from_db()
    assert referral.closed_at is None


def test_nobody_can_add_or_delete_a_referral_in_the_admin(two_services):
    client = signed_in(two_services["handler"])
    referral = two_services["our_referral"]
    assert client.get("/admin/referrals/referral/add/").status_code == 403
    assert (
        client.post(f"/admin/referrals/referral/{referral.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Referral.objects.filter(pk=referral.pk).exists()


def test_the_access_log_is_read_only(two_services):
    admin = User.objects.create_superuser("auditor", "a@example.org", "not used")
    signed_in(two_services["handler"]).get(change_url(two_services["our_referral"]))
    client = signed_in(admin)
    listing = client.get("/admin/referrals/referralaccesslog/").content.decode()
    assert two_services["our_referral"].reference in listing
    entry = ReferralAccessLog.objects.get()
    assert client.get("/admin/referrals/referralaccesslog/add/").status_code == 403
    assert (
        client.post(
            f"/admin/referrals/referralaccesslog/{entry.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )


# ------------------------------------------------------------------------------
# The e-mail to the team
# ------------------------------------------------------------------------------
def test_the_team_is_emailed_with_a_link_and_nothing_personal(
    client, django_capture_on_commit_callbacks
):
    form_settings = make_referral_service(team_email="team@example.org")
    make_handler(form_settings, "handler-one")
    make_handler(form_settings, "no-address", email="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(form_settings), {**FORM_DATA, "urgent": "yes"})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "handler-one@example.org",
        "team@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "New referral for Example Family Support (marked urgent)"
    assert f"http://testserver/admin/referrals/referral/{referral.pk}/change/" in message.body
    assert referral.reference in message.body
    everything = message.subject + message.body
    for value in PERSONAL_VALUES + [FORM_DATA["concern"], "Jessamy"]:
        assert value not in everything


def test_a_referral_with_no_one_to_email_is_still_kept(client, django_capture_on_commit_callbacks):
    form_settings = make_referral_service()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(form_url(form_settings), FORM_DATA).status_code == 302
    assert mail.outbox == []
    assert Referral.objects.count() == 1


def test_a_mail_server_failure_never_loses_the_referral(settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused
    form_settings = make_referral_service()
    make_handler(form_settings, "handler-one")
    referral = make_referral(form_settings)
    assert referral_notify_team(referral=referral, admin_url="https://x.example/") == 0
    assert Referral.objects.filter(pk=referral.pk).exists()
    assert "Could not e-mail the team" in caplog.text
    assert "Jessamy" not in caplog.text


# ------------------------------------------------------------------------------
# The referral form settings in the admin
# ------------------------------------------------------------------------------
def test_editors_choose_questions_but_not_who_reads_the_referrals():
    form_settings = make_referral_service()
    editor = User.objects.create_user("editor", "e@example.org", "not used", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    html = (
        signed_in(editor)
        .get(f"/admin/referrals/referralformsettings/{form_settings.pk}/change/")
        .content.decode()
    )
    assert 'name="ask_school"' in html
    assert 'name="handlers"' not in html
    assert 'name="retention_days"' not in html


def test_a_new_referral_form_left_without_handlers_gets_its_own_group():
    from tests.referrals.factories import ServiceFactory

    service = ServiceFactory(name="Brand New Service")
    admin = User.objects.create_superuser("root-admin", "root@example.org", "not used")
    response = signed_in(admin).post(
        "/admin/referrals/referralformsettings/add/",
        {"service": service.pk, "ask_role": "on", "handlers": "", "retention_days": "30"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert service.referral_form.handlers.name == "Referral handlers: Brand New Service"
    assert service.referral_form.retention == datetime.timedelta(days=30)


def test_the_referral_page_offers_no_shortcut_to_user_accounts(two_services):
    html = (
        signed_in(two_services["handler"])
        .get(change_url(two_services["our_referral"]))
        .content.decode()
    )
    assert "/admin/auth/user/add/" not in html


def test_the_referral_list_costs_the_same_queries_for_3_or_30_referrals(
    two_services, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(two_services["handler"])
    for _ in range(2):
        make_referral(two_services["ours"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(CHANGELIST).status_code == 200
    for _ in range(27):
        make_referral(two_services["ours"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(CHANGELIST).status_code == 200


def test_editors_cannot_change_who_reads_referrals_by_restoring_an_old_version():
    form_settings = make_referral_service()
    original = form_settings.handlers
    form_settings.handlers = Group.objects.get(name="Editor")
    form_settings.save()
    form_settings.handlers = original
    form_settings.save()
    old_version = form_settings.history.order_by("history_date")[1]
    editor = User.objects.create_user("editor", "e@example.org", "not used", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    response = signed_in(editor).post(
        f"/admin/referrals/referralformsettings/{form_settings.pk}/history/"
        f"{old_version.history_id}/restore/"
    )
    assert response.status_code == 403
    form_settings.refresh_from_db()
    assert form_settings.handlers == original


def test_those_allowed_to_decide_access_can_restore_an_old_version():
    form_settings = make_referral_service()
    original = form_settings.handlers
    form_settings.handlers = Group.objects.get(name="Editor")
    form_settings.save()
    form_settings.handlers = original
    form_settings.save()
    old_version = form_settings.history.order_by("history_date")[1]
    admin = User.objects.create_superuser("root-admin", "root@example.org", "not used")
    response = signed_in(admin).post(
        f"/admin/referrals/referralformsettings/{form_settings.pk}/history/"
        f"{old_version.history_id}/restore/"
    )
    assert response.status_code == 302
    form_settings.refresh_from_db()
    assert form_settings.handlers.name == "Editor"
