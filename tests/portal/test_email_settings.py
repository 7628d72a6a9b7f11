import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.email_url import parse_email_url


def test_smtp_url_with_starttls_by_default():
    settings = parse_email_url("smtp://portal:p%40ss@smtp.example.org:2525")
    assert settings == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "portal",
        "EMAIL_HOST_PASSWORD": "p@ss",
        "EMAIL_USE_SSL": False,
        "EMAIL_USE_TLS": True,
    }


def test_smtps_url_uses_ssl_on_port_465():
    settings = parse_email_url("smtps://smtp.example.org")
    assert (settings["EMAIL_PORT"], settings["EMAIL_USE_SSL"], settings["EMAIL_USE_TLS"]) == (
        465,
        True,
        False,
    )


def test_tls_can_be_turned_off_for_a_local_relay():
    assert parse_email_url("smtp://relay.internal:25?tls=0")["EMAIL_USE_TLS"] is False


def test_console_url_prints_emails():
    assert parse_email_url("console://") == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"
    }


@pytest.mark.parametrize("url", ["http://smtp.example.org", "smtp://", "smtp:///"])
def test_a_url_that_cannot_send_mail_stops_the_site_starting(url):
    with pytest.raises(ImproperlyConfigured):
        parse_email_url(url)
