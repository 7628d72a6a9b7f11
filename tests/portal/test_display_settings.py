import pytest
from django.urls import reverse

from portal.display import CONTRAST_COOKIE, TEXT_SIZE_COOKIE

pytestmark = pytest.mark.django_db


def test_saving_display_settings_sets_cookies_and_returns_to_the_page(client):
    response = client.post(
        reverse("display-settings"),
        {"text_size": "largest", "contrast": "high", "next": "/resources/"},
    )
    assert response.status_code == 302
    assert response.cookies[TEXT_SIZE_COOKIE].value == "largest"
    assert response.cookies[CONTRAST_COOKIE].value == "high"
    assert response.cookies[CONTRAST_COOKIE]["httponly"]
    follow = client.get(response["Location"])
    assert "Your display settings are saved" in follow.content.decode()
    assert 'href="/resources/"' in follow.content.decode()


def test_chosen_settings_are_applied_on_the_server_to_every_page(client):
    client.cookies[TEXT_SIZE_COOKIE] = "large"
    client.cookies[CONTRAST_COOKIE] = "high"
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en-GB" class="text-large contrast-high">' in html


def test_unknown_cookie_values_fall_back_to_the_default(client):
    client.cookies[TEXT_SIZE_COOKIE] = '"><script>alert(1)</script>'
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en-GB">' in html
    assert "<script>alert(1)" not in html


def test_invalid_choice_is_a_400_with_the_form_again(client):
    response = client.post(reverse("display-settings"), {"text_size": "huge", "contrast": "x"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_display_settings_never_redirect_off_site(client, next_url):
    response = client.post(
        reverse("display-settings"),
        {"text_size": "standard", "contrast": "standard", "next": next_url},
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    assert "javascript" not in response["Location"]


def test_display_settings_page_is_linked_from_every_page(client):
    html = client.get(reverse("resources:resource-list")).content.decode()
    assert f'href="{reverse("display-settings")}?next=/resources/"' in html


def test_accessibility_statement_follows_the_public_sector_form(client):
    html = client.get(reverse("accessibility")).content.decode()
    for heading in (
        "How accessible this website is",
        "Known limitations",
        "How we test this website",
        "Reporting a problem with this website",
        "Enforcement procedure",
    ):
        assert heading in html
    assert "WCAG" in html or "Web Content Accessibility Guidelines" in html
