"""The focus check itself: it must fail where focus is invisible, or the layout tests prove
nothing."""

import pytest

from tests.browser.focus import assert_visible_focus, tab_to

PAGE = """<!doctype html>
<html lang="en-GB">
<head><title>Focus</title><style>{style}</style></head>
<body><main><h1>Focus</h1><a href="#here">A link</a></main></body>
</html>"""


def test_focus_without_outline_or_shadow_fails(page):
    page.set_content(PAGE.format(style="a:focus { outline: none; }"))
    page.keyboard.press("Tab")

    with pytest.raises(AssertionError, match="No visible focus indicator on <a href"):
        assert_visible_focus(page)


@pytest.mark.parametrize(
    "style",
    [
        "",  # The browser's own focus ring.
        "a:focus-visible { outline: 3px solid #0b0c0c; }",
        "a:focus-visible { outline: none; box-shadow: 0 0 0 4px #ffdd00; }",
    ],
)
def test_outline_or_box_shadow_counts_as_visible_focus(page, style):
    page.set_content(PAGE.format(style=style))
    page.keyboard.press("Tab")

    assert_visible_focus(page)


def test_nothing_focused_fails(page):
    page.set_content(PAGE.format(style=""))

    with pytest.raises(AssertionError, match="Nothing has keyboard focus"):
        assert_visible_focus(page)


def test_tab_to_fails_naming_where_focus_went_when_the_target_is_never_reached(page):
    links = "".join(f'<a href="#{n}">Link {n}</a> ' for n in range(5))
    page.set_content(f"<main>{links}<button type='button' disabled>Never</button></main>")

    with pytest.raises(AssertionError) as failure:
        tab_to(page, page.get_by_role("button", name="Never"), max_presses=3)

    assert "never took focus after 3 presses of Tab" in str(failure.value)
    assert 'a "Link 2" #2' in str(failure.value)


def test_tab_to_returns_the_presses_it_took(page):
    page.set_content(PAGE.format(style=""))

    assert tab_to(page, page.get_by_role("link", name="A link")) == 1
