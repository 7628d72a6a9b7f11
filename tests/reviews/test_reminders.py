import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command

from portal.reviews.models import Owner, ReviewReminder
from referrals.models import Service
from resources.models import Resource
from tests.referrals.factories import ContactRouteFactory, ServiceFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def own(item, **owner):
    return Owner.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk, **owner
    )


def remind(day: datetime.date):
    out = io.StringIO()
    call_command("send_review_reminders", "--today", day.isoformat(), stdout=out)
    return out.getvalue()


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_an_owner_without_an_account_is_emailed_about_items_due_within_14_days(today):
    soon = ResourceFactory(title="Consent guidance", review_by=today + 14 * DAY)
    ResourceFactory(title="Not yet", review_by=today + 15 * DAY)
    own(soon, name="Priya Partner", email="priya@example.org")
    remind(today)
    [message] = sent_to("priya@example.org")
    assert "Consent guidance" in message.body
    assert "Not yet" not in message.body
    assert "Hello Priya Partner" in message.body
    # A direct link into the admin, on the site's own address.
    assert f"http://testserver.example/admin/resources/resource/{soon.pk}/change/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://testserver.example/admin/resources/resource/{soon.pk}/change/"' in html


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver.example"


def test_a_staff_owner_hears_about_the_routes_of_services_they_own(today, editor):
    service = ServiceFactory(name="Healthy Child Service")
    ContactRouteFactory(
        service=service, label="Just One Number", last_verified_on=today - 200 * DAY
    )
    own(service, user=editor)
    remind(today)
    [message] = sent_to(editor.email)
    assert "Just One Number (Healthy Child Service)" in message.body
    assert "Overdue" in message.body
    assert "/admin/referrals/contactroute/" in message.body


def test_running_twice_a_day_sends_nothing_twice(today):
    resource = ResourceFactory(review_by=today - DAY)
    own(resource, name="Owner", email="owner@example.org")
    remind(today)
    remind(today)
    assert len(sent_to("owner@example.org")) == 1


def test_reminders_repeat_every_7_days_until_reviewed(today):
    resource = ResourceFactory(review_by=today + 3 * DAY)
    own(resource, name="Owner", email="owner@example.org")
    for offset in range(15):
        remind(today + offset * DAY)
    # Day 0, day 7 and day 14.
    assert len(sent_to("owner@example.org")) == 3


def test_reviewing_ends_the_reminders(today):
    resource = ResourceFactory(review_by=today + 3 * DAY)
    own(resource, name="Owner", email="owner@example.org")
    remind(today)
    Resource.objects.filter(pk=resource.pk).update(
        last_reviewed=today + DAY, review_by=today + 366 * DAY
    )
    for offset in range(1, 15):
        remind(today + offset * DAY)
    assert len(sent_to("owner@example.org")) == 1


def test_publishers_get_one_digest_of_everything_due(today, publisher):
    owned = ResourceFactory(title="Owned page", review_by=today - DAY)
    own(owned, name="Owner", email="owner@example.org")
    ResourceFactory(title="Orphan page", review_by=today + 2 * DAY)
    ContactRouteFactory(label="Old line", last_verified_on=today - 400 * DAY)
    remind(today)
    [digest] = sent_to(publisher.email)
    assert "Owned page" in digest.body and "Orphan page" in digest.body
    assert "Old line" in digest.body
    assert "No owner: please give it one." in digest.body
    assert "Owners: Owner" in digest.body


def test_no_email_when_nothing_is_due(today, publisher):
    resource = ResourceFactory(review_by=today + 100 * DAY)
    own(resource, name="Owner", email="owner@example.org")
    ContactRouteFactory(last_verified_on=today)
    output = remind(today)
    assert mail.outbox == []
    assert "No reminders due today." in output


def test_an_item_with_no_review_date_is_due_a_year_after_publication(today):
    """Leaving the review date empty does not switch the reminders off."""
    resource = ResourceFactory(
        title="Undated",
        review_by=None,
        published_at=datetime.datetime(2024, 11, 20, 12, tzinfo=datetime.UTC),
    )
    own(resource, name="Owner", email="owner@example.org")
    remind(today)
    [message] = sent_to("owner@example.org")
    assert "Undated" in message.body
    assert "Due 20 November 2025" in message.body


def test_what_was_sent_is_recorded(today):
    resource = ResourceFactory(review_by=today)
    own(resource, name="Owner", email="Owner@Example.org")
    remind(today)
    record = ReviewReminder.objects.get()
    assert (record.recipient, record.due_on, record.sent_on) == ("owner@example.org", today, today)


def test_one_failed_address_does_not_stop_the_others(today, monkeypatch):
    first = ResourceFactory(review_by=today)
    second = ResourceFactory(review_by=today)
    own(first, name="Broken", email="broken@example.org")
    own(second, name="Fine", email="fine@example.org")
    from django.core.mail import EmailMultiAlternatives

    real_send = EmailMultiAlternatives.send

    def send(self, *args, **kwargs):
        if "broken@example.org" in self.to:
            raise OSError("mailbox unavailable")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    with pytest.raises(SystemExit):
        remind(today)
    assert len(sent_to("fine@example.org")) == 1
    # Not recorded, so the next run tries again.
    assert not ReviewReminder.objects.filter(recipient="broken@example.org").exists()


def test_owners_of_archived_services_are_not_reminded(today):
    service = ServiceFactory(status="archived")
    ContactRouteFactory(service=service, last_verified_on=today - 400 * DAY)
    own(service, name="Owner", email="owner@example.org")
    remind(today)
    assert mail.outbox == []
    assert Service.objects.count() == 1


def test_demo_content_shows_the_review_rule_and_reminds_its_owners(publisher):
    """Whatever day the demo is loaded, some items are due, some overdue, and owners hear."""
    from django.utils import timezone

    from referrals.models import ContactRoute

    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    today = timezone.localdate()
    assert Resource.objects.review_overdue(today).exists()
    assert Resource.objects.review_due_within(today, days=14).exists()
    assert ContactRoute.objects.verification_overdue(today).exists()
    assert ContactRoute.objects.check_due_by(today + 14 * DAY).count() == 2
    remind(today)
    assert sent_to("safeguarding.lead@example.org")
    assert sent_to("just-one-number.contact@example.org")
    assert sent_to(publisher.email)
    # Loading again adds no owners.
    owners = Owner.objects.count()
    call_command("load_demo_content", stdout=out)
    assert Owner.objects.count() == owners
