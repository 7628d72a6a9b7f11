"""What the public sees when details may be out of date: never silently shown as current."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from referrals.models import ContactRoute
from tests.referrals.factories import ContactRouteFactory, ServiceFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def months_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def test_a_route_unchecked_for_six_months_says_so_with_the_services_checked_line():
    service = ServiceFactory(name="Healthy Child Service", slug="healthy-child")
    ContactRouteFactory(service=service, label="Main line", last_verified_on=months_ago(10))
    ContactRouteFactory(
        service=service,
        label="Old text line",
        text=True,
        last_verified_on=datetime.date(2025, 3, 3),
    )
    page = Client().get(reverse("referrals:service-detail", args=["healthy-child"])).text
    assert "These details were last checked in March 2025 and may be out of date." in page
    assert "If they do not work: Main line," in page
    assert page.count("may be out of date") == 1


def test_with_no_checked_line_of_its_own_the_national_line_is_offered():
    service = ServiceFactory(slug="only-line")
    ContactRouteFactory(service=service, last_verified_on=datetime.date(2024, 1, 9))
    page = Client().get(reverse("referrals:service-detail", args=["only-line"])).text
    assert "These details were last checked in January 2024 and may be out of date." in page
    assert "If they do not work: NSPCC Helpline," in page
    assert 'href="tel:+448088005000"' in page


def test_a_route_checked_within_the_limit_has_no_notice(settings):
    service = ServiceFactory(slug="fresh")
    ContactRouteFactory(service=service, last_verified_on=months_ago(183))
    page = Client().get(reverse("referrals:service-detail", args=["fresh"])).text
    assert "may be out of date" not in page
    settings.CONTACT_ROUTE_CHECK_DAYS = 30
    cache.clear()  # the page's rows are cached; a new setting comes with a deploy
    page = Client().get(reverse("referrals:service-detail", args=["fresh"])).text
    assert "may be out of date" in page


def test_a_never_checked_route_is_flagged_from_the_day_after_it_was_added():
    service = ServiceFactory(slug="new")
    route = ContactRouteFactory(service=service, last_verified_on=None)
    page = Client().get(reverse("referrals:service-detail", args=["new"])).text
    assert "may be out of date" not in page
    added = timezone.make_aware(datetime.datetime(2025, 2, 1, 12))
    ContactRoute.objects.filter(pk=route.pk).update(created_at=added)
    cache.clear()  # update() sends no signal to replace the cached rows
    page = Client().get(reverse("referrals:service-detail", args=["new"])).text
    assert "These details have not been checked since they were added in February 2025" in page


def test_help_page_shows_the_notice_at_no_extra_query_cost(django_assert_max_num_queries):
    for n in range(3):
        ContactRouteFactory(
            service=ServiceFactory(audiences=["parent"]), last_verified_on=months_ago(400 + n)
        )
    client = Client()
    client.get(reverse("referrals:help"))  # warm the caches
    with django_assert_max_num_queries(8):
        page = client.get(reverse("referrals:help")).text
    assert page.count("may be out of date") == 3


def test_the_api_says_when_a_phone_lines_details_may_be_out_of_date():
    service = ServiceFactory()
    ContactRouteFactory(service=service, last_verified_on=datetime.date(2025, 3, 3))
    body = Client().get(reverse("api:service-detail", args=[service.uuid])).json()
    [phone] = body["phones"]
    assert phone["description"].endswith(
        "These details were last checked in March 2025 and may be out of date."
    )
    assert body["assured_date"] == "2025-03-03"


def test_a_guidance_page_past_its_review_date_is_being_reviewed():
    ResourceFactory(slug="old", review_by=None, last_reviewed=datetime.date(2023, 5, 4))
    page = Client().get(reverse("resources:resource-detail", args=["old"])).text
    assert "This page is being reviewed." in page
    assert "It was last reviewed on" in page and "4 May 2023" in page


def test_a_guidance_page_with_no_review_date_is_due_a_year_after_publication():
    published = timezone.now() - datetime.timedelta(days=370)
    ResourceFactory(slug="undated", review_by=None, published_at=published)
    ResourceFactory(slug="recent", review_by=None, published_at=timezone.now())
    client = Client()
    assert "This page is being reviewed." in client.get("/resources/undated/").text
    assert "being reviewed" not in client.get("/resources/recent/").text
