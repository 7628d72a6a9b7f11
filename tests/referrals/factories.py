import datetime

import factory

from portal.core.vocabulary import PublicationStatus
from referrals.models import (
    ContactRoute,
    Location,
    OpeningException,
    OpeningSession,
    ProblemReport,
    Service,
    ServiceAtLocation,
)


class ServiceFactory(factory.django.DjangoModelFactory):
    """A published service. Pass ``audiences=["parent"]`` and ``topics=[topic]`` to link it."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary = "Support for families."
    status = PublicationStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=PublicationStatus.DRAFT)

    @factory.post_generation
    def audiences(self, create, codes, **kwargs):
        if create and codes:
            self.audiences.set(codes)

    @factory.post_generation
    def topics(self, create, topics, **kwargs):
        if create and topics:
            self.topics.set(topics)


class ContactRouteFactory(factory.django.DjangoModelFactory):
    """A phone line on an Ofcom drama number (never a real line)."""

    class Meta:
        model = ContactRoute
        skip_postgeneration_save = True

    service = factory.SubFactory(ServiceFactory)
    kind = ContactRoute.Kind.PHONE
    label = factory.Sequence(lambda n: f"Phone line {n}")
    number = factory.Sequence(lambda n: f"+44163296{n % 1000:04d}")

    class Params:
        text = factory.Trait(
            kind=ContactRoute.Kind.TEXT,
            number=factory.Sequence(lambda n: f"+4477009{n % 1000:05d}"),
        )
        form = factory.Trait(
            kind=ContactRoute.Kind.FORM, number="", url="https://example.org/refer"
        )

    @factory.post_generation
    def audiences(self, create, codes, **kwargs):
        if create and codes:
            self.audiences.set(codes)


class OpeningSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningSession

    route = factory.SubFactory(ContactRouteFactory)
    weekday = 0
    opens = datetime.time(8, 0)
    closes = datetime.time(18, 0)


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    route = factory.SubFactory(ContactRouteFactory)
    date = datetime.date(2025, 12, 25)
    closed = True


def add_hours(route, *weekdays, opens=None, closes=None, all_day=False):
    """Give ``route`` the same weekly session on each of ``weekdays`` (0 = Monday)."""
    for weekday in weekdays:
        OpeningSession.objects.create(
            route=route, weekday=weekday, opens=opens, closes=closes, all_day=all_day
        )
    return route


WEEKDAYS = (0, 1, 2, 3, 4)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


class LocationFactory(factory.django.DjangoModelFactory):
    """A fictional venue: made-up street names, real-format postcodes, Ofcom-safe details."""

    class Meta:
        model = Location

    kind = Location.Kind.PHYSICAL
    name = factory.Sequence(lambda n: f"Example Family Hub {n}")
    address_1 = factory.Sequence(lambda n: f"{n + 1} Example Street")
    town = "Norwich"
    county = "Norfolk"
    postcode = "NR1 2AB"

    class Params:
        virtual = factory.Trait(
            kind=Location.Kind.VIRTUAL,
            address_1="",
            town="",
            county="",
            postcode="",
            url="https://example.org/online",
        )


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)


def add_place_hours(owner, *weekdays, opens=None, closes=None, all_day=False):
    """Weekly hours for a Location or a ServiceAtLocation, as ``add_hours`` for routes."""
    for weekday in weekdays:
        owner.sessions.create(weekday=weekday, opens=opens, closes=closes, all_day=all_day)
    return owner


class ProblemReportFactory(factory.django.DjangoModelFactory):
    """A new report about a route (and so its service) from the public form."""

    class Meta:
        model = ProblemReport

    route = factory.SubFactory(ContactRouteFactory)
    service = factory.SelfAttribute("route.service")
    problem = ProblemReport.Problem.WRONG_NUMBER
    detail = "The number rings out."
