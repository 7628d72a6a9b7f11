"""``Resource.objects.search()``: the same tests run on SQLite and on PostgreSQL."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from resources.models import Resource
from resources.services import resource_sync_body_text

from .factories import ResourceFactory, ResourceSectionFactory

pytestmark = pytest.mark.django_db


def search(text):
    return list(Resource.objects.published(timezone.now()).search(text).by_relevance())


def with_body(body, **kwargs):
    resource = ResourceFactory(**kwargs)
    ResourceSectionFactory(resource=resource, heading="What helps", body=f"<p>{body}</p>")
    resource_sync_body_text(resource=resource)
    return resource


def test_finds_words_in_title_summary_and_body():
    in_title = ResourceFactory(title="Healthy relationships")
    in_summary = ResourceFactory(summary="Guidance on healthy friendships.")
    in_body = with_body("Pupils learn about healthy boundaries.")
    ResourceFactory(title="Unrelated")
    assert set(search("healthy")) == {in_title, in_summary, in_body}


def test_every_word_must_match():
    both = ResourceFactory(title="Online consent")
    ResourceFactory(title="Online gaming")
    assert search("online consent") == [both]


def test_title_match_ranks_above_summary_match_above_body_match():
    in_body = with_body("Talk about grooming signs.", title="Staff briefing")
    in_summary = ResourceFactory(title="Safeguarding basics", summary="Spotting grooming early.")
    in_title = ResourceFactory(title="Grooming")
    assert search("grooming") == [in_title, in_summary, in_body]


def test_search_is_case_insensitive():
    resource = ResourceFactory(title="Sexting and nudes")
    assert search("SEXTING") == [resource]


def test_drafts_are_never_found():
    ResourceFactory(title="Secret consent draft", draft=True)
    assert search("consent") == []


@pytest.mark.parametrize("text", ["", "   ", "!!!", "\x00", "'; DROP TABLE resources_resource; --"])
def test_queries_without_words_find_nothing_and_do_not_fail(text):
    ResourceFactory(title="Consent")
    assert search(text) == []


def test_a_five_thousand_character_query_is_cut_down_and_does_not_fail():
    resource = ResourceFactory(title="Consent")
    assert search("consent " * 625) == [resource]
    assert search("consent " + "x" * 5000) == []


def test_unknown_words_find_nothing():
    ResourceFactory(title="Consent")
    assert search("zyxwvut") == []


def test_stemming_on_postgresql_and_substrings_elsewhere():
    resource = ResourceFactory(title="Teaching children about boundaries")
    if connection.vendor == "postgresql":
        # English stemming: "teach" and "teaching" share a stem, as do "boundary" and
        # "boundaries".
        assert search("teach boundary") == [resource]
    else:
        # The fallback matches parts of words: enough for "-ing" and simple plurals, not for
        # "boundary" against "boundaries".
        assert search("teach boundar") == [resource]
        assert search("teach boundary") == []


def test_postgresql_ignores_stop_words_and_sqlite_still_finds_them():
    resource = ResourceFactory(title="What to do about bullying")
    assert search("what to do about bullying") == [resource]


def ranked(text, candidates):
    return [
        Resource.objects.get(pk=pk).title
        for pk in Resource.objects.published(timezone.now()).ranked_matches(text, candidates)
    ]


def test_ranked_matches_rank_only_the_newest_candidates_best_first():
    start = timezone.now() - datetime.timedelta(days=10)
    for day, (title, summary) in enumerate(
        [
            ("Grooming: the oldest title match", ""),
            ("Staff briefing", "Recognising grooming."),
            ("Grooming: a newer title match", ""),
            ("Parents' guide", "What grooming looks like."),
        ]
    ):
        ResourceFactory(
            title=title, summary=summary, published_at=start + datetime.timedelta(days=day)
        )
    ResourceFactory(title="Unrelated")
    # All four matches, title matches first, newer first among equals.
    assert ranked("grooming", 10)[:2] == [
        "Grooming: a newer title match",
        "Grooming: the oldest title match",
    ]
    # Only the newest three are ranked: the oldest match is left out, whatever its rank.
    assert ranked("grooming", 3) == [
        "Grooming: a newer title match",
        "Parents' guide",
        "Staff briefing",
    ]


def test_postgresql_keeps_each_search_vector_in_its_row():
    # Search tests rows' vectors one by one down the newest-first index; kept out of the row
    # (TOAST), each test cost an index lookup and chunk reads (migration 0006).
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'resources_resource'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone()[0] == "m"
