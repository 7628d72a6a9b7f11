"""The two journeys the portal exists for, done as its users do them.

A teacher filters resources to key stage 3 and a topic and opens a lesson pack; a parent finds a
text line for a 14-year-old that is open now. Each is done twice: with the keyboard alone (Tab,
Shift+Tab, Enter and Space; a visible focus indicator at every step; the skip link first), and
with JavaScript turned off (the forms are plain GET forms and must work without the script).
"""

import re

from tests.browser.focus import assert_visible_focus, focused_element_summary, is_focused, tab_to

LESSON_PACK_TITLE = "NSPCC healthy relationships lessons: key stage 3"
LESSON_PACK_PATH = "/resources/nspcc-healthy-relationships-ks3/"


# ------------------------------------------------------------------------------
# Keyboard only
# ------------------------------------------------------------------------------
def press(page, key):
    """Press a key on the focused element: the journeys use Tab, Shift+Tab, Enter and Space."""
    assert key in ("Tab", "Shift+Tab", "Enter", "Space"), f"{key} is not a journey key"
    page.keyboard.press(key)


def follow_focused_link(page, url):
    """Press Enter on the focused link or button and wait for the page it leads to."""
    press(page, "Enter")
    page.wait_for_url(url)


def tab_to_skip_link_and_use_it(page):
    """The skip link is the first thing Tab reaches; Enter on it moves focus to <main>."""
    skip_link = page.get_by_role("link", name="Skip to main content")
    press(page, "Tab")
    assert is_focused(skip_link), (
        f"First Tab on {page.url} focused {focused_element_summary(page)}, not the skip link"
    )
    assert_visible_focus(page)
    press(page, "Enter")
    # <main> takes focus so that the next Tab starts there. It is not a control, and shows no
    # focus ring by design; the assertions resume at the next Tab.
    assert page.evaluate("document.activeElement === document.querySelector('main')"), (
        f"The skip link moved focus to {focused_element_summary(page)}, not <main>"
    )
    # Nor is <main> painted with the controls' focus style: that turned the whole page yellow,
    # and hid the yellow links of high contrast.
    background = page.evaluate("getComputedStyle(document.querySelector('main')).backgroundColor")
    assert background == "rgba(0, 0, 0, 0)", f"<main> is painted {background} when focused"


def tick(page, checkbox):
    tab_to(page, checkbox)
    press(page, "Space")
    assert checkbox.is_checked(), f"Space did not tick {focused_element_summary(page)}"
    assert_visible_focus(page)


def test_teacher_filters_to_ks3_and_a_topic_and_opens_a_lesson_pack_by_keyboard(page, demo_site):
    page.goto(demo_site.at("/"))
    skip_link = page.get_by_role("link", name="Skip to main content")

    # Home: the skip link comes first, then on through the header to the main navigation.
    press(page, "Tab")
    assert is_focused(skip_link), f"First Tab focused {focused_element_summary(page)}"
    assert_visible_focus(page)
    tab_to(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Resources"))
    follow_focused_link(page, demo_site.at("/resources/"))

    # Resources: skip the header, tick KS3 and a topic, apply.
    tab_to_skip_link_and_use_it(page)
    tick(page, page.get_by_role("checkbox", name=re.compile(r"^KS3\b")))
    tick(page, page.get_by_role("checkbox", name=re.compile(r"^Healthy relationships\b")))
    tab_to(page, page.get_by_role("button", name="Apply filters"))
    follow_focused_link(page, re.compile(r"/resources/\?.*key_stage=ks3.*topic=healthy"))

    # Results: straight to them with "Skip to the results", then to the lesson pack.
    tab_to_skip_link_and_use_it(page)
    tab_to(page, page.get_by_role("link", name="Skip to the results"))
    press(page, "Enter")
    # Fewer presses than the filter form has controls: this passes only if the skip went past it.
    tab_to(page, page.get_by_role("link", name=LESSON_PACK_TITLE), max_presses=20)
    follow_focused_link(page, demo_site.at(LESSON_PACK_PATH))

    assert page.url == demo_site.at(LESSON_PACK_PATH)
    assert page.locator("h1").inner_text() == LESSON_PACK_TITLE


def test_parent_finds_a_text_line_open_now_for_a_14_year_old_by_keyboard(
    page, demo_site, closed_text_line
):
    page.goto(demo_site.at("/"))
    skip_link = page.get_by_role("link", name="Skip to main content")

    press(page, "Tab")
    assert is_focused(skip_link), f"First Tab focused {focused_element_summary(page)}"
    assert_visible_focus(page)
    tab_to(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Get help"))
    follow_focused_link(page, demo_site.at("/help/"))

    tab_to_skip_link_and_use_it(page)
    # "Anyone" is the first of the audience radios, so Tab reaches it and Space chooses it.
    anyone = page.get_by_role("radio", name="Anyone")
    tab_to(page, anyone)
    press(page, "Space")
    assert anyone.is_checked()
    age = page.get_by_role("spinbutton", name="Age of the child or young person")
    tab_to(page, age)
    page.keyboard.type("14")  # Typing digits into the field; no other key moves focus.
    assert age.input_value() == "14"
    tick(page, page.get_by_role("checkbox", name="Text line (SMS)"))
    tick(page, page.get_by_role("checkbox", name="Only show lines that are open now"))
    tab_to(page, page.get_by_role("button", name="Show help"))
    follow_focused_link(page, re.compile(r"/help/\?.*open_now=1"))

    assert_open_text_line_found(page, demo_site, closed_text_line)
    # The results can be reached by keyboard too: Tab on to the line's sms: link.
    tab_to(page, text_line_link(page, demo_site), max_presses=60)


# ------------------------------------------------------------------------------
# Without JavaScript
# ------------------------------------------------------------------------------
def test_teacher_filters_to_ks3_and_a_topic_and_opens_a_lesson_pack_without_javascript(
    js_disabled_page, demo_site
):
    page = js_disabled_page
    page.goto(demo_site.at("/"))

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Resources").click()
    page.wait_for_url(demo_site.at("/resources/"))
    page.get_by_role("checkbox", name=re.compile(r"^KS3\b")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Healthy relationships\b")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"/resources/\?.*key_stage=ks3.*topic=healthy"))

    assert page.get_by_role("checkbox", name=re.compile(r"^KS3\b")).is_checked()
    page.get_by_role("link", name=LESSON_PACK_TITLE).click()
    page.wait_for_url(demo_site.at(LESSON_PACK_PATH))
    assert page.locator("h1").inner_text() == LESSON_PACK_TITLE


def test_parent_finds_a_text_line_open_now_for_a_14_year_old_without_javascript(
    js_disabled_page, demo_site, closed_text_line
):
    page = js_disabled_page
    page.goto(demo_site.at("/"))

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Get help").click()
    page.wait_for_url(demo_site.at("/help/"))
    page.get_by_role("radio", name="Anyone").check()
    page.get_by_role("spinbutton", name="Age of the child or young person").fill("14")
    page.get_by_role("checkbox", name="Text line (SMS)").check()
    page.get_by_role("checkbox", name="Only show lines that are open now").check()
    page.get_by_role("button", name="Show help").click()
    page.wait_for_url(re.compile(r"/help/\?.*open_now=1"))

    assert_open_text_line_found(page, demo_site, closed_text_line)
    # Without "open now" the closed line is there: the tick is what took it out.
    page.goto(page.url.replace("open_now=1", ""))
    assert page.get_by_role("heading", name=closed_text_line.service.name).count() == 1


# ------------------------------------------------------------------------------
# What both help journeys must find
# ------------------------------------------------------------------------------
def text_line_link(page, demo_site):
    number = demo_site.always_open_route.number  # In its international form: +447700900123.
    return page.locator(f'a[href="sms:{number}"]')


def assert_open_text_line_found(page, demo_site, closed_route):
    route = demo_site.always_open_route
    card = page.locator(".route").filter(has_text=route.label)
    assert card.count() == 1, f"The always-open text line is not in the results at {page.url}"
    assert card.locator(f'a[href="sms:{route.number}"]').is_visible()
    status = card.locator(".status")
    assert "status--open" in status.get_attribute("class")
    assert re.fullmatch(r"\s*Currently: Open\b.*", status.text_content()), status.text_content()
    # The line that is closed today matches every other choice, so "open now" alone left it out.
    assert page.get_by_text(closed_route.service.name).count() == 0, (
        "A line that is closed today is shown as open now"
    )
    assert page.locator(f'a[href="sms:{closed_route.number}"]').count() == 0
