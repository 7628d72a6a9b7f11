"""The fixed vocabulary (portal/core/vocabulary.py) in the page's language: key stages,
audiences and kinds of resource are stored in English and shown in the language of the page."""

import re

import pytest
from django.utils import translation

from portal.core.vocabulary import KEY_STAGES, in_page_language
from resources.models import Audience, KeyStage
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

MISSING_MO = (
    "No Welsh on a Welsh page: are the translations compiled? Run "
    "`python manage.py compilemessages` (bin/test and bin/serve do)."
)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def words(html):
    """The page's visible text, with its tags and runs of spaces taken out. (The structured data
    for search engines describes the resource itself, which is in English, and says so.)"""
    html = re.sub(r"<script[^>]*>.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def lesson_pack():
    return ResourceFactory(
        title="Teaching consent",
        slug="teaching-consent",
        lesson_pack=True,
        key_stages=["ks3"],
        audiences=["parent"],
    )


# ---------------------------------------------------------------------------------------------
# The words themselves
# ---------------------------------------------------------------------------------------------
def test_every_key_stage_word_is_in_welsh():
    with translation.override("cy"):
        for stage in KEY_STAGES:
            for word in (stage.name, stage.short_name, stage.ages, stage.year_groups):
                assert in_page_language(word) != word, (word, MISSING_MO)
        ks3 = KeyStage.objects.get(code="ks3")
        assert ks3.display_name == "Cyfnod allweddol 3"
        assert ks3.display_short_name == "CA3"
        assert ks3.display_ages == "11 i 14"
        assert ks3.display_year_groups == "Blynyddoedd 7 i 9"
        assert Audience.objects.get(code="young-person").display_name == "Pobl ifanc"


def test_the_stored_words_stay_english_for_editors():
    with translation.override("cy"):
        ks3 = KeyStage.objects.get(code="ks3")
        assert (ks3.name, ks3.short_name) == ("Key stage 3", "KS3")
        assert str(ks3) == "KS3"


def test_a_name_an_editor_changed_is_shown_as_written():
    KeyStage.objects.filter(code="ks3").update(name="Key stage 3 (secondary)")
    with translation.override("cy"):
        assert KeyStage.objects.get(code="ks3").display_name == "Key stage 3 (secondary)"


def test_an_empty_word_stays_empty_rather_than_becoming_the_catalogue_header():
    with translation.override("cy"):
        assert in_page_language("") == ""


# ---------------------------------------------------------------------------------------------
# On the pages
# ---------------------------------------------------------------------------------------------
def test_a_welsh_resource_card_shows_the_welsh_kind_and_key_stage(client, lesson_pack):
    welsh = words(html_of(client, "/cy/resources/"))
    assert "Pecyn gwersi" in welsh, MISSING_MO
    assert "Cyfnodau allweddol CA3" in welsh  # the card
    assert "Lesson pack" not in welsh
    # The English card is cached apart from the Welsh one, and keeps its words.
    english = words(html_of(client, "/resources/"))
    assert "Lesson pack" in english
    assert "Key stages KS3" in english
    assert "Pecyn gwersi" not in english
    assert "CA3" not in english


def test_the_welsh_resource_filters_name_key_stages_kinds_and_audiences_in_welsh(
    client, lesson_pack
):
    welsh = words(html_of(client, "/cy/resources/"))
    assert "CA3 oed 11 i 14 (1 adnodd" in welsh, MISSING_MO
    assert "Blynyddoedd Cynnar oed 0 i 5" in welsh
    assert "Canllaw (0" in welsh
    assert "Rhieni a gofalwyr (1" in welsh
    for english in ("ages 11 to 14", "Guidance (0", "Parents and carers"):
        assert english not in welsh
    # The filter form is cached (per language and address): the English one keeps its words.
    english = words(html_of(client, "/resources/"))
    assert "KS3 ages 11 to 14 (1 resource" in english
    assert "Guidance (0" in english
    assert "Parents and carers (1" in english
    assert "oed 11 i 14" not in english


def test_a_welsh_active_filter_names_the_key_stage_in_welsh(client, lesson_pack):
    welsh = words(html_of(client, "/cy/resources/?key_stage=ks3&kind=lesson-pack"))
    assert "Cyfnod allweddol: CA3" in welsh, MISSING_MO
    assert "Math: Pecyn gwersi" in welsh
    english = words(html_of(client, "/resources/?key_stage=ks3&kind=lesson-pack"))
    assert "Key stage: KS3" in english
    assert "Type: Lesson pack" in english


def test_a_welsh_resource_page_names_its_kind_key_stage_and_audience_in_welsh(client, lesson_pack):
    welsh = words(html_of(client, "/cy/resources/teaching-consent/"))
    assert "Pecyn gwersi" in welsh, MISSING_MO
    assert "Cyfnod allweddol 3 (oed 11 i 14)" in welsh
    assert "Rhieni a gofalwyr" in welsh
    for english in ("Lesson pack", "Key stage 3", "Parents and carers"):
        assert english not in welsh
    english = words(html_of(client, "/resources/teaching-consent/"))
    assert "Key stage 3 (ages 11 to 14)" in english
    assert "Parents and carers" in english


def test_a_welsh_key_stage_page_names_the_key_stage_its_ages_and_years_in_welsh(client):
    welsh = html_of(client, "/cy/resources/key-stages/ks3/")
    assert "<h1>Cyfnod allweddol 3</h1>" in welsh, MISSING_MO
    assert "<dd>11 i 14</dd>" in welsh
    assert "<dd>Blynyddoedd 7 i 9</dd>" in welsh
    assert "Key stage 3" not in welsh
    assert "Years 7 to 9" not in welsh
    english = html_of(client, "/resources/key-stages/ks3/")
    assert "<h1>Key stage 3</h1>" in english
    assert "<dd>Years 7 to 9</dd>" in english


def test_the_welsh_home_page_lists_the_key_stages_in_welsh(client):
    welsh = words(html_of(client, "/cy/"))
    assert "Cyfnod Sylfaen y Blynyddoedd Cynnar" in welsh, MISSING_MO
    assert "Cyfnod allweddol 3" in welsh
    assert "Blynyddoedd 7 i 9" in welsh
    assert "Early years foundation stage" not in welsh
    assert "Early years foundation stage" in words(html_of(client, "/"))


def test_the_welsh_help_page_asks_who_is_asking_in_welsh(client):
    welsh = html_of(client, "/cy/help/")
    assert re.search(r"<label for=\"[^\"]+\">Rhieni a gofalwyr</label>", welsh), MISSING_MO
    assert ">Pobl ifanc</label>" in welsh
    assert "Parents and carers" not in welsh
    assert ">Parents and carers</label>" in html_of(client, "/help/")
