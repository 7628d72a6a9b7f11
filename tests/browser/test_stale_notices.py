"""What a parent or teacher sees when details may be out of date, in a real browser."""

from tests.browser.axe import assert_no_axe_violations
from tests.browser.pages import open_page


def test_a_stale_line_says_so_and_offers_a_checked_one(phone_page, demo_site):
    open_page(phone_page, demo_site, "/help/just-one-number/", 200)
    notice = phone_page.locator(".route__stale").first
    assert notice.is_visible()
    assert "may be out of date" in notice.inner_text()
    # The line to try instead is a working link, reachable at 320px without sideways scrolling.
    link = notice.get_by_role("link")
    assert link.get_attribute("href").startswith("tel:")
    widths = phone_page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, "
        "view: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["view"]
    assert_no_axe_violations(phone_page)


def test_a_page_past_its_review_says_it_is_being_reviewed(page, demo_site):
    open_page(page, demo_site, "/resources/whole-school-relationships-strategy/", 200)
    notice = page.locator(".review-overdue")
    assert notice.is_visible()
    assert "This page is being reviewed." in notice.inner_text()
    assert "last reviewed on" in notice.inner_text()
    assert_no_axe_violations(page)
