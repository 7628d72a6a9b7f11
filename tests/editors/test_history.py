import pytest
from django.urls import reverse

from portal.core.vocabulary import PublicationStatus
from referrals.models import OpeningSession
from tests.referrals.factories import ContactRouteFactory, OpeningSessionFactory
from tests.resources.factories import ResourceFactory, ResourceSectionFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db


def edit_resource(client, resource, **changes):
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = form_data(client.get(url), "resource_form")
    data.update({name: [value] for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


def test_every_save_keeps_a_revision_with_who_and_what(editor_client):
    resource = ResourceFactory(draft=True, summary="First words.")
    edit_resource(editor_client, resource, summary="Second words.")
    latest = resource.history.first()
    assert latest.history_user.username == "eddie"
    assert latest.summary == "Second words."
    assert resource.history.count() == 2


def test_opening_hours_and_sections_keep_revisions_too():
    session = OpeningSessionFactory()
    session_id = session.pk
    session.delete()
    assert [r.history_type for r in OpeningSession.history.filter(id=session_id)] == ["-", "+"]
    section = ResourceSectionFactory()
    section.body = "<p>New</p>"
    section.save()
    assert section.history.count() == 2


def test_history_page_offers_a_comparison(editor_client):
    resource = ResourceFactory(draft=True)
    edit_resource(editor_client, resource, summary="Changed.")
    page = editor_client.get(reverse("admin:resources_resource_history", args=[resource.pk]))
    assert page.status_code == 200
    compare_url = reverse("admin:resources_resource_history_compare", args=[resource.pk])
    assert f'action="{compare_url}"' in page.text
    assert "Compare selected versions" in page.text


def test_compare_two_versions_field_by_field(editor_client):
    resource = ResourceFactory(draft=True, summary="Call the old line today.")
    ResourceSectionFactory(resource=resource, heading="Before")
    first = resource.history.first()
    edit_resource(editor_client, resource, summary="Call the new line today.")
    newest = resource.history.first()
    url = reverse("admin:resources_resource_history_compare", args=[resource.pk])
    page = editor_client.get(url, {"old": first.history_id, "new": newest.history_id})
    assert page.status_code == 200
    assert "<del>old</del>" in page.text
    assert "<ins>new</ins>" in page.text
    assert "Summary" in page.text
    assert "Restore the older version" in page.text


def test_restore_saves_the_old_version_as_a_new_revision(editor_client):
    resource = ResourceFactory(draft=True, summary="Good words.")
    section = ResourceSectionFactory(resource=resource, body="<p>Good body.</p>")
    good = resource.history.first()
    edit_resource(
        editor_client,
        resource,
        summary="Bad words.",
        **{"sections-0-body": "<p>Bad body.</p>"},
    )
    assert resource.history.count() == 2
    url = reverse("admin:resources_resource_history_restore", args=[resource.pk, good.history_id])
    response = editor_client.post(url, follow=True)
    assert "as a new revision" in response.text
    resource.refresh_from_db()
    section.refresh_from_db()
    assert resource.summary == "Good words."
    assert section.body == "<p>Good body.</p>"
    # Nothing overwritten: the bad version is still there, under the restored one.
    summaries = list(resource.history.values_list("summary", flat=True))
    assert summaries == ["Good words.", "Bad words.", "Good words."]
    assert resource.history.first().history_user.username == "eddie"


def test_restore_never_changes_the_publication_status(publisher_client, publisher, now):
    resource = ResourceFactory(status=PublicationStatus.PUBLISHED, key_stages=["ks3"])
    old = resource.history.first()
    resource.status = PublicationStatus.ARCHIVED
    resource.save()
    url = reverse("admin:resources_resource_history_restore", args=[resource.pk, old.history_id])
    publisher_client.post(url)
    resource.refresh_from_db()
    assert resource.status == PublicationStatus.ARCHIVED


def test_editor_cannot_restore_a_published_resource(editor_client):
    resource = ResourceFactory(summary="Live.")
    old = resource.history.first()
    resource.summary = "Live, edited by a publisher."
    resource.save()
    url = reverse("admin:resources_resource_history_restore", args=[resource.pk, old.history_id])
    assert editor_client.post(url).status_code == 403
    resource.refresh_from_db()
    assert resource.summary == "Live, edited by a publisher."


def test_the_old_revert_form_cannot_save(editor_client):
    resource = ResourceFactory(draft=True)
    old = resource.history.first()
    url = reverse("admin:resources_resource_simple_history", args=[resource.pk, old.history_id])
    assert editor_client.get(url).status_code == 200
    assert editor_client.post(url, {"title": "x"}).status_code == 403


def test_route_restore_brings_back_the_number_and_hours(editor_client):
    route = ContactRouteFactory(number="+441632960111")
    OpeningSessionFactory(route=route)
    good = route.history.first()
    route.number = "+441632960999"
    route.save()
    route.sessions.all().delete()
    url = reverse("admin:referrals_contactroute_history_restore", args=[route.pk, good.history_id])
    editor_client.post(url)
    route.refresh_from_db()
    assert route.number == "+441632960111"
    assert route.sessions.count() == 1
