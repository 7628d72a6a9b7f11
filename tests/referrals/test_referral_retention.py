"""Referrals are deleted on time, history and all, by a daily command that says how many and
never what they said; backups leave them out."""

import datetime
import io
import json
import tarfile

import pytest
from django.core.management import call_command

from portal.backups import export_content
from referrals.referral_models import Referral, ReferralAccessLog, ReferralFormSettings
from referrals.referral_services import referrals_purge
from tests.referrals.referral_support import (
    ANSWERS,
    PERSONAL_VALUES,
    make_referral,
    make_referral_service,
)

pytestmark = pytest.mark.django_db

CLOSED = datetime.datetime(2025, 8, 1, 16, 30, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


def closed_referral(form_settings, closed_at=CLOSED, status="closed"):
    referral = make_referral(form_settings, now=closed_at - datetime.timedelta(days=3))
    referral.status = status
    referral.record_status(closed_at)
    referral.save()
    return referral


def test_a_closed_referral_is_kept_until_the_very_end_of_its_period_and_deleted_at_it(settings):
    settings.REFERRAL_RETENTION_DAYS = 90
    referral = closed_referral(make_referral_service())
    due = CLOSED + datetime.timedelta(days=90)
    assert referrals_purge(now=due - MICROSECOND) == 0
    assert Referral.objects.filter(pk=referral.pk).exists()
    assert referrals_purge(now=due) == 1
    assert not Referral.objects.filter(pk=referral.pk).exists()


@pytest.mark.parametrize("status", ["accepted", "signposted", "closed"])
def test_every_outcome_starts_the_clock(status):
    closed_referral(make_referral_service(), status=status)
    assert referrals_purge(now=CLOSED + datetime.timedelta(days=90)) == 1


def test_a_services_own_period_overrides_the_default(settings):
    settings.REFERRAL_RETENTION_DAYS = 90
    short = closed_referral(make_referral_service("Short Keeper", retention_days=30))
    long = closed_referral(make_referral_service("Long Keeper", retention_days=365))
    default = closed_referral(make_referral_service("Default Keeper"))
    assert referrals_purge(now=CLOSED + datetime.timedelta(days=30) - MICROSECOND) == 0
    assert referrals_purge(now=CLOSED + datetime.timedelta(days=30)) == 1
    assert not Referral.objects.filter(pk=short.pk).exists()
    assert referrals_purge(now=CLOSED + datetime.timedelta(days=364)) == 1
    assert not Referral.objects.filter(pk=default.pk).exists()
    assert Referral.objects.filter(pk=long.pk).exists()
    assert referrals_purge(now=CLOSED + datetime.timedelta(days=365)) == 1


def test_open_referrals_are_never_deleted_however_old():
    form_settings = make_referral_service()
    for status in ("new", "in_progress"):
        referral = make_referral(form_settings, now=CLOSED - datetime.timedelta(days=2000))
        referral.status = status
        referral.save()
    assert referrals_purge(now=CLOSED + datetime.timedelta(days=3000)) == 0
    assert Referral.objects.count() == 2


def test_a_reopened_referral_is_not_deleted():
    referral = closed_referral(make_referral_service())
    referral.status = "in_progress"
    referral.record_status(CLOSED + datetime.timedelta(days=1))
    referral.save()
    assert referrals_purge(now=CLOSED + datetime.timedelta(days=400)) == 0


def test_the_history_goes_with_the_referral_and_the_log_keeps_only_the_reference():
    form_settings = make_referral_service()
    referral = closed_referral(form_settings)
    kept = make_referral(form_settings)
    assert referral.history.count() == 2
    referrals_purge(now=CLOSED + datetime.timedelta(days=90))
    assert not Referral.history.filter(id=referral.pk).exists()
    assert Referral.history.filter(id=kept.pk).count() == 1
    entry = ReferralAccessLog.objects.get(action=ReferralAccessLog.Action.DELETED)
    assert (entry.reference, entry.referral, entry.user) == (referral.reference, None, None)
    assert entry.detail == ""


def test_history_rows_left_behind_by_a_raw_delete_are_purged_too():
    referral = closed_referral(make_referral_service())
    Referral.objects.filter(pk=referral.pk)._raw_delete(Referral.objects.db)
    assert Referral.history.filter(id=referral.pk).exists()
    assert referrals_purge(now=CLOSED) == 0
    assert not Referral.history.filter(id=referral.pk).exists()


def test_the_command_says_how_many_it_deleted_never_what_they_said_and_is_safe_twice(caplog):
    form_settings = make_referral_service()
    closed_referral(form_settings)
    closed_referral(form_settings)
    now = (CLOSED + datetime.timedelta(days=90)).isoformat()
    out = io.StringIO()
    call_command("purge_referrals", "--now", now, stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith("Deleted 2 referrals past their retention period")
    again = io.StringIO()
    call_command("purge_referrals", "--now", now, stdout=again, stderr=io.StringIO())
    assert again.getvalue().startswith("Deleted 0 referrals")
    logged = caplog.text + out.getvalue()
    assert "Deleted 2 referrals" in logged
    for value in PERSONAL_VALUES + [ANSWERS["concern"]]:
        assert value not in logged


def test_the_command_warns_about_referrals_left_without_an_outcome_for_a_year():
    make_referral(make_referral_service(), now=CLOSED - datetime.timedelta(days=400))
    err = io.StringIO()
    call_command("purge_referrals", "--now", CLOSED.isoformat(), stdout=io.StringIO(), stderr=err)
    assert "1 referral arrived more than 365 days ago and still has no outcome" in err.getvalue()
    assert Referral.objects.count() == 1


def test_the_command_refuses_a_moment_it_cannot_read():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--now must be a date and time"):
        call_command("purge_referrals", "--now", "next tuesday", stdout=io.StringIO())


def test_backups_leave_referrals_out_but_keep_the_form_settings(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    form_settings = make_referral_service()
    referral = closed_referral(form_settings)
    archive = tmp_path / "backup.tar.gz"
    manifest = export_content(archive)
    assert "referrals.Referral" not in manifest["counts"]
    assert "referrals.HistoricalReferral" not in manifest["counts"]
    assert "referrals.ReferralAccessLog" not in manifest["counts"]
    assert manifest["counts"]["referrals.ReferralFormSettings"] == 1
    with tarfile.open(archive) as tar:
        data = tar.extractfile("data.json").read().decode()
    assert referral.reference not in data
    assert "gAAAAA" not in data
    models = {row["model"] for row in json.loads(data)}
    assert "referrals.referralformsettings" in models
    assert ReferralFormSettings.objects.count() == 1
