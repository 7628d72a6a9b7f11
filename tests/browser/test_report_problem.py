"""Report a problem with this information, as people send it: by keyboard alone with
JavaScript off, and checked by axe with JavaScript on (the form, a refusal and the thanks)."""

import re

from tests.browser.axe import assert_no_axe_violations
from tests.browser.focus import assert_visible_focus, focused_element_summary, is_focused

SERVICE_PATH = "/help/just-one-number/"
FORM_PATH = SERVICE_PATH + "report/"
SENT_PATH = FORM_PATH + "sent/"


def tab_to(page, locator, *, max_presses=40):
    """Tab until ``locator`` has focus, with a visible focus indicator at every step.

    Not focus.tab_to: its check that the sticky bar hides nothing waits for animation frames,
    which never come with JavaScript off."""
    passed = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        assert_visible_focus(page)
        if is_focused(locator):
            return
        passed.append(focused_element_summary(page))
    raise AssertionError(f"{locator} never took focus on {page.url}; focus went to {passed}")


def test_a_report_sent_by_keyboard_without_javascript(js_disabled_page, demo_site):
    from referrals.models import ContactRoute, ProblemReport

    page = js_disabled_page
    route = ContactRoute.objects.get(service__slug="just-one-number", label="Call Just One Number")
    page.goto(demo_site.at(SERVICE_PATH))
    report_link = page.get_by_role(
        "link", name="Report a problem with this information about Call Just One Number"
    )
    tab_to(page, report_link, max_presses=80)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(demo_site.at(FORM_PATH)) + r"\?route="))

    # The route whose link was followed is already chosen; Tab reaches it, then the next group.
    chosen = page.get_by_role("radio", name=re.compile(r"^Call Just One Number: 0300 300 0123"))
    assert chosen.is_checked()
    first_problem = page.get_by_role(
        "radio", name="The phone number, text number or web address is wrong"
    )
    tab_to(page, first_problem)
    # Arrow keys move through a radio group and choose as they go.
    page.keyboard.press("ArrowDown")
    hours = page.get_by_role("radio", name="The opening hours are wrong")
    assert is_focused(hours) and hours.is_checked(), focused_element_summary(page)
    assert_visible_focus(page)

    details = page.get_by_role("textbox", name="Tell us more (optional)")
    tab_to(page, details)
    page.keyboard.type("On Saturdays it is closed by 12.")
    send = page.get_by_role("button", name="Send report")
    tab_to(page, send)
    page.keyboard.press("Enter")

    page.wait_for_url(demo_site.at(SENT_PATH))
    assert page.get_by_role("heading", level=1).inner_text() == "Report sent"
    report = ProblemReport.objects.get()
    assert (report.route, report.problem) == (route, "wrong-hours")
    assert report.detail == "On Saturdays it is closed by 12."
    assert report.status == ProblemReport.Status.NEW


def test_the_form_its_refusal_and_the_thanks_have_no_axe_violations(page, demo_site):
    page.goto(demo_site.at(FORM_PATH))
    assert_no_axe_violations(page)

    details = page.get_by_role("textbox", name="Tell us more (optional)")
    details.fill("x" * 1001)
    page.get_by_role("button", name="Send report").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    # With JavaScript the summary of what to fix takes focus, as GOV.UK's does.
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    assert is_focused(summary)
    assert summary.get_by_role("link", name="Select what is wrong").is_visible()
    # Nothing typed is lost.
    assert page.get_by_role("textbox", name="Tell us more (optional)").input_value() == "x" * 1001
    assert_no_axe_violations(page)

    page.get_by_role("radio", name="Something else").check()
    page.get_by_role("textbox", name="Tell us more (optional)").fill("The web address has moved.")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(demo_site.at(SENT_PATH))
    assert_no_axe_violations(page)


def test_the_explanation_link_sits_beside_the_exit_button_on_a_phone(phone_page, demo_site):
    phone_page.goto(demo_site.at("/"))
    button = phone_page.locator("[data-quick-exit-link]").bounding_box()
    about = phone_page.get_by_role("link", name="How this button works").bounding_box()
    # Beside it, not below it: the sticky bar is no taller than the button.
    assert about["x"] >= button["x"] + button["width"]
    assert about["y"] < button["y"] + button["height"]
    assert about["y"] + about["height"] <= button["y"] + button["height"] + 8
    phone_page.get_by_role("link", name="How this button works").click()
    phone_page.wait_for_url(demo_site.at("/staying-safe-online/#exit-button"))


def test_the_editors_queue_loads_without_errors_and_a_report_is_marked_fixed(page, demo_site):
    from django.contrib.auth import get_user_model

    from referrals.models import ContactRoute, ProblemReport

    route = ContactRoute.objects.get(service__slug="just-one-number", label="Call Just One Number")
    report = ProblemReport.objects.create(
        service=route.service, route=route, problem="wrong-hours", detail="Closed at 12."
    )
    get_user_model().objects.create_superuser("chief", "chief@example.org", "a long passphrase 4 x")
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(demo_site.at("/admin/login/"))
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("a long passphrase 4 x")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(demo_site.at("/admin/"))

    page.get_by_role(
        "link", name=re.compile("The opening hours are wrong: Call Just One Number")
    ).click()
    page.get_by_label("Status").select_option("fixed")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(demo_site.at("/admin/referrals/problemreport/"))
    for path in (
        "/admin/referrals/problemreport/?status__in=new,checked",
        f"/admin/referrals/problemreport/{report.pk}/history/",
        "/admin/referrals/contactroute/?reported=open",
    ):
        assert page.goto(demo_site.at(path)).status == 200, path
    report.refresh_from_db()
    assert report.status == "fixed"
    assert problems == []


def test_the_form_and_the_thanks_in_high_contrast_have_no_axe_violations(page, demo_site):
    page.context.add_cookies(
        [
            {"name": "display_contrast", "value": "high", "url": demo_site.url},
            {"name": "display_text_size", "value": "largest", "url": demo_site.url},
        ]
    )
    page.goto(demo_site.at(FORM_PATH))
    assert "contrast-high" in page.locator("html").get_attribute("class")
    page.get_by_role("textbox", name="Your email address (optional)").fill("not an address")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert_no_axe_violations(page)
    page.get_by_role("radio", name="The service has closed, or no longer offers this").check()
    page.get_by_role("textbox", name="Your email address (optional)").fill("")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(demo_site.at(SENT_PATH))
    assert_no_axe_violations(page)
