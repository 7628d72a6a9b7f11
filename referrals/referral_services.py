"""What happens to a referral: it arrives, the team is told, it is triaged, and it is deleted on
time. Every view, export and change is written to the access log."""

import csv
import datetime
import io
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction

from .referral_models import (
    Referral,
    ReferralAccessLog,
    ReferralFormSettings,
    new_reference,
)

logger = logging.getLogger("referrals")

REFERENCE_ATTEMPTS = 10


def referral_submit(
    *, form_settings: ReferralFormSettings, answers: dict, now: datetime.datetime
) -> Referral:
    """Store a referral sent through ``form_settings``' form, every answer encrypted."""
    answers = dict(answers)
    urgent = bool(answers.pop("urgent", False))
    for _ in range(REFERENCE_ATTEMPTS):
        referral = Referral(
            reference=new_reference(),
            service=form_settings.service,
            received_at=now,
            urgent=urgent,
            **answers,
        )
        try:
            with transaction.atomic():
                referral.save()
        except IntegrityError:
            # The same reference drawn twice (about one chance in 10^11): draw again.
            continue
        return referral
    raise RuntimeError("Could not find an unused referral reference.")


def notification_recipients(form_settings: ReferralFormSettings) -> list[str]:
    """The handlers' own addresses and the team inbox, each once."""
    addresses = list(
        form_settings.handlers.user_set.filter(is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    if form_settings.team_email:
        addresses.append(form_settings.team_email)
    return list(dict.fromkeys(address.strip().lower() for address in addresses))


def new_referral_message(*, referral: Referral, admin_url: str) -> tuple[str, str]:
    """The subject and body of the "a referral arrived" e-mail. Nothing personal: the service,
    the reference, when, whether it was marked urgent, and a link that needs a sign-in."""
    urgent = " (marked urgent)" if referral.urgent else ""
    subject = f"New referral for {referral.service.name}{urgent}"
    received = referral.received_at.astimezone(datetime.UTC).strftime("%d %B %Y, %H:%M UTC")
    body = (
        f"A new referral has arrived for {referral.service.name} through the website.\n\n"
        f"Reference: {referral.reference}\n"
        f"Received: {received}\n"
        f"Marked urgent by the referrer: {'yes' if referral.urgent else 'no'}\n\n"
        f"Open it here (you need to sign in): {admin_url}\n\n"
        "This e-mail does not say what the referral is about, on purpose: a child's details "
        "should never sit in an inbox. Please do not forward the referral's contents by e-mail.\n"
    )
    return subject, body


def referral_notify_team(*, referral: Referral, admin_url: str) -> int:
    """E-mail the service's referral handlers that a referral arrived; return how many were
    sent. A failure is logged (without anything personal) and never loses the referral."""
    form_settings = referral.service.referral_form
    recipients = notification_recipients(form_settings)
    if not recipients:
        logger.warning(
            "Referral %s arrived for service %s, but no handler has an e-mail address.",
            referral.reference,
            referral.service_id,
        )
        return 0
    subject, body = new_referral_message(referral=referral, admin_url=admin_url)
    messages = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        for address in recipients
    ]
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        logger.exception("Could not e-mail the team about referral %s.", referral.reference)
        return 0


def referral_log_access(
    *,
    user,
    referrals: Iterable[Referral],
    action: str,
    now: datetime.datetime,
    detail: str = "",
) -> None:
    """One access-log row per referral: who, when, what (field names, never their values)."""
    username = getattr(user, "get_username", lambda: "")() if user is not None else ""
    ReferralAccessLog.objects.bulk_create(
        ReferralAccessLog(
            at=now,
            user=user if user is not None and user.pk else None,
            username=username,
            referral=referral,
            reference=referral.reference,
            service_id=referral.service_id,
            action=action,
            detail=detail[:300],
        )
        for referral in referrals
    )


def referral_triage(
    *, referral: Referral, user, changed: list[str], now: datetime.datetime
) -> Referral:
    """Save a handler's change (status, assignment, notes), keep ``closed_at`` in step with
    the status, and log which fields changed."""
    referral.record_status(now)
    referral._history_user = user
    referral.save()
    if changed:
        referral_log_access(
            user=user,
            referrals=[referral],
            action=ReferralAccessLog.Action.CHANGED,
            now=now,
            detail=", ".join(changed),
        )
    return referral


# Cells a spreadsheet would run as a formula (CSV injection): neutralised with a leading '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_FIELDS = (
    "reference",
    "service",
    "received_at",
    "status",
    "urgent",
    "assigned_to",
    *Referral.ANSWER_FIELDS,
    "notes",
)


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def referrals_export_csv(*, referrals: list[Referral], user, now: datetime.datetime) -> str:
    """The referrals as CSV for a spreadsheet, each export logged per referral."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_FIELDS)
    for referral in referrals:
        row = []
        for name in EXPORT_FIELDS:
            if name == "service":
                value = referral.service.name
            elif name == "assigned_to":
                value = referral.assigned_to.get_username() if referral.assigned_to else ""
            elif name == "received_at":
                value = referral.received_at.isoformat()
            else:
                value = getattr(referral, name)
            row.append(_cell(value))
        writer.writerow(row)
    referral_log_access(
        user=user, referrals=referrals, action=ReferralAccessLog.Action.EXPORTED, now=now
    )
    return buffer.getvalue()


def handlers_group_for(service) -> Group:
    """The service's own referral handlers group, made if missing."""
    name = f"Referral handlers: {service.name}"[:150]
    group, _ = Group.objects.get_or_create(name=name)
    return group


@transaction.atomic
def referrals_purge(*, now: datetime.datetime) -> int:
    """Delete every referral past its retention period at ``now``, with its history; log each
    deletion by reference only. Safe to run again: what is gone is not counted twice."""
    due = list(
        Referral.objects.due_for_deletion(now, default_days=settings.REFERRAL_RETENTION_DAYS)
        .select_for_update(of=("self",))
        .only("pk", "reference", "service_id")
    )
    if due:
        referral_log_access(
            user=None, referrals=due, action=ReferralAccessLog.Action.DELETED, now=now
        )
        ids = [referral.pk for referral in due]
        # Each delete removes the referral's history too (cascade_delete_history).
        Referral.objects.filter(pk__in=ids).delete()
    # History rows of referrals no longer there (left by anything that bypassed the signal,
    # such as a raw delete) are purged too: nothing outlives the referral.
    Referral.history.exclude(id__in=Referral.objects.values("pk")).delete()
    logger.info("Deleted %d referrals past their retention period.", len(due))
    return len(due)
