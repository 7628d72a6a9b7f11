import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from referrals.models import ContactRoute
from tests.referrals.factories import ContactRouteFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_dashboard_lists_what_needs_doing(editor_client, today):
    ResourceFactory(title="Overdue guide", review_by=datetime.date(2000, 1, 1))
    due = datetime.date.today() + datetime.timedelta(days=10)
    ResourceFactory(title="Due soon guide", review_by=due)
    ResourceFactory(title="Waiting guide", status="awaiting-approval")
    route = ContactRouteFactory(label="Never checked line")
    page = editor_client.get(reverse("admin:index"))
    text = page.text
    assert "Overdue guide" in text
    assert "Due soon guide" in text
    assert "Waiting guide" in text
    assert "Never checked line" in text
    assert reverse("admin:referrals_contactroute_change", args=[route.pk]) in text
    assert "Recent changes" in text


def test_public_page_warns_when_past_its_review_date():
    ResourceFactory(slug="old", review_by=datetime.date(2000, 1, 1))
    ResourceFactory(slug="fresh", review_by=datetime.date(2999, 1, 1))
    old = Client().get(reverse("resources:resource-detail", args=["old"])).text
    fresh = Client().get(reverse("resources:resource-detail", args=["fresh"])).text
    assert "This page is being reviewed" in old
    assert "being reviewed" not in fresh


def run_list_overdue(*args):
    out = io.StringIO()
    try:
        call_command("list_overdue", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_list_overdue_exits_1_when_anything_is_overdue(today):
    ResourceFactory(title="Stale guide", review_by=today - datetime.timedelta(days=1))
    ContactRouteFactory(label="Recent line", last_verified_on=today)
    code, output = run_list_overdue("--today", today.isoformat())
    assert code == 1
    assert "Stale guide" in output
    assert "Recent line" not in output


def test_list_overdue_exits_1_for_an_unverified_route(today):
    route = ContactRouteFactory(label="Never checked", last_verified_on=None)
    # Never checked: due the day it was added, overdue from the next day.
    added = datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time(12))
    ContactRoute.objects.filter(pk=route.pk).update(created_at=timezone.make_aware(added))
    code, output = run_list_overdue("--today", today.isoformat())
    assert code == 1
    assert "never checked: Never checked" in output


def test_list_overdue_exits_0_when_all_is_current(today):
    ResourceFactory(review_by=today)
    ContactRouteFactory(last_verified_on=today)
    assert run_list_overdue("--today", today.isoformat()) == (0, "Nothing is overdue.\n")


def test_list_overdue_refuses_a_bad_date():
    with pytest.raises(CommandError, match="like 2025-11-12"):
        call_command("list_overdue", "--today", "12/11/2025")


def test_create_staff_user_from_an_environment_variable(monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", "correct horse battery staple")
    call_command(
        "create_staff_user",
        "sam",
        "sam@example.org",
        "--role",
        "publisher",
        "--password-from-env",
        "NEW_PASSWORD",
        stdout=io.StringIO(),
    )
    user = get_user_model().objects.get(username="sam")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Publisher"]
    assert user.check_password("correct horse battery staple")
    assert user.has_perm("resources.publish_resource")


def test_create_staff_user_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", "password")
    with pytest.raises(CommandError, match="not allowed"):
        call_command(
            "create_staff_user", "sam", "sam@example.org", "--password-from-env", "NEW_PASSWORD"
        )
    assert not get_user_model().objects.exists()


def test_create_staff_user_refuses_an_existing_name_unless_updating(monkeypatch, editor):
    monkeypatch.setenv("NEW_PASSWORD", "correct horse battery staple")
    with pytest.raises(CommandError, match="already an account"):
        call_command(
            "create_staff_user", "eddie", "e@example.org", "--password-from-env", "NEW_PASSWORD"
        )
    call_command(
        "create_staff_user",
        "eddie",
        "e@example.org",
        "--role",
        "publisher",
        "--update",
        "--password-from-env",
        "NEW_PASSWORD",
        stdout=io.StringIO(),
    )
    editor.refresh_from_db()
    assert list(editor.groups.values_list("name", flat=True)) == ["Publisher"]


def test_create_staff_user_needs_the_variable_set():
    with pytest.raises(CommandError, match="is not set"):
        call_command("create_staff_user", "sam", "s@example.org", "--password-from-env", "NOPE")


def test_create_staff_user_without_a_terminal_says_what_to_do(monkeypatch):
    monkeypatch.setattr("os.isatty", lambda fd: False)
    with pytest.raises(CommandError, match="--password-from-env"):
        call_command("create_staff_user", "sam", "s@example.org")
