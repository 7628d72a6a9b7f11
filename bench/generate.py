"""Synthetic content for the benchmark: realistic in shape and size, made from a vocabulary.

Everything is written with ``bulk_create`` in batches, so 100,000 resources take minutes.
``bulk_create`` skips ``save()`` and signals: ``body_text`` is set here directly (as
``resources.services.resource_sync_body_text`` would), and on PostgreSQL the search trigger
fills ``search_vector`` on INSERT. Phone and text numbers come from Ofcom's drama ranges
(01632 960xxx, 07700 900xxx) only. The same seed gives the same content.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from portal.core.vocabulary import KEY_STAGES, AudienceCode, PublicationStatus
from referrals.models import (
    ContactRoute,
    OpeningException,
    OpeningSession,
    Service,
    TaggedService,
)
from resources.models import (
    Resource,
    ResourceFile,
    ResourceLink,
    ResourceSection,
    TaggedResource,
    Topic,
)

BATCH = 2000

# (name, words that pages about it use). The first word is its "topical" search word.
TOPICS = [
    ("Consent", ["consent", "agreement", "boundaries", "permission"]),
    ("Online safety", ["online", "internet", "screen", "password"]),
    ("Healthy relationships", ["relationships", "respect", "friendship", "trust"]),
    ("Child sexual exploitation", ["exploitation", "grooming", "coercion", "gifts"]),
    ("Child criminal exploitation", ["criminal", "county", "lines", "debt"]),
    ("Bullying", ["bullying", "teasing", "exclusion", "bystander"]),
    ("Cyberbullying", ["cyberbullying", "messages", "trolling", "blocking"]),
    ("Self-harm", ["self-harm", "injury", "coping", "distress"]),
    ("Mental health", ["wellbeing", "anxiety", "mood", "resilience"]),
    ("Domestic abuse", ["domestic", "violence", "perpetrator", "refuge"]),
    ("Neglect", ["neglect", "hygiene", "hunger", "supervision"]),
    ("Female genital mutilation", ["mutilation", "cutting", "ceremony", "travel"]),
    ("Forced marriage", ["marriage", "honour", "abroad", "wedding"]),
    ("Radicalisation", ["radicalisation", "extremism", "prevent", "ideology"]),
    ("Harmful sexual behaviour", ["behaviour", "touching", "peers", "continuum"]),
    ("Attachment", ["attachment", "caregiver", "bonding", "trauma"]),
    ("SEND", ["disabilities", "communication", "needs", "adjustments"]),
    ("Young carers", ["carers", "caring", "responsibilities", "respite"]),
    ("Substance misuse", ["alcohol", "drugs", "cannabis", "vaping"]),
    ("Youth violence", ["knife", "weapons", "gangs", "retaliation"]),
    ("Sharing nudes", ["nudes", "images", "sexting", "removal"]),
    ("Physical abuse", ["bruising", "injuries", "marks", "explanation"]),
    ("Emotional abuse", ["emotional", "belittling", "rejection", "threats"]),
    ("Private fostering", ["fostering", "relatives", "arrangement", "notification"]),
    ("Children missing education", ["missing", "absence", "attendance", "elective"]),
    ("Eating disorders", ["eating", "weight", "food", "restriction"]),
    ("Bereavement", ["bereavement", "grief", "loss", "funeral"]),
    ("Puberty", ["puberty", "periods", "changes", "growing"]),
    ("Body image", ["appearance", "confidence", "comparison", "media"]),
    ("Sleep", ["sleep", "bedtime", "routine", "tiredness"]),
]

# Words every kind of page uses, the most common first (drawn with Zipf-like weights).
COMMON_WORDS = [
    "the",
    "and",
    "to",
    "of",
    "a",
    "in",
    "you",
    "that",
    "is",
    "for",
    "it",
    "with",
    "be",
    "or",
    "your",
    "can",
    "on",
    "they",
    "are",
    "this",
    "as",
    "if",
    "what",
    "child",
    "children",
    "young",
    "people",
    "may",
    "school",
    "staff",
    "help",
    "about",
    "how",
    "when",
    "who",
    "their",
    "will",
    "not",
    "have",
    "talk",
    "them",
    "it's",
    "at",
    "support",
    "parents",
    "carers",
    "family",
    "safe",
    "safety",
    "worried",
    "concern",
    "concerns",
    "tell",
    "ask",
    "listen",
    "designated",
    "lead",
    "record",
    "policy",
    "share",
    "information",
    "local",
    "services",
    "social",
    "care",
    "health",
    "referral",
    "refer",
    "early",
    "advice",
    "speak",
    "trusted",
    "adult",
    "class",
    "lesson",
    "pupils",
    "teachers",
    "learning",
    "discuss",
    "questions",
    "feelings",
    "feel",
    "signs",
    "spot",
    "notice",
    "changes",
    "behaviour",
    "different",
    "sometimes",
    "often",
    "always",
    "never",
    "important",
    "right",
    "wrong",
    "understand",
    "explain",
    "time",
    "need",
    "needs",
    "home",
    "friends",
    "others",
    "other",
    "without",
    "someone",
    "something",
    "everyone",
    "person",
    "body",
    "keep",
    "worry",
    "worries",
    "seen",
    "heard",
    "said",
    "says",
    "say",
    "told",
    "make",
    "make",
    "sure",
    "check",
    "follow",
    "next",
    "step",
    "steps",
    "practice",
    "guidance",
    "procedure",
    "local",
    "authority",
    "partner",
    "agencies",
    "police",
    "nurse",
    "doctor",
    "gp",
    "team",
    "colleague",
    "plan",
    "meeting",
    "review",
    "written",
    "notes",
    "date",
    "record",
    "consider",
    "decide",
    "decision",
    "risk",
    "risks",
    "harm",
    "harmful",
    "abuse",
    "protect",
    "protection",
    "welfare",
    "emergency",
    "immediate",
    "danger",
    "call",
    "contact",
    "line",
    "number",
    "website",
    "form",
    "online",
    "phone",
    "text",
    "chat",
    "open",
    "hours",
    "week",
    "day",
    "evening",
    "weekend",
    "holiday",
    "term",
    "year",
    "group",
    "class",
    "activity",
    "scenario",
    "discussion",
    "worksheet",
    "slides",
    "video",
    "film",
    "story",
    "case",
    "study",
    "example",
    "examples",
    "reflect",
    "reflection",
    "question",
    "answer",
    "quiz",
]

RARE_WORDS = ["trichotillomania", "selective-mutism", "encopresis", "kinship-care"]
RARE_SEARCH_WORD = "trichotillomania"
RARE_SHARE = 0.002  # of resources mention the rare word once

SECTION_HEADINGS = [
    "What you may see",
    "What helps",
    "Talking with children",
    "When to refer",
    "What the law says",
    "Working with families",
    "Teaching notes",
    "Further reading",
]
TITLE_PATTERNS = [
    "{topic}: a guide for school staff",
    "Talking about {lower} with {stage} pupils",
    "{topic} lesson pack for {stage}",
    "Spotting the signs of {lower}",
    "Responding to concerns about {lower}",
    "{topic}: what parents and carers can do",
    "{topic} in the classroom",
    "A whole-school approach to {lower}",
]
PUBLISHERS = ["NSPCC", "PSHE Association", "Barnardo's", "Childnet", "Local authority", ""]
SERVICE_NAMES = [
    "Family support line",
    "Young people's counselling",
    "School nursing team",
    "Parenting programme",
    "Healthy relationships group",
    "Early help hub",
    "Bereavement support",
    "Wellbeing service",
]


class Words:
    """Random text from the vocabulary, common words far more often than rare ones."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = COMMON_WORDS
        self.weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.words))]

    def sentence(self, extra: list[str], length: tuple[int, int] = (8, 18)) -> str:
        count = self.rng.randint(*length)
        words = self.rng.choices(self.words, self.weights, k=count)
        # Topic words appear now and then, as they would in a page about the topic.
        for _ in range(self.rng.randint(0, 2) if extra else 0):
            words[self.rng.randrange(count)] = self.rng.choice(extra)
        return " ".join(words).capitalize() + "."

    def paragraph(self, extra: list[str], sentences: tuple[int, int] = (3, 6)) -> str:
        return " ".join(self.sentence(extra) for _ in range(self.rng.randint(*sentences)))


def batched_create(model, rows):
    created = []
    for start in range(0, len(rows), BATCH):
        created.extend(model.objects.bulk_create(rows[start : start + BATCH]))
    return created


def ofcom_drama_number(rng: random.Random, mobile: bool) -> str:
    """Stored form (E.164) of a number Ofcom reserves for drama: never a real line."""
    suffix = rng.randint(0, 999)
    return f"+447700900{suffix:03d}" if mobile else f"+441632960{suffix:03d}"


@transaction.atomic
def generate(resources: int, seed: int = 6, now: datetime.datetime | None = None) -> dict:
    """Fill an empty database with ``resources`` resources and services in proportion.

    Returns facts the benchmark needs to build its URLs (a busy topic's slug, a resource's slug,
    the common and rare search words).
    """
    rng = random.Random(seed)
    now = now or timezone.now()
    words = Words(rng)

    topics = batched_create(
        Topic,
        [
            Topic(
                name=name,
                slug=slugify(name),
                description=f"Guidance, lesson packs and help about {name.lower()}.",
            )
            for name, _ in TOPICS
        ],
    )
    topic_words = {topic.pk: TOPICS[index][1] for index, topic in enumerate(topics)}
    # Some topics are far busier than others, as on a real site.
    topic_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(topics))]
    stage_codes = [stage.code for stage in KEY_STAGES]
    audience_codes = [code for code, _ in AudienceCode.choices]

    resource_rows, sections, links_by_index = [], [], {}
    resource_topics, resource_stages, resource_audiences = [], [], []
    for index in range(resources):
        chosen_topics = list(
            dict.fromkeys(rng.choices(topics, topic_weights, k=rng.choice((1, 1, 2, 2, 3))))
        )
        extra = [word for topic in chosen_topics for word in topic_words[topic.pk]]
        first_stage = rng.randrange(len(stage_codes))
        stages = stage_codes[first_stage : first_stage + rng.randint(1, 3)]
        kind = Resource.Kind.LESSON_PACK if rng.random() < 0.3 else Resource.Kind.GUIDANCE
        title = rng.choice(TITLE_PATTERNS).format(
            topic=chosen_topics[0].name,
            lower=chosen_topics[0].name.lower(),
            stage=stages[0].upper(),
        )
        section_texts = []
        for order, heading in enumerate(rng.sample(SECTION_HEADINGS, rng.randint(2, 4))):
            paragraphs = [words.paragraph(extra) for _ in range(rng.randint(1, 3))]
            if order == 0 and rng.random() < RARE_SHARE:
                paragraphs.append(f"Some children show {rng.choice(RARE_WORDS)}.")
            section_texts.append((heading, paragraphs))
        body_text = "\n".join(
            part for heading, paragraphs in section_texts for part in (heading, *paragraphs)
        )
        status = PublicationStatus.PUBLISHED if rng.random() < 0.95 else PublicationStatus.DRAFT
        published_at = (
            now - datetime.timedelta(minutes=rng.randint(0, 5 * 365 * 24 * 60))
            if status == PublicationStatus.PUBLISHED
            else None
        )
        resource_rows.append(
            Resource(
                title=title,
                slug=f"{slugify(title)[:180]}-{index + 1}",
                kind=kind,
                summary=words.sentence(extra, (14, 26)) + " " + words.sentence(extra),
                publisher=rng.choice(PUBLISHERS),
                licence="Free for use in schools" if kind == Resource.Kind.LESSON_PACK else "",
                sensitive_content=(
                    words.sentence(extra) if kind == Resource.Kind.LESSON_PACK else ""
                ),
                status=status,
                published_at=published_at,
                last_reviewed=(published_at.date() if published_at else None),
                body_text=body_text,
            )
        )
        sections.append(section_texts)
        resource_topics.append(chosen_topics)
        resource_stages.append(stages)
        resource_audiences.append(
            rng.sample(audience_codes, rng.choice((1, 1, 2)))
            if kind == Resource.Kind.GUIDANCE
            else ["school-staff"]
        )
        if kind == Resource.Kind.LESSON_PACK:
            links_by_index[index] = rng.randint(1, 2)

    created = batched_create(Resource, resource_rows)

    section_rows, topic_rows, stage_rows, audience_rows, link_rows, file_rows = (
        [],
        [],
        [],
        [],
        [],
        [],
    )
    KeyStageLink = Resource.key_stages.through
    AudienceLink = Resource.audiences.through
    for index, resource in enumerate(created):
        for order, (heading, paragraphs) in enumerate(sections[index]):
            body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
            section_rows.append(
                ResourceSection(resource=resource, heading=heading, body=body, order=order)
            )
        topic_rows.extend(
            TaggedResource(content_object=resource, tag=topic) for topic in resource_topics[index]
        )
        stage_rows.extend(
            KeyStageLink(resource_id=resource.pk, keystage_id=code)
            for code in resource_stages[index]
        )
        audience_rows.extend(
            AudienceLink(resource_id=resource.pk, audience_id=code)
            for code in resource_audiences[index]
        )
        for order in range(links_by_index.get(index, 0)):
            link_rows.append(
                ResourceLink(
                    resource=resource,
                    title=f"Lesson plan {order + 1}",
                    url=f"https://example.org/lessons/{resource.pk}/{order + 1}",
                    description="On the publisher's site.",
                    order=order,
                )
            )
        if index in links_by_index and index % 2 == 0:
            file_rows.append(
                ResourceFile(
                    resource=resource,
                    title="Lesson slides",
                    file=f"resources/bench-{resource.pk}",
                    original_name="slides.pdf",
                    content_type="application/pdf",
                    size=rng.randint(50_000, 5_000_000),
                )
            )
    batched_create(ResourceSection, section_rows)
    batched_create(TaggedResource, topic_rows)
    batched_create(KeyStageLink, stage_rows)
    batched_create(AudienceLink, audience_rows)
    batched_create(ResourceLink, link_rows)
    batched_create(ResourceFile, file_rows)

    # Related resources: up to three others sharing the first topic.
    by_topic: dict[int, list[int]] = {}
    for index, resource in enumerate(created):
        by_topic.setdefault(resource_topics[index][0].pk, []).append(resource.pk)
    Related = Resource.related.through
    related_rows = []
    for index, resource in enumerate(created):
        pool = by_topic[resource_topics[index][0].pk]
        for other in {rng.choice(pool) for _ in range(rng.randint(0, 3))} - {resource.pk}:
            related_rows.append(Related(from_resource_id=resource.pk, to_resource_id=other))
    batched_create(Related, related_rows)

    services = _generate_services(rng, words, topics, topic_weights, max(3, resources // 100), now)

    published = [
        resource
        for resource in created
        if resource.status == PublicationStatus.PUBLISHED and len(sections) > 0
    ]
    busiest_topic = topics[0]
    detail = published[len(published) // 2]
    return {
        "resources": resources,
        "published_resources": len(published),
        "services": services["services"],
        "contact_routes": services["routes"],
        "topic_slug": busiest_topic.slug,
        "service_slug": services["service_slug"],
        "resource_slug": detail.slug,
        "common_word": TOPICS[0][1][0],
        "rare_word": RARE_SEARCH_WORD,
    }


def _generate_services(rng, words, topics, topic_weights, count, now):
    audience_codes = [code for code, _ in AudienceCode.choices]
    service_rows, service_topics, service_audiences = [], [], []
    for index in range(count):
        chosen = list(dict.fromkeys(rng.choices(topics, topic_weights, k=rng.randint(1, 3))))
        name = f"{rng.choice(SERVICE_NAMES)} {index + 1}"
        min_age = rng.choice((None, 0, 5, 11))
        max_age = rng.choice((None, 18, 19)) if min_age is None else min_age + rng.randint(6, 14)
        extra = [word for topic in chosen for word in TOPICS[topics.index(topic)][1]]
        service_rows.append(
            Service(
                name=name,
                slug=f"{slugify(name)}-{index + 1}",
                provider="Bench NHS Trust",
                summary=words.sentence(extra, (12, 22)),
                description=words.paragraph(extra),
                min_age=min_age,
                max_age=max_age,
                area_served="Benchshire",
                website=f"https://example.org/services/{index + 1}",
                how_to_refer=words.paragraph(extra, (2, 3)),
                status=(
                    PublicationStatus.PUBLISHED if rng.random() < 0.95 else PublicationStatus.DRAFT
                ),
                published_at=now - datetime.timedelta(days=rng.randint(1, 1000)),
                order=rng.randint(1, 200),
            )
        )
        service_topics.append(chosen)
        service_audiences.append(rng.sample(audience_codes, rng.randint(1, 3)))
    services = batched_create(Service, service_rows)
    batched_create(
        TaggedService,
        [
            TaggedService(content_object=service, tag=topic)
            for service, chosen in zip(services, service_topics, strict=True)
            for topic in chosen
        ],
    )
    ServiceAudience = Service.audiences.through
    batched_create(
        ServiceAudience,
        [
            ServiceAudience(service_id=service.pk, audience_id=code)
            for service, codes in zip(services, service_audiences, strict=True)
            for code in codes
        ],
    )

    kinds = [
        ContactRoute.Kind.PHONE,
        ContactRoute.Kind.TEXT,
        ContactRoute.Kind.WEBCHAT,
        ContactRoute.Kind.FORM,
        ContactRoute.Kind.WEBSITE,
        ContactRoute.Kind.EMAIL,
    ]
    route_rows = []
    for service in services:
        for order, kind in enumerate(rng.sample(kinds, rng.randint(2, 4))):
            route = ContactRoute(
                service=service,
                kind=kind,
                label=f"{kind.label} for {service.name}",
                what_happens=words.sentence([]),
                good_to_know="Free and confidential.",
                closed_on_bank_holidays=rng.random() < 0.8,
                featured=len(route_rows) < 6 and kind in ContactRoute.NUMBER_KINDS,
                order=order,
                last_verified_on=(now - datetime.timedelta(days=rng.randint(1, 300))).date(),
            )
            if kind in ContactRoute.NUMBER_KINDS:
                route.number = ofcom_drama_number(rng, mobile=kind == ContactRoute.Kind.TEXT)
            elif kind == ContactRoute.Kind.EMAIL:
                route.email = f"help{service.pk}@example.org"
            else:
                route.url = f"https://example.org/services/{service.pk}/{kind.value}"
            route_rows.append(route)
    routes = batched_create(ContactRoute, route_rows)

    RouteAudience = ContactRoute.audiences.through
    session_rows, exception_rows, route_audience_rows = [], [], []
    today = timezone.localdate(now)
    for route in routes:
        if route.kind in ContactRoute.HOURS_MATTER_KINDS:
            pattern = rng.random()
            if pattern < 0.15:
                session_rows.extend(
                    OpeningSession(route=route, weekday=day, all_day=True) for day in range(7)
                )
            else:
                opens = datetime.time(rng.choice((8, 9, 10)))
                closes = datetime.time(rng.choice((17, 18, 20, 22)))
                days = range(5) if pattern < 0.7 else range(7)
                session_rows.extend(
                    OpeningSession(route=route, weekday=day, opens=opens, closes=closes)
                    for day in days
                )
            for _ in range(rng.randint(0, 2)):
                date = today + datetime.timedelta(days=rng.randint(-30, 30))
                if rng.random() < 0.5:
                    exception_rows.append(
                        OpeningException(route=route, date=date, closed=True, note="Staff training")
                    )
                else:
                    exception_rows.append(
                        OpeningException(
                            route=route,
                            date=date,
                            opens=datetime.time(10),
                            closes=datetime.time(14),
                            note="Shorter hours",
                        )
                    )
        if rng.random() < 0.3:
            route_audience_rows.append(
                RouteAudience(contactroute_id=route.pk, audience_id=rng.choice(audience_codes))
            )
    batched_create(OpeningSession, session_rows)
    batched_create(OpeningException, exception_rows)
    batched_create(RouteAudience, route_audience_rows)
    # A published service with routes, for the benchmark's service page.
    service_slug = next(
        service.slug for service in services if service.status == PublicationStatus.PUBLISHED
    )
    return {"services": len(services), "routes": len(routes), "service_slug": service_slug}
