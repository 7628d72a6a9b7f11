"""A guidance page printed for a meeting: no navigation, search or quick exit; link addresses
and the "last reviewed" date on the paper."""

from resources.models import Resource

GUIDANCE_PATH = "/resources/healthy-relationships-in-school/"

# The parts of the page that mean nothing on paper, by what a reader would call them.
NOT_PRINTED = {
    "quick exit": ".quick-exit",
    "skip link": ".skip-link",
    "site navigation": ".site-nav",
    "header search": ".site-header .site-search",
    "footer": ".site-footer",
}

# Every link in <main> that is printed, with what the print stylesheet writes after it.
_PRINTED_LINKS = """() => [...document.querySelectorAll("main a[href]")]
    .filter((link) => link.checkVisibility())
    .map((link) => ({
        href: link.getAttribute("href"),
        after: getComputedStyle(link, "::after").content,
    }))"""


def test_guidance_page_prints_without_navigation_and_with_link_addresses(page, demo_site):
    page.goto(demo_site.at(GUIDANCE_PATH))
    page.emulate_media(media="print")

    for name, selector in NOT_PRINTED.items():
        # Every match: there are two skip links (to the content, and out of the site).
        displays = page.locator(selector).evaluate_all(
            "elements => elements.map(element => getComputedStyle(element).display)"
        )
        assert displays, f"No {name} ({selector}) on the page"
        assert set(displays) == {"none"}, f"The {name} ({selector}) is printed: {displays}"

    links = page.evaluate(_PRINTED_LINKS)
    web_links = [link for link in links if link["href"].startswith(("http", "/"))]
    assert any(link["href"].startswith("https://") for link in web_links), links
    missing = [link for link in web_links if link["href"] not in link["after"]]
    assert not missing, f"Printed links without their address: {missing}"

    reviewed = page.locator(".resource__facts time")
    assert page.locator(".resource__facts dt", has_text="Last reviewed").is_visible()
    assert reviewed.is_visible()
    # The demo content dates its reviews from the day it is loaded.
    last_reviewed = Resource.objects.get(slug="healthy-relationships-in-school").last_reviewed
    assert reviewed.inner_text() == f"{last_reviewed.day} {last_reviewed:%B %Y}"

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000, f"A PDF of {len(pdf)} bytes"
