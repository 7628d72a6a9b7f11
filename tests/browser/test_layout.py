"""Layout for keyboard and small-screen users: reflow at 320px, skip link, visible focus."""

import pytest

from tests.browser.focus import (
    assert_focus_not_obscured,
    assert_visible_focus,
    focused_element_summary,
)
from tests.browser.pages import PUBLIC_PAGES, TRANSLATED_PAGES, open_page

# Enough to walk every focusable element of the home page and come back round.
MAX_TABS = 100


@pytest.mark.parametrize(("path", "status"), PUBLIC_PAGES + TRANSLATED_PAGES)
def test_no_horizontal_scrolling_at_320px(phone_page, demo_site, path, status):
    open_page(phone_page, demo_site, path, status)

    widths = _widths(phone_page)
    assert widths["scroll"] <= widths["client"], (
        f"{path} scrolls sideways at 320px: {widths['scroll']}px of content in "
        f"{widths['client']}px. Too wide: {widths['widest']}"
    )


def _widths(page):
    # Right to left, content too wide spills past the left edge: both edges are checked.
    return page.evaluate(
        """() => {
            const client = document.documentElement.clientWidth;
            return {
                scroll: document.documentElement.scrollWidth,
                client: client,
                widest: [...document.querySelectorAll("body *")]
                    .filter((element) => {
                        const box = element.getBoundingClientRect();
                        return box.right > client + 1 || box.left < -1;
                    })
                    .filter((element) => !element.closest(".visually-hidden, .skip-link"))
                    .slice(0, 5)
                    .map((element) => element.outerHTML.slice(0, 120)),
            };
        }"""
    )


@pytest.mark.parametrize("code", ["ar", "ur"])
def test_arabic_and_urdu_pages_are_laid_out_right_to_left_at_320px(phone_page, demo_site, code):
    open_page(phone_page, demo_site, f"/{code}/help/", 200)

    layout = phone_page.evaluate(
        """() => {
            // The heading's words, not its box: a block is as wide as main either way.
            const words = document.createRange();
            words.selectNodeContents(document.querySelector("main h1"));
            const heading = words.getBoundingClientRect();
            const main = document.querySelector("main").getBoundingClientRect();
            const notice = document.querySelector("[data-emergency-notice]");
            return {
                dir: document.documentElement.dir,
                direction: getComputedStyle(document.querySelector("main")).direction,
                headingGapRight: main.right - heading.right,
                noticeBorder: getComputedStyle(notice).borderRightWidth,
            };
        }"""
    )
    assert layout["dir"] == "rtl"
    assert layout["direction"] == "rtl"
    # Text starts at the right: the heading's words end at main's right edge (its padding).
    assert layout["headingGapRight"] < 20, layout
    # A notice's marking border is on the side where reading starts.
    assert layout["noticeBorder"] != "0px", layout
    widths = _widths(phone_page)
    assert widths["scroll"] <= widths["client"] and not widths["widest"], widths


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


# ------------------------------------------------------------------------------
# Target size (WCAG 2.2 2.5.8, AA): at least 24x24 CSS px, or spaced so that a 24px circle
# centred on each undersized target touches no other target and no other such circle.
# ------------------------------------------------------------------------------
MIN_TARGET = 24

# Every visible target on the page, with the ones too small and too close to another.
#
# WCAG's "inline" exception covers a target "in a sentence or [whose] size is otherwise
# constrained by the line-height of non-target text". Taken here precisely as: a link (<a>) that
# is displayed inline, inside a paragraph, list item or description (p, li, dd), where that
# block holds text other than the link's own. A link that is the only thing in its list item
# (navigation, breadcrumbs, tags) is not in a sentence and must meet the size or spacing rule;
# so must every button, field and inline-block link.
_SMALL_TARGETS = """(minimum) => {
    const words = (element) => element.textContent.replace(/\\s+/g, " ").trim();
    const inSentence = (element) => {
        if (element.tagName !== "A" || getComputedStyle(element).display !== "inline") {
            return false;
        }
        const block = element.parentElement.closest("p, li, dd");
        return block !== null && words(block).length > words(element).length;
    };
    const targets = [];
    for (const element of document.querySelectorAll(
        "a, button, input, select, summary, [role=button]"
    )) {
        if (element.type === "hidden" || element.closest(".visually-hidden")) continue;
        if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        const box = element.getBoundingClientRect();
        // Off the page altogether: the skip link until it is focused.
        if (box.width === 0 || box.height === 0 || box.bottom + window.scrollY <= 0) continue;
        targets.push({
            element,
            box,
            x: box.left + box.width / 2,
            y: box.top + box.height / 2,
            exempt: inSentence(element),
            small: box.width < minimum || box.height < minimum,
        });
    }
    const radius = minimum / 2;
    // How far a point is from a rectangle (0 inside it).
    const distanceToBox = (x, y, box) => Math.hypot(
        Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom)
    );
    const problems = [];
    for (const target of targets.filter((t) => t.small && !t.exempt)) {
        const crowding = targets.find((other) =>
            other !== target
            && !other.element.contains(target.element)
            && !target.element.contains(other.element)
            && (other.small
                ? Math.hypot(other.x - target.x, other.y - target.y) < minimum
                : distanceToBox(target.x, target.y, other.box) < radius)
        );
        if (crowding) {
            problems.push(
                `${target.element.outerHTML.slice(0, 120)} is `
                + `${target.box.width.toFixed(1)}x${target.box.height.toFixed(1)}px and too `
                + `close to ${crowding.element.outerHTML.slice(0, 80)}`
            );
        }
    }
    return { count: targets.length, problems };
}"""


def small_targets(page) -> dict:
    """The page's visible targets counted, and each one too small and too close to another."""
    return page.evaluate(_SMALL_TARGETS, MIN_TARGET)


# One test walks every public page rather than one test a page: the demo content costs more to
# load than the check itself. Every page is checked, and every failing page is reported.
def test_tap_targets_are_at_least_24px_or_spaced_at_320px(phone_page, demo_site):
    failures = []
    for param in PUBLIC_PAGES:
        path, status = param.values
        open_page(phone_page, demo_site, path, status)
        result = small_targets(phone_page)
        assert result["count"] > 3, f"Only {result['count']} targets found on {path}"
        failures.extend(f"{path}: {problem}" for problem in result["problems"])

    assert not failures, (
        f"{len(failures)} target(s) smaller than {MIN_TARGET}x{MIN_TARGET}px at 320px without "
        "the spacing WCAG 2.5.8 asks for:\n" + "\n".join(failures)
    )


# ------------------------------------------------------------------------------
# Text resized to 200% (WCAG 1.4.4): nothing scrolls sideways and no text is cut off.
# ------------------------------------------------------------------------------
_OVERFLOW = """() => {
    const root = document.documentElement;
    const clipped = [...document.querySelectorAll("body *")].filter((element) => {
        if (element.closest(".visually-hidden")) return false;
        const style = getComputedStyle(element);
        const hides = ["hidden", "clip"].includes(style.overflowX)
            || ["hidden", "clip"].includes(style.overflowY);
        return hides && element.scrollWidth > element.clientWidth + 1;
    });
    return {
        scroll: root.scrollWidth,
        client: root.clientWidth,
        wide: [...document.querySelectorAll("body *")]
            .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
            .slice(0, 5)
            .map((element) => element.outerHTML.slice(0, 120)),
        clipped: clipped.slice(0, 5).map(
            (element) => `${element.outerHTML.slice(0, 120)} `
                + `(${element.scrollWidth}px of content in ${element.clientWidth}px)`
        ),
    };
}"""


def text_overflow(page) -> list[str]:
    """What is wrong with the page as it is now: sideways scrolling, and text cut off."""
    found = page.evaluate(_OVERFLOW)
    problems = []
    if found["scroll"] > found["client"] + 1:
        problems.append(
            f"scrolls sideways, {found['scroll']}px of content in {found['client']}px; "
            f"too wide: {found['wide']}"
        )
    if found["clipped"]:
        problems.append(f"cuts off text: {found['clipped']}")
    return problems


def test_text_resized_to_200_percent_loses_nothing(page, demo_site):
    failures = []
    for param in PUBLIC_PAGES:
        path, status = param.values
        page.set_viewport_size({"width": 1280, "height": 800})
        open_page(page, demo_site, path, status)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        for width in (1280, 640):
            page.set_viewport_size({"width": width, "height": 800})
            failures.extend(f"{path} at {width}px: {problem}" for problem in text_overflow(page))

    assert not failures, "With text at 200%:\n" + "\n".join(failures)


# ------------------------------------------------------------------------------
# The checks themselves: they must fail where they should, or they prove nothing.
# ------------------------------------------------------------------------------
CHECKED_PAGE = """<!doctype html>
<html lang="en-GB"><head><title>Checks</title>
<style>body {{ margin: 0; font: 16px/1.5 sans-serif; }} {style}</style></head>
<body><main>{body}</main></body></html>"""


def test_target_check_finds_crowded_small_targets_and_spares_links_in_sentences(page):
    page.set_content(
        CHECKED_PAGE.format(
            style="button { width: 16px; height: 16px; padding: 0; border: 0; }",
            body=(
                '<p><button id="one"></button><button id="two"></button></p>'
                '<p style="margin-top: 3rem">Read <a href="#a" id="sentence">the guide</a> first.'
                "</p>"
                '<ul style="margin-top: 3rem"><li><a href="#b" id="alone">Alone</a></li></ul>'
            ),
        )
    )

    problems = small_targets(page)["problems"]

    assert len(problems) == 2, problems
    assert 'id="one"' in problems[0] and 'id="two"' in problems[0]
    assert 'id="two"' in problems[1] and 'id="one"' in problems[1]


def test_overflow_check_finds_sideways_scrolling_and_cut_off_text(page):
    page.set_content(
        CHECKED_PAGE.format(
            style=".box { width: 5rem; overflow: hidden; white-space: nowrap; }",
            body=(
                '<p class="box">Text that does not fit in its box</p>'
                '<p style="width: 2000px">Too wide</p>'
            ),
        )
    )

    problems = text_overflow(page)

    assert len(problems) == 2, problems
    assert problems[0].startswith("scrolls sideways, 2000px of content in 1280px")
    assert problems[1].startswith('cuts off text: [\'<p class="box">')
