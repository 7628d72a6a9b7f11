"""Two people edit the same item: the second save is refused, and nothing typed is lost."""

import pytest
from django.urls import reverse

from tests.referrals.factories import ContactRouteFactory, ServiceFactory
from tests.resources.factories import ResourceFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_second_save_is_refused_with_who_what_and_when(editor_client, publisher_client):
    resource = ResourceFactory(draft=True, summary="The original summary.")
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    eddie = form_data(editor_client.get(url), "resource_form")
    pat = form_data(publisher_client.get(url), "resource_form")

    pat["summary"] = ["Pat's careful rewrite."]
    assert publisher_client.post(url, pat).status_code == 302

    eddie["summary"] = ["Eddie's own long paragraph of new text."]
    refused = editor_client.post(url, eddie)
    assert refused.status_code == 200
    text = refused.text
    assert "pat changed this resource on" in text
    assert "Your changes have not been saved" in text
    assert "Changed while you were editing" in text
    # What changed, before and now...
    assert "The original summary." in text
    assert "Pat&#x27;s careful rewrite." in text
    # ...and Eddie's own text, still in the form to copy or merge.
    assert "Eddie&#x27;s own long paragraph of new text.</textarea>" in text
    resource.refresh_from_db()
    assert resource.summary == "Pat's careful rewrite."

    # Having seen the changes, saving again from that page is Eddie's informed choice.
    again = form_data(refused, "resource_form")
    assert editor_client.post(url, again).status_code == 302
    resource.refresh_from_db()
    assert resource.summary == "Eddie's own long paragraph of new text."


def test_route_number_fixed_on_its_page_stops_a_stale_service_form(editor_client, publisher_client):
    service = ServiceFactory(draft=True)
    route = ContactRouteFactory(service=service, number="+441632960001")
    service_url = reverse("admin:referrals_service_change", args=[service.pk])
    stale = form_data(editor_client.get(service_url), "service_form")

    route_url = reverse("admin:referrals_contactroute_change", args=[route.pk])
    urgent = form_data(publisher_client.get(route_url), "contactroute_form")
    urgent["number"] = ["01632 960002"]
    assert publisher_client.post(route_url, urgent).status_code == 302

    stale["summary"] = ["New summary."]
    refused = editor_client.post(service_url, stale)
    assert refused.status_code == 200
    assert "Your changes have not been saved" in refused.text
    route.refresh_from_db()
    assert route.number == "+441632960002"


def test_contact_route_edits_conflict_too(editor_client, publisher_client):
    route = ContactRouteFactory(number="+441632960001")
    url = reverse("admin:referrals_contactroute_change", args=[route.pk])
    first = form_data(editor_client.get(url), "contactroute_form")
    second = form_data(publisher_client.get(url), "contactroute_form")
    second["number"] = ["01632 960003"]
    assert publisher_client.post(url, second).status_code == 302
    first["label"] = ["Renamed"]
    refused = editor_client.post(url, first)
    assert refused.status_code == 200
    assert "Phone line number" in refused.text or "Number" in refused.text
    route.refresh_from_db()
    assert (route.number, route.label) == ("+441632960003", route.label)


def test_verifying_a_route_does_not_block_an_edit_in_progress(editor_client, publisher_client):
    route = ContactRouteFactory()
    url = reverse("admin:referrals_contactroute_change", args=[route.pk])
    data = form_data(editor_client.get(url), "contactroute_form")
    publisher_client.post(reverse("admin:referrals_contactroute_verify", args=[route.pk]))
    data["label"] = ["Phone line for parents"]
    assert editor_client.post(url, data).status_code == 302
