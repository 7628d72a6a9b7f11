"""Scheduling at the exact boundaries, the workflow services, and the review queries."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from portal.core.publishing import item_archive, item_publish, item_submit
from portal.core.vocabulary import PublicationStatus
from referrals.models import ContactRoute, Service
from resources.models import Resource, Topic, a_year_after
from resources.services import resource_publish
from tests.referrals.factories import ContactRouteFactory, ServiceFactory
from tests.resources.factories import ResourceFactory, ResourceLinkFactory, TopicFactory

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)


def test_published_honours_publish_at_to_the_second(now):
    resource = ResourceFactory(publish_at=now)
    assert not Resource.objects.published(now - SECOND).exists()
    assert Resource.objects.published(now).get() == resource


def test_published_honours_unpublish_at_to_the_second(now):
    resource = ResourceFactory(unpublish_at=now)
    assert Resource.objects.published(now - SECOND).get() == resource
    assert not Resource.objects.published(now).exists()


def test_drafts_and_archived_are_never_published_whatever_the_dates(now):
    ResourceFactory(draft=True)
    ResourceFactory(status=PublicationStatus.ARCHIVED)
    ResourceFactory(status=PublicationStatus.AWAITING_APPROVAL)
    assert not Resource.objects.published(now).exists()


def test_services_and_their_routes_follow_the_service_schedule(now):
    route = ContactRouteFactory(service=ServiceFactory(publish_at=now, unpublish_at=now + SECOND))
    assert not Service.objects.published(now - SECOND).exists()
    assert not ContactRoute.objects.published(now - SECOND).exists()
    assert ContactRoute.objects.published(now).get() == route
    assert Service.objects.published(now).get() == route.service
    assert not ContactRoute.objects.published(now + SECOND).exists()


def test_topic_counts_ignore_resources_not_yet_live(now):
    topic = TopicFactory(name="Consent")
    ResourceFactory(topics=[topic])
    ResourceFactory(topics=[topic], publish_at=now + SECOND)
    assert Topic.objects.with_published_resource_count(now).get().resource_count == 1


def test_workflow_from_draft_to_archive(editor, publisher, now):
    # Sent back once before: the comment was about the version now approved.
    resource = ResourceFactory(draft=True, audiences=["parent"], review_comment="Add a source.")
    item_submit(item=resource, user=editor)
    assert resource.status == PublicationStatus.AWAITING_APPROVAL
    with pytest.raises(PermissionDenied):
        resource_publish(resource=resource, user=editor, now=now)
    resource_publish(resource=resource, user=publisher, now=now)
    resource.refresh_from_db()
    assert resource.status == PublicationStatus.PUBLISHED
    assert resource.published_at == now
    assert resource.review_by == datetime.date(2026, 11, 12)
    assert resource.review_comment == ""
    assert resource.history.first().history_user == publisher
    item_archive(item=resource, user=publisher)
    assert Resource.objects.get().status == PublicationStatus.ARCHIVED


def test_publishing_keeps_a_review_date_already_set(publisher, now):
    resource = ResourceFactory(draft=True, key_stages=["ks1"], review_by=datetime.date(2026, 3, 1))
    resource_publish(resource=resource, user=publisher, now=now)
    assert Resource.objects.get().review_by == datetime.date(2026, 3, 1)


def test_a_lesson_pack_with_no_file_or_link_cannot_be_published(publisher, now):
    pack = ResourceFactory(draft=True, lesson_pack=True, key_stages=["ks3"])
    with pytest.raises(ValidationError, match="at least one file or link"):
        resource_publish(resource=pack, user=publisher, now=now)
    ResourceLinkFactory(resource=pack)
    resource_publish(resource=pack, user=publisher, now=now)


def test_a_resource_without_key_stage_or_audience_cannot_be_published(publisher, now):
    with pytest.raises(ValidationError, match="key stage or audience"):
        resource_publish(resource=ResourceFactory(draft=True), user=publisher, now=now)


def test_a_year_after_29_february():
    assert a_year_after(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


def test_service_workflow(editor, publisher, now):
    service = ServiceFactory(draft=True, review_comment="Check the ages.")
    item_submit(item=service, user=editor)
    with pytest.raises(PermissionDenied):
        item_publish(item=service, user=editor, now=now)
    item_publish(item=service, user=publisher, now=now)
    assert Service.objects.published(now).get() == service
    service.refresh_from_db()
    assert (service.published_at, service.review_comment) == (now, "")


def test_review_overdue_and_due_at_the_boundaries(today):
    day = datetime.timedelta(days=1)
    overdue = ResourceFactory(review_by=today - day)
    due_today = ResourceFactory(review_by=today)
    due_last = ResourceFactory(review_by=today + 30 * day)
    ResourceFactory(review_by=today + 31 * day)
    ResourceFactory(review_by=today - day, status=PublicationStatus.ARCHIVED)
    ResourceFactory(review_by=None)
    assert list(Resource.objects.review_overdue(today)) == [overdue]
    assert list(Resource.objects.review_due_within(today, days=30)) == [due_today, due_last]


def test_routes_not_verified_for_six_months_or_never(today):
    never = ContactRouteFactory(last_verified_on=None)
    # Never checked: due the day it was added, so overdue from the day after.
    added = datetime.datetime.combine(today - datetime.timedelta(days=2), datetime.time(12))
    ContactRoute.objects.filter(pk=never.pk).update(created_at=timezone.make_aware(added))
    stale = ContactRouteFactory(last_verified_on=today - datetime.timedelta(days=184))
    ContactRouteFactory(last_verified_on=today - datetime.timedelta(days=183))
    ContactRouteFactory(
        last_verified_on=None, service=ServiceFactory(status=PublicationStatus.ARCHIVED)
    )
    assert list(ContactRoute.objects.verification_overdue(today)) == [never, stale]
