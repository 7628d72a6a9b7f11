"""The public referral form: the questions a service chose, the warnings above them, and every
refusal giving back what was typed."""

import re

import pytest
from django.test import Client

from referrals.models import ContactRoute
from referrals.referral_form import PARENT_CONSENT_NEEDED, YOUNG_PERSON_CONSENT_NEEDED
from referrals.referral_models import REFERENCE_PATTERN, Referral
from tests.referrals.referral_support import FORM_DATA, form_url, make_referral_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_settings():
    return make_referral_service()


def post(client, form_settings, **changes):
    return client.post(form_url(form_settings), {**FORM_DATA, **changes})


def test_form_page_warns_it_is_not_for_emergencies_and_gives_999_above_the_form(
    client, form_settings
):
    response = client.get(form_url(form_settings))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This form is not for emergencies" in html
    assert 'href="tel:999"' in html
    assert html.index("tel:999") < html.index('class="referral-form"')
    # Back on a shared computer must not show what was typed.
    assert response["Cache-Control"] == "no-store"


def test_the_local_duty_line_is_shown_when_the_service_gives_one(client):
    form_settings = make_referral_service(
        duty_line_name="Example Council children's services", duty_line_number="01632 960999"
    )
    form_settings.full_clean()
    form_settings.save()
    html = client.get(form_url(form_settings)).content.decode()
    assert "Example Council children&#x27;s services: " in html
    assert 'href="tel:+441632960999"' in html
    assert "01632 960999" in html


def test_without_a_duty_line_the_notice_says_to_contact_the_local_council(client, form_settings):
    html = client.get(form_url(form_settings)).content.decode()
    assert "children’s services team at the child’s local council" in html
    assert "duty line" not in html.lower()


def test_consent_the_service_needs_is_said_before_the_form(client):
    form_settings = make_referral_service(require_parent_consent=True)
    html = client.get(form_url(form_settings)).content.decode()
    assert "needs the child’s parent or carer to agree" in html
    assert html.index("Consent you need") < html.index('class="referral-form"')


QUESTIONS = {
    "ask_role": ["referrer_role"],
    "ask_relationship": ["relationship"],
    "ask_child_age": ["child_age", "dob_day", "dob_month", "dob_year"],
    "ask_school": ["school"],
    "ask_consent": ["parent_consent", "young_person_consent"],
    "ask_contact": ["referrer_name", "referrer_phone", "referrer_email", "contact_times"],
    "ask_urgency": ["urgent"],
}


@pytest.mark.parametrize("switch", QUESTIONS)
def test_a_question_the_service_did_not_choose_is_not_asked(client, switch):
    form_settings = make_referral_service(**{switch: False})
    html = client.get(form_url(form_settings)).content.decode()
    for name in QUESTIONS[switch]:
        assert f'name="{name}"' not in html
    for other, names in QUESTIONS.items():
        if other != switch:
            assert all(f'name="{name}"' in html for name in names), other
    # The concern is always asked.
    assert 'name="concern"' in html


def test_a_referral_asking_only_the_concern_is_stored_with_the_rest_marked_not_asked(client):
    form_settings = make_referral_service(**dict.fromkeys(QUESTIONS, False))
    response = client.post(form_url(form_settings), {"concern": "Worried.", "confirm_fax": ""})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.concern == "Worried."
    assert referral.referrer_role is None and referral.school is None
    assert referral.urgent is False


def test_a_sent_referral_redirects_to_a_confirmation_with_nothing_personal_in_the_address(
    client, form_settings
):
    response = post(client, form_settings, urgent="yes")
    assert response.status_code == 302
    assert response["Location"] == f"/help/{form_settings.service.slug}/refer/sent/"
    referral = Referral.objects.get()
    assert referral.service == form_settings.service
    assert referral.urgent is True
    assert referral.concern == FORM_DATA["concern"]
    assert referral.referrer_phone == "01632 960123"

    confirmation = client.get(response["Location"])
    html = confirmation.content.decode()
    assert referral.reference in html
    assert confirmation["Cache-Control"] == "no-store"
    # Shown once: reloading the page does not show it again (nor send anything twice).
    again = client.get(response["Location"]).content.decode()
    assert referral.reference not in again
    assert "There is nothing to show on this page now" in again
    assert Referral.objects.count() == 1


def test_references_are_random_quotable_and_unique(client, form_settings):
    for _ in range(5):
        post(client, form_settings)
    references = list(Referral.objects.values_list("reference", flat=True))
    assert len(set(references)) == 5
    assert all(re.fullmatch(REFERENCE_PATTERN, reference) for reference in references)


def test_an_empty_form_is_refused_with_a_summary_linked_to_each_field(client, form_settings):
    response = client.post(form_url(form_settings), {"confirm_fax": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"<title>Error: ", html)
    assert "There is a problem" in html
    # Radios link to their first option, text boxes to themselves, as GOV.UK does.
    assert 'href="#id_referrer_role_0"' in html and 'id="id_referrer_role_0"' in html
    assert 'href="#id_concern"' in html
    assert 'href="#id_child_age"' in html
    assert "Enter what you are worried about." in html
    assert '<span class="visually-hidden">Error:</span>' in html
    assert Referral.objects.count() == 0


def test_a_refused_form_gives_back_everything_typed(client, form_settings):
    response = post(client, form_settings, referrer_phone="", referrer_email="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a phone number or an email address." in html
    assert FORM_DATA["concern"] in html
    assert FORM_DATA["relationship"] in html
    assert 'value="professional" checked' in html or 'value="professional"' in html
    assert re.search(r'value="professional"[^>]*checked', html)


def test_consent_the_service_requires_is_enforced_with_a_clear_reason(client):
    form_settings = make_referral_service(
        require_parent_consent=True, require_young_person_consent=True
    )
    response = post(client, form_settings, parent_consent="not_asked", young_person_consent="no")
    html = response.content.decode()
    assert response.status_code == 400
    assert str(PARENT_CONSENT_NEEDED).replace("'", "&#x27;") in html
    assert str(YOUNG_PERSON_CONSENT_NEEDED) in html
    assert Referral.objects.count() == 0
    assert post(client, form_settings).status_code == 302


def test_consent_not_required_is_recorded_as_given(client, form_settings):
    post(client, form_settings, parent_consent="not_asked", young_person_consent="no")
    referral = Referral.objects.get()
    assert (referral.parent_consent, referral.young_person_consent) == ("not_asked", "no")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"child_age": "", "dob_day": "", "dob_month": "", "dob_year": ""}, "age, or their date"),
        ({"child_age": "26"}, "Enter an age from 0 to 25."),
        ({"child_age": "fourteen"}, "Enter the age in whole years"),
        ({"child_age": "", "dob_day": "31", "dob_month": "2", "dob_year": "2012"}, "real date"),
        ({"child_age": "", "dob_day": "1", "dob_month": "1", "dob_year": "2999"}, "in the past"),
        ({"child_age": "", "dob_day": "1", "dob_month": "", "dob_year": "2012"}, "include a month"),
        ({"referrer_phone": "12", "referrer_email": ""}, "Enter a UK phone number"),
        ({"referrer_email": "not an address"}, "Enter an email address in the right format"),
        ({"referrer_role": "headteacher"}, "Select who is making this referral."),
        ({"concern": "x" * 5001}, "5,000 characters or fewer"),
        ({"relationship": "x" * 201}, "200 characters or fewer"),
        ({"urgent": ""}, "Select whether this is urgent."),
    ],
)
def test_answers_that_cannot_be_used_are_refused_with_what_to_do(
    client, form_settings, changes, message
):
    response = post(client, form_settings, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Referral.objects.count() == 0


def test_a_date_of_birth_instead_of_an_age_is_stored(client, form_settings):
    post(client, form_settings, child_age="", dob_day="27", dob_month="3", dob_year="2012")
    referral = Referral.objects.get()
    assert referral.child_age is None
    assert referral.child_date_of_birth.isoformat() == "2012-03-27"


HOSTILE = [
    "\x00" * 100,
    "a\x00b",
    "<script>alert(1)</script><x-probe-7319>",
    '"onmouseover=probe7319',
    "\u202egnp.exe 👩‍👩‍👧‍👦 Z̴̡͔̈́ä̶̢́l̸̨̈g̵̢̈ö̶̡",
    '=HYPERLINK("http://evil.example")',
    "é" * 10_000,
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_and_oversized_answers_never_break_the_form_or_reach_the_page_unescaped(
    client, form_settings, value
):
    for name in (
        "concern",
        "relationship",
        "school",
        "referrer_name",
        "contact_times",
        "child_age",
    ):
        response = post(client, form_settings, **{name: value})
        assert response.status_code in (302, 400), (name, response.status_code)
        html = response.content.decode()
        assert "<x-probe-7319>" not in html and '"onmouseover=probe7319' not in html
        assert "<script>alert(1)</script>" not in html


def test_an_accepted_hostile_concern_is_stored_exactly_as_typed(client, form_settings):
    concern = "<script>alert(1)</script>\u202e 👩‍👩‍👧‍👦 =SUM(A1)"
    assert post(client, form_settings, concern=concern).status_code == 302
    assert Referral.objects.get().concern == concern


def test_a_filled_honeypot_refuses_and_stores_nothing(client, form_settings):
    response = post(client, form_settings, confirm_fax="http://spam.example/")
    assert response.status_code == 400
    assert Referral.objects.count() == 0
    assert FORM_DATA["concern"] in response.content.decode()


def test_the_rate_limit_refuses_further_referrals_from_one_address_keeping_the_text(
    client, form_settings, settings
):
    settings.REFERRAL_RATE_LIMIT = 2
    assert post(client, form_settings).status_code == 302
    assert post(client, form_settings).status_code == 302
    refused = post(client, form_settings, concern="A third, distinct concern.")
    assert refused.status_code == 429
    assert "wait an hour" in refused.content.decode()
    assert "A third, distinct concern." in refused.content.decode()
    assert Referral.objects.count() == 2
    other_address = Client(REMOTE_ADDR="192.0.2.77")
    assert post(other_address, form_settings).status_code == 302


def test_a_post_without_the_csrf_token_is_refused_giving_back_what_was_typed(form_settings):
    client = Client(enforce_csrf_checks=True)
    response = client.post(form_url(form_settings), FORM_DATA)
    html = response.content.decode()
    assert response.status_code == 403
    assert Referral.objects.count() == 0
    assert "did not send back the security cookie" in html
    assert FORM_DATA["concern"] in html
    assert response["Cache-Control"] == "no-store"
    # With the fresh token and cookie the page carries, sending it again works.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    again = client.post(form_url(form_settings), {**FORM_DATA, "csrfmiddlewaretoken": token})
    assert again.status_code == 302
    assert Referral.objects.count() == 1


def test_other_csrf_failures_still_get_the_plain_refusal():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/display-settings/", {"text_size": "large"})
    assert response.status_code == 403
    assert "did not send back the security cookie" not in response.content.decode()


def test_the_form_posts_with_its_csrf_token(form_settings):
    client = Client(enforce_csrf_checks=True)
    page = client.get(form_url(form_settings)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(form_url(form_settings), {**FORM_DATA, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_no_form_for_a_service_without_a_referral_form_here(client, form_settings):
    ContactRoute.objects.filter(kind=ContactRoute.Kind.HOSTED_FORM).delete()
    assert client.get(form_url(form_settings)).status_code == 404
    assert post(client, form_settings).status_code == 404
    assert Referral.objects.count() == 0


def test_no_form_for_an_unpublished_service(client, form_settings):
    form_settings.service.status = "draft"
    form_settings.service.save()
    assert client.get(form_url(form_settings)).status_code == 404


def test_a_hosted_form_route_needs_the_services_referral_form_set_up_first():
    from django.core.exceptions import ValidationError

    from tests.referrals.factories import ServiceFactory

    route = ContactRoute(
        service=ServiceFactory(), kind=ContactRoute.Kind.HOSTED_FORM, label="Refer online"
    )
    with pytest.raises(ValidationError, match="Set up this service's referral form first"):
        route.full_clean()


def test_the_service_page_links_to_the_form(client, form_settings):
    html = client.get(form_settings.service.get_absolute_url()).content.decode()
    assert f'href="{form_url(form_settings)}"' in html
    assert "Make a referral online" in html


def test_the_referral_form_filter_on_help_finds_forms_here_too(client, form_settings):
    html = client.get("/help/?kind=form").content.decode()
    assert form_settings.service.name in html
    assert 'value="hosted_form"' not in html


def test_the_open_data_api_lists_the_form_at_its_full_address(client, form_settings):
    data = client.get(f"/api/services/{form_settings.service.uuid}").json()
    urls = [item["url"] for item in data["additional_urls"]]
    assert f"http://testserver{form_url(form_settings)}" in urls


def test_the_form_page_costs_a_fixed_number_of_queries(
    client, form_settings, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        assert client.get(form_url(form_settings)).status_code == 200
