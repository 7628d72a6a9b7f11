"""Content in the family's language: the translation where there is one, the English marked as
English where there is not, and editors told what is missing or older than the English."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from portal.core.caching import cached
from referrals.facts import Answer
from referrals.models import ContactRoute, OpeningException, Service, ServiceAlert
from referrals.opening_hours import attach_status
from referrals.translations import Status, content_languages, language_from_accept_language
from tests.support.formsets import empty_inlines, inline_row

from .factories import ContactRouteFactory, ServiceAtLocationFactory, ServiceFactory
from .test_admin import route_form

pytestmark = pytest.mark.django_db

MARK = '<span lang="en" dir="ltr">'


@pytest.fixture
def route():
    route = ContactRouteFactory(
        label="Call the helpline",
        what_happens="Someone listens.",
        good_to_know="Free from mobiles.",
        parent_told=Answer.DEPENDS,
        parent_told_note="Only if you agree.",
    )
    route.set_translation("cy", "label", "Ffoniwch y llinell gymorth")
    route.set_translation("cy", "what_happens", "Mae rhywun yn gwrando.")
    route.save()
    return route


def render_card(route, language):
    with translation.override(language):
        return render_to_string(
            "includes/contact_route.html", {"route": route, "hide_service": True}
        )


# ------------------------------------------------------------------------------
# Reading: the translation, or the English marked as English
# ------------------------------------------------------------------------------
def test_a_translated_field_reads_in_the_active_language(route):
    with translation.override("cy"):
        label = route.translated("label")
    assert label == "Ffoniwch y llinell gymorth"
    assert (label.language, label.fell_back) == ("cy", False)


def test_a_missing_translation_falls_back_to_the_english_and_says_so(route):
    with translation.override("pl"):
        label = route.translated("label")
    assert label == "Call the helpline"
    assert (label.language, label.fell_back) == ("en", True)


def test_english_is_never_a_fall_back(route):
    for language in ("en", "en-gb"):
        with translation.override(language):
            assert route.translated("good_to_know").fell_back is False


def test_an_empty_english_text_stays_empty_in_every_language():
    route = ContactRouteFactory(good_to_know="")
    with translation.override("cy"):
        assert route.translated("good_to_know") == ""
        assert route.translated("good_to_know").fell_back is False


def test_a_route_card_in_welsh_marks_the_english_it_falls_back_to(route):
    html = render_card(route, "cy")
    assert '<h3 class="route__title">Ffoniwch y llinell gymorth</h3>' in html
    assert "<dd>Mae rhywun yn gwrando.</dd>" in html
    # Not translated: shown in English, marked so screen readers and readers know.
    assert f"<dd>{MARK}Free from mobiles.</span></dd>" in html
    # The sentence is the interface's (portal/locale), the note the editor's, not translated.
    assert f"Efallai y dywedir wrth riant neu ofalwr. {MARK}Only if you agree.</span>" in html


def test_a_route_card_in_english_carries_no_language_marks(route):
    html = render_card(route, "en")
    assert "Call the helpline" in html
    assert 'lang="en"' not in html


def test_a_right_to_left_page_marks_english_as_left_to_right(route):
    html = render_card(route, "ar")
    assert f'<h3 class="route__title">{MARK}Call the helpline</span></h3>' in html


def test_a_translated_fact_note_follows_its_sentence(route):
    route.set_translation("cy", "parent_told_note", "Dim ond os ydych chi’n cytuno.")
    with translation.override("cy"):
        assert route.fact_lines == [
            "Efallai y dywedir wrth riant neu ofalwr. Dim ond os ydych chi’n cytuno."
        ]
    assert 'lang="en"' not in render_card(route, "cy").split("route__facts")[1].split("</ul>")[0]


def test_translations_are_escaped_like_the_english():
    route = ContactRouteFactory(label="Line")
    route.set_translation("cy", "label", "<script>alert(1)</script>")
    html = render_card(route, "cy")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_long_texts_keep_their_paragraphs_and_are_marked_as_one_block():
    service = ServiceFactory(description="First paragraph.\n\nSecond <paragraph>.")
    template = Template(
        '{% load translations %}{% translated service "description" "linebreaks" %}'
    )
    with translation.override("cy"):
        html = template.render(Context({"service": service}))
    assert html == (
        '<div lang="en" dir="ltr"><p>First paragraph.</p>\n\n<p>Second &lt;paragraph&gt;.</p></div>'
    )
    service.set_translation("cy", "description", "Paragraff cyntaf.\n\nAil baragraff.")
    with translation.override("cy"):
        html = template.render(Context({"service": service}))
    assert html == "<p>Paragraff cyntaf.</p>\n\n<p>Ail baragraff.</p>"


def test_a_service_alert_reads_in_the_familys_language(route):
    alert = ServiceAlert(service=route.service, message="Closed today: please text instead.")
    alert.set_translation("cy", "message", "Ar gau heddiw: anfonwch neges destun.")
    with translation.override("cy"):
        html = render_to_string("includes/service_alert.html", {"alert": alert, "level": 3})
    assert "Ar gau heddiw: anfonwch neges destun." in html
    with translation.override("ur"):
        html = render_to_string("includes/service_alert.html", {"alert": alert, "level": 3})
    assert f"{MARK}Closed today: please text instead.</span>" in html


def test_the_help_page_in_english_is_unchanged_by_translations(client, route):
    response = client.get(reverse("referrals:help"))
    assert response.status_code == 200
    assert "Call the helpline" in response.content.decode()
    assert "Ffoniwch" not in response.content.decode()


def test_content_caches_keep_each_language_apart():
    computed = []

    def compute():
        computed.append(translation.get_language())
        return translation.get_language()

    with translation.override("cy"):
        assert cached("translation-test", "same parts", compute) == "cy"
    with translation.override("pl"):
        assert cached("translation-test", "same parts", compute) == "pl"
    assert computed == ["cy", "pl"]


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("", "en"),
        ("cy", "cy"),
        ("cy-GB,en;q=0.8", "cy"),
        ("en-GB,en;q=0.9,cy;q=0.8", "en"),
        ("fr-FR,fr;q=0.9,pl;q=0.5", "pl"),
        ("pl;q=0.2,ro;q=0.7", "ro"),
        ("ar;q=0", "en"),
        ("de", "en"),
        ("*", "en"),
        ("cy;q=abc,;;;,=,ur", "ur"),
        ("x" * 10_000, "en"),
    ],
)
def test_accept_language_picks_the_most_preferred_site_language(header, language):
    assert language_from_accept_language(header) == language


# ------------------------------------------------------------------------------
# Editors: what is missing, what is older than the English
# ------------------------------------------------------------------------------
def test_a_field_with_english_but_no_translation_is_missing(route):
    assert route.translation_status("cy") == Status.MISSING  # good_to_know, the note
    assert route.translation_status("pl") == Status.MISSING


def test_every_field_translated_from_the_current_english_is_complete(route):
    route.set_translation("cy", "good_to_know", "Am ddim o ffonau symudol.")
    route.set_translation("cy", "parent_told_note", "Dim ond os ydych chi’n cytuno.")
    assert route.translation_status("cy") == Status.COMPLETE


def test_a_translation_is_older_than_the_english_once_the_english_changes(route):
    route.set_translation("cy", "good_to_know", "Am ddim o ffonau symudol.")
    route.set_translation("cy", "parent_told_note", "Dim ond os ydych chi’n cytuno.")
    route.what_happens = "A trained counsellor listens."
    assert route.translation_status("cy") == Status.OUTDATED
    # Still shown (an older translation is better than none), but editors see it needs work.
    with translation.override("cy"):
        assert route.translated("what_happens") == "Mae rhywun yn gwrando."
    route.mark_translation_checked("cy")
    assert route.translation_status("cy") == Status.COMPLETE


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x" * 16)
    client.force_login(user)
    return user


def test_the_route_list_shows_each_items_missing_and_older_languages(client, editor, route):
    route.set_translation("cy", "good_to_know", "Am ddim o ffonau symudol.")
    route.set_translation("cy", "parent_told_note", "Dim ond os ydych chi’n cytuno.")
    route.save()
    ContactRoute.objects.filter(pk=route.pk).update(label="Call the helpline now")
    response = client.get(reverse("admin:referrals_contactroute_changelist"))
    html = response.content.decode()
    assert "Cymraeg: older than the English" in html
    assert "Polski: missing" in html


def test_the_filter_lists_only_items_needing_work_in_a_language(client, editor, route):
    done = ContactRouteFactory(label="Done", service=route.service)
    for language in content_languages():
        done.set_translation(language, "label", f"Done ({language})")
    done.save()
    url = reverse("admin:referrals_contactroute_changelist")
    needing_work = client.get(url, {"translation": "cy"}).context["cl"].result_list
    assert list(needing_work) == [route]
    assert list(client.get(url, {"translation": "any"}).context["cl"].result_list) == [route]
    # A value that is not a language filters nothing (and fails nothing).
    assert client.get(url, {"translation": "xx"}).status_code == 200


def test_a_coming_exceptions_note_without_welsh_is_its_routes_translation_work(client, editor):
    route = ContactRouteFactory(label="Done")
    for language in content_languages():
        route.set_translation(language, "label", f"Done ({language})")
    route.save()
    today = timezone.localdate()
    gone = OpeningException.objects.create(
        route=route, date=today - datetime.timedelta(days=1), closed=True, note="Staff training"
    )
    url = reverse("admin:referrals_contactroute_changelist")
    # A note of a day gone by is read no more: nothing to do.
    assert list(client.get(url, {"translation": "cy"}).context["cl"].result_list) == []
    assert "Complete" in client.get(url).content.decode()

    coming = OpeningException.objects.create(
        route=route, date=today + datetime.timedelta(days=20), closed=True, note="Boxing Day"
    )
    for language in content_languages():
        if language != "cy":
            coming.set_translation(language, "note", f"Boxing Day ({language})")
    coming.save()
    response = client.get(url)
    assert "Cymraeg: missing" in response.content.decode()
    assert "Polski: " not in response.content.decode()
    assert list(client.get(url, {"translation": "cy"}).context["cl"].result_list) == [route]
    assert list(client.get(url, {"translation": "pl"}).context["cl"].result_list) == []
    assert gone.translation_status("cy") == Status.MISSING


def test_the_route_list_takes_the_same_queries_however_many_exceptions(
    client, editor, django_assert_num_queries
):
    url = reverse("admin:referrals_contactroute_changelist")
    today = timezone.localdate()

    def add_route():
        route = ContactRouteFactory()
        OpeningException.objects.create(route=route, date=today, closed=True, note="Closed")

    add_route()
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        add_route()
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_the_change_page_has_a_section_per_language_saying_what_it_needs(client, editor, route):
    response = client.get(reverse("admin:referrals_contactroute_change", args=[route.pk]))
    html = response.content.decode()
    assert "Cymraeg (cy): missing" in html
    assert "العربية (ar): missing" in html
    assert 'name="label__cy" value="Ffoniwch y llinell gymorth"' in html


def service_form(service, **overrides):
    data = {
        "name": service.name,
        "slug": service.slug,
        "summary": service.summary,
        "status": service.status,
        "holiday_nation": service.holiday_nation,
        "order": service.order,
    }
    data.update(empty_inlines("routes", "alerts", "service_at_locations", "owners"))
    data.update(overrides)
    return data


def test_an_editor_adds_a_translation_and_then_changes_only_the_english(client, editor):
    service = ServiceFactory(summary="Support for families.")
    url = reverse("admin:referrals_service_change", args=[service.pk])
    response = client.post(url, service_form(service, summary__cy="Cymorth i deuluoedd."))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.translation_text("cy", "summary") == "Cymorth i deuluoedd."
    assert service.translation_status("cy") == Status.COMPLETE
    # The revision history records the translation.
    assert service.history.first().translations == service.translations

    response = client.post(
        url,
        service_form(
            service, summary="Support for families and carers.", summary__cy="Cymorth i deuluoedd."
        ),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.translation_status("cy") == Status.OUTDATED

    # Checked: the Welsh still says what the new English says.
    response = client.post(
        url,
        service_form(
            service,
            summary="Support for families and carers.",
            summary__cy="Cymorth i deuluoedd.",
            translation_checked__cy="on",
        ),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.translation_status("cy") == Status.COMPLETE
    # Emptying a translation removes it: the English shows there again.
    client.post(url, service_form(service, summary="Support for families and carers."))
    service.refresh_from_db()
    assert service.translation_status("cy") == Status.MISSING


def test_alert_and_place_pages_have_their_language_sections(client, editor, route):
    alert = ServiceAlert.objects.create(
        service=route.service, message="Closed today.", starts_at=timezone.now()
    )
    place = ServiceAtLocationFactory(service=route.service)
    for name, pk in (
        ("servicealert", alert.pk),
        ("location", place.location.pk),
        ("serviceatlocation", place.pk),
    ):
        response = client.get(reverse(f"admin:referrals_{name}_change", args=[pk]))
        assert response.status_code == 200
        assert "Cymraeg (cy)" in response.content.decode()
    response = client.get(reverse("admin:referrals_servicealert_changelist"))
    assert "Cymraeg: missing" in response.content.decode()


# ------------------------------------------------------------------------------
# Dated exceptions: the note beside the date, read and edited like the rest
# ------------------------------------------------------------------------------
@pytest.fixture
def training_day(route, now):
    exception = OpeningException.objects.create(
        route=route, date=datetime.date(2025, 11, 14), closed=True, note="Staff training"
    )
    exception.set_translation("cy", "note", "Hyfforddiant staff")
    exception.save()
    return exception


def card_with_hours(route, now, language):
    """The route card as /help/ shows it at ``now``, coming changes to its hours included."""
    fresh = ContactRoute.objects.prefetch_related("sessions", "exceptions").get(pk=route.pk)
    with translation.override(language):
        attach_status([fresh], now)
    return render_card(fresh, language)


def test_a_dated_exceptions_note_reads_in_the_familys_language(route, training_day, now):
    html = card_with_hours(route, now, "cy")
    assert "(Hyfforddiant staff)</li>" in html
    assert "Staff training" not in html


def test_an_untranslated_exception_note_is_marked_as_english(route, training_day, now):
    html = card_with_hours(route, now, "pl")
    assert f"({MARK}Staff training</span>)</li>" in html
    english = card_with_hours(route, now, "en")
    assert "(Staff training)</li>" in english
    assert 'lang="en"' not in english


def test_an_exception_note_is_escaped_in_every_language(route, now):
    exception = OpeningException.objects.create(
        route=route, date=datetime.date(2025, 11, 14), closed=True, note="<b>Training</b>"
    )
    exception.set_translation("cy", "note", "<i>Hyfforddiant</i>")
    exception.save()
    for language, text in (("cy", "&lt;i&gt;Hyfforddiant&lt;/i&gt;"), ("pl", "&lt;b&gt;")):
        html = card_with_hours(route, now, language)
        assert text in html
        assert "<b>" not in html and "<i>" not in html


def test_an_exception_note_needing_work_is_flagged_and_translated_on_the_routes_page(
    client, editor, route, training_day
):
    url = reverse("admin:referrals_contactroute_change", args=[route.pk])
    html = client.get(url).content.decode()
    # Under the note, what it needs, and its translations to edit, one line per language.
    assert "Translations of the note" in html
    assert "Polski: missing" in html
    assert 'name="exceptions-0-note__cy" value="Hyfforddiant staff"' in html

    row = {"date": "2025-11-14", "closed": "on", "opens": "", "closes": ""}
    data = route_form(route.service, label=route.label, number=route.number)
    data.update(
        {
            "exceptions-TOTAL_FORMS": "1",
            "exceptions-INITIAL_FORMS": "1",
            **inline_row(
                "exceptions",
                0,
                training_day,
                **row,
                note="Staff training",
                note__cy="Hyfforddiant staff",
                note__pl="Szkolenie personelu",
            ),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    training_day.refresh_from_db()
    assert training_day.translation_text("pl", "note") == "Szkolenie personelu"
    assert training_day.translation_status("cy") == Status.COMPLETE

    # The English changes: the Welsh is older than it, and the page says so under the row.
    data["exceptions-0-note"] = "Staff training day"
    client.post(url, data)
    training_day.refresh_from_db()
    assert training_day.translation_status("cy") == Status.OUTDATED
    assert "Cymraeg: older than the English" in client.get(url).content.decode()
    # The revision history keeps the translations with the note.
    assert training_day.history.first().translations == training_day.translations


# ------------------------------------------------------------------------------
# Alerts translated where they are written: the service's and the route's pages
# ------------------------------------------------------------------------------
def alert_row(index, alert=None, **fields):
    values = {
        "message": "Closed this afternoon.",
        "route": "",
        "starts_at_0": "2025-11-12",
        "starts_at_1": "13:00",
        "ends_at_0": "2025-11-12",
        "ends_at_1": "18:00",
    }
    values.update(fields)
    return inline_row("alerts", index, alert, **values)


def test_an_alert_added_on_the_service_page_is_translated_there(client, editor):
    service = ServiceFactory()
    url = reverse("admin:referrals_service_change", args=[service.pk])
    assert 'name="alerts-__prefix__-message__cy"' in client.get(url).content.decode()
    data = service_form(
        service,
        **{"alerts-TOTAL_FORMS": "1"},
        **alert_row(0, message__cy="Ar gau y prynhawn yma."),
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    (alert,) = ServiceAlert.objects.all()
    assert alert.translation_text("cy", "message") == "Ar gau y prynhawn yma."
    assert alert.translation_status("cy") == Status.COMPLETE
    assert alert.translation_status("pl") == Status.MISSING


def test_an_alerts_older_translation_is_flagged_and_checked_on_the_routes_page(
    client, editor, route, now
):
    alert = ServiceAlert.objects.create(
        service=route.service,
        route=route,
        message="Closed this afternoon.",
        starts_at=now.replace(hour=13),
        ends_at=now.replace(hour=18),
    )
    alert.set_translation("cy", "message", "Ar gau y prynhawn yma.")
    alert.save()
    ServiceAlert.objects.filter(pk=alert.pk).update(message="Closed this afternoon: text us.")
    url = reverse("admin:referrals_contactroute_change", args=[route.pk])
    html = client.get(url).content.decode()
    assert "Translations of the message" in html
    assert "Cymraeg: older than the English" in html
    assert 'name="alerts-0-message__cy" value="Ar gau y prynhawn yma."' in html

    data = route_form(route.service, label=route.label, number=route.number)
    data.update(
        {
            "alerts-TOTAL_FORMS": "1",
            "alerts-INITIAL_FORMS": "1",
            **alert_row(
                0,
                alert,
                message="Closed this afternoon: text us.",
                message__cy="Ar gau y prynhawn yma.",
                translation_checked__cy="on",
            ),
        }
    )
    del data["alerts-0-route"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    alert.refresh_from_db()
    assert alert.translation_status("cy") == Status.COMPLETE
    assert alert.translated("message", "cy") == "Ar gau y prynhawn yma."


# ------------------------------------------------------------------------------
# Demo content
# ------------------------------------------------------------------------------
def test_the_demo_help_journey_is_complete_in_welsh():
    call_command("load_demo_content", stdout=io.StringIO())
    for model in (Service, ContactRoute, OpeningException):
        for item in model.objects.all():
            assert item.translation_status("cy") == Status.COMPLETE, item
    # The Christmas closures' notes are among them.
    assert OpeningException.objects.filter(note="Boxing Day").exists()


def test_every_demo_route_card_has_its_label_in_every_language():
    call_command("load_demo_content", stdout=io.StringIO())
    for route in ContactRoute.objects.all():
        for language in content_languages():
            assert route.translation_text(language, "label"), (route, language)
            # The notes under "Before you get in touch" too.
            for field in ("parent_told_note", "free_from_mobiles_note"):
                if getattr(route, field):
                    assert route.translation_text(language, field), (route, language, field)


def test_loading_the_demo_again_writes_no_translation():
    call_command("load_demo_content", stdout=io.StringIO())
    models = (ContactRoute, Service, OpeningException)
    revisions = [model.history.count() for model in models]
    call_command("load_demo_content", stdout=io.StringIO())
    assert [model.history.count() for model in models] == revisions
