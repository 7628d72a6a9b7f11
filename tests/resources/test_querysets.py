import datetime

import pytest
from django.utils import timezone

from portal.core.vocabulary import PublicationStatus
from resources.models import Resource, Topic

from .factories import ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_published_leaves_out_drafts():
    published = ResourceFactory()
    ResourceFactory(draft=True)
    assert list(Resource.objects.published(timezone.now())) == [published]


def test_for_detail_offers_only_related_resources_published_at_that_moment():
    now = timezone.now()
    live = ResourceFactory(title="Live")
    scheduled = ResourceFactory(title="Tomorrow", publish_at=now + datetime.timedelta(days=1))
    # A draft, as its preview loads it: the related list is still only what the public sees.
    draft = ResourceFactory(draft=True)
    draft.related.set([live, scheduled])
    loaded = Resource.objects.for_detail(now).get(pk=draft.pk)
    assert [resource.title for resource in loaded.related.all()] == ["Live"]


def test_awaiting_approval_lists_only_what_waits_for_a_publisher():
    waiting = ResourceFactory(status=PublicationStatus.AWAITING_APPROVAL)
    ResourceFactory(draft=True)
    ResourceFactory()
    assert list(Resource.objects.awaiting_approval()) == [waiting]


def test_for_key_stages_lists_a_resource_in_two_chosen_stages_once():
    both = ResourceFactory(key_stages=["ks3", "ks4"])
    ResourceFactory(key_stages=["ks2"])
    assert list(Resource.objects.for_key_stages("ks3", "ks4")) == [both]


def test_tagged_matches_any_topic():
    consent, online = TopicFactory(), TopicFactory()
    first, second = ResourceFactory(topics=[consent]), ResourceFactory(topics=[online])
    ResourceFactory()
    assert set(Resource.objects.tagged(consent.slug, online.slug)) == {first, second}


def test_newest_first_puts_undated_resources_last():
    undated = ResourceFactory(published_at=None)
    older = ResourceFactory(published_at="2024-01-01T09:00Z")
    newer = ResourceFactory(published_at="2025-01-01T09:00Z")
    assert list(Resource.objects.newest_first()) == [newer, older, undated]


def test_by_title_ignores_case():
    beta, alpha = ResourceFactory(title="beta"), ResourceFactory(title="Alpha")
    assert list(Resource.objects.by_title()) == [alpha, beta]


def test_first_per_topic_keeps_the_newest_of_each_topic_with_totals():
    consent, online = TopicFactory(name="Consent"), TopicFactory(name="Online safety")
    consent_resources = [
        ResourceFactory(topics=[consent], published_at=f"2025-01-0{day}T09:00Z")
        for day in range(1, 5)
    ]
    shared = ResourceFactory(topics=[consent, online], published_at="2024-06-01T09:00Z")
    links = list(Resource.objects.published(timezone.now()).first_per_topic(3))
    assert [(link.tag, link.content_object) for link in links] == [
        (consent, consent_resources[3]),
        (consent, consent_resources[2]),
        (consent, consent_resources[1]),
        (online, shared),
    ]
    assert [link.topic_total for link in links] == [5, 5, 5, 1]


def test_first_per_topic_leaves_out_drafts():
    topic = TopicFactory()
    ResourceFactory(topics=[topic], draft=True)
    assert list(Resource.objects.published(timezone.now()).first_per_topic(5)) == []


def test_topics_in_use_count_published_resources_only():
    busy, quiet, unused = TopicFactory(name="Busy"), TopicFactory(name="Quiet"), TopicFactory()
    ResourceFactory.create_batch(2, topics=[busy])
    ResourceFactory(topics=[quiet])
    ResourceFactory(topics=[unused], draft=True)
    assert [(topic, topic.resource_count) for topic in Topic.objects.in_use()] == [
        (busy, 2),
        (quiet, 1),
    ]


def test_topics_matching_any_word_of_three_letters_or_more():
    consent = TopicFactory(name="Consent")
    online = TopicFactory(name="Online safety")
    TopicFactory(name="Neglect")
    assert set(Topic.objects.matching("consent online")) == {consent, online}
    assert list(Topic.objects.matching("on a")) == []
    assert list(Topic.objects.matching("!!!")) == []
