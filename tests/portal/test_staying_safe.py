"""Leaving safely: the exit button is explained where it first appears, by a page that says
what it does and what it cannot do, and the button sits in a landmark of its own."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

STAYING_SAFE = reverse("staying-safe")


def quick_exit_region(html):
    return re.search(r'<div class="quick-exit"[^>]*>.*?</div>', html, re.S).group(0)


def test_the_page_explains_the_button_without_promising_it_erases_anything(client):
    page = client.get(STAYING_SAFE)
    assert page.status_code == 200
    text = page.text
    assert '<h2 id="exit-button">How the Exit this page button works</h2>' in text
    assert "It does not delete your browsing history." in text
    assert "does not hide that you were here" in text


@pytest.mark.parametrize(
    ("anchor", "must_mention"),
    [
        ("private-browsing", ["Incognito", "InPrivate", "private window", "Secret mode"]),
        ("clear-history", ["Ctrl</kbd> + <kbd>H", "Safari on a Mac"]),
        ("phones", ["iPhone", "Android", "call log"]),
        ("shared-devices", ["signed in to your browser", "records what is done on it", "library"]),
    ],
)
def test_the_page_covers_private_browsing_history_phones_and_shared_devices(
    client, anchor, must_mention
):
    text = client.get(STAYING_SAFE).text
    section = text.split(f'id="{anchor}"', 1)[1].split("<h2", 1)[0]
    for words in must_mention:
        assert words in section, f"{anchor}: {words}"
    assert f'href="#{anchor}"' in text  # listed in "On this page"


@pytest.mark.parametrize("path", ["/", "/help/", "/resources/", "/no-such-page/", STAYING_SAFE])
def test_the_exit_button_says_how_it_works_beside_it_on_every_page(client, path):
    region = quick_exit_region(client.get(path).text)
    assert (
        f'<a href="{STAYING_SAFE}#exit-button" class="quick-exit__about">How this button works'
        in region
    )
    # The exit itself comes first, so it stays the first thing reached after the skip link.
    assert region.index("data-quick-exit-link") < region.index("quick-exit__about")


def test_the_exit_button_and_its_hint_sit_in_a_named_landmark(client):
    region = quick_exit_region(client.get("/").text)
    opening = region.split(">", 1)[0]
    assert 'role="region"' in opening
    assert 'aria-label="Quick exit"' in opening
    assert "data-quick-exit-hint" in region


def test_the_footer_links_to_the_page(client):
    footer = client.get("/").text.split('<footer class="site-footer">', 1)[1]
    assert f'<a href="{STAYING_SAFE}">Staying safe online</a>' in footer
