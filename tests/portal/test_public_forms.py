"""The pieces every public form shares: honeypot, rate limit, client address."""

from django import forms
from django.test import RequestFactory

from portal.core.public_forms import (
    HONEYPOT_ERROR,
    HONEYPOT_FIELD,
    HoneypotFormMixin,
    RateLimit,
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
