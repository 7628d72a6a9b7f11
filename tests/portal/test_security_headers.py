"""The headers that earn an A+ on the Mozilla HTTP Observatory, on public and admin pages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
PAGES = ["/", "/resources/", "/help/", "/search/?q=consent", "/no-such-page/", "/admin/login/"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_a_strict_content_security_policy(client, path):
    directives = csp_directives(client.get(path))
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    everything = " ".join(value for values in directives.values() for value in values)
    assert "unsafe-inline" not in everything and "unsafe-eval" not in everything


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_the_other_security_headers(client, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_https_only_headers_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    redirect = client.get("/help/")
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://testserver/help/"
    response = client.get("/help/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def production_environment(**overrides) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "SECURE_SSL_REDIRECT",
        }
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "SECRET_KEY": "p" * 20 + "-production-like-secret-" + "q" * 30,
            "ALLOWED_HOSTS": "portal.example.org",
            "DATABASE_URL": "sqlite:///:memory:",
            # A production-like key of its own, not the one tests/settings.py puts in the
            # environment of this process.
            "REFERRAL_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi1saWtlLXJlZmVycmFsLWtleS0zMmI=",
        }
    )
    environment.update(overrides)
    return {key: value for key, value in environment.items() if value is not None}


def manage(*arguments, environment):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deployment_checks_report_nothing_in_production_mode():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", environment=production_environment()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    # What gunicorn does first: import the WSGI application.
    server = subprocess.run(
        [sys.executable, "-c", "import portal.wsgi"],
        cwd=BASE_DIR,
        env=production_environment(SECRET_KEY=None),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert server.returncode != 0
    assert "SECRET_KEY is not set" in server.stderr
    deploy_check = manage("check", "--deploy", environment=production_environment(SECRET_KEY=None))
    assert deploy_check.returncode != 0
    assert "portal.E001" in deploy_check.stderr + deploy_check.stdout


def test_commands_that_need_no_secret_run_without_one():
    result = manage(
        "makemigrations",
        "--check",
        "--dry-run",
        environment=production_environment(SECRET_KEY=None),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_two_step_sign_in_can_only_be_turned_off_for_local_development():
    result = manage("check", environment=production_environment(OTP_REQUIRED="0"))
    assert result.returncode != 0
    assert "only allowed for local development" in result.stderr
