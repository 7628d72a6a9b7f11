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
