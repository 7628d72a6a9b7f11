"""Layout for keyboard and small-screen users: reflow at 320px, skip link, visible focus."""

import pytest

from tests.browser.focus import (
    assert_focus_not_obscured,
    assert_visible_focus,
    focused_element_summary,
)
from tests.browser.pages import PUBLIC_PAGES, open_page

# Enough to walk every focusable element of the home page and come back round.
MAX_TABS = 100


@pytest.mark.parametrize(("path", "status"), PUBLIC_PAGES)
def test_no_horizontal_scrolling_at_320px(phone_page, demo_site, path, status):
    open_page(phone_page, demo_site, path, status)

    widths = phone_page.evaluate(
        """() => {
            const client = document.documentElement.clientWidth;
            return {
                scroll: document.documentElement.scrollWidth,
                client: client,
                widest: [...document.querySelectorAll("body *")]
                    .filter((element) => element.getBoundingClientRect().right > client + 1)
                    .slice(0, 5)
                    .map((element) => element.outerHTML.slice(0, 120)),
            };
        }"""
    )
    assert widths["scroll"] <= widths["client"], (
        f"{path} scrolls sideways at 320px: {widths['scroll']}px of content in "
        f"{widths['client']}px. Too wide: {widths['widest']}"
    )


def test_skip_link_is_the_first_thing_focused_and_shows_when_focused(page, demo_site):
    page.goto(demo_site.at("/"))
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert not _in_viewport(skip_link), "The skip link should stay off screen until focused"

    page.keyboard.press("Tab")

    assert skip_link.evaluate("element => element === document.activeElement"), (
        f"First Tab focused {focused_element_summary(page)}, not the skip link"
    )
    assert _in_viewport(skip_link)
    assert_visible_focus(page)


def test_skip_link_moves_keyboard_focus_to_the_main_content(page, demo_site):
    page.goto(demo_site.at("/"))

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert page.evaluate("document.querySelector('main').contains(document.activeElement)"), (
        f"Tab after the skip link focused {focused_element_summary(page)}, outside <main>"
    )


@pytest.mark.parametrize("path", ["/", "/help/", "/resources/?key_stage=ks3"])
def test_every_focusable_element_shows_visible_focus(page, demo_site, path):
    page.goto(demo_site.at(path))
    seen = []

    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break  # Tabbed past the last element, out of the page.
        summary = focused_element_summary(page)
        if seen and summary == seen[0]:
            break  # Round again to the first.
        seen.append(summary)
        assert_visible_focus(page)

    assert len(seen) > 5, f"Only {len(seen)} elements took focus on {path}: {seen}"


@pytest.mark.parametrize("page_fixture", ["phone_page", "page"])
def test_tabbing_backwards_never_hides_focus_behind_the_quick_exit_bar(
    request, demo_site, page_fixture
):
    page = request.getfixturevalue(page_fixture)
    page.goto(demo_site.at("/help/"))
    page.keyboard.press("End")
    page.locator("footer a").last.focus()

    # Backwards is where a sticky bar bites: the browser scrolls the element just into view at
    # the top of the window, under the bar.
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        assert_focus_not_obscured(page)


def _in_viewport(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["x"] >= 0 and box["width"] > 1
