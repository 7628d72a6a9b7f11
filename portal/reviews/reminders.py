"""Review reminders by e-mail: owners hear about their own items, publishers get one digest.

An item is due within ``REVIEW_REMINDER_DAYS_AHEAD`` days (or overdue) by the same rule the
dashboard and the public notices use (``review_due_on``, ``check_due_on``). Each recipient is
e-mailed when one of their items has not been mentioned to them for this due date in the last
``REVIEW_REMINDER_REPEAT_DAYS`` days; the e-mail lists everything of theirs that is due, and is
recorded (``ReviewReminder``), so running twice in a day sends nothing new. Reviewing an item
gives it a new due date, which ends its reminders.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from referrals.models import ContactRoute, Service
from resources.models import Resource

from .models import Owner, ReviewReminder

logger = logging.getLogger(__name__)


@dataclass
class DueItem:
    kind: str  # "resource" or "route"
    pk: int
    content_type_id: int
    title: str
    what: str  # what needs doing, in words
    due_on: datetime.date
    admin_url: str
    overdue: bool
    owners: list[str] = field(default_factory=list)

    @property
    def key(self):
        return (self.content_type_id, self.pk, self.due_on)


@dataclass
class Recipient:
    address: str
    name: str
    role: str
    items: list[DueItem] = field(default_factory=list)


@dataclass
class ReminderRun:
    sent: list[Recipient] = field(default_factory=list)
    failed: list[tuple[Recipient, str]] = field(default_factory=list)


def _absolute(site_url: str, url_name: str, pk: int) -> str:
    return f"{site_url.rstrip('/')}{reverse(url_name, args=[pk])}"


def due_items(*, today: datetime.date, site_url: str) -> tuple[list[DueItem], dict]:
    """Resources and contact routes due for review within the reminder window, or overdue,
    with their owners' addresses. A fixed number of queries."""
    horizon = today + datetime.timedelta(days=settings.REVIEW_REMINDER_DAYS_AHEAD)
    resource_type = ContentType.objects.get_for_model(Resource)
    route_type = ContentType.objects.get_for_model(ContactRoute)
    resources = list(Resource.objects.review_due_by(horizon).only("pk", "title", "review_by"))
    routes = list(
        ContactRoute.objects.check_due_by(horizon).only(
            "pk", "label", "service__name", "last_verified_on", "created_at"
        )
    )
    resource_owners, service_owners = {}, {}
    for owner in Owner.objects.of(Resource, (item.pk for item in resources)):
        resource_owners.setdefault(owner.object_id, []).append(owner)
    for owner in Owner.objects.of(Service, {route.service_id for route in routes}):
        service_owners.setdefault(owner.object_id, []).append(owner)

    items = []
    for resource in resources:
        item = DueItem(
            kind="resource",
            pk=resource.pk,
            content_type_id=resource_type.pk,
            title=resource.title,
            what="Review this page and mark it as reviewed",
            due_on=resource.review_due_on,
            admin_url=_absolute(site_url, "admin:resources_resource_change", resource.pk),
            overdue=resource.review_due_on < today,
        )
        items.append((item, resource_owners.get(resource.pk, [])))
    for route in routes:
        item = DueItem(
            kind="route",
            pk=route.pk,
            content_type_id=route_type.pk,
            title=f"{route.label} ({route.service.name})",
            what="Check these contact details and confirm they are correct",
            due_on=route.check_due_on,
            admin_url=_absolute(site_url, "admin:referrals_contactroute_change", route.pk),
            overdue=route.check_due_on < today,
        )
        items.append((item, service_owners.get(route.service_id, [])))
    for item, owners in items:
        item.owners = sorted({owner.display_name for owner in owners if owner.address})
    return [item for item, _ in items], {id(item): owners for item, owners in items}


def recipients_for(items, owners_by_item) -> list[Recipient]:
    """Each owner (by address) with their items, then each publisher with every item."""
    by_address: dict[str, Recipient] = {}
    for item in items:
        for owner in owners_by_item[id(item)]:
            address = owner.address.lower()
            if not address or (owner.user_id and not owner.user.is_active):
                continue
            recipient = by_address.setdefault(
                address, Recipient(address, owner.display_name, ReviewReminder.Role.OWNER)
            )
            if item not in recipient.items:
                recipient.items.append(item)
    recipients = list(by_address.values())
    publishers = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name="Publisher")
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    if items:
        seen = set()
        for user in publishers:
            address = user.email.strip().lower()
            if address in seen:
                continue
            seen.add(address)
            recipients.append(
                Recipient(
                    address,
                    user.get_full_name() or user.get_username(),
                    ReviewReminder.Role.DIGEST,
                    list(items),
                )
            )
    return recipients


def _needs_reminding(recipient, last_sent, today) -> bool:
    """True when any of the recipient's items is new to them for its due date, or was last
    mentioned at least REPEAT days ago."""
    repeat = datetime.timedelta(days=settings.REVIEW_REMINDER_REPEAT_DAYS)
    for item in recipient.items:
        sent_on = last_sent.get((recipient.address, recipient.role, *item.key))
        if sent_on is None or sent_on <= today - repeat:
            return True
    return False


def _message(recipient: Recipient, today: datetime.date) -> EmailMultiAlternatives:
    overdue = [item for item in recipient.items if item.overdue]
    due = [item for item in recipient.items if not item.overdue]
    context = {
        "recipient": recipient,
        "overdue": overdue,
        "due": due,
        "today": today,
        "site_name": settings.SITE_NAME,
        "days_ahead": settings.REVIEW_REMINDER_DAYS_AHEAD,
        "repeat_days": settings.REVIEW_REMINDER_REPEAT_DAYS,
    }
    template = "reviews/email/" + ("digest" if recipient.role == "digest" else "reminder")
    count = len(recipient.items)
    things = f"{count} item{'s' if count != 1 else ''}"
    if recipient.role == "digest":
        subject = f"{settings.SITE_NAME}: {things} due for review ({len(overdue)} overdue)"
    else:
        subject = f"{settings.SITE_NAME}: please review {things} you look after"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[recipient.address],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def send_review_reminders(*, today: datetime.date, site_url: str) -> ReminderRun:
    """E-mail owners and publishers whatever is due, once, then every REPEAT days."""
    items, owners_by_item = due_items(today=today, site_url=site_url)
    run = ReminderRun()
    if not items:
        return run
    recipients = recipients_for(items, owners_by_item)
    last_sent = {
        (record.recipient, record.role, record.content_type_id, record.object_id, record.due_on): (
            record.sent_on
        )
        for record in ReviewReminder.objects.filter(
            recipient__in={recipient.address for recipient in recipients},
            object_id__in={item.pk for item in items},
        )
    }
    for recipient in recipients:
        if not _needs_reminding(recipient, last_sent, today):
            continue
        try:
            _message(recipient, today).send()
        except Exception as error:  # one bad address must not stop everyone else's reminders
            logger.exception("review reminder to %s failed", recipient.address)
            run.failed.append((recipient, str(error)))
            continue
        for item in recipient.items:
            ReviewReminder.objects.update_or_create(
                recipient=recipient.address,
                role=recipient.role,
                content_type_id=item.content_type_id,
                object_id=item.pk,
                due_on=item.due_on,
                defaults={"sent_on": today},
            )
        run.sent.append(recipient)
    return run
