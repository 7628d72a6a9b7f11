import datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict

from referrals.filters import ContactRouteFilter
from referrals.models import ContactRoute
from resources.models import Topic

from .factories import WEEKDAYS, ContactRouteFactory, ServiceFactory, add_hours

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time
# Wednesday 12 November 2025, 5pm: the parents' line is open, the young people's is not.
NOW = datetime.datetime(2025, 11, 12, 17, 0, tzinfo=LONDON)


@pytest.fixture
def directory():
    consent = Topic.objects.create(name="Consent", slug="consent")
    health = ServiceFactory(audiences=["parent"], min_age=0, max_age=19, topics=[consent])
    parents_phone = ContactRouteFactory(service=health, label="parents phone")
    add_hours(parents_phone, *WEEKDAYS, opens=T(8), closes=T(18))
    young_text = ContactRouteFactory(
        service=health, text=True, label="young text", audiences=["young-person"], min_age=11
    )
    add_hours(young_text, *WEEKDAYS, opens=T(18), closes=T(22))
    group = ServiceFactory(
        audiences=["young-person", "professional"],
        min_age=13,
        max_age=17,
        extended_max_age=25,
    )
    ContactRouteFactory(service=group, form=True, label="group referral form")
    ContactRouteFactory(service=ServiceFactory(audiences=["school-staff"]), label="schools line")


def labels(query: str):
    help_filter = ContactRouteFilter(
        QueryDict(query), queryset=ContactRoute.objects.published(NOW), now=NOW
    )
    assert help_filter.is_valid(), help_filter.errors
    return set(help_filter.qs.values_list("label", flat=True))


def test_no_filters_shows_everything(directory):
    assert labels("") == {"parents phone", "young text", "group referral form", "schools line"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("audience=parent", {"parents phone"}),
        ("audience=young-person", {"young text", "group referral form"}),
        ("audience=professional", {"group referral form"}),
        ("audience=school-staff", {"schools line"}),
        ("age=5", {"parents phone", "schools line"}),
        ("age=0", {"parents phone", "schools line"}),
        ("age=14", {"parents phone", "young text", "group referral form", "schools line"}),
        ("age=23", {"group referral form", "schools line"}),
        ("kind=text", {"young text"}),
        ("kind=text&kind=form", {"young text", "group referral form"}),
        ("topic=consent", {"parents phone", "young text"}),
        ("open_now=1", {"parents phone"}),
    ],
)
def test_each_filter_alone(directory, query, expected):
    assert labels(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("audience=young-person&age=14", {"young text", "group referral form"}),
        ("audience=young-person&age=14&kind=form", {"group referral form"}),
        ("audience=parent&open_now=1", {"parents phone"}),
        ("audience=young-person&open_now=1", set()),
        ("topic=consent&kind=text&age=12", {"young text"}),
        ("audience=parent&age=20", set()),
    ],
)
def test_filters_combine(directory, query, expected):
    assert labels(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "age=-1",
        "age=abc",
        "age=26",
        "kind=zzz",
        "audience=x",
        "open_now=maybe",
        "topic=no-such-topic",
    ],
)
def test_invalid_values_are_errors_and_are_ignored(directory, query):
    help_filter = ContactRouteFilter(
        QueryDict(query), queryset=ContactRoute.objects.published(NOW), now=NOW
    )
    assert not help_filter.is_valid()
    assert help_filter.qs.count() == 4


def test_active_reports_whether_anything_narrows_the_list(directory):
    published = ContactRoute.objects.published(NOW)
    assert not ContactRouteFilter(QueryDict(""), queryset=published, now=NOW).active
    assert not ContactRouteFilter(QueryDict("age=abc"), queryset=published, now=NOW).active
    assert ContactRouteFilter(QueryDict("age=0"), queryset=published, now=NOW).active


def test_topics_offered_are_those_of_published_services(directory):
    Topic.objects.create(name="Unused", slug="unused")
    help_filter = ContactRouteFilter(None, queryset=ContactRoute.objects.published(NOW), now=NOW)
    assert [t.slug for t in help_filter.form.fields["topic"].queryset] == ["consent"]
