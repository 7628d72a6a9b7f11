"""The quick exit is on every public page and works without JavaScript: a plain link to the
neutral site, in the server-rendered HTML, before the page's own content."""

import re

import pytest
from django.urls import reverse

from tests.referrals.factories import ContactRouteFactory, ServiceFactory

pytestmark = pytest.mark.django_db

NEUTRAL_SITE = "https://www.example.org/weather"


@pytest.fixture(autouse=True)
def neutral_site(settings):
    settings.QUICK_EXIT_URL = NEUTRAL_SITE


@pytest.fixture
def service():
    service = ServiceFactory(slug="family-support")
    ContactRouteFactory(service=service)
    return service


def quick_exit_links(html):
    return re.findall(r"<a\b[^>]*\bdata-quick-exit-link\b[^>]*>", html)


PUBLIC_PAGES = [
    reverse("home"),
    reverse("resources:resource-list"),
    reverse("search"),
    reverse("search") + "?q=consent",
    reverse("referrals:help"),
    reverse("referrals:help") + "?audience=parent&open_now=1",
    reverse("referrals:help") + "?age=abc",
    reverse("referrals:service-detail", args=["family-support"]),
    reverse("resources:key-stage-detail", args=["ks3"]),
    "/no-such-page/",
    reverse("referrals:service-detail", args=["no-such-service"]),
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_quick_exit_is_a_plain_link_on_every_public_page(client, service, path):
    response = client.get(path)
    assert response.status_code < 500
    html = response.content.decode()
    links = quick_exit_links(html)
    assert len(links) == 1, f"{path}: expected one quick exit link"
    link = links[0]
    assert f'href="{NEUTRAL_SITE}"' in link
    assert 'rel="nofollow noreferrer"' in link
    assert "onclick" not in link
    assert ">Exit this page</a>" in html
    # It comes before the page's own content, so it is reached first.
    assert html.index("data-quick-exit-link") < html.index('<main id="main"')


def test_quick_exit_shortcut_hint_needs_javascript_to_show(client):
    html = client.get(reverse("referrals:help")).content.decode()
    # The Shift hint only makes sense when the script runs, so it starts hidden.
    assert re.search(r"<p[^>]*quick-exit__hint[^>]*\bhidden\b", html)
    assert 'aria-live="polite"' in html


def test_a_hidden_exit_this_page_skip_link_opens_the_body_for_keyboard_users(client):
    html = client.get(reverse("referrals:help")).content.decode()
    body = html[html.index("<body>") :]
    skip_links = re.findall(r'<a\b[^>]*class="skip-link"[^>]*>[^<]*</a>', body)
    # At the top of the body, before the quick exit bar: the second stop for Tab.
    assert len(skip_links) == 2
    exit_link = skip_links[1]
    assert ">Exit this page</a>" in exit_link
    assert f'href="{NEUTRAL_SITE}"' in exit_link
    assert 'rel="nofollow noreferrer"' in exit_link
    assert body.index(exit_link) < body.index("data-quick-exit-link")
