import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import ContactRoute
from resources.models import Resource
from tests.referrals.factories import ContactRouteFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_mark_as_reviewed_is_one_click_with_a_note_in_the_history(editor_client, editor):
    resource = ResourceFactory(review_by=datetime.date(2020, 1, 1))
    page = editor_client.get(reverse("admin:resources_resource_change", args=[resource.pk]))
    assert "Mark as reviewed" in page.text
    response = editor_client.post(
        reverse("admin:resources_resource_mark_reviewed", args=[resource.pk]),
        {"note": "Checked against the 2025 guidance"},
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    today = timezone.localdate()
    assert resource.last_reviewed == today
    assert resource.review_by.year == today.year + 1
    latest = resource.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Marked as reviewed: Checked against the 2025 guidance"
    assert Resource.objects.review_overdue(today).count() == 0
    history = editor_client.get(reverse("admin:resources_resource_history", args=[resource.pk]))
    assert "Marked as reviewed: Checked against the 2025 guidance" in history.text


def test_marking_reviewed_needs_a_post(editor_client):
    resource = ResourceFactory(review_by=datetime.date(2020, 1, 1))
    editor_client.get(reverse("admin:resources_resource_mark_reviewed", args=[resource.pk]))
    resource.refresh_from_db()
    assert resource.last_reviewed is None


def test_confirm_these_details_are_correct_is_one_click(editor_client, editor):
    route = ContactRouteFactory(last_verified_on=None)
    page = editor_client.get(reverse("admin:referrals_contactroute_change", args=[route.pk]))
    assert "Confirm these details are correct" in page.text
    editor_client.post(
        reverse("admin:referrals_contactroute_verify", args=[route.pk]),
        {"note": "Rang the line, it answered"},
    )
    route.refresh_from_db()
    assert route.last_verified_on == timezone.localdate()
    assert route.verified_by == editor
    latest = route.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        editor,
        "Confirmed these details are correct: Rang the line, it answered",
    )
    assert not ContactRoute.objects.verification_overdue(timezone.localdate()).exists()


def test_owners_are_set_on_the_resource_page(editor_client):
    resource = ResourceFactory()
    page = editor_client.get(reverse("admin:resources_resource_change", args=[resource.pk]))
    assert "Owners (reminded by e-mail when a review is due)" in page.text


def test_an_owner_with_only_a_name_and_email_is_saved_from_the_service_page(editor_client):
    from portal.reviews.models import Owner
    from tests.editors.conftest import form_data
    from tests.referrals.factories import ServiceFactory

    service = ServiceFactory(draft=True)
    url = reverse("admin:referrals_service_change", args=[service.pk])
    data = form_data(editor_client.get(url), "service_form")
    prefix = "reviews-owner-content_type-object_id"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": ["1"],
            f"{prefix}-0-name": ["Sam Partner"],
            f"{prefix}-0-email": ["sam.partner@example.org"],
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    owner = Owner.objects.get()
    assert (owner.item, owner.address) == (service, "sam.partner@example.org")


def test_an_owner_needs_an_account_or_a_name_and_email(editor_client):
    from tests.editors.conftest import form_data
    from tests.referrals.factories import ServiceFactory

    service = ServiceFactory(draft=True)
    url = reverse("admin:referrals_service_change", args=[service.pk])
    data = form_data(editor_client.get(url), "service_form")
    prefix = "reviews-owner-content_type-object_id"
    data.update({f"{prefix}-TOTAL_FORMS": ["1"], f"{prefix}-0-name": ["Only a name"]})
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Choose a staff account, or give a name and an e-mail address." in response.text


def test_the_resource_list_shows_when_each_is_due_even_without_a_date(editor_client):
    ResourceFactory(
        title="Undated page",
        review_by=None,
        last_reviewed=datetime.date(2024, 3, 5),
    )
    page = editor_client.get(reverse("admin:resources_resource_changelist")).text
    assert "5 Mar 2025" in page


def test_lists_offer_import_and_export(editor_client):
    for model in ("resources_resource", "referrals_service", "referrals_contactroute"):
        page = editor_client.get(reverse(f"admin:{model}_changelist")).text
        assert reverse(f"admin:{model}_import") in page
        assert reverse(f"admin:{model}_export") in page
