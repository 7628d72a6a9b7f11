"""The pieces every public form shares: honeypot, rate limit, client address."""

import pytest
from django import forms
from django.test import RequestFactory, override_settings

from portal.public_forms import (
    HONEYPOT_ERROR,
    HONEYPOT_FIELD,
    HoneypotFormMixin,
    RateLimit,
    client_address,
)


class ExampleForm(HoneypotFormMixin):
    message = forms.CharField()


def test_honeypot_left_empty_is_accepted():
    form = ExampleForm({"message": "The number is wrong"})
    assert form.is_valid()


def test_filled_honeypot_refuses_with_a_message_a_person_can_act_on_and_keeps_the_text():
    form = ExampleForm({"message": "The number is wrong", HONEYPOT_FIELD: "http://spam"})
    assert not form.is_valid()
    assert form.errors[HONEYPOT_FIELD] == [HONEYPOT_ERROR]
    # Nothing the person typed is lost: the form renders their text again.
    assert "The number is wrong" in str(form["message"])


def test_honeypot_is_not_among_the_visible_fields():
    assert [field.name for field in ExampleForm().visible_fields()] == ["message"]


def _request(address="192.0.2.10", forwarded=None):
    meta = {"REMOTE_ADDR": address}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **meta)


def test_rate_limit_refuses_after_the_limit_for_that_address_only():
    limit = RateLimit("example", limit=2, window=60)
    first, other = _request("192.0.2.10"), _request("192.0.2.11")
    for _ in range(2):
        assert not limit.is_exceeded(first)
        limit.record(first)
    assert limit.is_exceeded(first)
    assert not limit.is_exceeded(other)


def test_rate_limits_of_different_forms_are_counted_apart():
    reports, referrals = RateLimit("reports", 1, 60), RateLimit("referrals", 1, 60)
    request = _request()
    reports.record(request)
    assert reports.is_exceeded(request)
    assert not referrals.is_exceeded(request)


def test_rate_limit_keys_never_hold_the_address():
    assert "192.0.2.10" not in RateLimit("example", 1, 60)._key(_request("192.0.2.10"))


@override_settings(AXES_IPWARE_PROXY_COUNT=0)
def test_without_trusted_proxies_a_forwarded_header_is_ignored():
    assert client_address(_request("192.0.2.10", forwarded="203.0.113.9")) == "192.0.2.10"


@override_settings(AXES_IPWARE_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_is_used_not_what_the_client_wrote():
    request = _request("127.0.0.1", forwarded="203.0.113.66, 198.51.100.7")
    assert client_address(request) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", [None, "198.51.100.7"])
@override_settings(AXES_IPWARE_PROXY_COUNT=2)
def test_a_forwarded_header_shorter_than_the_proxy_chain_falls_back_to_the_peer(forwarded):
    assert client_address(_request("127.0.0.1", forwarded=forwarded)) == "127.0.0.1"
