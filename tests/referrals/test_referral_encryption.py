"""Referrals are ciphertext in the database (and in its history table), readable with any
configured key, re-encrypted with the newest by one command; production will not start
without a key."""

import io
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from portal.checks import referral_encryption_keys_are_set, require_referral_encryption_keys
from referrals.encryption import DecryptionError
from referrals.referral_models import Referral
from tests.portal.test_security_headers import BASE_DIR, manage, production_environment
from tests.referrals.referral_support import (
    ANSWERS,
    PERSONAL_VALUES,
    make_referral,
    make_referral_service,
)

pytestmark = pytest.mark.django_db

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def raw_rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return cursor.fetchall()


def raw_text(table: str) -> str:
    return repr(raw_rows(table))


def test_every_answer_is_ciphertext_in_the_database_and_in_its_history():
    referral = make_referral(make_referral_service(), notes="Spoke to Ottoline.")
    for table in ("referrals_referral", "referrals_historicalreferral"):
        stored = raw_text(table)
        for value in PERSONAL_VALUES + [ANSWERS["concern"], "Spoke to Ottoline."]:
            assert value not in stored, (table, value)
        assert "gAAAAA" in stored  # Fernet tokens start with their version byte, base64
    # The reference and the triage fields are in the clear: none is personal.
    assert referral.reference in raw_text("referrals_referral")
    reloaded = Referral.objects.get(pk=referral.pk)
    assert reloaded.concern == ANSWERS["concern"]
    assert reloaded.child_age == 14
    assert reloaded.history.first().referrer_name == ANSWERS["referrer_name"]


def test_even_unanswered_questions_are_encrypted_so_the_database_shows_nothing():
    referral = make_referral(make_referral_service(), school="")
    with connection.cursor() as cursor:
        cursor.execute("SELECT school FROM referrals_referral WHERE id = %s", [referral.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("gAAAAA")
    assert Referral.objects.get(pk=referral.pk).school == ""


def test_the_same_answer_encrypts_differently_every_time():
    form_settings = make_referral_service()
    first, second = make_referral(form_settings), make_referral(form_settings)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT concern FROM referrals_referral WHERE id IN (%s, %s)", [first.pk, second.pk]
        )
        tokens = {row[0] for row in cursor.fetchall()}
    assert len(tokens) == 2


def test_searching_an_encrypted_field_is_refused_rather_than_silently_matching_nothing():
    with pytest.raises(FieldError, match="encrypted"):
        list(Referral.objects.filter(concern__icontains="Jessamy"))
    with pytest.raises(FieldError, match="encrypted"):
        list(Referral.objects.filter(referrer_name="Ottoline Brackenbury"))


def test_key_rotation_reads_old_values_and_the_command_moves_everything_to_the_newest_key(
    settings,
):
    settings.REFERRAL_ENCRYPTION_KEYS = [OLD_KEY]
    referral = make_referral(make_referral_service())
    referral.notes = "First note."
    referral.save()

    # A new key goes first; the old one still decrypts.
    settings.REFERRAL_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert Referral.objects.get(pk=referral.pk).concern == ANSWERS["concern"]

    out = io.StringIO()
    call_command("rotate_referral_keys", stdout=out)
    assert "Re-encrypted 3 of 3 referral rows" in out.getvalue()

    # Now the new key alone reads everything, the history included.
    settings.REFERRAL_ENCRYPTION_KEYS = [NEW_KEY]
    reloaded = Referral.objects.get(pk=referral.pk)
    assert (reloaded.concern, reloaded.notes) == (ANSWERS["concern"], "First note.")
    assert [record.referrer_name for record in reloaded.history.all()] == [
        ANSWERS["referrer_name"]
    ] * 2

    # Safe to run again: nothing left to change.
    again = io.StringIO()
    call_command("rotate_referral_keys", stdout=again)
    assert "Re-encrypted 0 of 3 referral rows" in again.getvalue()


def test_a_value_no_configured_key_opens_is_a_clear_error_not_garbage(settings):
    settings.REFERRAL_ENCRYPTION_KEYS = [OLD_KEY]
    referral = make_referral(make_referral_service())
    settings.REFERRAL_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(DecryptionError, match="rotate_referral_keys"):
        Referral.objects.get(pk=referral.pk)


def test_the_deploy_check_reports_a_missing_key(settings):
    settings.REFERRAL_ENCRYPTION_KEYS = []
    errors = referral_encryption_keys_are_set(None)
    assert [error.id for error in errors] == ["portal.E002"]
    assert "REFERRAL_ENCRYPTION_KEYS is not set" in errors[0].msg
    with pytest.raises(ImproperlyConfigured, match="REFERRAL_ENCRYPTION_KEYS is not set"):
        require_referral_encryption_keys()


def test_the_deploy_check_reports_a_key_that_is_not_a_fernet_key(settings):
    settings.REFERRAL_ENCRYPTION_KEYS = ["not-a-key"]
    assert [error.id for error in referral_encryption_keys_are_set(None)] == ["portal.E003"]
    settings.REFERRAL_ENCRYPTION_KEYS = [NEW_KEY]
    assert referral_encryption_keys_are_set(None) == []


def test_storing_a_referral_without_a_key_fails_loudly(settings):
    form_settings = make_referral_service()
    settings.REFERRAL_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        make_referral(form_settings)


def test_production_refuses_to_start_without_the_referral_key():
    # What gunicorn does first: import the WSGI application.
    server = subprocess.run(
        [sys.executable, "-c", "import portal.wsgi"],
        cwd=BASE_DIR,
        env=production_environment(REFERRAL_ENCRYPTION_KEYS=None),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert server.returncode != 0
    assert "REFERRAL_ENCRYPTION_KEYS is not set" in server.stderr
    asgi = subprocess.run(
        [sys.executable, "-c", "import portal.asgi"],
        cwd=BASE_DIR,
        env=production_environment(REFERRAL_ENCRYPTION_KEYS="not-a-key"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert asgi.returncode != 0
    assert "is not a Fernet key" in asgi.stderr
    deploy_check = manage(
        "check", "--deploy", environment=production_environment(REFERRAL_ENCRYPTION_KEYS=None)
    )
    assert deploy_check.returncode != 0
    assert "portal.E002" in deploy_check.stderr + deploy_check.stdout


def test_production_starts_with_the_key():
    server = subprocess.run(
        [sys.executable, "-c", "import portal.wsgi"],
        cwd=BASE_DIR,
        env=production_environment(REFERRAL_ENCRYPTION_KEYS=f"{NEW_KEY},{OLD_KEY}"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert server.returncode == 0, server.stderr
