"""Demo services, contact routes and opening hours, and the idempotent loader for them.

Names, numbers, hours and age ranges are those the services publish; the wording is ours. A
route's confidentiality facts ("facts") are filled only where the service says so. Every
number here is a real service's published number: none is invented. Web addresses are the
organisations' home pages, because the exact pages for apps, forums and forms move.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from portal.core.vocabulary import PublicationStatus
from resources.demo_content import demo_date, load_demo_topics, replace_children, upsert

from .facts import FIELD_NAMES as FACT_FIELDS
from .facts import Answer
from .models import (
    ContactRoute,
    LocalAuthority,
    Location,
    ReferralFormSettings,
    Service,
    ServiceAtLocation,
)
from .phone_numbers import normalise_phone_number
from .services import LOCAL_AUTHORITIES_CSV, read_local_authorities

LONDON = ZoneInfo("Europe/London")

JUST_ONE_NORFOLK = "https://www.justonenorfolk.nhs.uk/"
HERTFORDSHIRE = "https://www.hertfordshire.gov.uk/"

JUST_ONE_NUMBER = "0300 300 0123"
CHATHEALTH_NUMBER = "07480 635060"
PARENTLINE_NUMBER = "07520 631590"

# The national lines that answer when the local teams are closed, as each publishes them.
CHILDLINE_NUMBER = "0800 1111"
NSPCC_HELPLINE_NUMBER = "0808 800 5000"
NSPCC_HELPLINE_EMAIL = "help@nspcc.org.uk"
SAMARITANS_NUMBER = "116 123"
SHOUT_NUMBER = "85258"

MONDAY, FRIDAY, SATURDAY, SUNDAY = 0, 4, 5, 6

# A weekly session with no times: open all day (24 hours).
ALL_DAY = None

# ONS codes of the council areas the services cover (referrals/data/local_authorities.csv).
NORFOLK = "E10000020"
HERTFORDSHIRE_AREA = "E10000015"

# When a demo route's details were last confirmed, unless its data says otherwise (moved to
# the day the demo is loaded, like every demo review date: see resources.demo_content).
LAST_CHECKED = datetime.date(2025, 10, 1)


def _time(hour):
    return datetime.time(hour, 0)


# Just One Number answers 8am to 6pm on weekdays and 9am to 1pm on Saturdays.
JUST_ONE_NUMBER_HOURS = [
    *((weekday, _time(8), _time(18)) for weekday in range(MONDAY, FRIDAY + 1)),
    (SATURDAY, _time(9), _time(13)),
]
# The service publishes no separate hours for its two text lines. They are answered by the same
# service's clinicians, so they are given the phone line's hours and closures: closed on bank
# holidays (the model's default) and on the Christmas days the phone line is closed, since the
# same people answer both.
TEXT_LINE_HOURS = JUST_ONE_NUMBER_HOURS

# Childline, Samaritans and Shout answer 24 hours a day, every day of the year.
EVERY_DAY_24_HOURS = [(weekday, ALL_DAY, ALL_DAY) for weekday in range(MONDAY, SUNDAY + 1)]
# The NSPCC helpline's phone hours: 8am to 10pm on weekdays, 9am to 6pm at weekends. It
# publishes no bank holiday hours, so it keeps the model's default (closed on bank holidays):
# better to send someone to a 24-hour line than to a line shown open that may not answer.
NSPCC_HELPLINE_HOURS = [
    *((weekday, _time(8), _time(22)) for weekday in range(MONDAY, FRIDAY + 1)),
    (SATURDAY, _time(9), _time(18)),
    (SUNDAY, _time(9), _time(18)),
]

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
        "areas": [NORFOLK],
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
                # Overdue for a check: the public sees that it may be out of date.
                "last_checked": datetime.date(2025, 4, 20),
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
                "facts": {
                    "parent_told": Answer.DEPENDS,
                    "parent_told_note": (
                        "The person referring needs the consent of the parent, the young "
                        "person, or both."
                    ),
                },
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
                # The service says children and young people text it themselves; it publishes
                # nothing about names, cost, bills or parents, so those stay blank.
                "facts": {"self_contact": Answer.YES},
                "closures": CHRISTMAS_2026_CLOSURES,
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
                "closures": CHRISTMAS_2026_CLOSURES,
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
                "facts": {"self_contact": Answer.YES},
            },
            {
                "label": "Health Unlocked forum for parents and carers",
                # Due for a check within the reminder window: its service's owner is e-mailed.
                "last_checked": datetime.date(2025, 5, 20),
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
        "areas": [NORFOLK],
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
        "areas": [HERTFORDSHIRE_AREA],
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
        "national": True,
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
        "slug": "childline",
        "name": "Childline",
        "provider": "NSPCC",
        "summary": (
            "A free, confidential line for anyone under 19 in the UK. Talk to a trained "
            "counsellor about anything, day or night."
        ),
        "description": (
            "Children and young people can call at any hour about anything that worries them, "
            "big or small. The website has advice about relationships and staying safe, "
            "including a guide and a form to make your own safety plan."
        ),
        "audiences": ["young-person"],
        "national": True,
        "max_age": 18,
        "website": "https://www.childline.org.uk/",
        "topics": ["healthy-relationships", "online-safety", "mental-health"],
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
            {
                "label": "Call Childline, day or night",
                "kind": ContactRoute.Kind.PHONE,
                "number": CHILDLINE_NUMBER,
                "audiences": ["young-person"],
                "crisis": True,
                "what_happens": (
                    "A trained counsellor answers and listens. You choose what to talk about and "
                    "how much to say."
                ),
                "good_to_know": (
                    "For children and young people under 19. The call is free, from a mobile "
                    "too, and you do not have to give your name."
                ),
                # What Childline publishes about calling it.
                "facts": {
                    "self_contact": Answer.YES,
                    "anonymous": Answer.YES,
                    "confidential": Answer.YES,
                    "free_from_mobiles": Answer.YES,
                    "off_phone_bill": Answer.YES,
                    "parent_told": Answer.NO,
                    "parent_told_note": (
                        "Only if a counsellor thinks you are in danger, and they would usually "
                        "talk to you about it first."
                    ),
                },
                "hours": EVERY_DAY_24_HOURS,
                "closed_on_bank_holidays": False,
                # Listed before the website: the line is what someone needs at night.
                "order": 5,
            },
        ],
    },
    {
        "slug": "nspcc-helpline",
        "name": "NSPCC helpline",
        "provider": "NSPCC",
        "summary": (
            "For any adult worried about a child: talk it through with an NSPCC practitioner, "
            "who can advise you and pass a concern on to the police or children's services."
        ),
        "description": (
            "You do not need to be sure something is wrong before you get in touch. Parents, "
            "carers, relatives, neighbours and professionals all use the helpline. Outside the "
            "phone line's hours you can email at any time."
        ),
        "audiences": ["parent", "professional", "school-staff"],
        "website": "https://www.nspcc.org.uk/",
        "national": True,
        "topics": ["exploitation", "harmful-sexual-behaviour", "online-safety", "parenting"],
        "published_at": _published(2025, 4, 7),
        "order": 60,
        "routes": [
            {
                "label": "Call the NSPCC helpline",
                "kind": ContactRoute.Kind.PHONE,
                "number": NSPCC_HELPLINE_NUMBER,
                "audiences": ["parent", "professional", "school-staff"],
                "crisis": True,
                "what_happens": (
                    "A practitioner listens to what worries you, gives advice, and can refer a "
                    "concern to the police or children's services for you."
                ),
                "good_to_know": (
                    "For adults worried about a child. Calls are free. You can stay anonymous, "
                    "or ask them not to pass on your name."
                ),
                "hours": NSPCC_HELPLINE_HOURS,
            },
            {
                "label": "Email the NSPCC helpline",
                "kind": ContactRoute.Kind.EMAIL,
                "email": NSPCC_HELPLINE_EMAIL,
                "audiences": ["parent", "professional", "school-staff"],
                "what_happens": "Write about what worries you; a practitioner replies by email.",
            },
        ],
    },
    {
        "slug": "samaritans",
        "name": "Samaritans",
        "provider": "Samaritans",
        "summary": (
            "Someone to talk to at any hour, whatever is getting to you. For anyone, of any "
            "age, including a parent or carer who is struggling."
        ),
        "audiences": ["parent", "young-person", "professional", "school-staff"],
        "website": "https://www.samaritans.org/",
        "national": True,
        "topics": ["mental-health"],
        "published_at": _published(2025, 4, 7),
        "order": 70,
        "routes": [
            {
                "label": "Call Samaritans, day or night",
                "kind": ContactRoute.Kind.PHONE,
                "number": SAMARITANS_NUMBER,
                "audiences": ["parent", "young-person"],
                "crisis": True,
                "what_happens": (
                    "A trained volunteer answers and listens, without judging or telling you "
                    "what to do."
                ),
                "good_to_know": (
                    "Free from any phone, every day of the year. You can call about anything: "
                    "you do not have to be thinking about suicide."
                ),
                # What Samaritans publishes about calling 116 123.
                "facts": {
                    "self_contact": Answer.YES,
                    "free_from_mobiles": Answer.YES,
                    "off_phone_bill": Answer.YES,
                },
                "hours": EVERY_DAY_24_HOURS,
                "closed_on_bank_holidays": False,
            },
        ],
    },
    {
        "slug": "shout",
        "name": "Shout",
        "provider": "Mental Health Innovations",
        "summary": (
            "A text line for anyone in the UK who is finding it hard to cope. A trained "
            "volunteer texts back, at any hour."
        ),
        "audiences": ["parent", "young-person"],
        "website": "https://giveusashout.org/",
        "national": True,
        "topics": ["mental-health"],
        "published_at": _published(2025, 4, 7),
        "order": 80,
        "routes": [
            {
                "label": "Text SHOUT to 85258",
                "kind": ContactRoute.Kind.TEXT,
                "number": SHOUT_NUMBER,
                "audiences": ["parent", "young-person"],
                "crisis": True,
                "what_happens": (
                    "Send the word SHOUT. A trained volunteer texts back and helps you through "
                    "the moment, for as long as you need."
                ),
                "good_to_know": "Free to text from the main UK mobile networks, day or night.",
                # What Shout publishes about texting 85258.
                "facts": {
                    "self_contact": Answer.YES,
                    "free_from_mobiles": Answer.DEPENDS,
                    "free_from_mobiles_note": "Free on the main UK mobile networks.",
                },
                "hours": EVERY_DAY_24_HOURS,
                "closed_on_bank_holidays": False,
            },
        ],
    },
]


def _load_route(
    service: Service, order: int, data: dict, today: datetime.date | None = None
) -> ContactRoute:
    number = data.get("number", "")
    route = upsert(
        ContactRoute,
        lookup={"service": service, "label": data["label"]},
        values={
            "kind": data["kind"],
            "number": normalise_phone_number(number) if number else "",
            "url": data.get("url", ""),
            "email": data.get("email", ""),
            "min_age": data.get("min_age"),
            "max_age": data.get("max_age"),
            "what_happens": data.get("what_happens", ""),
            "good_to_know": data.get("good_to_know", ""),
            "closed_on_bank_holidays": data.get("closed_on_bank_holidays", True),
            "featured": data.get("featured", False),
            "order": data.get("order", order),
            "crisis": data.get("crisis", False),
            # Confidentiality facts: only what the service publishes, the rest left blank.
            **{name: data.get("facts", {}).get(name, "") for name in FACT_FIELDS},
        },
    )
    if route.last_verified_on is None:
        # The first load records a check; after that the date is the editors' to keep.
        route.last_verified_on = demo_date(data.get("last_checked", LAST_CHECKED), today)
        route.save(update_fields=["last_verified_on"])
    route.audiences.set(data.get("audiences", []))
    replace_children(
        route.sessions,
        [
            {
                "weekday": weekday,
                "opens": opens,
                "closes": closes,
                "all_day": opens is ALL_DAY,
            }
            for weekday, opens, closes in sorted(
                data.get("hours", []), key=lambda row: (row[0], row[1] or datetime.time.min)
            )
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


# Where the demo services are delivered. None of them publishes a venue's address: Norfolk's
# service is reached by phone, text and online, and Hertfordshire's local district teams arrange
# where a group meets once a young person is referred. So the places are virtual, and the one
# physical place says that, with no address invented for it.
LOCATIONS = [
    {
        "name": "Just One Number phone and text lines",
        "kind": Location.Kind.VIRTUAL,
        "description": "Call 0300 300 0123, or text ChatHealth (young people) or Parentline "
        "(parents and carers).",
        "url": JUST_ONE_NORFOLK,
        "hours": JUST_ONE_NUMBER_HOURS,
        "services": ["just-one-number"],
    },
    {
        "name": "Just One Norfolk website",
        "kind": Location.Kind.VIRTUAL,
        "description": "Online courses, advice and the parents' forum, at any time.",
        "url": JUST_ONE_NORFOLK,
        "services": ["solihull-approach-parenting-course"],
    },
    {
        "name": "Hertfordshire district teams",
        "kind": Location.Kind.PHYSICAL,
        "county": "Hertfordshire",
        "description": "Groups meet locally. After a referral, the young person's district team "
        "arranges where.",
        "services": ["hertfordshire-healthy-relationships-programme"],
    },
    {
        "name": "Brook website",
        "kind": Location.Kind.VIRTUAL,
        "url": "https://www.brook.org.uk/",
        "services": ["brook"],
    },
    {
        "name": "Childline website",
        "kind": Location.Kind.VIRTUAL,
        "url": "https://www.childline.org.uk/",
        "services": ["childline"],
    },
]


def _ensure_areas(codes: set[str]) -> None:
    """The areas the demo services cover, from the repository's list, in case a refresh from
    another file left them out. Other areas are left as they are."""
    names = read_local_authorities(LOCAL_AUTHORITIES_CSV.read_text(encoding="utf-8"))
    for code in sorted(codes):
        LocalAuthority.objects.get_or_create(code=code, defaults={"name": names[code]})


def load_demo_locations(services: list[Service]) -> list[ServiceAtLocation]:
    """Upsert the demo places by name, their hours, and each service's place in them."""
    by_slug = {service.slug: service for service in services}
    places = []
    for data in LOCATIONS:
        location = upsert(
            Location,
            lookup={"name": data["name"]},
            values={
                "kind": data["kind"],
                "description": data.get("description", ""),
                "url": data.get("url", ""),
                "county": data.get("county", ""),
            },
        )
        replace_children(
            location.sessions,
            [
                {"weekday": weekday, "opens": opens, "closes": closes, "all_day": False}
                for weekday, opens, closes in sorted(data.get("hours", []))
            ],
        )
        for slug in data["services"]:
            places.append(
                upsert(
                    ServiceAtLocation,
                    lookup={"service": by_slug[slug], "location": location},
                    values={"order": 10},
                )
            )
    return places


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
def load_demo_services(
    today: datetime.date | None = None,
) -> tuple[list[Service], list[ContactRoute]]:
    """Upsert the demo services by slug and their routes by (service, label), with the routes'
    hours and closures replaced, so running it again changes nothing. A route's last-verified
    date is an editor's record and is left alone once set; routes an editor added are kept."""
    today = today or timezone.localdate()
    topics_by_slug = {topic.slug: topic for topic in load_demo_topics()}
    _ensure_areas({code for data in SERVICES for code in data.get("areas", [])})
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
                "national": data.get("national", False),
                "website": data.get("website", ""),
                "how_to_refer": data.get("how_to_refer", ""),
                "consent_note": data.get("consent_note", ""),
                "status": PublicationStatus.PUBLISHED,
                "published_at": data["published_at"],
                "order": data["order"],
            },
        )
        service.audiences.set(data["audiences"])
        service.topics.set([topics_by_slug[slug] for slug in data["topics"]])
        service.areas.set(data.get("areas", []))
        services.append(service)
        if "referral_form" in data:
            _load_referral_form(service, data["referral_form"])
        for order, route_data in enumerate(data["routes"], start=1):
            routes.append(_load_route(service, order * 10, route_data, today))
    load_demo_locations(services)
    return services, routes
