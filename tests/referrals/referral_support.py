"""Services with a referral form on this site, their handlers, and referrals, for the tests.

Every phone number here is an Ofcom drama number (01632 960xxx, 07700 900xxx): never a real line.
"""

import datetime

from django.contrib.auth.models import User
from django.utils.text import slugify

from referrals.models import ContactRoute
from referrals.referral_models import Referral, ReferralFormSettings
from referrals.referral_services import handlers_group_for, referral_submit
from tests.referrals.factories import ServiceFactory

# What a referrer types: each value is distinctive, so a test can look for it anywhere.
ANSWERS = {
    "referrer_role": "professional",
    "relationship": "Class teacher Quillfeather",
    "child_age": 14,
    "child_date_of_birth": None,
    "school": "Marrowdale Academy",
    "concern": "Worried about Jessamy: older boyfriend, missing school since September.",
    "parent_consent": "yes",
    "young_person_consent": "yes",
    "referrer_name": "Ottoline Brackenbury",
    "referrer_phone": "01632 960123",
    "referrer_email": "ottoline.brackenbury@example.org",
    "contact_method": "email",
    "contact_times": "Weekday afternoons after 3:30pm",
    "safe_to_leave_message": "yes",
}
PERSONAL_VALUES = [
    "Quillfeather",
    "Marrowdale",
    "Jessamy",
    "Ottoline",
    "Brackenbury",
    "01632 960123",
    "ottoline.brackenbury@example.org",
    "3:30pm",
]
# The same answers as the form posts them.
FORM_DATA = {
    "referrer_role": "professional",
    "relationship": ANSWERS["relationship"],
    "child_age": "14",
    "dob_day": "",
    "dob_month": "",
    "dob_year": "",
    "school": ANSWERS["school"],
    "concern": ANSWERS["concern"],
    "parent_consent": "yes",
    "young_person_consent": "yes",
    "referrer_name": ANSWERS["referrer_name"],
    "referrer_phone": ANSWERS["referrer_phone"],
    "referrer_email": ANSWERS["referrer_email"],
    "contact_method": "email",
    "contact_times": ANSWERS["contact_times"],
    "safe_to_leave_message": "yes",
    "urgent": "no",
    "confirm_fax": "",
}


def make_referral_service(name: str = "Example Family Support", **settings) -> ReferralFormSettings:
    """A published service with a referral form on this site, and its handlers group."""
    service = ServiceFactory(name=name, slug=slugify(name))
    form_settings = ReferralFormSettings.objects.create(
        service=service, handlers=handlers_group_for(service), **settings
    )
    route = ContactRoute(
        service=service, kind=ContactRoute.Kind.HOSTED_FORM, label="Make a referral online"
    )
    route.full_clean()
    route.save()
    return form_settings


def make_handler(form_settings: ReferralFormSettings, username: str, **extra) -> User:
    user = User.objects.create_user(
        username, extra.pop("email", f"{username}@example.org"), "not used", is_staff=True, **extra
    )
    user.groups.add(form_settings.handlers)
    return user


def make_referral(
    form_settings: ReferralFormSettings, *, now: datetime.datetime | None = None, **answers
) -> Referral:
    now = now or datetime.datetime(2025, 11, 12, 11, 0, tzinfo=datetime.UTC)
    return referral_submit(form_settings=form_settings, answers={**ANSWERS, **answers}, now=now)


def form_url(form_settings: ReferralFormSettings) -> str:
    return f"/help/{form_settings.service.slug}/refer/"
