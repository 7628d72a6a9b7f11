"""A guidance page printed for a meeting: no navigation, search or quick exit; link addresses
and the "last reviewed" date on the paper."""

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
        display = page.locator(selector).evaluate("element => getComputedStyle(element).display")
        assert display == "none", f"The {name} ({selector}) is printed: display is {display}"

    links = page.evaluate(_PRINTED_LINKS)
    web_links = [link for link in links if link["href"].startswith(("http", "/"))]
    assert any(link["href"].startswith("https://") for link in web_links), links
    missing = [link for link in web_links if link["href"] not in link["after"]]
    assert not missing, f"Printed links without their address: {missing}"

    reviewed = page.locator(".resource__facts time")
    assert page.locator(".resource__facts dt", has_text="Last reviewed").is_visible()
    assert reviewed.is_visible()
    assert reviewed.inner_text() == "6 October 2025"

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000, f"A PDF of {len(pdf)} bytes"
