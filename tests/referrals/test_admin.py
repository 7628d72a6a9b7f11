import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from referrals.models import ContactRoute
from referrals.services import contact_route_verify
from tests.support.formsets import empty_inlines

from .factories import ContactRouteFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x" * 16)
    client.force_login(user)
    return user


def route_form(service, **overrides):
    data = {
        "service": service.pk,
        "kind": "phone",
        "label": "Phone line",
        "number": "01632 960123",
        "url": "",
        "email": "",
        "min_age": "",
        "max_age": "",
        "what_happens": "",
        "good_to_know": "",
        "closed_on_bank_holidays": "on",
        "order": "100",
    }
    data.update(empty_inlines("sessions", "exceptions", "alerts"))
    data.update(overrides)
    return data


def test_admin_saves_a_number_in_canonical_form(client, editor):
    service = ServiceFactory()
    response = client.post(reverse("admin:referrals_contactroute_add"), route_form(service))
    assert response.status_code == 302
    assert ContactRoute.objects.get().number == "+441632960123"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("01632 96", "is not a valid phone number: check the number of digits"),
        ("call me", "is not a phone number"),
        ("", "Phone and text lines need a number."),
    ],
)
def test_admin_rejects_an_invalid_number_with_a_clear_message(client, editor, number, message):
    service = ServiceFactory()
    response = client.post(
        reverse("admin:referrals_contactroute_add"), route_form(service, number=number)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ContactRoute.objects.exists()


def test_admin_rejects_an_invalid_number_in_the_service_inline(client, editor):
    data = {
        "name": "A service",
        "slug": "a-service",
        "provider": "",
        "summary": "Help.",
        "description": "",
        "min_age": "",
        "max_age": "",
        "extended_max_age": "",
        "extended_age_note": "",
        "area_served": "",
        "topics": "",
        "how_to_refer": "",
        "consent_note": "",
        "website": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "order": "100",
        **empty_inlines("routes", "alerts"),
        "routes-TOTAL_FORMS": "1",
        "routes-0-kind": "text",
        "routes-0-label": "Text line",
        "routes-0-number": "0770",
        "routes-0-order": "100",
    }
    response = client.post(reverse("admin:referrals_service_add"), data)
    assert response.status_code == 200
    assert "is not a valid phone number" in response.content.decode()


def test_contact_route_verify_records_who_and_when():
    user = get_user_model().objects.create_user("checker")
    route = ContactRouteFactory()
    contact_route_verify(route=route, user=user, today=datetime.date(2025, 11, 12))
    route.refresh_from_db()
    assert route.last_verified_on == datetime.date(2025, 11, 12)
    assert route.verified_by == user


def test_mark_verified_today_action(client, editor):
    routes = ContactRouteFactory.create_batch(2)
    with time_machine.travel(datetime.datetime(2025, 11, 12, 23, 30, tzinfo=datetime.UTC)):
        response = client.post(
            reverse("admin:referrals_contactroute_changelist"),
            {"action": "mark_verified_today", "_selected_action": [r.pk for r in routes]},
            follow=True,
        )
    assert "Marked 2 contact routes as verified on 12 November 2025." in response.content.decode()
    for route in routes:
        route.refresh_from_db()
        assert route.last_verified_on == datetime.date(2025, 11, 12)
        assert route.verified_by == editor


def test_route_change_page_renders(client, editor):
    route = ContactRouteFactory()
    url = reverse("admin:referrals_contactroute_change", args=[route.pk])
    assert client.get(url).status_code == 200
