""" "Who can help" on every guidance and topic page, with someone to contact at any hour."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from resources.models import Resource, Topic
from tests.referrals.factories import (
    EVERY_DAY,
    WEEKDAYS,
    ContactRouteFactory,
    ServiceFactory,
    add_hours,
)

from .factories import ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time
WEDNESDAY_MORNING = datetime.datetime(2025, 11, 12, 11, 0, tzinfo=LONDON)
WEDNESDAY_NIGHT = datetime.datetime(2025, 11, 12, 23, 30, tzinfo=LONDON)


def who_can_help(html):
    match = re.search(
        r'<section class="get-help" aria-labelledby="who-can-help">.*?</section>', html, re.S
    )
    return match.group(0) if match else ""


def get(client, url, when=WEDNESDAY_MORNING):
    with time_machine.travel(when, tick=False):
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.mark.parametrize(
    "path",
    [
        "/resources/topics/harmful-sexual-behaviour/",
        "/resources/topics/online-safety/",
        "/resources/topics/send/",
        "/resources/nspcc-harmful-sexual-behaviour-framework/",
        "/resources/online-safety-a-guide-for-parents/",
        "/resources/relationships-in-inclusive-provision/",
    ],
)
def test_the_pages_that_lost_who_can_help_show_it(client, demo, path):
    section = who_can_help(get(client, path))
    assert section, f"No “Who can help” on {path}"
    assert 'class="route-action" href="tel:' in section


def test_every_demo_guidance_and_topic_page_shows_who_can_help_day_and_night(client, demo):
    paths = [resource.get_absolute_url() for resource in Resource.objects.published(timezone.now())]
    paths += [reverse("resources:topic-detail", args=[topic.slug]) for topic in Topic.objects.all()]
    for when in (WEDNESDAY_MORNING, WEDNESDAY_NIGHT):
        for path in paths:
            section = who_can_help(get(client, path, when))
            assert section, f"No “Who can help” on {path} at {when:%H:%M}"
            assert "status--open" in section, f"Nothing open now on {path} at {when:%H:%M}"


def test_a_topic_no_service_is_about_offers_the_main_and_national_lines(client):
    topic = TopicFactory(slug="send", name="SEND")
    local = ServiceFactory(name="Local team", area_served="Norfolk")
    main = ContactRouteFactory(service=local, label="Call the local team", featured=True)
    add_hours(main, *WEEKDAYS, opens=T(8), closes=T(18))
    national = ContactRouteFactory(
        service__name="National line", label="Call the national line", crisis=True
    )
    add_hours(national, *EVERY_DAY, all_day=True)

    section = who_can_help(get(client, reverse("resources:topic-detail", args=[topic.slug])))

    assert "Call the local team" in section and "Call the national line" in section
    # The Norfolk line sits beside a national one: it says whom it serves.
    assert "Only for Norfolk" in section


def test_when_the_topics_lines_are_closed_an_open_national_line_is_added(client):
    topic = TopicFactory(slug="consent")
    resource = ResourceFactory(topics=[topic])
    about = ContactRouteFactory(service__topics=[topic], label="Daytime consent line")
    add_hours(about, *WEEKDAYS, opens=T(9), closes=T(17))
    national = ContactRouteFactory(label="Call the national line", crisis=True)
    add_hours(national, *EVERY_DAY, all_day=True)

    by_day = who_can_help(get(client, resource.get_absolute_url(), WEDNESDAY_MORNING))
    at_night = who_can_help(get(client, resource.get_absolute_url(), WEDNESDAY_NIGHT))

    assert "Daytime consent line" in by_day and "Call the national line" not in by_day
    assert "Daytime consent line" in at_night and "Call the national line" in at_night
