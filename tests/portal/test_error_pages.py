import pytest

pytestmark = pytest.mark.django_db


def test_page_not_found_is_friendly_and_still_offers_help(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "If a child is in immediate danger, call 999." in html
    assert 'href="/help/"' in html


def test_bad_request_is_friendly_and_reveals_nothing(client):
    # An unknown Host header is a SuspiciousOperation: Django answers with the 400 page.
    response = client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "could not understand that request" in html
    assert "If a child is in immediate danger, call 999." in html
    assert "Traceback" not in html and "SECRET_KEY" not in html


@pytest.fixture
def main_helpline():
    from referrals.snapshot import refresh_helpline_snapshot
    from tests.referrals.factories import ContactRouteFactory

    ContactRouteFactory(featured=True, label="Family line", number="+441632960555")
    refresh_helpline_snapshot()


def test_not_found_page_shows_the_main_helplines(client, main_helpline):
    html = client.get("/no-such-page/").content.decode()
    assert "Main helplines" in html
    assert 'href="tel:+441632960555"' in html and "01632 960555" in html


def test_server_error_page_shows_999_and_the_main_helplines_and_nothing_else(main_helpline):
    from unittest.mock import patch

    from django.test import Client

    client = Client(raise_request_exception=False)
    with patch("portal.views.render", side_effect=RuntimeError("secret detail")):
        response = client.get("/accessibility/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "call 999" in html and "01632 960555" in html
    assert "secret detail" not in html and "Traceback" not in html
