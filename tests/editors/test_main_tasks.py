"""The editors' main tasks, done as a browser with JavaScript off would: every value posted
comes from the HTML of the page before it."""

import datetime

import pytest
from django.urls import reverse

from portal.core.vocabulary import PublicationStatus
from referrals.models import ContactRoute
from resources.models import Resource
from tests.referrals.factories import ContactRouteFactory
from tests.resources.factories import ResourceFactory, ResourceSectionFactory, TopicFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_editor_creates_a_draft_with_a_slug_made_from_the_title(editor_client):
    ResourceFactory(slug="talking-about-consent")
    add_url = reverse("admin:resources_resource_add")
    page = editor_client.get(add_url)
    assert page.status_code == 200
    data = form_data(page, "resource_form")
    data.update(
        {
            "title": ["Talking about consent"],
            "summary": ["How to start the conversation."],
            "key_stages": ["ks3"],
            "sections-TOTAL_FORMS": ["1"],
            "sections-0-heading": ["Start small"],
            "sections-0-body": ["<p>Ask <strong>open</strong> questions.</p>"],
            "sections-0-order": ["0"],
        }
    )
    response = editor_client.post(add_url, data)
    assert response.status_code == 302, response.context["errors"]
    resource = Resource.objects.get(title="Talking about consent")
    assert resource.slug == "talking-about-consent-2"
    assert resource.status == PublicationStatus.DRAFT
    assert resource.sections.get().body == "<p>Ask <strong>open</strong> questions.</p>"
    assert resource.history.first().history_user.username == "eddie"


def test_editor_submits_and_publisher_approves(editor_client, publisher_client):
    resource = ResourceFactory(draft=True, key_stages=["ks2"], summary="Before.")
    url = reverse("admin:resources_resource_change", args=[resource.pk])

    data = form_data(editor_client.get(url), "resource_form")
    data["status"] = [PublicationStatus.AWAITING_APPROVAL]
    assert editor_client.post(url, data).status_code == 302
    resource.refresh_from_db()
    assert resource.status == PublicationStatus.AWAITING_APPROVAL

    dashboard = publisher_client.get(reverse("admin:index"))
    assert resource.title in dashboard.text

    data = form_data(publisher_client.get(url), "resource_form")
    data["status"] = [PublicationStatus.PUBLISHED]
    response = publisher_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    resource.refresh_from_db()
    assert resource.status == PublicationStatus.PUBLISHED
    assert resource.published_at is not None
    # A year after publishing, by default.
    published_on = resource.published_at.date()
    assert resource.review_by == published_on.replace(year=published_on.year + 1)


def test_publisher_sends_back_with_a_comment_the_editor_then_sees(editor_client, publisher_client):
    resource = ResourceFactory(status=PublicationStatus.AWAITING_APPROVAL, published_at=None)
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = form_data(publisher_client.get(url), "resource_form")
    data["status"] = [PublicationStatus.DRAFT]

    refused = publisher_client.post(url, data)
    assert refused.status_code == 200
    assert "Say what needs changing" in refused.text

    data["review_comment"] = ["The helpline number in section 2 is out of date."]
    assert publisher_client.post(url, data).status_code == 302
    resource.refresh_from_db()
    assert resource.status == PublicationStatus.DRAFT

    page = editor_client.get(url)
    assert "A publisher sent this back" in page.text
    assert "The helpline number in section 2 is out of date." in page.text


def test_editor_changes_a_route_number_of_a_published_service(editor_client):
    route = ContactRouteFactory(number="+441632960001")
    assert route.service.status == PublicationStatus.PUBLISHED
    url = reverse("admin:referrals_contactroute_change", args=[route.pk])
    data = form_data(editor_client.get(url), "contactroute_form")
    data["number"] = ["01632 960002"]
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    route.refresh_from_db()
    assert route.number == "+441632960002"
    latest, earlier = route.history.all()[:2]
    assert latest.history_user.username == "eddie"
    assert [c.field for c in latest.diff_against(earlier).changes] == ["number"]


def test_confirm_these_details_are_correct_button_on_the_route_page(editor_client, editor):
    route = ContactRouteFactory()
    url = reverse("admin:referrals_contactroute_change", args=[route.pk])
    page = editor_client.get(url)
    verify_url = reverse("admin:referrals_contactroute_verify", args=[route.pk])
    assert f'action="{verify_url}"' in page.text
    assert "csrfmiddlewaretoken" in page.text

    response = editor_client.post(verify_url, follow=True)
    assert "as correct on" in response.text
    route.refresh_from_db()
    assert route.last_verified_on is not None
    assert route.verified_by == editor


def test_verify_needs_a_post(editor_client):
    route = ContactRouteFactory()
    response = editor_client.get(reverse("admin:referrals_contactroute_verify", args=[route.pk]))
    assert response.status_code == 302
    assert ContactRoute.objects.get().last_verified_on is None


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:index",
        "admin:resources_resource_changelist",
        "admin:resources_resource_add",
        "admin:referrals_service_changelist",
        "admin:referrals_service_add",
        "admin:referrals_contactroute_changelist",
        "admin:referrals_contactroute_add",
    ],
)
def test_editor_pages_render(editor_client, url_name):
    ContactRouteFactory(last_verified_on=datetime.date(2020, 1, 1))
    assert editor_client.get(reverse(url_name)).status_code == 200


def test_rich_text_page_allows_exactly_its_import_map_under_the_csp(editor_client):
    import base64
    import hashlib
    import re

    resource = ResourceFactory(draft=True)
    ResourceSectionFactory(resource=resource)
    page = editor_client.get(reverse("admin:resources_resource_change", args=[resource.pk]))
    (importmap,) = re.findall(r'<script type="importmap"[^>]*>(.*?)</script>', page.text, re.S)
    digest = base64.b64encode(hashlib.sha256(importmap.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in page["Content-Security-Policy"]


def test_topics_input_suggests_existing_topics_and_related_uses_autocomplete(editor_client):
    TopicFactory(name="Online safety")
    page = editor_client.get(reverse("admin:resources_resource_add"))
    assert 'list="topic-suggestions"' in page.text
    assert '<option value="Online safety">' in page.text
    assert "admin-autocomplete" in page.text
