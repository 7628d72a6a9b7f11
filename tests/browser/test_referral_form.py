"""A referral made as a person makes it: by keyboard alone, with JavaScript off, through a refusal
that keeps everything typed, to the reference number. axe-core finds nothing on the way."""

import re

from tests.browser.axe import assert_no_axe_violations
from tests.browser.focus import assert_visible_focus, focused_element_summary, is_focused

FORM_PATH = "/help/hertfordshire-healthy-relationships-programme/refer/"
SENT_PATH = "/help/hertfordshire-healthy-relationships-programme/refer/sent/"
REFERENCE = re.compile(r"REF-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}")

CONCERN = "She has a much older boyfriend and has been missing school since September."


def tab_to(page, locator, max_presses=60):
    """Press Tab until ``locator`` has focus, checking the focus can be seen at every step.

    (tests.browser.focus.tab_to also waits for animation frames, which never come with
    JavaScript off.)"""
    passed = []
    if is_focused(locator):
        return
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        assert_visible_focus(page)
        if is_focused(locator):
            return
        passed.append(focused_element_summary(page))
    raise AssertionError(f"{locator} never took focus; focus went to {passed}")


def type_into(page, selector, text):
    """Tab to a text box and type, as a keyboard user does."""
    tab_to(page, page.locator(selector))
    page.keyboard.type(text)


def choose(page, selector):
    """Tab to a radio button and press Space to choose it."""
    radio = page.locator(selector)
    tab_to(page, radio)
    page.keyboard.press("Space")
    assert radio.is_checked(), f"Space did not choose {selector}"


def submit(page):
    tab_to(page, page.get_by_role("button", name="Send referral"))
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_referral_is_made_by_keyboard_without_javascript(js_disabled_page, demo_site):
    from referrals.referral_models import Referral

    page = js_disabled_page
    page.goto(demo_site.at(FORM_PATH))
    assert page.get_by_text("This form is not for emergencies").is_visible()

    choose(page, "#id_referrer_role_0")  # a professional
    type_into(page, "#id_relationship", "Head of year")
    type_into(page, "#id_child_age", "14")
    type_into(page, "#id_school", "Example High School")
    # The concern is left out: the form must refuse, keeping everything else.
    choose(page, "#id_parent_consent_0")
    choose(page, "#id_young_person_consent_0")
    type_into(page, "#id_referrer_name", "Sam Example")
    type_into(page, "#id_referrer_phone", "01632 960001")
    # Tab reaches a group of radios once; the arrow keys move within it.
    choose(page, "#id_urgent_0")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_urgent_1").is_checked()  # not urgent
    submit(page)

    assert page.title().startswith("Error: ")
    summary = page.locator("[data-error-summary]")
    assert summary.get_by_role("link", name="Enter what you are worried about.").is_visible()
    assert page.locator("#id_relationship").input_value() == "Head of year"
    assert page.locator("#id_referrer_role_0").is_checked()
    assert page.locator("#id_urgent_1").is_checked()

    # The summary's link takes the keyboard straight to the box to fix.
    tab_to(page, summary.get_by_role("link", name="Enter what you are worried about."))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#id_concern$"))
    assert is_focused(page.locator("#id_concern")), focused_element_summary(page)
    type_into(page, "#id_concern", CONCERN)
    submit(page)

    page.wait_for_url(demo_site.at(SENT_PATH))
    assert page.get_by_role("heading", name="Referral sent").is_visible()
    reference = REFERENCE.search(page.locator(".reference").inner_text()).group(0)
    referral = Referral.objects.get(reference=reference)
    assert referral.concern == CONCERN
    assert referral.relationship == "Head of year"
    assert referral.child_age == 14
    assert referral.young_person_consent == "yes"
    assert referral.urgent is False
    assert CONCERN not in page.url and "Sam" not in page.url


def test_the_form_its_refusal_and_the_confirmation_have_no_wcag_violations(page, demo_site):
    page.goto(demo_site.at(FORM_PATH))
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Send referral").click()
    assert page.title().startswith("Error: ")
    # With JavaScript, focus moves to the summary of what to fix, as GOV.UK's does.
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert_no_axe_violations(page)

    page.locator("#id_referrer_role_2").check()
    page.locator("#id_relationship").fill("Myself")
    page.locator("#id_child_age").fill("15")
    page.locator("#id_concern").fill("I want to talk to someone about my relationship.")
    page.locator("#id_parent_consent_2").check()
    page.locator("#id_young_person_consent_0").check()
    page.locator("#id_referrer_name").fill("Alex")
    page.locator("#id_referrer_email").fill("alex@example.org")
    page.locator("#id_urgent_1").check()
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_url(demo_site.at(SENT_PATH))
    assert REFERENCE.search(page.locator(".reference").inner_text())
    assert_no_axe_violations(page)


def test_the_form_works_on_a_small_phone(phone_page, demo_site):
    phone_page.goto(demo_site.at(FORM_PATH))
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not overflow, "The referral form scrolls sideways at 320px"
