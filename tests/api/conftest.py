import datetime
import io

import pytest
from django.core.management import call_command

from portal.core.vocabulary import PublicationStatus
from referrals.facts import Answer
from referrals.models import (
    ContactRoute,
    LocalAuthority,
    OpeningException,
    OpeningSession,
    ServiceAlert,
)
from tests.referrals.factories import (
    ContactRouteFactory,
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    add_hours,
    add_place_hours,
)
from tests.resources.factories import TopicFactory

Kind = ContactRoute.Kind


@pytest.fixture
def demo_content():
    call_command("load_demo_content", stdout=io.StringIO())


def _exception(route, date, **fields):
    return OpeningException.objects.create(route=route, date=date, **fields)


@pytest.fixture
def varied_directory(now):
    """Services covering what the model allows: every kind of route, 24-hour, overnight and
    split sessions, closed and special-hours dates, every shape of age limit, drafts."""
    today = now.date()
    consent, online = TopicFactory(name="Consent"), TopicFactory(name="Online safety")
    everything = ServiceFactory(
        name="Everything & more <helpline>",
        provider="",
        summary="Every kind of route.",
        description="Described at length.\nOn two lines.",
        min_age=11,
        max_age=18,
        extended_max_age=25,
        extended_age_note="care leavers",
        area_served="Norfolk and Suffolk",
        website="https://example.org/everything",
        audiences=["young-person", "parent"],
        topics=[consent, online],
    )
    ServiceAlert.objects.create(
        service=everything,
        message="The phone line is closed today: please text.",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=6),
    )
    ServiceAlert.objects.create(
        service=everything,
        message="Long over.",
        starts_at=now - datetime.timedelta(days=10),
        ends_at=now - datetime.timedelta(days=9),
    )
    phone = ContactRouteFactory(
        service=everything,
        label="Call us",
        audiences=["parent"],
        min_age=13,
        last_verified_on=datetime.date(2025, 6, 1),
    )
    add_hours(phone, 0, 1, 2, 3, 4, opens=datetime.time(8, 30), closes=datetime.time(12, 0))
    add_hours(phone, 0, 1, 2, 3, 4, opens=datetime.time(13, 0), closes=datetime.time(17, 30))
    _exception(phone, today + datetime.timedelta(days=3), closed=True, note="Staff training")
    _exception(
        phone,
        today + datetime.timedelta(days=5),
        opens=datetime.time(10, 0),
        closes=datetime.time(14, 0),
        note="Short day",
    )
    _exception(phone, today - datetime.timedelta(days=30), closed=True, note="Long gone")
    text = ContactRouteFactory(
        service=everything,
        text=True,
        label="Text us",
        closed_on_bank_holidays=False,
        self_contact=Answer.YES,
        anonymous=Answer.DEPENDS,
        anonymous_note="Give a first name if you like.",
        confidential=Answer.YES,
        free_from_mobiles=Answer.YES,
        off_phone_bill=Answer.YES,
        parent_told=Answer.NO,
    )
    add_hours(text, 0, 1, 2, 3, 4, 5, 6, all_day=True)
    _exception(text, today + datetime.timedelta(days=1), all_day=True)
    nights = ContactRouteFactory(service=everything, label="Night line", number="+441632960999")
    add_hours(nights, 4, 5, opens=datetime.time(22, 0), closes=datetime.time(2, 0))
    ContactRouteFactory(
        service=everything, kind=Kind.EMAIL, number="", email="help@example.org", label="Email us"
    )
    for kind in (Kind.FORM, Kind.WEBCHAT, Kind.APP, Kind.FORUM, Kind.WEBSITE):
        route = ContactRouteFactory(
            service=everything,
            kind=kind,
            number="",
            url=f"https://example.org/{kind}",
            label=f"Our {kind}",
            audiences=["young-person"],
        )
        if kind == Kind.WEBCHAT:
            add_hours(route, 5, 6, opens=datetime.time(18, 0), closes=datetime.time(21, 0))
    short_code = ContactRouteFactory(service=everything, label="Short code", number="116123")
    OpeningSession.objects.create(
        route=short_code, weekday=6, opens=datetime.time(22, 0), closes=datetime.time(2, 0)
    )

    ServiceFactory(name="Only a minimum age", min_age=16, max_age=None, provider="Charity")
    ServiceFactory(name="Only a maximum age", min_age=None, max_age=4, topics=[online])
    bare = ServiceFactory(name="No routes at all", summary="Nothing but a name.")
    ServiceFactory(name="Hidden draft", draft=True, topics=[consent])
    ServiceFactory(name="Archived", status=getattr(PublicationStatus, "ARCHIVED", "archived"))
    for number in range(7):
        ContactRouteFactory(service=ServiceFactory(name=f"Filler {number}", order=200 + number))

    # Places: a venue with everything, one with nothing but a name, an online place; a group
    # with its own hours at the venue, and services at places with none.
    everything.areas.set(LocalAuthority.objects.filter(code__in=["E10000020", "E10000029"]))
    hub = LocationFactory(
        name="Example Family Hub",
        latitude="52.628000",
        longitude="1.293000",
        accessibility="Step-free entrance. Hearing loop at reception.",
        description="Above the fictional library.",
    )
    add_place_hours(hub, 0, 1, 2, 3, 4, opens=datetime.time(9, 0), closes=datetime.time(17, 0))
    group = ServiceAtLocationFactory(
        service=everything, location=hub, description="Group on Tuesday mornings."
    )
    add_place_hours(group, 1, opens=datetime.time(10, 0), closes=datetime.time(12, 0))
    bare_place = LocationFactory(
        name="A place", address_1="", town="", county="", postcode="", description=""
    )
    ServiceAtLocationFactory(service=everything, location=bare_place)
    online = LocationFactory(virtual=True, name="Online")
    add_place_hours(online, 0, 1, 2, 3, 4, 5, 6, all_day=True)
    ServiceAtLocationFactory(service=ServiceFactory(name="Online only"), location=online)
    national = ServiceFactory(name="A national line", national=True)
    ServiceAtLocationFactory(service=national, location=online)
    ServiceAtLocationFactory(
        service=ServiceFactory(name="Draft at the hub", draft=True), location=hub
    )
    return everything, bare
