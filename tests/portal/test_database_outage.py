"""With the database gone, pages still answer quickly with the help people came for."""

import time
import uuid
from unittest.mock import patch

import pytest
from django.db import OperationalError, close_old_connections, connection

from referrals.snapshot import refresh_helpline_snapshot
from tests.referrals.factories import ContactRouteFactory
from tests.support.tcp_proxy import TCPProxy

PUBLIC_PAGES = ["/", "/resources/", "/resources/?key_stage=ks3", "/search/?q=consent", "/help/"]


@pytest.fixture
def featured_line(db):
    route = ContactRouteFactory(
        featured=True, label="Family helpline", number="+441632960777", service__name="Helpers"
    )
    refresh_helpline_snapshot()
    return route


@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_with_helplines_while_the_database_is_cut_and_recover(client):
    if connection.vendor != "postgresql":
        pytest.skip("Cuts a real network connection: runs in the PostgreSQL pass of CI")
    ContactRouteFactory(
        featured=True, label="Family helpline", number="+441632960777", service__name="Helpers"
    )
    refresh_helpline_snapshot()

    settings_dict = connection.settings_dict
    original = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = TCPProxy(original[0] or "127.0.0.1", int(original[1] or 5432)).start()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(proxy.port)
    try:
        # As a WSGI server does at every request start: drop connections that have failed.
        close_old_connections()
        assert client.get("/").status_code == 200

        proxy.cut()
        for path in PUBLIC_PAGES:
            close_old_connections()
            started = time.monotonic()
            response = client.get(path)
            elapsed = time.monotonic() - started
            html = response.content.decode()
            assert response.status_code == 503, path
            assert elapsed < 3, f"{path} took {elapsed:.1f}s"
            assert response["Retry-After"].isdigit()
            assert 'call <a href="tel:999">999</a>' in html
            assert "01632 960777" in html and 'href="tel:+441632960777"' in html

        proxy.restore()
        close_old_connections()
        assert client.get("/").status_code == 200
        assert client.get("/help/").status_code == 200
    finally:
        proxy.stop()
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = original


@pytest.mark.django_db
def test_a_lost_connection_becomes_a_503_page_with_the_snapshot(client, featured_line):
    lost = OperationalError("server closed the connection unexpectedly")
    with patch("resources.views.ResourceListView.get", side_effect=lost):
        response = client.get("/resources/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "01632 960777" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/services", "/api/services?per_page=5", f"/api/services/{uuid.UUID(int=1)}"]
)
def test_the_api_answers_a_lost_connection_with_json_and_retry_after(client, path):
    lost = OperationalError("server closed the connection unexpectedly")
    # Every query fails, as when the database has gone.
    with patch("django.db.backends.utils.CursorWrapper.execute", side_effect=lost):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert response.json()["error"]


@pytest.mark.django_db
def test_the_snapshot_survives_the_cache_being_emptied(featured_line):
    from django.core.cache import cache

    from referrals.snapshot import read_helpline_snapshot

    cache.clear()
    assert [line["number"] for line in read_helpline_snapshot()] == ["01632 960777"]


@pytest.mark.django_db
def test_saving_a_route_refreshes_the_snapshot(django_capture_on_commit_callbacks):
    from referrals.snapshot import read_helpline_snapshot

    with django_capture_on_commit_callbacks(execute=True):
        route = ContactRouteFactory(featured=True, number="+441632960001")
    assert read_helpline_snapshot()[0]["number"] == "01632 960001"
    with django_capture_on_commit_callbacks(execute=True):
        route.number = "+441632960002"
        route.save()
    assert read_helpline_snapshot()[0]["number"] == "01632 960002"


def test_health_endpoint_needs_nothing_but_the_process(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_endpoint_checks_the_database(client):
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_the_outage_page_offers_the_24_hour_lines_first(client, featured_line):
    ContactRouteFactory(
        crisis=True, label="Night line", number="+441632960888", service__name="Night"
    )
    refresh_helpline_snapshot()
    lost = OperationalError("server closed the connection unexpectedly")
    with patch("resources.views.ResourceListView.get", side_effect=lost):
        html = client.get("/resources/").content.decode()
    assert html.index("01632 960888") < html.index("01632 960777")
