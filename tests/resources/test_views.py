import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.referrals.factories import ContactRouteFactory, ServiceFactory

from .factories import (
    ResourceFactory,
    ResourceFileFactory,
    ResourceLinkFactory,
    ResourceSectionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("resources:resource-list")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def h1_count(response):
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


# ---------------------------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------------------------
def test_list_shows_published_resources_and_the_result_count(client):
    ResourceFactory(title="Talking about consent")
    ResourceFactory(title="Secret draft", draft=True)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert "Talking about consent" in response.text
    assert "Secret draft" not in response.text
    assert "1 resource<" in response.text
    assert h1_count(response) == 1


def test_list_filter_form_works_without_javascript(client):
    ResourceFactory(key_stages=["ks3"])
    response = client.get(LIST_URL)
    html = response.text
    assert '<form class="filters" action="/resources/" method="get"' in html
    assert "<legend>Key stage</legend>" in html
    assert 'name="key_stage" value="ks3" id="filter-key_stage-4"' in html
    assert '<label for="filter-key_stage-4">KS3' in html
    assert '<button type="submit">Apply filters</button>' in html


def test_list_shows_facet_counts(client):
    ResourceFactory(key_stages=["ks3"])
    ResourceFactory(key_stages=["ks3", "ks4"])
    html = client.get(LIST_URL).text
    assert re.search(r"KS3 .*?\(2<span", html)
    assert re.search(r"KS4 .*?\(1<span", html)


def test_list_active_filters_are_removable_links(client):
    topic = TopicFactory(name="Consent", slug="consent")
    ResourceFactory(key_stages=["ks3"], topics=[topic])
    response = client.get(LIST_URL, {"key_stage": "ks3", "topic": "consent"})
    assert 'href="/resources/?topic=consent"' in response.text
    assert 'href="/resources/?key_stage=ks3"' in response.text
    assert "Remove filter </span>Key stage: KS3" in response.text
    assert '<a href="/resources/">Clear all filters</a>' in response.text


def test_list_with_no_results_says_so_and_suggests_widening(client):
    ResourceFactory(key_stages=["ks2"])
    response = client.get(LIST_URL, {"key_stage": "ks5", "kind": "lesson-pack"})
    assert response.status_code == 200
    assert "0 resources" in response.text
    assert "No resources match all of these filters together" in response.text
    assert 'href="/resources/?kind=lesson-pack">removing “Key stage: KS5”' in response.text
    assert 'href="/resources/?key_stage=ks5">removing “Type: Lesson pack”' in response.text


def test_list_is_paginated_twenty_to_a_page(client):
    ResourceFactory.create_batch(21)
    first = client.get(LIST_URL)
    assert len(first.context["resources"]) == 20
    assert 'href="?page=2" rel="next"' in first.text
    second = client.get(LIST_URL, {"page": 2})
    assert len(second.context["resources"]) == 1
    assert "21 resources" in second.text


def test_list_sort_by_title(client):
    ResourceFactory(title="Beta")
    ResourceFactory(title="alpha")
    response = client.get(LIST_URL, {"sort": "title"})
    assert [resource.title for resource in response.context["resources"]] == ["alpha", "Beta"]
    assert '<option value="title" selected>' in response.text


@pytest.mark.parametrize(
    "query",
    [
        {"key_stage": "ks9"},
        {"kind": "zzz"},
        {"audience": "aliens"},
        {"topic": "no-such-topic"},
        {"topic": "\x00"},
        {"sort": "evil"},
        {"key_stage": ["ks3", "ks9"], "topic": "x" * 5000},
    ],
)
def test_list_explains_filters_it_cannot_understand_with_a_400(client, query):
    ResourceFactory(key_stages=["ks3"])
    response = client.get(LIST_URL, query)
    assert response.status_code == 400
    assert "We could not use some of these filters" in response.text
    assert "Apply filters" in response.text
    assert h1_count(response) == 1


def test_key_stage_in_capitals_lists_that_key_stage(client):
    ResourceFactory(title="For KS3", key_stages=["ks3"])
    ResourceFactory(title="For KS1", key_stages=["ks1"])
    response = client.get(LIST_URL, {"key_stage": "KS3"})
    assert response.status_code == 200
    assert "For KS3" in response.text and "For KS1" not in response.text
    assert "1 resource<" in response.text


def test_an_unknown_value_is_named_and_the_other_filters_still_give_results(client):
    topic = TopicFactory(slug="consent", name="Consent")
    ResourceFactory(title="About consent", topics=[topic])
    ResourceFactory(title="About something else")
    response = client.get(LIST_URL, {"key_stage": "ks9", "topic": "consent"})
    # As /help/ does: the address was partly wrong (400), but the page still helps.
    assert response.status_code == 400
    assert "Key stage:" in response.text
    assert "left it out and shown the results of your other choices" in response.text
    assert "About consent" in response.text and "About something else" not in response.text


def test_key_stage_page_in_capitals_redirects_to_its_address(client):
    response = client.get("/resources/key-stages/KS3/")
    assert response.status_code == 301
    assert response["Location"] == reverse("resources:key-stage-detail", args=["ks3"])


@pytest.mark.parametrize("page", ["-1", "0", "abc", "99999", "1.5", "%00"])
def test_list_pages_that_do_not_exist_are_not_found(client, page):
    ResourceFactory()
    assert client.get(LIST_URL, {"page": page}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"q": "\x00"},
        {"q": "x" * 5000},
        {"q": "!!!"},
        {"q": "' OR 1=1 --"},
        {"q": ["consent", "safety"], "kind": ["guidance", "guidance"]},
        {"unknown": "param", "utm_source": "newsletter"},
        {"page": "last"},
    ],
)
def test_list_answers_odd_but_harmless_queries(client, query):
    ResourceFactory(title="Consent and safety")
    assert client.get(LIST_URL, query).status_code == 200


def test_list_query_count_is_small_and_does_not_grow_with_results(client):
    topics = [TopicFactory(), TopicFactory()]
    ResourceFactory.create_batch(5, key_stages=["ks3", "ks4"], topics=topics, audiences=["parent"])
    url = f"{LIST_URL}?key_stage=ks3&topic={topics[0].slug}&audience=parent"
    with_five = count_queries(client, url)
    ResourceFactory.create_batch(45, key_stages=["ks3", "ks4"], topics=topics, audiences=["parent"])
    with_fifty = count_queries(client, url)
    assert with_five == with_fifty
    assert with_fifty <= 8
    assert count_queries(client, LIST_URL) <= 8
    assert count_queries(client, f"{LIST_URL}?q=guidance&page=2") <= 8


# ---------------------------------------------------------------------------------------------
# A resource's page
# ---------------------------------------------------------------------------------------------
def test_detail_shows_the_resource(client):
    consent = TopicFactory(name="Consent", slug="consent")
    resource = ResourceFactory(
        title="Teaching consent",
        summary="How to teach it.",
        key_stages=["ks3"],
        topics=[consent],
        last_reviewed="2025-09-01",
        licence="Free for schools",
        lesson_pack=True,
        sensitive_content="Covers sexual images.",
    )
    ResourceSectionFactory(resource=resource, heading="What helps", body="<p>Listening.</p>")
    ResourceLinkFactory(resource=resource, title="Lesson plan on NSPCC Learning")
    response = client.get(resource.get_absolute_url())
    html = response.text
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "<h1>Teaching consent</h1>" in html
    assert "Lesson pack" in html
    assert "Covers sexual images." in html
    assert '<h2 id="section-' in html and "<p>Listening.</p>" in html
    assert 'href="/resources/key-stages/ks3/"' in html
    assert 'href="/resources/topics/consent/">Consent</a>' in html
    assert "1 September 2025" in html
    assert "Free for schools" in html and "NSPCC" in html
    assert 'href="https://example.org/lesson"' in html


def test_detail_sanitises_section_html_again_when_rendering(client):
    resource = ResourceFactory()
    section = ResourceSectionFactory(resource=resource)
    type(section).objects.filter(pk=section.pk).update(body="<p>Hi</p><script>alert(1)</script>")
    html = client.get(resource.get_absolute_url()).text
    assert "<script>alert(1)</script>" not in html


def test_detail_lists_downloads_with_type_and_size(client):
    resource_file = ResourceFileFactory(size=2048)
    html = client.get(resource_file.resource.get_absolute_url()).text
    assert f'href="{resource_file.get_absolute_url()}"' in html
    assert "(PDF, 2.0\xa0KB)" in html


def test_detail_lists_only_published_related_resources(client):
    resource = ResourceFactory()
    resource.related.add(
        ResourceFactory(title="Published neighbour"), ResourceFactory(title="Draft one", draft=True)
    )
    html = client.get(resource.get_absolute_url()).text
    assert "Published neighbour" in html
    assert "Draft one" not in html


def test_detail_signposts_help_on_the_same_topics(client):
    consent = TopicFactory(slug="consent")
    ContactRouteFactory(label="Consent helpline", service=ServiceFactory(topics=[consent]))
    ContactRouteFactory(label="Unrelated line", service=ServiceFactory())
    ContactRouteFactory(label="Hidden line", service=ServiceFactory(draft=True, topics=[consent]))
    resource = ResourceFactory(topics=[consent])
    html = client.get(resource.get_absolute_url()).text
    assert "Who can help" in html
    assert "Consent helpline" in html
    assert "Unrelated line" not in html
    assert "Hidden line" not in html


@pytest.mark.parametrize("slug", ["a-draft", "never-existed"])
def test_detail_of_drafts_and_unknown_slugs_is_not_found(client, slug):
    ResourceFactory(slug="a-draft", draft=True)
    assert client.get(reverse("resources:resource-detail", args=[slug])).status_code == 404


def test_detail_query_count_does_not_grow_with_its_parts(client):
    topics = [TopicFactory()]
    resource = ResourceFactory(topics=topics, key_stages=["ks3"])
    ResourceSectionFactory(resource=resource)
    ResourceFileFactory(resource=resource)
    resource.related.add(ResourceFactory(topics=topics))
    ContactRouteFactory(service=ServiceFactory(topics=topics))
    few = count_queries(client, resource.get_absolute_url())
    ResourceSectionFactory.create_batch(4, resource=resource)
    ResourceFileFactory.create_batch(4, resource=resource)
    ResourceLinkFactory.create_batch(4, resource=resource)
    resource.topics.add(TopicFactory(), TopicFactory())
    resource.key_stages.add("ks4", "ks5")
    resource.related.add(*ResourceFactory.create_batch(4, topics=topics, key_stages=["ks2"]))
    ContactRouteFactory.create_batch(4, service=ServiceFactory(topics=topics))
    assert count_queries(client, resource.get_absolute_url()) == few


# ---------------------------------------------------------------------------------------------
# Key stage pages
# ---------------------------------------------------------------------------------------------
def test_key_stage_page_shows_ages_year_groups_and_resources_by_topic(client):
    consent = TopicFactory(name="Consent", slug="consent")
    ResourceFactory(title="KS3 consent lesson", key_stages=["ks3"], topics=[consent])
    ResourceFactory(title="KS2 only", key_stages=["ks2"], topics=[consent])
    ResourceFactory(title="Draft KS3", key_stages=["ks3"], topics=[consent], draft=True)
    response = client.get(reverse("resources:key-stage-detail", args=["ks3"]))
    html = response.text
    assert h1_count(response) == 1
    assert "<h1>Key stage 3</h1>" in html
    assert "11 to 14" in html and "Years 7 to 9" in html
    assert 'href="/resources/topics/consent/">Consent</a></h2>' in html
    assert "KS3 consent lesson" in html
    assert "KS2 only" not in html
    assert "Draft KS3" not in html
    assert 'href="/resources/?key_stage=ks3">All 1 resource for KS3' in html


def test_key_stage_page_shows_five_per_topic_and_links_to_the_rest(client):
    consent = TopicFactory(name="Consent", slug="consent")
    ResourceFactory.create_batch(7, key_stages=["ks4"], topics=[consent])
    response = client.get(reverse("resources:key-stage-detail", args=["ks4"]))
    assert len(response.context["topic_links"]) == 5
    assert "See all 7 KS4 resources about consent" in response.text
    assert 'href="/resources/?key_stage=ks4&amp;topic=consent"' in response.text


def test_key_stage_page_query_count_is_constant(client):
    topics = [TopicFactory(), TopicFactory()]
    ResourceFactory.create_batch(2, key_stages=["ks1"], topics=topics)
    few = count_queries(client, reverse("resources:key-stage-detail", args=["ks1"]))
    ResourceFactory.create_batch(12, key_stages=["ks1"], topics=[*topics, TopicFactory()])
    assert count_queries(client, reverse("resources:key-stage-detail", args=["ks1"])) == few


def test_unknown_key_stage_is_not_found(client):
    assert client.get(reverse("resources:key-stage-detail", args=["ks9"])).status_code == 404


# ---------------------------------------------------------------------------------------------
# Topic pages
# ---------------------------------------------------------------------------------------------
def test_topic_page_shows_description_published_resources_and_help(client):
    topic = TopicFactory(name="Online safety", slug="online-safety", description="Staying safe.")
    ResourceFactory(title="Online lesson", topics=[topic])
    ResourceFactory(title="Draft online lesson", topics=[topic], draft=True)
    ResourceFactory(title="Other topic")
    ContactRouteFactory(label="Online safety line", service=ServiceFactory(topics=[topic]))
    response = client.get(topic.get_absolute_url())
    html = response.text
    assert h1_count(response) == 1
    assert "<h1>Online safety</h1>" in html
    assert "Staying safe." in html
    assert "Online lesson" in html
    assert "Draft online lesson" not in html
    assert "Other topic" not in html
    assert "Online safety line" in html


def test_topic_page_is_bounded_and_links_to_the_filtered_list(client):
    topic = TopicFactory(name="Consent", slug="consent")
    ResourceFactory.create_batch(12, topics=[topic])
    response = client.get(topic.get_absolute_url())
    assert len(response.context["resources"]) == 10
    assert 'href="/resources/?topic=consent">See all 12 resources about consent' in response.text


def test_unknown_topic_is_not_found(client):
    assert client.get(reverse("resources:topic-detail", args=["nope"])).status_code == 404


# ---------------------------------------------------------------------------------------------
# Downloads
# ---------------------------------------------------------------------------------------------
def test_download_is_the_file_under_its_original_name(client):
    resource_file = ResourceFileFactory(original_name="KS3 consent – slides.pdf")
    response = client.get(resource_file.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "KS3%20consent%20%E2%80%93%20slides.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 lesson"


def test_download_of_a_draft_resources_file_is_not_found(client):
    resource_file = ResourceFileFactory(resource=ResourceFactory(draft=True))
    assert client.get(resource_file.get_absolute_url()).status_code == 404


def test_download_through_another_resource_is_not_found(client):
    resource_file = ResourceFileFactory()
    other = ResourceFactory()
    url = reverse("resources:resource-file", args=[other.slug, resource_file.pk])
    assert client.get(url).status_code == 404


def test_download_whose_stored_file_is_gone_is_not_found(client):
    resource_file = ResourceFileFactory()
    resource_file.file.storage.delete(resource_file.file.name)
    assert client.get(resource_file.get_absolute_url()).status_code == 404


# ---------------------------------------------------------------------------------------------
# Cost per page, and caches that never show what is not (or no longer) there
# ---------------------------------------------------------------------------------------------
def warm_count(client, url):
    """Queries for a page once its cached counts, cards and help rows are in place."""
    client.get(url)
    return count_queries(client, url)


def make_library(count, topics):
    resources = ResourceFactory.create_batch(
        count, key_stages=["ks3", "ks4"], topics=topics, audiences=["parent"]
    )
    for resource in resources[:3]:
        ResourceSectionFactory(resource=resource)
        resource.related.add(*resources[3:6])
    ContactRouteFactory.create_batch(2, service=ServiceFactory(topics=topics))
    return resources


@pytest.mark.parametrize("page", ["list", "filtered", "search", "detail", "topic", "home"], ids=str)
def test_pages_need_at_most_eight_queries_whatever_the_size(client, page):
    topics = [TopicFactory(slug="consent"), TopicFactory()]
    first = make_library(6, topics)[0]
    url = {
        "list": LIST_URL,
        "filtered": f"{LIST_URL}?key_stage=ks3&topic=consent&audience=parent",
        "search": f"{reverse('search')}?q=guidance",
        "detail": first.get_absolute_url(),
        "topic": reverse("resources:topic-detail", args=["consent"]),
        "home": reverse("home"),
    }[page]
    small_cold, small_warm = count_queries(client, url), count_queries(client, url)
    make_library(40, topics)  # a change: caches start again
    large_cold, large_warm = count_queries(client, url), count_queries(client, url)
    assert small_warm == large_warm <= 8
    assert small_cold == large_cold


def test_detail_page_queries_drop_from_fourteen_to_eight(client):
    topics = [TopicFactory()]
    resource = make_library(6, topics)[0]
    # After a change: 12, and one for the "Who can help" routes' service alerts.
    assert count_queries(client, resource.get_absolute_url()) <= 13
    assert count_queries(client, resource.get_absolute_url()) <= 8


def test_list_counts_follow_a_newly_published_resource_at_once(client):
    ResourceFactory(key_stages=["ks3"])
    assert "1 resource<" in client.get(LIST_URL).text
    ResourceFactory(key_stages=["ks3"])
    html = client.get(LIST_URL).text
    assert "2 resources<" in html
    assert re.search(r"KS3 .*?\(2<span", html)


def test_unpublishing_removes_a_resource_and_its_count_at_once(client):
    resource = ResourceFactory(title="Soon withdrawn", key_stages=["ks3"])
    ResourceFactory(title="Stays", key_stages=["ks3"])
    assert "Soon withdrawn" in client.get(LIST_URL).text
    resource.status = "draft"
    resource.save()
    html = client.get(LIST_URL).text
    assert "Soon withdrawn" not in html
    assert "1 resource<" in html


def test_a_resource_unpublished_without_signals_is_not_listed_from_a_cached_card(client):
    resource = ResourceFactory(title="Withdrawn quietly")
    assert "Withdrawn quietly" in client.get(LIST_URL).text
    # QuerySet.update() sends no signal: the card is still cached, but the list is queried.
    type(resource).objects.filter(pk=resource.pk).update(status="draft")
    assert "Withdrawn quietly" not in client.get(LIST_URL).text
    assert "Withdrawn quietly" not in client.get(reverse("home")).text


def test_cards_follow_an_edit_and_a_new_topic(client):
    resource = ResourceFactory(title="Old title")
    assert "Old title" in client.get(LIST_URL).text
    resource.title = "New title"
    resource.save()
    resource.topics.add(TopicFactory(name="Grooming"))
    html = client.get(LIST_URL).text
    assert "New title" in html and "Old title" not in html
    assert "<dd>Grooming</dd>" in html


def test_who_can_help_status_is_worked_out_at_every_request(client):
    from tests.referrals.factories import add_hours

    london = ZoneInfo("Europe/London")
    consent = TopicFactory(slug="consent")
    route = ContactRouteFactory(label="Consent line", service=ServiceFactory(topics=[consent]))
    add_hours(route, 0, 1, 2, 3, 4, opens=datetime.time(9), closes=datetime.time(17))
    url = ResourceFactory(topics=[consent]).get_absolute_url()
    # Wednesday 12 November 2025: the rows are cached in the morning and reused at night.
    with time_machine.travel(datetime.datetime(2025, 11, 12, 11, 0, tzinfo=london), tick=False):
        assert "Open now, closes at 5pm" in client.get(url).text
    with time_machine.travel(datetime.datetime(2025, 11, 12, 18, 0, tzinfo=london), tick=False):
        assert "Closed, opens tomorrow at 9am" in client.get(url).text


def test_who_can_help_drops_a_service_whose_unpublish_time_has_passed(client):
    from django.utils import timezone

    consent = TopicFactory(slug="consent")
    service = ServiceFactory(topics=[consent])
    ContactRouteFactory(label="Consent line", service=service)
    url = ResourceFactory(topics=[consent]).get_absolute_url()
    service.unpublish_at = timezone.now() + datetime.timedelta(minutes=5)
    service.save()
    assert "Consent line" in client.get(url).text  # and its rows are now cached
    # Nothing is saved when the time passes: the cached rows are checked on every request.
    with time_machine.travel(service.unpublish_at + datetime.timedelta(seconds=1)):
        assert "Consent line" not in client.get(url).text
