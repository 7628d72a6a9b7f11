"""Demo services, contact routes and opening hours, and the idempotent loader for them.

Names, numbers, hours and age ranges are those the services publish; the wording is ours. Every
number here is a real service's published number: none is invented. Web addresses are the
organisations' home pages, because the exact pages for apps, forums and forms move.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from portal.vocabulary import PublicationStatus
from resources.demo_content import load_demo_topics, replace_children, upsert

from .models import ContactRoute, ReferralFormSettings, Service
from .phone_numbers import normalise_phone_number

LONDON = ZoneInfo("Europe/London")

JUST_ONE_NORFOLK = "https://www.justonenorfolk.nhs.uk/"
HERTFORDSHIRE = "https://www.hertfordshire.gov.uk/"

JUST_ONE_NUMBER = "0300 300 0123"
CHATHEALTH_NUMBER = "07480 635060"
PARENTLINE_NUMBER = "07520 631590"

MONDAY, FRIDAY, SATURDAY = 0, 4, 5


def _time(hour):
    return datetime.time(hour, 0)


# Just One Number answers 8am to 6pm on weekdays and 9am to 1pm on Saturdays.
JUST_ONE_NUMBER_HOURS = [
    *((weekday, _time(8), _time(18)) for weekday in range(MONDAY, FRIDAY + 1)),
    (SATURDAY, _time(9), _time(13)),
]
# The service publishes no separate hours for its two text lines. They are answered by the same
# service's clinicians, so they are given the phone line's hours; closed on bank holidays (the
# model's default) like the phone line.
TEXT_LINE_HOURS = JUST_ONE_NUMBER_HOURS

# Christmas 2026: the 25th is a bank holiday anyway, but Boxing Day falls on a Saturday (the
# bank holiday moves to Monday 28th), so without this the Saturday session would show as open.
CHRISTMAS_2026_CLOSURES = [
    (datetime.date(2026, 12, 25), "Christmas Day"),
    (datetime.date(2026, 12, 26), "Boxing Day"),
]


def _published(year, month, day):
    return datetime.datetime(year, month, day, 9, 0, tzinfo=LONDON)


SERVICES = [
    {
        "slug": "just-one-number",
        "name": "Just One Number",
        "provider": "Cambridgeshire Community Services NHS Trust",
        "summary": (
            "Norfolk's healthy child service for children and young people aged 0 to 19 and "
            "their families. One phone number reaches a health professional, and there are text "
            "lines for young people and for parents."
        ),
        "description": (
            "Call to talk to a health professional. They can give advice and support, help you "
            "decide what to do next, and either arrange help from the team or point you to a "
            "service better placed to help. Young people and parents can text instead, and the "
            "service also offers a health app for older teenagers, an online forum for parents "
            "and a free parenting course."
        ),
        "audiences": ["parent", "young-person", "professional", "school-staff"],
        "min_age": 0,
        "max_age": 19,
        "area_served": "Norfolk",
        "website": JUST_ONE_NORFOLK,
        "topics": ["healthy-relationships", "mental-health", "parenting"],
        "how_to_refer": (
            "Professionals refer by phone: call Just One Number on 0300 300 0123 and say you "
            "want to make a referral. There is no form to fill in first. The call gives the team "
            "what it needs to triage and assess early, so the "
            "referral reaches the right team sooner, or you are told about a better-suited "
            "service."
        ),
        "consent_note": (
            "Before referring, check that the parent, the young person, or both, agree to the "
            "referral."
        ),
        "published_at": _published(2025, 1, 13),
        "order": 10,
        "routes": [
            {
                "label": "Call Just One Number",
                "kind": ContactRoute.Kind.PHONE,
                "number": JUST_ONE_NUMBER,
                "featured": True,
                "what_happens": (
                    "A health professional answers. They listen, give advice and support, and "
                    "talk through what happens next: help from the 0 to 19 team, or another "
                    "service that suits you better."
                ),
                "good_to_know": (
                    "Parents, carers, young people and professionals can all use this number. "
                    "Calls to 0300 numbers cost no more than calls to an ordinary landline "
                    "number, and are usually part of any inclusive minutes."
                ),
                "hours": JUST_ONE_NUMBER_HOURS,
                "closures": CHRISTMAS_2026_CLOSURES,
            },
            {
                "label": "Make a referral by phone",
                "kind": ContactRoute.Kind.PHONE,
                "number": JUST_ONE_NUMBER,
                "audiences": ["professional", "school-staff"],
                "what_happens": (
                    "Say you are making a referral. The health professional asks about the "
                    "child, young person or family so the referral can be triaged and passed to "
                    "the right team quickly, or suggests a service that fits better."
                ),
                "good_to_know": (
                    "Have the parent's and/or young person's consent before you call. No "
                    "paperwork is needed beforehand: the conversation is the referral."
                ),
                "hours": JUST_ONE_NUMBER_HOURS,
                "closures": CHRISTMAS_2026_CLOSURES,
            },
            {
                "label": "ChatHealth text line for young people",
                "kind": ContactRoute.Kind.TEXT,
                "number": CHATHEALTH_NUMBER,
                "audiences": ["young-person"],
                "featured": True,
                "what_happens": (
                    "Text your question about any health worry. One of the team's practitioners "
                    "texts you back. If you would rather talk face to face, you can ask for an "
                    "appointment."
                ),
                "good_to_know": (
                    "This line is for children and young people to text themselves. For a "
                    "parent's question, use the Parentline text line."
                ),
                "hours": TEXT_LINE_HOURS,
            },
            {
                "label": "Parentline text line for parents and carers",
                "kind": ContactRoute.Kind.TEXT,
                "number": PARENTLINE_NUMBER,
                "audiences": ["parent"],
                "featured": True,
                "what_happens": (
                    "Text about any health issue affecting your child, from a newborn baby to a "
                    "19-year-old. A clinician from the team replies with advice and support."
                ),
                "good_to_know": "For parents and carers of children and young people aged 0 to 19.",
                "hours": TEXT_LINE_HOURS,
            },
            {
                "label": "Just One Norfolk Health Passport app",
                "kind": ContactRoute.Kind.APP,
                "url": JUST_ONE_NORFOLK,
                "audiences": ["young-person"],
                "min_age": 16,
                "max_age": 19,
                "what_happens": (
                    "Download the app on an Apple or Android phone. It has health "
                    "information and tips, shows which services can help and how to reach "
                    "them, and helps you look after your own health."
                ),
                "good_to_know": (
                    "For young people aged 16 to 19. The download links are on the Just One "
                    "Norfolk website."
                ),
            },
            {
                "label": "Health Unlocked forum for parents and carers",
                "kind": ContactRoute.Kind.FORUM,
                "url": JUST_ONE_NORFOLK,
                "audiences": ["parent"],
                "what_happens": (
                    "Join an online community where parents and carers in Norfolk talk to each "
                    "other about things that affect their children. The forum is carefully "
                    "moderated."
                ),
                "good_to_know": (
                    "You join through the Just One Norfolk website. It is for sharing "
                    "experiences with other parents: for advice about your own child, call or "
                    "text the team."
                ),
            },
        ],
    },
    {
        "slug": "solihull-approach-parenting-course",
        "name": "Solihull Approach parenting course",
        "provider": "Just One Norfolk (Cambridgeshire Community Services NHS Trust)",
        "summary": (
            "A free online course in four modules for Norfolk parents and carers, about "
            "understanding children and young people from birth to 19."
        ),
        "description": (
            "Staff who work with children and families can take the online course too. The "
            "service also runs two-day Solihull Approach training for staff: ask the Just One "
            "Norfolk team about dates."
        ),
        "audiences": ["parent", "professional"],
        "min_age": 0,
        "max_age": 19,
        "area_served": "Norfolk",
        "website": JUST_ONE_NORFOLK,
        "topics": ["parenting", "attachment", "mental-health"],
        "how_to_refer": (
            "Parents and carers sign up themselves through the Just One Norfolk website. "
            "Professionals can point families to it."
        ),
        "published_at": _published(2025, 2, 3),
        "order": 20,
        "routes": [
            {
                "label": "Solihull Parenting Online course",
                "kind": ContactRoute.Kind.WEBSITE,
                "url": JUST_ONE_NORFOLK,
                "what_happens": (
                    "Sign up on the Just One Norfolk website, then work through the four online "
                    "modules."
                ),
                "good_to_know": "Free for parents and carers in Norfolk.",
            },
        ],
    },
    {
        "slug": "hertfordshire-healthy-relationships-programme",
        "name": "Healthy relationships group work (Hertfordshire)",
        "provider": "Hertfordshire County Council Services for Young People",
        "summary": (
            "Group work for young people in Hertfordshire who may be at risk of child sexual "
            "exploitation. It helps them recognise healthy relationships and find support from "
            "each other and from local services."
        ),
        "description": (
            "Part of Hertfordshire's wider campaign against child sexual exploitation. Staff "
            "take time to build trust, support young people for as long as they need it, and use "
            "creative activities to help them think about their relationships. Local district "
            "teams run the groups, which can be for boys, for girls, or mixed."
        ),
        "audiences": ["parent", "young-person", "professional", "school-staff"],
        "min_age": 13,
        "max_age": 17,
        "extended_max_age": 25,
        "extended_age_note": (
            "care leavers and young people with learning difficulties or disabilities"
        ),
        "area_served": "Hertfordshire",
        "website": HERTFORDSHIRE,
        "topics": ["exploitation", "healthy-relationships"],
        "how_to_refer": (
            "Parents, carers and professionals can refer a young person with the referral form. "
            "The programme is for young people who may be at risk of sexual abuse or "
            "exploitation, or who show signs of being vulnerable to it: for example going "
            "missing, taking risks with drugs, alcohol or sex, low self-esteem, or relationships "
            "that are not right for them."
        ),
        "consent_note": (
            "Talk to the young person about the referral before you make it, and to their parent "
            "or carer where that is safe and appropriate."
        ),
        "published_at": _published(2025, 3, 10),
        "order": 30,
        # A referral form on this site as well: the questions a group-work referral needs, and
        # the young person's agreement, as the programme asks. No duty line: the seeds give none.
        "referral_form": {
            "ask_school": True,
            "require_young_person_consent": True,
            "retention_days": 90,
        },
        "routes": [
            {
                "label": "Make a referral",
                "kind": ContactRoute.Kind.FORM,
                "url": HERTFORDSHIRE,
                "what_happens": (
                    "Fill in the form with the young person's details and what worries you. The "
                    "local team then arranges to talk with the young person, to find out how "
                    "they can help and what support is available near them."
                ),
                "good_to_know": (
                    "For young people aged 13 to 17, or up to 25 for care leavers and young "
                    "people with learning difficulties or disabilities."
                ),
            },
            {
                "label": "Refer a young person on this site",
                "kind": ContactRoute.Kind.HOSTED_FORM,
                "audiences": ["parent", "professional", "school-staff"],
                "what_happens": (
                    "Answer a few questions about the young person and what worries you. Only "
                    "the programme's referral team can read it; you get a reference number."
                ),
                "good_to_know": (
                    "Talk to the young person first: the programme needs them to agree to the "
                    "referral. This form is not for emergencies."
                ),
            },
        ],
    },
    {
        "slug": "brook",
        "name": "Brook",
        "provider": "Brook",
        "summary": (
            "Advice for under-25s on sexual health, relationships and wellbeing, and help to "
            "find local services."
        ),
        "audiences": ["young-person"],
        "max_age": 24,
        "website": "https://www.brook.org.uk/",
        "topics": ["rse", "consent", "healthy-relationships"],
        "published_at": _published(2025, 4, 7),
        "order": 40,
        "routes": [
            {
                "label": "Brook website",
                "kind": ContactRoute.Kind.WEBSITE,
                "url": "https://www.brook.org.uk/",
                "what_happens": (
                    "Read clear advice about sex, relationships and sexual health, including how "
                    "to avoid infections and unplanned pregnancy, and find services near you."
                ),
            },
        ],
    },
    {
        # The seeds give no phone number for Childline, so only its website is recorded.
        "slug": "childline",
        "name": "Childline",
        "provider": "NSPCC",
        "summary": (
            "Advice and support for children and young people, including help to make a safety "
            "plan if a relationship feels unsafe."
        ),
        "audiences": ["young-person"],
        "website": "https://www.childline.org.uk/",
        "topics": ["healthy-relationships"],
        "published_at": _published(2025, 4, 7),
        "order": 50,
        "routes": [
            {
                "label": "Childline website",
                "kind": ContactRoute.Kind.WEBSITE,
                "url": "https://www.childline.org.uk/",
                "what_happens": (
                    "Read advice about relationships and staying safe, and use the guide and form "
                    "to make your own safety plan."
                ),
            },
        ],
    },
]


def _load_route(service: Service, order: int, data: dict) -> ContactRoute:
    number = data.get("number", "")
    route = upsert(
        ContactRoute,
        lookup={"service": service, "label": data["label"]},
        values={
            "kind": data["kind"],
            "number": normalise_phone_number(number) if number else "",
            "url": data.get("url", ""),
            "email": "",
            "min_age": data.get("min_age"),
            "max_age": data.get("max_age"),
            "what_happens": data.get("what_happens", ""),
            "good_to_know": data.get("good_to_know", ""),
            "closed_on_bank_holidays": data.get("closed_on_bank_holidays", True),
            "featured": data.get("featured", False),
            "order": order,
        },
    )
    route.audiences.set(data.get("audiences", []))
    replace_children(
        route.sessions,
        [
            {"weekday": weekday, "opens": opens, "closes": closes, "all_day": False}
            for weekday, opens, closes in sorted(data.get("hours", []))
        ],
    )
    replace_children(
        route.exceptions,
        [
            {
                "date": date,
                "closed": True,
                "opens": None,
                "closes": None,
                "all_day": False,
                "note": note,
            }
            for date, note in sorted(data.get("closures", []))
        ],
    )
    return route


def _load_referral_form(service: Service, values: dict) -> ReferralFormSettings:
    """The service's referral form on this site, handled by its own (empty) handlers group:
    nobody sees a referral until an administrator adds people to it."""
    from .referral_services import handlers_group_for

    return upsert(
        ReferralFormSettings,
        lookup={"service": service},
        values={**values, "handlers_id": handlers_group_for(service).pk},
    )


@transaction.atomic
def load_demo_services() -> tuple[list[Service], list[ContactRoute]]:
    """Upsert the demo services by slug and their routes by (service, label), with the routes'
    hours and closures replaced, so running it again changes nothing. A route's last-verified
    date is an editor's record and is left alone; routes an editor added are kept."""
    topics_by_slug = {topic.slug: topic for topic in load_demo_topics()}
    services, routes = [], []
    for data in SERVICES:
        service = upsert(
            Service,
            lookup={"slug": data["slug"]},
            values={
                "name": data["name"],
                "provider": data.get("provider", ""),
                "summary": data["summary"],
                "description": data.get("description", ""),
                "min_age": data.get("min_age"),
                "max_age": data.get("max_age"),
                "extended_max_age": data.get("extended_max_age"),
                "extended_age_note": data.get("extended_age_note", ""),
                "area_served": data.get("area_served", ""),
                "website": data.get("website", ""),
                "how_to_refer": data.get("how_to_refer", ""),
                "consent_note": data.get("consent_note", ""),
                "alert": "",
                "status": PublicationStatus.PUBLISHED,
                "published_at": data["published_at"],
                "order": data["order"],
            },
        )
        service.audiences.set(data["audiences"])
        service.topics.set([topics_by_slug[slug] for slug in data["topics"]])
        services.append(service)
        if "referral_form" in data:
            _load_referral_form(service, data["referral_form"])
        for order, route_data in enumerate(data["routes"], start=1):
            routes.append(_load_route(service, order * 10, route_data))
    return services, routes
