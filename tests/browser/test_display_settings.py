"""Display settings: chosen without JavaScript, applied by the server, accessible when applied."""

import re

from tests.browser.axe import assert_no_axe_violations

BODY_FONT_SIZE = "parseFloat(getComputedStyle(document.body).fontSize)"


def test_largest_text_and_high_contrast_are_saved_and_applied_without_javascript(
    js_disabled_page, demo_site
):
    page = js_disabled_page
    page.goto(demo_site.at("/"))
    standard_size = page.evaluate(BODY_FONT_SIZE)

    page.get_by_role("contentinfo").get_by_role("link", name="Display settings").click()
    page.wait_for_url(re.compile(r"/display-settings/\?next=/$"))
    page.get_by_role("radio", name="Largest").check()
    page.get_by_role("radio", name=re.compile(r"^High contrast")).check()
    page.get_by_role("button", name="Save display settings").click()
    page.wait_for_url(re.compile(r"/display-settings/\?saved=1"))

    assert page.get_by_role("status").get_by_text("Your display settings are saved").is_visible()
    assert set(page.locator("html").get_attribute("class").split()) >= {
        "text-largest",
        "contrast-high",
    }
    assert page.evaluate(BODY_FONT_SIZE) > standard_size
    # The choice is remembered when the visitor goes back to where they were.
    page.get_by_role("link", name="Go back to the page you were on").click()
    page.wait_for_url(demo_site.at("/"))
    assert "contrast-high" in page.locator("html").get_attribute("class")
    assert page.evaluate(BODY_FONT_SIZE) == 1.5 * standard_size


def test_high_contrast_pages_have_no_wcag_violations(page, demo_site, closed_text_line):
    # axe-core needs JavaScript, so the settings come as the cookies the form sets.
    page.context.add_cookies(
        [
            {"name": "display_contrast", "value": "high", "url": demo_site.url},
            {"name": "display_text_size", "value": "largest", "url": demo_site.url},
        ]
    )

    # The home page, and the help directory's results with a line open and one closed: the
    # status colours, the contact buttons and the form controls all change in high contrast.
    for path in ("/", "/help/?age=14&kind=text&kind=phone"):
        page.goto(demo_site.at(path))
        assert "contrast-high" in page.locator("html").get_attribute("class")
        assert_no_axe_violations(page)
    assert page.locator(".status--open").count() and page.locator(".status--closed").count()
