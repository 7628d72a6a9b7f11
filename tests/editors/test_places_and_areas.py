"""Editors record a service's areas and places on its admin page, without JavaScript, and
every change is a revision."""

import pytest
from django.urls import reverse

from referrals.models import Service
from tests.referrals.factories import LocationFactory, ServiceFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_an_editor_sets_areas_and_a_place_on_the_service_page(editor_client):
    service = ServiceFactory(name="Group", draft=True)
    hub = LocationFactory(name="Example Family Hub")
    url = reverse("admin:referrals_service_change", args=[service.pk])
    data = form_data(editor_client.get(url), "service_form")
    data["areas"] = ["E10000020", "E10000029"]
    data.update(
        {
            "service_at_locations-TOTAL_FORMS": ["1"],
            "service_at_locations-0-location": [str(hub.pk)],
            "service_at_locations-0-description": ["Tuesday group."],
            "service_at_locations-0-order": ["10"],
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    service = Service.objects.get(pk=service.pk)
    assert sorted(service.areas.values_list("name", flat=True)) == ["Norfolk", "Suffolk"]
    place = service.service_at_locations.get()
    assert (place.location, place.description) == (hub, "Tuesday group.")
    assert place.history.count() == 1
    # The place's own page, where its hours are edited, is linked from the service.
    place_url = reverse("admin:referrals_serviceatlocation_change", args=[place.pk])
    assert place_url in editor_client.get(url).content.decode()
    assert editor_client.get(place_url).status_code == 200
