"""Behind load balancers, sign-in lockouts count the visitor's address, never the balancer's."""

import pytest
from django.test import RequestFactory

from portal.proxies import client_ip


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def request_from(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_a_proxy_the_connecting_address_is_the_visitor(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_the_load_balancer_the_address_it_saw_is_the_visitor(behind_one_proxy):
    assert client_ip(request_from("127.0.0.1", "203.0.113.9")) == "203.0.113.9"


def test_an_address_the_visitor_made_up_is_ignored(behind_one_proxy):
    # HAProxy appends what it saw after anything the visitor sent (gunicorn joins the headers).
    assert client_ip(request_from("127.0.0.1", "198.51.100.1,203.0.113.9")) == "203.0.113.9"


def test_two_proxies_count_two_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    forwarded = "198.51.100.1, 203.0.113.9, 192.0.2.7"
    assert client_ip(request_from("10.0.0.2", forwarded)) == "203.0.113.9"


def test_a_request_that_skipped_the_proxy_counts_its_own_address(behind_one_proxy):
    assert client_ip(request_from("127.0.0.1")) == "127.0.0.1"


def test_axes_is_told_to_use_it(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "portal.proxies.client_ip"


@pytest.mark.django_db
def test_one_visitors_failed_sign_ins_do_not_lock_out_everyone_behind_the_balancer(
    client, settings
):
    from django.contrib.auth import get_user_model

    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 1
    get_user_model().objects.create_user(
        "sam", password="a long and unusual passphrase 4 staff", is_staff=True
    )
    for number in range(5):
        client.post(
            "/admin/login/",
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    locked = client.post(
        "/admin/login/",
        {"username": "guess9", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert locked.status_code == 429
    elsewhere = client.post(
        "/admin/login/",
        {"username": "sam", "password": "a long and unusual passphrase 4 staff"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert elsewhere.status_code == 302


def test_health_checks_over_plain_http_are_not_redirected(client, settings):
    # The load balancer checks each app server directly, without TLS or X-Forwarded-Proto.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/resources/").status_code == 301
