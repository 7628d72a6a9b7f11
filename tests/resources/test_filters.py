import pytest
from django.http import QueryDict
from django.utils import timezone

from resources.filters import ResourceFilter
from resources.models import Resource

from .factories import ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def apply(query: str) -> ResourceFilter:
    return ResourceFilter(QueryDict(query), queryset=Resource.objects.published(timezone.now()))


def titles(resource_filter: ResourceFilter) -> set[str]:
    return set(resource_filter.qs.values_list("title", flat=True))


def facet(resource_filter, name):
    (found,) = [facet for facet in resource_filter.facets() if facet.name == name]
    return {option.value: option for option in found.options}


@pytest.fixture
def library():
    consent = TopicFactory(name="Consent", slug="consent")
    online = TopicFactory(name="Online safety", slug="online-safety")
    ResourceFactory(title="KS2 consent guidance", key_stages=["ks2"], topics=[consent])
    ResourceFactory(
        title="KS3 online lesson",
        lesson_pack=True,
        key_stages=["ks3"],
        topics=[online],
        audiences=["school-staff"],
    )
    ResourceFactory(
        title="KS3 and KS4 consent lesson",
        lesson_pack=True,
        key_stages=["ks3", "ks4"],
        topics=[consent, online],
        audiences=["school-staff", "young-person"],
    )
    ResourceFactory(title="Parents' guide", audiences=["parent"], topics=[online])
    ResourceFactory(title="Draft KS3 lesson", draft=True, key_stages=["ks3"], topics=[consent])


def test_no_filters_lists_every_published_resource(library):
    resource_filter = apply("")
    assert titles(resource_filter) == {
        "KS2 consent guidance",
        "KS3 online lesson",
        "KS3 and KS4 consent lesson",
        "Parents' guide",
    }
    assert resource_filter.count == 4


def test_key_stage_filter(library):
    assert titles(apply("key_stage=ks3")) == {"KS3 online lesson", "KS3 and KS4 consent lesson"}


def test_key_stages_within_the_facet_match_any(library):
    assert titles(apply("key_stage=ks2&key_stage=ks4")) == {
        "KS2 consent guidance",
        "KS3 and KS4 consent lesson",
    }


def test_topic_filter(library):
    assert titles(apply("topic=consent")) == {"KS2 consent guidance", "KS3 and KS4 consent lesson"}


def test_topics_within_the_facet_match_any_and_list_each_resource_once(library):
    resource_filter = apply("topic=consent&topic=online-safety")
    assert resource_filter.qs.count() == 4
    assert resource_filter.count == 4


def test_kind_filter(library):
    assert titles(apply("kind=lesson-pack")) == {"KS3 online lesson", "KS3 and KS4 consent lesson"}
    assert titles(apply("kind=guidance")) == {"KS2 consent guidance", "Parents' guide"}


def test_audience_filter(library):
    assert titles(apply("audience=parent")) == {"Parents' guide"}
    assert titles(apply("audience=young-person&audience=parent")) == {
        "KS3 and KS4 consent lesson",
        "Parents' guide",
    }


def test_search_filter(library):
    assert titles(apply("q=online")) == {"KS3 online lesson"}


def test_facets_combine_with_and(library):
    assert titles(apply("key_stage=ks3&topic=consent")) == {"KS3 and KS4 consent lesson"}
    assert titles(apply("key_stage=ks3&kind=guidance")) == set()
    assert titles(apply("topic=online-safety&audience=school-staff&kind=lesson-pack")) == {
        "KS3 online lesson",
        "KS3 and KS4 consent lesson",
    }
    assert titles(apply("q=lesson&key_stage=ks4")) == {"KS3 and KS4 consent lesson"}


def test_drafts_are_never_in_the_results(library):
    assert "Draft KS3 lesson" not in titles(apply("key_stage=ks3&topic=consent"))


def test_counts_in_a_facet_ignore_that_facets_own_choice(library):
    key_stages = facet(apply("key_stage=ks3"), "key_stage")
    # Ticking KS3 must not make KS2 look empty: the counts say what ticking KS2 too would add.
    assert key_stages["ks2"].count == 1
    assert key_stages["ks3"].count == 2
    assert key_stages["ks3"].selected
    assert not key_stages["ks2"].selected


def test_counts_in_a_facet_apply_the_other_facets(library):
    resource_filter = apply("topic=consent")
    assert facet(resource_filter, "key_stage")["ks3"].count == 1
    assert facet(resource_filter, "kind")["lesson-pack"].count == 1
    assert facet(resource_filter, "kind")["guidance"].count == 1
    assert facet(resource_filter, "audience")["school-staff"].count == 1
    topics = facet(resource_filter, "topic")
    assert topics["consent"].count == 2
    assert topics["online-safety"].count == 3


def test_counts_leave_out_drafts(library):
    assert facet(apply(""), "key_stage")["ks3"].count == 2


def test_every_key_stage_kind_and_audience_is_offered_even_with_no_resources(library):
    resource_filter = apply("")
    assert list(facet(resource_filter, "key_stage")) == ["eyfs", "ks1", "ks2", "ks3", "ks4", "ks5"]
    assert facet(resource_filter, "key_stage")["eyfs"].count == 0
    assert set(facet(resource_filter, "kind")) == {"guidance", "lesson-pack"}
    assert len(facet(resource_filter, "audience")) == 4


def test_a_ticked_topic_with_no_matches_stays_offered_so_it_can_be_unticked(library):
    TopicFactory(name="Neglect", slug="neglect")
    topics = facet(apply("topic=neglect"), "topic")
    assert topics["neglect"].selected
    assert topics["neglect"].count == 0


def test_topics_are_offered_in_name_order(library):
    assert list(facet(apply(""), "topic")) == ["consent", "online-safety"]


def test_result_count_follows_the_ticked_kinds(library):
    assert apply("kind=lesson-pack").count == 2
    assert apply("kind=lesson-pack&kind=guidance&key_stage=ks3").count == 2
    assert apply("audience=parent").count == 1


def test_each_active_filter_links_to_the_page_without_it(library):
    resource_filter = apply("key_stage=ks3&key_stage=ks4&topic=consent&q=lesson&page=2")
    links = {active.label: active.remove_query for active in resource_filter.active_filters()}
    assert links == {
        "Search: “lesson”": "?key_stage=ks3&key_stage=ks4&topic=consent",
        "Key stage: KS3": "?key_stage=ks4&topic=consent&q=lesson",
        "Key stage: KS4": "?key_stage=ks3&topic=consent&q=lesson",
        "Topic: Consent": "?key_stage=ks3&key_stage=ks4&q=lesson",
    }


def test_removing_the_last_filter_links_to_the_plain_list(library):
    (active,) = apply("kind=guidance").active_filters()
    assert active.remove_query == ""


def test_a_repeated_value_is_one_active_filter(library):
    assert len(apply("kind=guidance&kind=guidance").active_filters()) == 1


@pytest.mark.parametrize(
    "query",
    [
        "key_stage=ks9",
        "kind=zzz",
        "audience=everyone",
        "topic=no-such-topic",
        "topic=%00",
        "sort=evil",
    ],
)
def test_values_that_are_not_on_the_list_are_problems_and_left_out(library, query):
    resource_filter = apply(query)
    assert not resource_filter.is_valid()
    assert resource_filter.problems()
    # Left out: the results are those of no filter at all.
    assert titles(resource_filter) == titles(apply(""))


def test_an_unknown_value_keeps_the_other_filters_results(library):
    resource_filter = apply("key_stage=ks9&topic=consent")
    assert titles(resource_filter) == {"KS2 consent guidance", "KS3 and KS4 consent lesson"}
    assert resource_filter.count == 2


@pytest.mark.parametrize(
    "query", ["key_stage=KS3", "key_stage=Ks3", "key_stage=KS3&kind=LESSON-PACK"]
)
def test_codes_in_capitals_are_understood(library, query):
    resource_filter = apply(query)
    assert resource_filter.is_valid()
    assert titles(resource_filter) == {"KS3 online lesson", "KS3 and KS4 consent lesson"}
    assert resource_filter.selected("key_stage") == ["ks3"]


def test_problem_messages_name_the_filter_without_echoing_the_value(library):
    (problem,) = apply("key_stage=ks9").problems()
    assert problem.startswith("Key stage:")
    assert "ks9" not in problem


def test_the_valid_filters_still_give_counts_beside_a_problem(library):
    resource_filter = apply("key_stage=ks9&topic=consent")
    assert facet(resource_filter, "kind")["lesson-pack"].count == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "newest"),
        ("sort=title", "title"),
        ("q=consent", "relevance"),
        ("q=consent&sort=newest", "newest"),
        ("sort=relevance", "newest"),
        ("q=!!!&sort=relevance", "newest"),
    ],
)
def test_sort_defaults_to_best_match_only_when_searching(library, query, expected):
    assert apply(query).sort == expected


def test_sort_by_title(library):
    assert list(apply("sort=title").qs.values_list("title", flat=True)) == [
        "KS2 consent guidance",
        "KS3 and KS4 consent lesson",
        "KS3 online lesson",
        "Parents' guide",
    ]


def test_search_text_loses_control_characters_and_runaway_length(library):
    assert apply("q=con%00sent").search_text == "con sent"
    assert len(apply("q=" + "a" * 5000).search_text) == 200
