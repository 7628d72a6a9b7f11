"""Checks of keyboard focus, shared by the layout tests and the keyboard journeys."""

# What a sighted keyboard user sees of the focused element: an outline, or a box shadow (the
# portal draws its focus ring with both).
_FOCUS_STYLE = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) {
        return null;
    }
    const style = getComputedStyle(element);
    return {
        element: element.outerHTML.slice(0, 160),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        boxShadow: style.boxShadow,
    };
}"""


def assert_visible_focus(page) -> None:
    """Fail unless the focused element shows a focus indicator (WCAG 2.4.7)."""
    focus = page.evaluate(_FOCUS_STYLE)
    assert focus is not None, f"Nothing has keyboard focus on {page.url}"
    has_outline = focus["outlineStyle"] != "none" and focus["outlineWidth"] > 0
    has_shadow = focus["boxShadow"] not in ("", "none")
    assert has_outline or has_shadow, (
        f"No visible focus indicator on {focus['element']} at {page.url}: "
        f"outline {focus['outlineStyle']} {focus['outlineWidth']}px, "
        f"box-shadow {focus['boxShadow']}"
    )


def focused_element_summary(page) -> str:
    """The focused element's tag, text and address, for assertions and failure messages."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const text = (element.innerText || element.value || "").trim().slice(0, 60);
            const href = element.getAttribute("href") || "";
            return `${element.tagName.toLowerCase()} "${text}" ${href}`;
        }"""
    )


# The focused element lies wholly under the sticky quick exit bar, and the bar is on top of it.
_HIDDEN_BY_STICKY_BAR = """() => {
    const element = document.activeElement;
    const bar = document.querySelector(".quick-exit");
    if (!element || element === document.body || !bar || bar.contains(element)) {
        return null;
    }
    const box = element.getBoundingClientRect();
    const barBox = bar.getBoundingClientRect();
    const onTop = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (box.bottom <= barBox.bottom + 0.5 && bar.contains(onTop)) {
        return `${element.outerHTML.slice(0, 120)} (top ${box.top}px, bottom ${box.bottom}px; `
            + `the bar ends at ${barBox.bottom}px)`;
    }
    return null;
}"""


def assert_focus_not_obscured(page) -> None:
    """Fail if the focused element is hidden behind the sticky quick exit bar (WCAG 2.4.11)."""
    # Measure what a person sees: after the browser has scrolled the focused element into view
    # and painted, which on a loaded machine can be a frame or two after the key press.
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    hidden = page.evaluate(_HIDDEN_BY_STICKY_BAR)
    assert hidden is None, (
        f"Focused element hidden behind the quick exit bar on {page.url}: {hidden}"
    )


def is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, *, backwards: bool = False, max_presses: int = 40) -> int:
    """Press Tab (Shift+Tab if ``backwards``) until ``locator`` has focus, checking at every
    step that the focused element shows a visible focus indicator that the quick exit bar does
    not hide. Returns the number of presses; fails, naming every element passed, if the target
    is not reached within ``max_presses``."""
    key = "Shift+Tab" if backwards else "Tab"
    passed = []
    for presses in range(1, max_presses + 1):
        page.keyboard.press(key)
        assert_visible_focus(page)
        assert_focus_not_obscured(page)
        if is_focused(locator):
            return presses
        passed.append(focused_element_summary(page))
    raise AssertionError(
        f"{locator} never took focus after {max_presses} presses of {key} on {page.url}. "
        f"Focus went to: {passed}"
    )
