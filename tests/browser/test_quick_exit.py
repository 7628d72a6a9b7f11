"""Quick exit in a real browser: Shift three times leaves at once and leaves no trace in Back."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings

NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"


@pytest.fixture
def exit_url():
    """The quick exit's destination. The machine has no internet, so the browser is given a
    tiny page of our own for that address; nothing leaves the machine."""
    return settings.QUICK_EXIT_URL


def serve_neutral_site(page, exit_url):
    parts = urlsplit(exit_url)
    page.route(
        f"{parts.scheme}://{parts.netloc}/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
    )


def press_shift(page, times):
    for _ in range(times):
        page.keyboard.press("Shift")


def test_shift_three_times_leaves_and_back_skips_the_portal_page(page, demo_site, exit_url):
    serve_neutral_site(page, exit_url)
    page.goto(demo_site.at("/resources/"))
    page.goto(demo_site.at("/"))

    press_shift(page, 3)
    page.wait_for_url(exit_url)
    page.go_back()

    # The page being read when the exit was pressed has gone from the history: Back goes to the
    # page before it.
    assert page.url == demo_site.at("/resources/")


def test_exit_button_leaves_and_back_skips_the_portal_page(page, demo_site, exit_url):
    serve_neutral_site(page, exit_url)
    page.goto(demo_site.at("/resources/"))
    page.goto(demo_site.at("/help/"))

    page.locator("[data-quick-exit-link]").click()
    page.wait_for_url(exit_url)
    page.go_back()

    assert page.url == demo_site.at("/resources/")


def test_shift_twice_does_not_leave(page, demo_site, exit_url):
    serve_neutral_site(page, exit_url)
    page.goto(demo_site.at("/"))

    press_shift(page, 2)

    assert page.locator("[data-quick-exit-status]").text_content() == (
        "Shift, press 1 more time to exit."
    )
    assert page.url == demo_site.at("/")


def test_the_shortcut_speaks_the_page_s_language(page, demo_site, exit_url):
    serve_neutral_site(page, exit_url)
    page.goto(demo_site.at("/cy/help/"))

    press_shift(page, 1)
    assert page.locator("[data-quick-exit-status]").text_content() == (
        "Shift, pwyswch 2 gwaith eto i adael."
    )
    press_shift(page, 1)
    assert page.locator("[data-quick-exit-status]").text_content() == (
        "Shift, pwyswch 1 waith eto i adael."
    )
    press_shift(page, 1)
    page.wait_for_url(exit_url)


def test_typing_capitals_in_the_search_box_does_not_leave(page, demo_site, exit_url):
    exit_requests = []
    serve_neutral_site(page, exit_url)
    page.on("request", lambda request: exit_requests.append(request.url))
    page.goto(demo_site.at("/"))
    search = page.get_by_role("searchbox", name="Search the site")

    search.click()
    for letter in "NSPCC":
        page.keyboard.press(f"Shift+{letter}")
    page.keyboard.press("Shift")  # Shift alone in a text field, as when starting a capital.
    # Give a wrongly triggered exit time to start before looking for it.
    page.wait_for_timeout(300)

    assert search.input_value() == "NSPCC"
    assert page.url == demo_site.at("/")
    assert not [url for url in exit_requests if url.startswith(exit_url)]


def test_shortcut_hint_shows_only_with_javascript(page, js_disabled_page, demo_site):
    page.goto(demo_site.at("/"))
    js_disabled_page.goto(demo_site.at("/"))

    assert page.get_by_text("Or press Shift 3 times").is_visible()
    assert not js_disabled_page.get_by_text("Or press Shift 3 times").is_visible()


def test_without_javascript_the_exit_button_is_a_working_link(
    js_disabled_page, demo_site, exit_url
):
    page = js_disabled_page
    serve_neutral_site(page, exit_url)
    page.goto(demo_site.at("/help/"))
    button = page.locator("[data-quick-exit-link]")

    assert button.get_attribute("href") == exit_url
    assert set(button.get_attribute("rel").split()) == {"nofollow", "noreferrer"}
    button.click()
    page.wait_for_url(exit_url)
    assert page.get_by_role("heading", name="Weather").is_visible()
