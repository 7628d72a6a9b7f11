import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from portal.core.vocabulary import PublicationStatus
from resources.models import Resource
from tests.referrals.factories import ServiceFactory
from tests.resources.factories import ResourceFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_two_groups_with_their_permissions():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(
        Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    )
    assert {"add_resource", "change_resource", "change_contactroute"} <= editor
    assert not {"publish_resource", "publish_service", "delete_resource"} & editor
    assert editor < publisher
    assert {"publish_resource", "publish_service", "delete_resource"} <= publisher


def test_editor_cannot_publish_by_posting_the_change_form_directly(editor_client):
    resource = ResourceFactory(draft=True, key_stages=["ks3"])
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = form_data(editor_client.get(url), "resource_form")
    data["status"] = [PublicationStatus.PUBLISHED]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Only publishers can publish" in response.text
    resource.refresh_from_db()
    assert resource.status == PublicationStatus.DRAFT


def test_editor_cannot_add_a_resource_as_published(editor_client):
    data = form_data(editor_client.get(reverse("admin:resources_resource_add")), "resource_form")
    data.update({"title": ["Sneaky"], "summary": ["x"], "status": ["published"]})
    response = editor_client.post(reverse("admin:resources_resource_add"), data)
    assert response.status_code == 200
    assert not Resource.objects.exists()


def test_editor_cannot_publish_a_service_either(editor_client):
    service = ServiceFactory(draft=True)
    url = reverse("admin:referrals_service_change", args=[service.pk])
    data = form_data(editor_client.get(url), "service_form")
    data["status"] = [PublicationStatus.PUBLISHED]
    assert editor_client.post(url, data).status_code == 200
    service.refresh_from_db()
    assert service.status == PublicationStatus.DRAFT


def test_published_resources_are_read_only_to_editors(editor_client):
    resource = ResourceFactory(summary="Published words.")
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "only a publisher can change it" in page.text
    assert 'name="summary"' not in page.text
    response = editor_client.post(url, {"title": "Changed", "summary": "Changed."})
    assert response.status_code == 403
    resource.refresh_from_db()
    assert resource.summary == "Published words."


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected", "archive_selected"])
def test_editor_cannot_use_the_publishing_actions(editor_client, action):
    resource = ResourceFactory(draft=True, key_stages=["ks3"])
    changelist = reverse("admin:resources_resource_changelist")
    assert action not in editor_client.get(changelist).text
    editor_client.post(changelist, {"action": action, "_selected_action": [resource.pk]})
    resource.refresh_from_db()
    assert resource.status == PublicationStatus.DRAFT


def test_publisher_bulk_publishes_and_unpublishes(publisher_client):
    ready = ResourceFactory(draft=True, key_stages=["ks3"], title="Ready")
    not_ready = ResourceFactory(draft=True, lesson_pack=True, key_stages=["ks3"], title="Empty")
    changelist = reverse("admin:resources_resource_changelist")
    response = publisher_client.post(
        changelist,
        {"action": "publish_selected", "_selected_action": [ready.pk, not_ready.pk]},
        follow=True,
    )
    assert "Published: 1 resource." in response.text
    assert "Empty: A lesson pack needs at least one file or link" in response.text
    ready.refresh_from_db()
    not_ready.refresh_from_db()
    assert ready.status == PublicationStatus.PUBLISHED
    assert not_ready.status == PublicationStatus.DRAFT

    publisher_client.post(
        changelist, {"action": "unpublish_selected", "_selected_action": [ready.pk]}
    )
    ready.refresh_from_db()
    assert ready.status == PublicationStatus.DRAFT


def test_editor_can_submit_drafts_from_the_list(editor_client):
    resource = ResourceFactory(draft=True)
    editor_client.post(
        reverse("admin:resources_resource_changelist"),
        {"action": "submit_selected", "_selected_action": [resource.pk]},
    )
    resource.refresh_from_db()
    assert resource.status == PublicationStatus.AWAITING_APPROVAL


def test_publisher_can_bulk_publish_services(publisher_client):
    service = ServiceFactory(draft=True)
    publisher_client.post(
        reverse("admin:referrals_service_changelist"),
        {"action": "publish_selected", "_selected_action": [service.pk]},
    )
    service.refresh_from_db()
    assert service.status == PublicationStatus.PUBLISHED


def test_preview_shows_a_draft_to_staff_only(editor_client):
    resource = ResourceFactory(draft=True, title="Not out yet")
    url = reverse("resources:resource-preview", args=[resource.slug])
    assert (
        Client().get(reverse("resources:resource-detail", args=[resource.slug])).status_code == 404
    )

    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]

    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Preview: not published." in response.text
    assert "Not out yet" in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response.templates[0].name == "resources/resource_detail.html"


def test_preview_of_a_draft_service(editor_client):
    service = ServiceFactory(draft=True, name="Coming soon")
    url = reverse("referrals:service-preview", args=[service.slug])
    assert Client().get(url).status_code == 302
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Preview: not published." in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_staff_without_permissions_cannot_preview(db, editor_client):
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user("nobody", is_staff=True)
    client = Client()
    client.force_login(nobody)
    resource = ResourceFactory(draft=True)
    assert (
        client.get(reverse("resources:resource-preview", args=[resource.slug])).status_code == 403
    )


def test_change_form_links_to_the_preview(editor_client):
    resource = ResourceFactory(draft=True)
    page = editor_client.get(reverse("admin:resources_resource_change", args=[resource.pk]))
    assert reverse("resources:resource-preview", args=[resource.slug]) in page.text
