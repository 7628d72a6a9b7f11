"""What a family meets at night and on a phone: someone to call, first, by keyboard.

The live server runs in this process, in a thread, so freezing the clock here (time-machine,
ticking on from the chosen moment) sets the moment the server answers for. Only wall-clock time
is moved: the monotonic clock that Playwright's and the server's timeouts use runs on.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.browser.axe import assert_no_axe_violations
from tests.browser.focus import assert_visible_focus, focused_element_summary, is_focused, tab_to

LONDON = ZoneInfo("Europe/London")
# A Tuesday in November, half an hour before midnight: every local line has long closed. (Years
# ahead, so whatever the real date, everything the fixtures publish is already published.)
TUESDAY_2330 = datetime.datetime(2030, 11, 12, 23, 30, tzinfo=LONDON)
PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def at_2330(demo_site):
    with time_machine.travel(TUESDAY_2330, tick=True):
        yield demo_site


def test_a_parent_at_half_past_eleven_at_night_finds_an_open_line_and_calls_it_by_keyboard(
    page, at_2330
):
    page.goto(at_2330.at("/help/"))
    # A tel: link hands over to the phone's dialler: record where activating it goes, instead.
    page.evaluate(
        """() => document.addEventListener("click", (event) => {
            const link = event.target.closest("a[href^='tel:']");
            if (link) { event.preventDefault(); window.dialled = link.getAttribute("href"); }
        }, true)"""
    )

    # Skip the header, then on through the pinned lines to the first one open now.
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_role("link", name="Skip to main content"))
    page.keyboard.press("Enter")
    pinned = page.locator(".crisis-lines")
    assert pinned.get_by_role("heading", name="24-hour and crisis lines").is_visible()
    open_card = pinned.locator(".route").filter(has=page.locator(".status--open")).first
    call = open_card.locator("a.route-action[href^='tel:']")
    tab_to(page, call, max_presses=20)
    assert_visible_focus(page)
    status = open_card.locator(".status").text_content()
    assert re.fullmatch(r"\s*Currently: Open\b.*", status), status

    page.keyboard.press("Enter")

    href = call.get_attribute("href")
    assert page.evaluate("window.dialled") == href, focused_element_summary(page)
    # The line called is one of the national lines that answer at night, on its real number.
    assert href in ("tel:+448001111", "tel:116123")


def test_at_night_open_now_says_nothing_local_is_open_and_points_to_the_open_lines(page, at_2330):
    page.goto(at_2330.at("/help/?audience=parent&kind=phone&open_now=1"))

    assert page.get_by_role(
        "heading", name="No other services that match your choices are open now"
    ).is_visible()
    samaritans = page.locator(".crisis-lines .route").filter(has_text="Call Samaritans")
    page.locator(".no-results").get_by_role("link", name="Samaritans").click()
    assert page.url.endswith("#" + samaritans.get_attribute("id"))
    assert samaritans.locator("a[href='tel:116123']").is_visible()


def test_on_a_phone_the_999_notice_and_a_helpline_call_button_are_on_the_first_screen(
    new_page, demo_site
):
    page = new_page(viewport=PHONE_390)
    page.goto(demo_site.at("/help/"))

    first_screen = PHONE_390["height"]
    emergency = page.locator("[data-emergency-notice] a[href='tel:999']")
    call = page.locator(".crisis-lines .route a.route-action").first
    for element in (emergency, call):
        box = element.bounding_box()
        assert box is not None and box["y"] + box["height"] <= first_screen, (
            f"{element} is below the first screen: {box}"
        )
    # The filters fold away behind their summary, which opens them.
    filters = page.locator("details.filters-toggle")
    assert filters.evaluate("details => details.open") is False
    assert not page.get_by_role("button", name="Show help").is_visible()
    filters.locator("summary").click()
    assert page.get_by_role("button", name="Show help").is_visible()
    assert_no_axe_violations(page)


def test_without_javascript_the_filters_are_open_and_fold_by_their_summary(new_page, demo_site):
    page = new_page(viewport=PHONE_390, java_script_enabled=False)
    page.goto(demo_site.at("/help/"))

    show = page.get_by_role("button", name="Show help")
    assert show.is_visible()
    page.locator("details.filters-toggle summary").click()
    assert not show.is_visible()
    page.locator("details.filters-toggle summary").click()
    assert show.is_visible()


def test_the_exit_this_page_skip_link_appears_when_tabbed_to(page, demo_site):
    page.goto(demo_site.at("/resources/"))
    skip = page.locator("a.skip-link[data-quick-exit-skip-link]")
    assert skip.bounding_box()["y"] < 0  # Off the screen until focused.

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")

    assert is_focused(skip), focused_element_summary(page)
    assert skip.bounding_box()["y"] >= 0
    assert_visible_focus(page)
