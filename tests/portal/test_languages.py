"""Languages (portal/languages.py): in the address, chosen with plain links, remembered, and
never mixed up by the page cache."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from portal.core.caching import cached
from portal.core.public_forms import HONEYPOT_FIELD
from referrals.models import ProblemReport
from referrals.opening_hours import describe_hours, format_date, holiday_in_words, route_status
from tests.referrals.factories import WEEKDAYS, ContactRouteFactory, ServiceFactory, add_hours
from tests.referrals.referral_support import make_referral_service
from tests.resources.factories import ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time
COOKIE = settings.LANGUAGE_COOKIE_NAME
MISSING_MO = (
    "No Welsh on a Welsh page: are the translations compiled? Run "
    "`python manage.py compilemessages` (bin/test and bin/serve do)."
)


def at(hour, minute, second=0):
    """Wednesday 12 November 2025 in London, at this time."""
    return datetime.datetime(2025, 11, 12, hour, minute, second, tzinfo=LONDON)


@pytest.fixture
def office_hours_line():
    service = ServiceFactory(name="Family line", slug="family-line", audiences=["parent"])
    route = ContactRouteFactory(service=service, label="Family helpline", audiences=["parent"])
    add_hours(route, *WEEKDAYS, opens=T(8), closes=T(18))
    return route


def html_of(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


# ---------------------------------------------------------------------------------------------
# The page's language, from its address
# ---------------------------------------------------------------------------------------------
def test_english_pages_keep_their_addresses_and_say_british_english(client):
    html = html_of(client, "/help/")
    assert '<html lang="en-GB">' in html
    assert "<h1>Get help now</h1>" in html
    assert reverse("referrals:help") == "/help/"


def test_a_welsh_page_is_in_welsh(client, office_hours_line):
    html = html_of(client, "/cy/help/")
    assert '<html lang="cy">' in html, html[:200]
    assert "<h1>Cael help nawr</h1>" in html, MISSING_MO
    assert "Gadael y dudalen hon" in html  # the quick exit
    assert 'ffoniwch <a href="tel:999">999</a>' in html  # the emergency notice
    assert "Get help now" not in html


def test_the_welsh_service_page_and_errors_are_in_welsh(client, office_hours_line):
    html = html_of(client, "/cy/help/family-line/")
    assert "Sut i gysylltu neu atgyfeirio" in html, MISSING_MO
    assert "Nid yw’r gwasanaeth hwn ar gyfer argyfyngau." in html
    missing = client.get("/cy/help/no-such-service/")
    assert missing.status_code == 404
    assert "Heb ddod o hyd i’r dudalen" in missing.content.decode()
    assert '<html lang="cy">' in missing.content.decode()


def test_the_welsh_staying_safe_page_is_in_welsh(client):
    html = html_of(client, "/cy/staying-safe-online/")
    assert "<h1>Cadw’n ddiogel ar-lein</h1>" in html, MISSING_MO
    assert "Pori preifat" in html


@pytest.mark.parametrize("code", ["ar", "ur"])
def test_arabic_and_urdu_pages_run_right_to_left(client, code):
    html = html_of(client, f"/{code}/help/")
    assert f'<html lang="{code}" dir="rtl">' in html


def test_a_missing_translation_falls_back_to_english_on_a_page_still_marked_polish(client):
    html = html_of(client, "/pl/help/")
    assert '<html lang="pl">' in html
    assert "<h1>Uzyskaj pomoc teraz</h1>" in html, MISSING_MO
    # The help journey is in Polish; the footer's links have no Polish yet: they show in
    # English rather than not at all.
    assert "Wybierz, kto pyta, wiek, sposoby kontaktu i temat" in html
    assert "Accessibility statement" in html


def test_an_address_with_the_english_prefix_is_not_a_second_english_page(client):
    assert client.get("/en/help/").status_code == 404


# ---------------------------------------------------------------------------------------------
# Choosing and remembering, without JavaScript
# ---------------------------------------------------------------------------------------------
def test_every_page_links_to_itself_in_every_language(client):
    html = html_of(client, "/help/?audience=parent")
    assert (
        '<a href="/language/cy/?next=/help/%3Faudience%3Dparent" lang="cy" hreflang="cy" '
        'rel="nofollow">Cymraeg</a>'
    ) in html
    assert 'lang="ar" hreflang="ar" rel="nofollow">العربية</a>' in html
    # The current language is said, not linked.
    assert '<span class="language-switcher__current" lang="en-GB" aria-current="true">' in html
    assert "<form" not in re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)[0]


def test_the_switcher_link_remembers_the_choice_and_opens_the_same_page_in_it(client):
    response = client.get("/language/cy/?next=/help/%3Faudience%3Dparent")
    assert response.status_code == 302
    assert response["Location"] == "/cy/help/?audience=parent"
    assert response.cookies[COOKIE].value == "cy"
    assert response.cookies[COOKIE]["httponly"]
    assert "Cael help nawr" in html_of(client, response["Location"]), MISSING_MO


def test_the_choice_is_remembered_on_an_english_address(client):
    client.get("/language/cy/?next=/")
    response = client.get("/help/?open_now=1")
    assert response.status_code == 302
    assert response["Location"] == "/cy/help/?open_now=1"
    # Addresses that are not pages in a language are left alone.
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_choosing_english_again_goes_back_to_english_addresses(client):
    client.get("/language/cy/?next=/")
    response = client.get("/language/en/?next=/cy/help/")
    assert response["Location"] == "/help/"
    assert response.cookies[COOKIE].value == "en"
    assert "<h1>Get help now</h1>" in html_of(client, "/help/")


def test_the_switcher_never_sends_anyone_to_another_site(client):
    response = client.get("/language/cy/?next=https://evil.example/")
    assert response["Location"] == "/cy/"
    response = client.get("/language/cy/?next=//evil.example/")
    assert response["Location"] == "/cy/"
    assert client.get("/language/xx/?next=/help/").status_code == 404


@pytest.mark.parametrize(
    "next_url", ["/help/%00", "/help/%ZZ", "/%E2%80%AE/", "\\evil.example", "/help/?q=%FF%FE"]
)
def test_hostile_next_addresses_are_redirected_safely(client, next_url):
    response = client.get("/language/ar/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith("//")


def test_a_remembered_choice_with_a_hostile_address_is_never_a_server_error(client):
    client.cookies[COOKIE] = "cy"
    for path in ("/help/%00/", "/%ZZ", "/help/?q=%FF%FE"):
        assert client.get(path).status_code < 500


def test_a_cookie_or_browser_language_alone_never_changes_an_english_page(client):
    html = html_of(client, "/help/", HTTP_ACCEPT_LANGUAGE="cy")
    assert "<h1>Get help now</h1>" in html
    client.cookies[COOKIE] = "nonsense"
    assert "<h1>Get help now</h1>" in html_of(client, "/help/")


# ---------------------------------------------------------------------------------------------
# For search engines: hreflang and the sitemap
# ---------------------------------------------------------------------------------------------
def test_every_public_page_names_its_other_languages(client, office_hours_line):
    for path in ("/", "/help/", "/cy/help/family-line/", "/staying-safe-online/"):
        html = html_of(client, path)
        english = path.removeprefix("/cy")
        for code in ("cy", "pl", "ro", "ur", "ar"):
            assert (
                f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}{english}">'
            ) in html, (path, code)
        assert f'hreflang="en-GB" href="http://testserver{english}"' in html
        assert f'hreflang="x-default" href="http://testserver{english}"' in html


def test_error_pages_have_no_alternates(client):
    html = client.get("/help/no-such-service/").content.decode()
    assert "hreflang" not in html.split("</head>")[0]


def test_crawlers_find_languages_through_the_sitemap_not_the_switcher(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /language/" in lines


def test_the_sitemap_lists_every_language_with_alternates(client, office_hours_line):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/cy/help/family-line/</loc>" in xml
    assert "<loc>http://testserver/help/family-line/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="ar" href="http://testserver/ar/help/family-line/"/>'
    ) in xml
    assert 'hreflang="x-default" href="http://testserver/help/"' in xml


# ---------------------------------------------------------------------------------------------
# Opening hours in words, per language
# ---------------------------------------------------------------------------------------------
def test_opening_hours_are_whole_welsh_sentences_with_the_24_hour_clock(office_hours_line):
    route = office_hours_line
    with translation.override("cy"):
        assert route_status(route, at(11, 0)).label == "Ar agor nawr, yn cau am 18:00", MISSING_MO
        assert route_status(route, at(17, 40)).label == "Ar agor nawr, yn cau ymhen 20 munud"
        assert route_status(route, at(7, 45)).label == "Ar gau, yn agor ymhen 15 munud"
        assert route_status(route, at(19, 0)).label == "Ar gau, yn agor yfory am 08:00"
        assert describe_hours(route).startswith("Dydd Llun i Dydd Gwener 08:00 i 18:00")
        assert format_date(datetime.date(2025, 12, 25)) == "Dydd Iau 25 Rhagfyr"
    with translation.override("en"):
        assert route_status(route, at(11, 0)).label == "Open now, closes at 6pm"


@pytest.mark.parametrize(
    "code, closes_soon, closes_later",
    [
        ("pl", "Otwarte teraz, zamknięcie za 20 minut", "Otwarte teraz, zamknięcie o 18:00"),
        ("ro", None, None),
        ("ur", None, None),
        ("ar", None, None),
    ],
)
def test_route_status_is_in_each_community_language_with_its_clock(
    office_hours_line, code, closes_soon, closes_later
):
    with translation.override("en"):
        english = route_status(office_hours_line, at(17, 40)).label
    with translation.override(code):
        soon = route_status(office_hours_line, at(17, 40)).label
        later = route_status(office_hours_line, at(11, 0)).label
    # Route cards are in every language (issue 18): no English words in the status.
    assert soon != english and "Open now" not in soon and "Open now" not in later, MISSING_MO
    assert "20" in soon and "18:00" in later
    if closes_soon:
        assert (soon, later) == (closes_soon, closes_later)


def test_the_help_page_shows_the_welsh_status(client, office_hours_line):
    with time_machine.travel(at(11, 0), tick=False):
        html = html_of(client, "/cy/help/")
    assert "Ar agor nawr, yn cau am 18:00" in html, MISSING_MO


# ---------------------------------------------------------------------------------------------
# Caches never serve one language to another
# ---------------------------------------------------------------------------------------------
def test_content_caches_keep_each_language_apart():
    with translation.override("en"):
        assert cached("greeting", None, lambda: translation.gettext("Get help now")) == (
            "Get help now"
        )
    with translation.override("cy"):
        assert cached("greeting", None, lambda: translation.gettext("Get help now")) == (
            "Cael help nawr"
        )


def test_the_page_cache_never_serves_one_language_to_another(settings, office_hours_line):
    settings.PAGE_CACHE = True
    with time_machine.travel(at(11, 0, 10), tick=False):
        english = Client().get("/help/")
        assert english["X-Page-Cache"] == "miss"
        assert Client().get("/help/")["X-Page-Cache"] == "hit"
        welsh = Client().get("/cy/help/")
        assert welsh["X-Page-Cache"] == "miss"
        assert "Cael help nawr" in welsh.content.decode(), MISSING_MO
        # Someone who chose Welsh is sent to the Welsh address, never served the cached English.
        chooser = Client()
        chooser.cookies[COOKIE] = "cy"
        assert chooser.get("/help/")["Location"] == "/cy/help/"
        # A browser asking for Welsh still shares the English page of the English address.
        asking = Client().get("/help/", HTTP_ACCEPT_LANGUAGE="cy")
        assert asking["X-Page-Cache"] == "hit"
        assert "<h1>Get help now</h1>" in asking.content.decode()
        # Someone who chose English shares it too: the cookie does not make the page personal.
        english_chooser = Client()
        english_chooser.cookies[COOKIE] = "en"
        assert english_chooser.get("/help/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("path", ["/help/", "/help/family-line/", "/", "/resources/"])
def test_a_page_in_welsh_needs_no_more_queries_than_in_english(client, office_hours_line, path):
    def warm_queries(url):
        html_of(client, url)
        with CaptureQueriesContext(connection) as queries:
            html_of(client, url)
        return len(queries)

    with time_machine.travel(at(11, 0), tick=False):
        assert warm_queries(f"/cy{path}") == warm_queries(path)


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_kind_of_public_page_opens_in_every_language(client, office_hours_line, code):
    prefix = "" if code == "en" else f"/{code}"
    for path in (
        "/",
        "/resources/",
        "/search/?q=consent",
        "/accessibility/",
        "/display-settings/",
        "/staying-safe-online/",
        "/help/?open_now=1",
        "/help/family-line/",
        "/help/family-line/report/",
    ):
        html = html_of(client, f"{prefix}{path}")
        assert f'<html lang="{"en-GB" if code == "en" else code}"' in html, (code, path)


def test_the_translations_compile_without_gettext(tmp_path, settings):
    """bin/serve on a machine without msgfmt: Babel writes catalogues Django reads the same."""
    import gettext
    import shutil

    from django.core.management import call_command

    for code in ("cy", "ar"):
        target = tmp_path / code / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(
            settings.BASE_DIR / "portal" / "locale" / code / "LC_MESSAGES" / "django.po", target
        )
    settings.LOCALE_PATHS = [tmp_path]
    call_command("compile_translations", "--without-msgfmt")

    welsh = gettext.GNUTranslations((tmp_path / "cy" / "LC_MESSAGES" / "django.mo").open("rb"))
    assert welsh.gettext("Get help now") == "Cael help nawr"
    arabic = gettext.GNUTranslations((tmp_path / "ar" / "LC_MESSAGES" / "django.mo").open("rb"))
    # Arabic's six plural forms survive: 3 minutes and 11 minutes take different forms.
    assert arabic.plural(3) != arabic.plural(11)


def test_a_broken_catalogue_is_a_clear_error(tmp_path, settings):
    from django.core.management import CommandError, call_command

    target = tmp_path / "cy" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_text('msgid "Open"\nmsgid "Closed"\nmsgstr "Ar gau"\n')
    settings.LOCALE_PATHS = [tmp_path]
    with pytest.raises(CommandError, match="django.po"):
        call_command("compile_translations", "--without-msgfmt")


# ---------------------------------------------------------------------------------------------
# Forms and the teachers' pages: interface strings marked in Python and in templates
# ---------------------------------------------------------------------------------------------
def test_the_welsh_report_form_refused_empty_has_welsh_labels_and_a_welsh_error_summary(
    client, office_hours_line
):
    with translation.override("cy"):
        url = reverse("referrals:report-problem", args=["family-line"])
    assert url.startswith("/cy/")
    empty = {"route": "", "problem": "", "detail": "", "reply_email": "", HONEYPOT_FIELD: ""}
    response = client.post(url, empty, REMOTE_ADDR="192.0.2.30")
    assert response.status_code == 400  # refused, with the form given back
    html = response.content.decode()
    assert '<html lang="cy">' in html
    assert "<title>Gwall: Rhoi gwybod am broblem gyda Family line" in html, MISSING_MO
    assert '<h2 id="error-summary-title">Mae problem</h2>' in html
    assert "Dewiswch beth sy’n anghywir</a>" in html  # the summary links the error to its field
    assert "Beth sy’n anghywir?" in html  # a label from the form class
    assert "Eich cyfeiriad e-bost (dewisol)" in html
    assert "Mae’r oriau agor yn anghywir" in html  # a choice from the model
    assert f"Hyd at {ProblemReport.DETAIL_MAX_LENGTH} nod." in html  # a hint with a number
    assert "Anfon yr adroddiad" in html
    assert "There is a problem" not in html
    assert "What is wrong?" not in html


def test_the_welsh_resource_list_has_welsh_filters_and_the_english_one_keeps_its_words(client):
    welsh = html_of(client, "/cy/resources/")
    assert '<h2 id="filters-heading">Hidlo adnoddau</h2>' in welsh, MISSING_MO
    assert "Defnyddio’r hidlyddion" in welsh
    english = html_of(client, "/resources/")
    assert '<h2 id="filters-heading">Filter resources</h2>' in english
    assert "Apply filters" in english


def test_the_welsh_search_page_says_no_results_in_welsh(client):
    html = html_of(client, "/cy/search/?q=zzqx")
    assert "Dim canlyniadau am “zzqx”" in html, MISSING_MO
    assert "Ffyrdd eraill o ddod o hyd i’r hyn sydd ei angen arnoch" in html


# ---------------------------------------------------------------------------------------------
# The teachers' pages, the home page and the referral form, whole in Welsh
# ---------------------------------------------------------------------------------------------
def test_the_welsh_home_page_is_in_welsh(client):
    html = html_of(client, "/cy/")
    assert '<html lang="cy">' in html
    assert "<h1>Cadw plant yn ddiogel: help, canllawiau a phecynnau gwersi</h1>" in html, MISSING_MO
    assert "Pori yn ôl cyfnod allweddol" in html
    assert "Browse by key stage" not in html


def test_a_welsh_resource_page_has_welsh_headings_and_labels(client):
    consent = TopicFactory(name="Consent", slug="consent")
    ResourceFactory(
        title="Teaching consent",
        slug="teaching-consent",
        lesson_pack=True,
        key_stages=["ks3"],
        topics=[consent],
    )
    html = html_of(client, "/cy/resources/teaching-consent/")
    assert '<html lang="cy">' in html
    assert '<nav class="breadcrumbs" aria-label="Briwsion bara">' in html, MISSING_MO
    assert '<h2 id="sensitive-content-heading">Cyn i chi addysgu hyn</h2>' in html
    assert "<dt>Cyfnodau allweddol</dt>" in html
    assert "<dt>Pynciau</dt>" in html
    assert "gan NSPCC" in html
    assert "Cyhoeddwr a thelerau defnyddio" in html
    for english in ("Before you teach this", "Key stages", "Publisher and terms of use"):
        assert english not in html


def test_a_welsh_topic_page_and_its_cards_are_in_welsh_and_the_english_keeps_its_words(client):
    consent = TopicFactory(name="Consent", slug="consent")
    ResourceFactory(title="About consent", key_stages=["ks3"], topics=[consent])
    welsh = html_of(client, "/cy/resources/topics/consent/")
    assert '<html lang="cy">' in welsh
    assert '<h2 id="topic-resources-heading">Canllawiau a phecynnau gwersi</h2>' in welsh, (
        MISSING_MO
    )
    assert "<dt>Cyfnodau allweddol</dt>" in welsh  # the card, cached per language
    assert "Key stages" not in welsh
    english = html_of(client, "/resources/topics/consent/")
    assert "<dt>Key stages</dt>" in english
    assert "Cyfnodau allweddol" not in english


def test_a_welsh_key_stage_page_is_in_welsh(client):
    html = html_of(client, "/cy/resources/key-stages/ks3/")
    assert '<html lang="cy">' in html
    assert "<dt>Grwpiau blwyddyn</dt>" in html, MISSING_MO
    assert "Does dim tudalennau canllaw na phecynnau gwersi ar gyfer" in html
    assert "Year groups" not in html


def test_the_welsh_referral_form_page_is_in_welsh(client):
    form_settings = make_referral_service(require_parent_consent=True)
    html = html_of(client, f"/cy/help/{form_settings.service.slug}/refer/")
    assert '<html lang="cy">' in html
    assert "<h1>Gwneud atgyfeiriad i Example Family Support</h1>" in html, MISSING_MO
    assert "<h2>Cyn i chi ddechrau</h2>" in html
    assert "<strong>Y caniatâd sydd ei angen arnoch:</strong>" in html
    assert "<legend>Neu eu dyddiad geni</legend>" in html  # the date-of-birth boxes
    assert "Anfon yr atgyfeiriad</button>" in html
    for english in ("Before you start", "Or their date of birth", "Send referral"):
        assert english not in html


def test_a_bank_holiday_is_named_in_welsh_on_a_welsh_page(client, office_hours_line):
    # Monday 22 December 2025: Christmas Day and Boxing Day are in the coming fortnight.
    with time_machine.travel(datetime.datetime(2025, 12, 22, 11, tzinfo=LONDON), tick=False):
        welsh = html_of(client, "/cy/help/family-line/")
        english = html_of(client, "/help/family-line/")
    assert "Ar gau ar Dydd Iau 25 Rhagfyr (Dydd Nadolig)" in welsh, MISSING_MO
    assert "(Gŵyl San Steffan)" in welsh
    assert "Christmas Day" not in welsh
    assert "Closed on Thursday 25 December (Christmas Day)" in english


def test_a_bank_holiday_standing_in_for_a_weekend_one_is_named_in_welsh(office_hours_line):
    with translation.override("cy"):
        assert holiday_in_words("Boxing Day (observed)") == (
            "gŵyl y banc yn lle Gŵyl San Steffan"
        ), MISSING_MO
        assert holiday_in_words("New Year Holiday; New Year's Day (observed)") == (
            "Gŵyl y Flwyddyn Newydd; gŵyl y banc yn lle Dydd Calan"
        )
        # A name the package adds later shows as it writes it, rather than not at all.
        assert holiday_in_words("A new one-off holiday") == "A new one-off holiday"
    with translation.override("en"):
        assert holiday_in_words("Boxing Day (observed)") == "Boxing Day bank holiday"


def test_the_welsh_accessibility_statement_is_in_welsh(client):
    html = html_of(client, "/cy/accessibility/")
    assert '<html lang="cy">' in html
    assert "Pa mor hygyrch yw’r wefan hon" in html, MISSING_MO
    assert "Y weithdrefn orfodi" in html
    assert "Enforcement procedure" not in html
    assert "Known limitations" not in html
