"""Demo topics and resources, and the idempotent loader that puts them in the database.

The facts (organisations, ages, the law, what a framework contains) come from public pages about
children's health and safeguarding; every sentence is our own. Links point only at organisations'
home pages, never at guessed paths on their sites. The content lives here, in the project, so a
fresh clone can load it with ``python manage.py load_demo_content``.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.utils import timezone

from portal.core.vocabulary import PublicationStatus

from .models import Resource, Topic
from .richtext import sanitise_html
from .services import resource_sync_body_text

LONDON = ZoneInfo("Europe/London")

NSPCC_LEARNING = "https://learning.nspcc.org.uk/"
NSPCC_LICENCE = "Free for use in schools; see the publisher's terms on NSPCC Learning."


def _published(year, month, day):
    return datetime.datetime(year, month, day, 9, 0, tzinfo=LONDON)


# Review and check dates are written as they stood on this day, and moved forward by however
# long ago that is when the demo is loaded, so the review rule shows at any date: most items
# are current, some are due within the reminder window and some are overdue.
DEMO_DATES_AS_OF = datetime.date(2025, 11, 12)


def demo_date(day: datetime.date | None, today: datetime.date) -> datetime.date | None:
    return None if day is None else day + (today - DEMO_DATES_AS_OF)


TOPICS = [
    {
        "slug": "healthy-relationships",
        "name": "Healthy relationships",
        "description": (
            "How children and young people make and keep relationships that rest on trust, "
            "respect and kindness, and how to spot the ones that are not. Friendships and "
            "families first; romantic relationships for older pupils."
        ),
    },
    {
        "slug": "consent",
        "name": "Consent",
        "description": (
            "What it means to agree freely, how to say no and how to hear it. For older pupils, "
            "the law on age and capacity too."
        ),
    },
    {
        "slug": "online-safety",
        "name": "Online safety",
        "description": (
            "Phones, apps, games and social media: the good they bring, and the risks such as "
            "bullying, pressure to share images and contact from strangers."
        ),
    },
    {
        "slug": "exploitation",
        "name": "Exploitation",
        "description": (
            "When someone takes advantage of a child or young person, often after winning their "
            "trust. How to notice the signs early and where to get help."
        ),
    },
    {
        "slug": "harmful-sexual-behaviour",
        "name": "Harmful sexual behaviour",
        "description": (
            "Sexual behaviour by children and young people that is not expected for their age or "
            "development, or that hurts them or someone else. How to tell it apart from healthy "
            "behaviour and respond well."
        ),
    },
    {
        "slug": "attachment",
        "name": "Attachment",
        "description": (
            "The bond a child forms with the people who care for them, and how it shapes their "
            "later relationships. Practical ways for adults in school to be a safe base."
        ),
    },
    {
        "slug": "send",
        "name": "SEND",
        "description": (
            "Special educational needs and disabilities: adapting everyday support so every child "
            "can build relationships, learn and stay safe."
        ),
    },
    {
        "slug": "mental-health",
        "name": "Mental health and wellbeing",
        "description": (
            "Feeling connected, coping with worries and getting help early, for pupils, parents "
            "and the adults around them."
        ),
    },
    {
        "slug": "rse",
        "name": "Relationships and sex education",
        "description": (
            "Relationships, sex and health education, which schools in England have had to teach "
            "since September 2020. Lesson packs and guidance for each key stage."
        ),
    },
    {
        "slug": "parenting",
        "name": "Parenting",
        "description": (
            "Support for parents and carers: understanding your child's feelings and behaviour at "
            "every age from birth to 19, and knowing where to turn for advice."
        ),
    },
]


HEALTHY_RELATIONSHIPS_IN_SCHOOL = {
    "slug": "healthy-relationships-in-school",
    "title": "Healthy relationships: what schools can do",
    "kind": Resource.Kind.GUIDANCE,
    "summary": (
        "Why relationships matter to children's health, how schools can teach and model healthy "
        "ones, and when a pupil's relationship becomes a safeguarding concern."
    ),
    "key_stages": ["ks1", "ks2", "ks3", "ks4", "ks5"],
    "audiences": ["school-staff", "professional"],
    "topics": ["healthy-relationships", "consent", "online-safety", "rse"],
    "related": [
        "whole-school-relationships-strategy",
        "relationships-in-inclusive-provision",
        "nspcc-healthy-relationships-ks3",
        "child-exploitation-signs-and-what-to-do",
    ],
    "published_at": _published(2025, 1, 20),
    "last_reviewed": datetime.date(2025, 10, 6),
    "sections": [
        (
            "Why it matters",
            """
<p>The relationships children have shape how they feel about themselves, how they learn and
how safe they are. The first bonds a child makes with the adults who care for them become a
pattern. They carry it into friendships and, later, into romantic relationships.</p>
<p>Everyone finds relationships hard at times. Some children find them much harder: children who
have lived with abuse, neglect or loss, and children with additional needs. Some have never seen
a healthy relationship close up, so school may be where they first learn what one looks like.</p>
<p>Relationships education has been compulsory in primary schools in England since September
2020, and relationships, sex and health education in secondary schools.</p>
""",
        ),
        (
            "What schools can do",
            """
<p>Pupils learn about relationships all day, not only in lessons. They notice how adults speak
to them and to each other.</p>
<ul>
<li><strong>Model it.</strong> Show trust, respect and clear communication in the way staff treat
pupils and one another.</li>
<li><strong>Build a kind culture.</strong> Value kindness and inclusion, and expect everyone to
take responsibility for what they do.</li>
<li><strong>Use falling-outs.</strong> A friendship problem is a chance to practise sorting out
conflict fairly, with an adult's help.</li>
<li><strong>Build self-worth.</strong> A young person who knows their own value is harder to
control, and less likely to stay in a friendship or relationship that harms them.</li>
<li><strong>Name the difference.</strong> Teach what healthy and unhealthy relationships look
like, and make sure every pupil knows who they can tell when something feels wrong.</li>
</ul>
<p>Young people can be hurt in relationships, and can also hurt others. A 2009 NSPCC survey
of girls aged 13 to 17 found one in four reporting abuse by a partner. Childline has
advice for young people, including help to make a personal safety plan.</p>
""",
        ),
        (
            "Online life",
            """
<p>Phones and social media help young people stay in touch and find people who share their
interests. They also bring risks: pressure to send nude images, bullying online, and messages
from people they do not know.</p>
<p>Young people manage these risks best when they can talk about them without being judged.
Make time in lessons and tutor time for honest questions. Check that every pupil knows how to
report something online and which adult in school they can go to.</p>
<p>Our <a href="/resources/online-safety-a-guide-for-parents/">online safety guide for parents and
carers</a> can be shared with families.</p>
""",
        ),
        (
            "Consent and capacity",
            """
<p>As children grow up they need more information to stay safe in close and sexual
relationships. They need to understand consent: that they can say no whenever they want, that
other people can too, and that they should tell someone if something makes them uneasy or
scared.</p>
<ul>
<li>Before giving a young person under 16 sexual health advice or treatment without a parent
involved, professionals must decide whether the young person understands what is involved. Use
<strong>Gillick competence</strong> and the <strong>Fraser guidelines</strong> to make that
judgement.</li>
<li>Young people need clear facts about safer sex, so they can avoid sexually transmitted
infections and unplanned pregnancy. <a href="https://www.brook.org.uk/">Brook</a> advises
under-25s on sexual health and wellbeing and helps them find local services.</li>
<li>Think about how gender, culture and faith affect the way a young person feels about these
subjects. Some will need extra help to get advice. A young person who is competent to decide can
choose which advice is right for them.</li>
</ul>
""",
        ),
        (
            "When to act",
            """
<p><strong>Sexual activity involving a child aged 12 or younger is always a safeguarding
matter.</strong> In law a child under 13 cannot consent to sexual activity (Sexual Offences Act
2003). Tell your
designated safeguarding lead straight away. The child must be referred to children's social care
for assessment.</p>
<p>With older pupils, speak to your designated safeguarding lead if a relationship involves a
large age gap, control, threats, gifts or money, or if the young person seems frightened or cut
off from friends. Follow your school's child protection policy.</p>
<p>To talk to a health professional about a pupil's health or wellbeing, see
<a href="/help/">Get help</a>.</p>
""",
        ),
    ],
}


WHOLE_SCHOOL_RELATIONSHIPS_STRATEGY = {
    "slug": "whole-school-relationships-strategy",
    "title": "A whole-school approach to positive relationships",
    "kind": Resource.Kind.GUIDANCE,
    "summary": (
        "Practical steps to make sure every pupil has a trusted adult in school, and to build "
        "respectful relationships between pupils."
    ),
    "key_stages": ["ks1", "ks2", "ks3", "ks4", "ks5"],
    "audiences": ["school-staff"],
    "topics": ["healthy-relationships", "mental-health"],
    "related": ["healthy-relationships-in-school", "relationships-in-inclusive-provision"],
    "published_at": _published(2025, 2, 17),
    "last_reviewed": datetime.date(2025, 9, 22),
    # Overdue: the public page says it is being reviewed.
    "review_by": datetime.date(2025, 11, 1),
    "sections": [
        (
            "Why it matters",
            """
<p>When pupils feel accepted and valued, they feel they belong. That sense of belonging is a
large part of a school's culture. It is linked with better mental health, and with less drug and
alcohol use and fewer thoughts of suicide among young people.</p>
<p>This approach works on two kinds of relationship at once: between pupils and the adults in
school, and between pupils themselves. It works whether pupils are in the building or learning
remotely.</p>
""",
        ),
        (
            "A trusted adult for every pupil",
            """
<p>Every pupil needs at least one adult in school they trust and can turn to: a secure base. Any
member of staff can be that person, but it takes time and deliberate effort.</p>
<ul>
<li><strong>Tutor time with a purpose.</strong> Give small groups regular time, daily if you can,
with the same member of staff, who checks in with each pupil and looks out for them for as long
as they are at the school. This matters most for pupils with no adult at home to talk to.</li>
<li><strong>Greet pupils at the door.</strong> Say hello to each pupil by the name they like to
be called. It is a small thing, and pupils notice it.</li>
<li><strong>Get to know them.</strong> Share across the staff team what you learn about pupils'
interests, hopes and lives outside school.</li>
<li><strong>Be around.</strong> Be available before and after school and at break. Notice
kindness, effort and success, and respond warmly when a pupil comes to you.</li>
</ul>
""",
        ),
        (
            "Respectful relationships between pupils",
            """
<ul>
<li><strong>Give pupils a real say</strong> in decisions about school life.</li>
<li><strong>Agree norms together.</strong> Work with pupils to write a short set of statements
about how people here treat each other: in corridors, in class, when they disagree. Norms that
pupils helped to write shape how they behave towards one another.</li>
<li><strong>Groups where pupils belong.</strong> Support clubs, teams and peer support groups
that help pupils find their identity. Pupil-led groups for LGBT+ pupils and their friends, often
called GSAs, are linked with better self-esteem and less depression among those pupils.</li>
<li><strong>Practise kindness.</strong> Run activities that build empathy and compassion across
the school community.</li>
<li><strong>Teach relationship skills across the curriculum</strong>, not only in RSHE lessons:
consent, body image, values and making choices.</li>
<li><strong>Protect unstructured time.</strong> Older pupils need break and lunchtime too, to
relax and be with friends.</li>
</ul>
""",
        ),
        (
            "Getting started",
            """
<ol>
<li><strong>Map relationships.</strong> List every pupil in a year group and ask staff to mark
the pupils they have a positive relationship with. Pupils with no marks come first.</li>
<li><strong>Pick one or two actions</strong> from this page for the next half term, and agree how
you will know they are working, for example through a short pupil survey.</li>
<li><strong>Review with pupils</strong> at the end of term, and keep what works.</li>
</ol>
""",
        ),
    ],
}


RELATIONSHIPS_IN_INCLUSIVE_PROVISION = {
    "slug": "relationships-in-inclusive-provision",
    "title": "Relationships: what you may see and what helps",
    "kind": Resource.Kind.GUIDANCE,
    "summary": (
        "Signs that a pupil finds it hard to build trusting relationships, and the planned, "
        "everyday support a school can offer, from a key adult to PACE."
    ),
    "key_stages": ["eyfs", "ks1", "ks2", "ks3", "ks4", "ks5"],
    "audiences": ["school-staff", "professional"],
    "topics": ["attachment", "send", "healthy-relationships"],
    "related": ["whole-school-relationships-strategy", "healthy-relationships-in-school"],
    "published_at": _published(2025, 3, 24),
    "last_reviewed": datetime.date(2025, 10, 20),
    "sections": [
        (
            "What you may see",
            """
<p>Being able to trust adults and other children helps a child feel safe and secure.
Some children find these relationships hard to make or keep, often because of early experiences
or additional needs. You may notice that a child or young person:</p>
<ul>
<li>finds it hard to trust adults or make friends with other children</li>
<li>looks for a trusted adult all the time, in lessons and at break</li>
<li>does not ask for help, turns it down when it is offered, or does not look for comfort when
hurt or upset</li>
<li>stays on high alert and is hard to calm, even when an adult offers support</li>
<li>pushes away adults they have come to trust</li>
<li>finds it hard to put things right after a falling-out, and restorative conversations do not
seem to work</li>
<li>keeps worries to themselves when upset</li>
<li>struggles to share things about themselves, such as interests, likes and dislikes, that help
people connect</li>
<li>has friendships that come and go, and does not feel part of any group</li>
<li>finds it hard to say what makes them happy or sad in a relationship, or to say no</li>
<li>seems unaware of other people's feelings and needs</li>
<li>has little insight into what goes well or badly in their relationships</li>
<li>seems isolated or withdrawn, and avoids other people</li>
<li>needs to be in control to feel safe, and resists being guided by others</li>
<li>is overly affectionate or familiar with adults they know, and with strangers</li>
<li>finds it very hard to separate from their parent or carer</li>
<li>is easily drawn into risky behaviour by others, such as smoking, vaping, drug use or unsafe
sex</li>
</ul>
""",
        ),
        (
            "What helps",
            """
<p>Choose from these according to the child's needs. Not every idea will suit every child, so
review what works and change what does not.</p>
<h3>A safe base</h3>
<ul>
<li><strong>Attachment-based mentoring.</strong> A key adult in school becomes the child's safe
base and offers coaching and mentoring.</li>
<li><strong>A relational support plan.</strong> Write down who the child's key adults are and how
each will keep the child safe, stay connected with them, understand them and care for them.</li>
<li><strong>A co-regulation plan.</strong> Make sure every adult knows how to help the child calm
down, and what their own part in that is.</li>
<li><strong>Regular check-ins.</strong> Short, predictable meetings with a trusted adult for
feedback, guidance and a chance to reflect. They can draw on the school's behaviour or reward
records.</li>
<li><strong>Time to be together.</strong> Set aside time to play, talk and listen, and help the
child name and work through feelings. Safe experiences need to happen again and again.</li>
<li><strong>Pupil voice.</strong> Ask for the child's views and act on them, so they feel
respected and part of the school. Visual tools such as talking mats can help.</li>
</ul>
<h3>Holding the child in mind</h3>
<ul>
<li>Show the child you think about them when you are apart: “I thought of you at the weekend when
I saw your team had won.”</li>
<li>Ask them to look after something small for you until you come back, or draw matching
symbols on your hands.</li>
<li>Use <strong>transitional objects</strong>, such as a keyring, a note or a handkerchief that
smells of home, to keep a link with a parent or key adult during the day. Picture books about the
invisible ties between people can help explain the idea.</li>
<li>Remind them often that they are known and remembered, and talk about things you have done
together.</li>
</ul>
<h3>How adults are</h3>
<ul>
<li>All adults use <strong>PACE</strong>: playfulness, acceptance, curiosity and empathy.</li>
<li>Think about body language. Standing beside a child often feels safer to them than being
faced or stood over.</li>
<li>Notice kind and friendly acts and record them, for example in a friendship book. Include
kindness shown by other children. It helps the child learn what friendship looks like.</li>
</ul>
<h3>Endings and changes</h3>
<ul>
<li>Plan endings and moves with care. A memory book of good moments with key adults can
help.</li>
<li>Use pictures to show that existing relationships can carry on while new ones start.</li>
<li>Before a new key adult takes over, bring the child, the current key adult and the new one
together, so the new relationship begins from the safety of the one the child already has.</li>
</ul>
<h3>Friends and other points of view</h3>
<ul>
<li><strong>Peer support.</strong> An older pupil can be a mentor at lunch or in the playground,
or chosen friends can make the journey to school alongside the child.</li>
<li><strong>Understanding others.</strong> Help the child see that other people think and feel
differently from them, through barrier games and stories told from more than one point of view.
Older pupils can read books with several narrators.</li>
<li><strong>Looking back together.</strong> A consistent key adult can talk through past events
with the child, including times they made good choices, using tools such as comic strip
conversations.</li>
</ul>
""",
        ),
    ],
}


HARMFUL_SEXUAL_BEHAVIOUR_FRAMEWORK = {
    "slug": "nspcc-harmful-sexual-behaviour-framework",
    "title": "Harmful sexual behaviour: the NSPCC framework and resources for health professionals",
    "kind": Resource.Kind.GUIDANCE,
    "summary": (
        "An introduction to the NSPCC's framework for responding to harmful sexual behaviour by "
        "children and young people, and its guides, tools and films for health professionals."
    ),
    "publisher": "NSPCC",
    "key_stages": ["eyfs", "ks1", "ks2", "ks3", "ks4", "ks5"],
    "audiences": ["professional"],
    "topics": ["harmful-sexual-behaviour"],
    "related": ["healthy-relationships-in-school", "child-exploitation-signs-and-what-to-do"],
    "published_at": _published(2025, 4, 14),
    "last_reviewed": datetime.date(2025, 10, 13),
    "links": [
        (
            "NSPCC Learning",
            NSPCC_LEARNING,
            "The NSPCC's site for professionals, where the framework, guides, tools and films "
            "can be downloaded.",
        )
    ],
    "sections": [
        (
            "Why it matters",
            """
<p>Harmful sexual behaviour by children is not rare. Other children and young people are
responsible for at least one in three sexual offences against UK children, and much abuse is
never reported, so the real figure is likely to be higher.</p>
<p>Anyone who works with children, health staff included, needs to be able to tell sexual
behaviour that is expected for a child's age and development from behaviour that is
inappropriate, problematic or harmful. Then they need to respond in a way that gets the right
help to every child involved: the child who was harmed and the child who caused harm.</p>
""",
        ),
        (
            "The framework",
            """
<p>The NSPCC's Harmful Sexual Behaviour Framework helps local areas plan how agencies work with
children and young people who display harmful sexual behaviour. It has been updated with recent
evidence. Use it when you write or review local policies and procedures, so everyone knows who
does what.</p>
<p>A separate <strong>quick guide</strong> is for people with a strategic role, such as those who
coordinate child protection and harmful sexual behaviour responses across an area.</p>
""",
        ),
        (
            "Resources for health professionals",
            """
<p>The NSPCC produced a set of resources for health staff. Health Education England
commissioned the work, with support from the National Workforce Skills Development Unit:</p>
<ul>
<li><strong>step-by-step guides</strong> that explain which behaviours are healthy and which are
not, and what response each calls for</li>
<li><strong>downloadable tools</strong> to use in practice</li>
<li><strong>filmed interviews</strong> with health professionals about their work</li>
</ul>
<p>St Helens was an early adopter of the framework. Staff from NHS St Helens Clinical
Commissioning Group, St Helens Council and North West Boroughs NHS Foundation Trust took part in
the filmed interviews.</p>
""",
        ),
        (
            "Using them in your service",
            """
<ul>
<li>Start with the step-by-step guide that matches your role, and keep it to hand.</li>
<li>Watch a film together in a team meeting or group supervision and talk about how your
service would respond.</li>
<li>Check that your local procedures say who to contact about harmful sexual behaviour, and that
new staff know where to find them.</li>
<li>If a child may have been harmed, or may be at risk, follow your local safeguarding procedures
and make a referral to children's social care.</li>
</ul>
<p>Everything is on <a href="https://learning.nspcc.org.uk/">NSPCC Learning</a>, the NSPCC's
website of training, research and resources for people who work with children.</p>
""",
        ),
    ],
}


def _nspcc_lesson_pack(*, stage, stage_name, slug_related, published, reviewed, **extra):
    """The three NSPCC packs share a shape: an overview, preparation and aftercare."""
    return {
        "slug": f"nspcc-healthy-relationships-{stage}",
        "title": f"NSPCC healthy relationships lessons: {stage_name}",
        "kind": Resource.Kind.LESSON_PACK,
        "publisher": "NSPCC",
        "licence": NSPCC_LICENCE,
        "key_stages": [stage],
        "audiences": ["school-staff"],
        "related": slug_related,
        "published_at": published,
        "last_reviewed": reviewed,
        "links": [
            (
                "NSPCC Learning",
                NSPCC_LEARNING,
                f"Search NSPCC Learning for its healthy relationships resources for {stage_name}. "
                "Its guidance on using its teaching resources is there too.",
            )
        ],
        **extra,
    }


DISCLOSURE_BODY = """
<p>Lessons about relationships sometimes lead a pupil to tell an adult about something that is
happening to them. If that happens:</p>
<ul>
<li>listen calmly and let them talk; do not ask leading questions</li>
<li>tell them they were right to tell you</li>
<li>do not promise to keep it secret: explain that you will need to tell someone whose job is to
help</li>
<li>write down what they said, in their words, with the date and time</li>
<li>tell your designated safeguarding lead the same day, following your school's child protection
policy</li>
</ul>
"""


NSPCC_KS2 = _nspcc_lesson_pack(
    stage="ks2",
    stage_name="key stage 2",
    slug_related=[
        "nspcc-healthy-relationships-ks3",
        "body-safety-talking-with-young-children",
        "healthy-relationships-in-school",
    ],
    published=_published(2025, 5, 12),
    reviewed=datetime.date(2025, 10, 27),
    summary=(
        "NSPCC lessons for years 3 to 6 on friendship, respect and feeling safe, with notes on "
        "preparing to teach them and handling what pupils tell you."
    ),
    topics=["healthy-relationships", "rse"],
    sensitive_content=(
        "Healthy relationships lessons at this stage talk about feeling unsafe in friendships and "
        "families and about telling a trusted adult. Some pupils may recognise their own "
        "situation: tell your designated safeguarding lead before you teach and plan for "
        "disclosures. Check the pack itself for its exact content."
    ),
    sections=[
        (
            "Lesson overview",
            """
<p>This NSPCC pack supports the relationships education that primary schools in England must
teach. At key stage 2, healthy relationships teaching usually covers:</p>
<ul>
<li>families and the people who care for us</li>
<li>what makes a good friend, and how to sort out falling-outs</li>
<li>treating others with respect, including people who are different from us</li>
<li>staying kind and safe online</li>
<li>recognising when something feels wrong, and who to tell</li>
</ul>
<p>Check the current lesson plans on NSPCC Learning to see which of these the pack covers and
how long each lesson takes.</p>
""",
        ),
        (
            "Before you teach",
            """
<ul>
<li>Read the lesson plans and slides all the way through, and the NSPCC's guidance on using its
teaching resources.</li>
<li>Tell your designated safeguarding lead when you are teaching the lessons.</li>
<li>Think about pupils who may find them hard, for example a child living with domestic abuse,
and speak to them or their key adult beforehand.</li>
<li>Agree ground rules with the class: we listen, we do not name people, anyone can pass.</li>
<li>Use stories and characters rather than pupils' own lives, and set up a box for anonymous
questions.</li>
<li>Let parents and carers know what you will be teaching. Relationships education is compulsory
in primary schools, and parents cannot withdraw their child from it.</li>
</ul>
""",
        ),
        ("If a pupil tells you something", DISCLOSURE_BODY),
    ],
)


NSPCC_KS3 = _nspcc_lesson_pack(
    stage="ks3",
    stage_name="key stage 3",
    slug_related=[
        "nspcc-healthy-relationships-ks2",
        "nspcc-healthy-relationships-ks4",
        "online-safety-a-guide-for-parents",
    ],
    published=_published(2025, 6, 9),
    reviewed=datetime.date(2025, 10, 27),
    summary=(
        "NSPCC lessons for years 7 to 9 on respect, pressure and consent in friendships and first "
        "relationships, with notes on preparing to teach them."
    ),
    topics=["healthy-relationships", "rse", "consent"],
    sensitive_content=(
        "Healthy relationships lessons at this stage deal with pressure and control in "
        "friendships and early relationships, consent, and pressure online. Pupils affected by "
        "abuse at home or in their own relationships may find them upsetting: plan for "
        "disclosures and give pupils a quiet way to leave the room. Check the pack itself for its "
        "exact content."
    ),
    sections=[
        (
            "Lesson overview",
            """
<p>This NSPCC pack supports the relationships and sex education that secondary schools in
England must teach. At key stage 3, healthy relationships teaching usually covers:</p>
<ul>
<li>what respect, trust and kindness look like in friendships and first relationships</li>
<li>the difference between healthy and controlling behaviour</li>
<li>consent: asking, agreeing, and the right to change your mind</li>
<li>pressure online, including being asked for images</li>
<li>where to get help, in school and outside it</li>
</ul>
<p>Check the current lesson plans on NSPCC Learning to see which of these the pack covers and
how long each lesson takes.</p>
""",
        ),
        (
            "Before you teach",
            """
<ul>
<li>Read the lesson plans and slides all the way through, and the NSPCC's guidance on using its
teaching resources.</li>
<li>Tell your designated safeguarding lead when you are teaching the lessons, and check whether
any pupil needs a conversation first.</li>
<li>Agree ground rules: no personal stories about named people, anyone can pass, and no question
is silly.</li>
<li>Use scenarios and characters so pupils can discuss hard subjects at a distance, and set up a
way to ask questions anonymously.</li>
<li>Tell parents and carers what you will be teaching. They can ask for their child to be
withdrawn from sex education, but not from relationships or health education.</li>
</ul>
""",
        ),
        (
            "After the lesson",
            DISCLOSURE_BODY
            + """
<p>End every lesson by showing pupils where to get help, including
<a href="https://www.childline.org.uk/">Childline</a> and the <a href="/help/">Get help</a>
page.</p>
""",
        ),
    ],
)


NSPCC_KS4 = _nspcc_lesson_pack(
    stage="ks4",
    stage_name="key stage 4",
    slug_related=[
        "nspcc-healthy-relationships-ks3",
        "healthy-relationships-in-school",
        "child-exploitation-signs-and-what-to-do",
    ],
    published=_published(2025, 7, 7),
    reviewed=datetime.date(2025, 10, 27),
    summary=(
        "NSPCC lessons for years 10 and 11 on abuse and control in teenage relationships, "
        "consent and getting help, with notes on preparing to teach them."
    ),
    topics=["healthy-relationships", "rse", "consent"],
    sensitive_content=(
        "Healthy relationships lessons at this stage deal with abuse and coercive control in "
        "teenage relationships, consent, and pressure to share nude images. Some pupils will "
        "have direct experience: tell your designated safeguarding lead before you teach, plan "
        "for disclosures and share support details at the end. Check the pack itself for its "
        "exact content."
    ),
    sections=[
        (
            "Lesson overview",
            """
<p>This NSPCC pack supports the relationships and sex education that secondary schools in
England must teach. At key stage 4, healthy relationships teaching usually covers:</p>
<ul>
<li>recognising abuse in teenage relationships, including controlling and coercive
behaviour</li>
<li>consent and the law, including the age of consent</li>
<li>sharing images and what the law says about it</li>
<li>how to support a friend who is in an unhealthy relationship</li>
<li>sexual health and where young people can get confidential advice</li>
</ul>
<p>Check the current lesson plans on NSPCC Learning to see which of these the pack covers and
how long each lesson takes.</p>
""",
        ),
        (
            "Before you teach",
            """
<ul>
<li>Read the lesson plans and slides all the way through, and the NSPCC's guidance on using its
teaching resources.</li>
<li>Tell your designated safeguarding lead when you are teaching the lessons. Pupils in
abusive relationships may disclose during or after them.</li>
<li>Agree ground rules: no personal stories about named people, anyone can pass, and everyone's
questions are taken seriously.</li>
<li>Use scenarios rather than pupils' own lives, and offer a way to ask questions
anonymously.</li>
<li>Tell parents and carers what you will be teaching. They can ask for their child to be
withdrawn from sex education, but not from relationships or health education.</li>
</ul>
""",
        ),
        (
            "After the lesson",
            DISCLOSURE_BODY
            + """
<p>Finish by showing pupils where to get help: <a href="https://www.childline.org.uk/">Childline</a>,
<a href="https://www.brook.org.uk/">Brook</a> for sexual health advice, and the
<a href="/help/">Get help</a> page.</p>
""",
        ),
    ],
)


ONLINE_SAFETY_FOR_PARENTS = {
    "slug": "online-safety-a-guide-for-parents",
    "title": "Online safety: a guide for parents and carers",
    "kind": Resource.Kind.GUIDANCE,
    "summary": (
        "How to help your child enjoy being online and stay safe: age limits, privacy settings, "
        "talking about nudes, bullying and strangers, and where to get help."
    ),
    "key_stages": ["ks2", "ks3", "ks4", "ks5"],
    "audiences": ["parent", "young-person"],
    "topics": ["online-safety", "consent", "parenting"],
    "related": [
        "healthy-relationships-in-school",
        "child-exploitation-signs-and-what-to-do",
        "nspcc-healthy-relationships-ks3",
    ],
    "published_at": _published(2025, 8, 18),
    "last_reviewed": datetime.date(2025, 11, 3),
    # Due within the reminder window: its owner is e-mailed.
    "review_by": datetime.date(2025, 11, 20),
    "sections": [
        (
            "Age limits and settings",
            """
<p>Being online can be a great way for children to learn, play and keep in touch with friends.
A few simple steps make it safer.</p>
<ul>
<li><strong>Check the age limit</strong> before your child joins an app or game. Most social
media apps have a minimum age, often 13.</li>
<li><strong>Set up devices together.</strong> Turn on parental controls and go through the
privacy settings with your child.</li>
<li><strong>Keep accounts private</strong>, so only people your child knows can see their posts
or message them.</li>
<li><strong>Turn off location sharing</strong> in apps that do not need it.</li>
<li><strong>Agree where devices go at night.</strong> Many families keep them out of
bedrooms.</li>
<li><strong>Check again</strong> after updates, and as your child gets older.</li>
</ul>
""",
        ),
        (
            "Talking about nudes and sexting",
            """
<p>Some young people are asked to send nude or sexual pictures, by people they know or by
strangers. Talk about it before it happens, calmly, so your child knows they can come to
you.</p>
<ul>
<li>Tell them they can always say no. Anyone who keeps asking, or makes threats, is not treating
them well.</li>
<li>Explain that once a picture is sent, they cannot control where it goes.</li>
<li>If they tell you a picture has been shared, stay calm and thank them for telling you. Do not
copy or forward it, even to report it: sharing sexual images of under-18s is against the
law.</li>
<li>Ask your child's school for help: the designated safeguarding lead deals with this. If your
child is being threatened, contact the police.</li>
</ul>
""",
        ),
        (
            "Bullying online",
            """
<p>Your child might be upset after using their phone, hide the screen, or not want to go to
school. If they tell you they are being bullied online:</p>
<ul>
<li>listen, and tell them it is not their fault</li>
<li>try not to take their phone away as a punishment, or they may stop telling you things</li>
<li>take screenshots of the messages, then block and report the people sending them</li>
<li>tell the school, even if the bullying happens outside school hours</li>
</ul>
""",
        ),
        (
            "Contact from strangers",
            """
<p>Some people online pretend to be someone else. They may be very friendly, give compliments or
gifts, ask your child to keep things secret, or try to move the chat somewhere private.</p>
<ul>
<li>Tell your child never to meet someone they only know online without you.</li>
<li>Make sure they know they can tell you if anyone online makes them feel uncomfortable, and
that they will not be in trouble.</li>
<li>If you think a child is in immediate danger, call 999.</li>
</ul>
""",
        ),
        (
            "Where to get help",
            """
<ul>
<li><strong>In Norfolk:</strong> parents and carers can text Parentline on 07520 631590, and
young people can text ChatHealth on 07480 635060. Both reach health professionals from the
Just One Number service, which you can also call on 0300 300 0123.</li>
<li><strong>Young people anywhere</strong> can find advice on
<a href="https://www.childline.org.uk/">Childline</a>.</li>
<li>For all the services on this site and when they are open, see
<a href="/help/">Get help</a>.</li>
</ul>
""",
        ),
    ],
}


CHILD_EXPLOITATION = {
    "slug": "child-exploitation-signs-and-what-to-do",
    "title": "Child exploitation: spotting the signs and what to do",
    "kind": Resource.Kind.GUIDANCE,
    "summary": (
        "For school staff: what child sexual exploitation is, signs that a pupil may be at risk, "
        "what to do if you are worried, and an example of group work that helps."
    ),
    "key_stages": ["ks3", "ks4", "ks5"],
    "audiences": ["school-staff", "professional"],
    "topics": ["exploitation", "healthy-relationships"],
    "related": [
        "healthy-relationships-in-school",
        "nspcc-harmful-sexual-behaviour-framework",
        "online-safety-a-guide-for-parents",
    ],
    "published_at": _published(2025, 9, 15),
    "last_reviewed": datetime.date(2025, 11, 3),
    "sections": [
        (
            "What it is",
            """
<p>Child sexual exploitation is a form of child sexual abuse. Someone uses their power over a
child or young person under 18 to involve them in sexual activity, sometimes in exchange for
something the young person wants or needs, such as attention, gifts, money or somewhere to stay.
It can happen in person or online.</p>
<p>It often stays hidden. Young people may not tell anyone, and may not see themselves as being
abused. It affects thousands of under-18s in England every year and does lasting harm to them
and their families. Noticing early makes a difference.</p>
""",
        ),
        (
            "Signs to look out for",
            """
<p>Be curious if a pupil:</p>
<ul>
<li>goes missing from home, care or school, or is often absent or late</li>
<li>takes risks, such as using drugs or alcohol or having unsafe sex</li>
<li>has low self-esteem</li>
<li>is in a relationship that is not right for their age, for example with someone much
older</li>
<li>has gifts, money, clothes or a phone they cannot explain</li>
<li>changes in mood, behaviour or appearance, or drops old friends for new, older ones</li>
<li>is picked up from school by adults staff do not know</li>
</ul>
<p>One sign on its own does not prove exploitation. A pattern, or a change in a young person,
is a reason to act.</p>
""",
        ),
        (
            "What to do if you are worried",
            """
<ol>
<li>If a young person is in immediate danger, call 999.</li>
<li>Tell your designated safeguarding lead the same day, and follow your school's child
protection policy.</li>
<li>Write down what you saw or were told, in the young person's words, with the date and
time.</li>
<li>Do not investigate, and do not confront anyone you suspect.</li>
<li>Keep talking to the young person, kindly and without judging. They may be angry, or protect
the person who is exploiting them.</li>
</ol>
<p>The designated safeguarding lead decides whether to refer to children's social care, and may
also suggest specialist support.</p>
""",
        ),
        (
            "Group work that helps",
            """
<p>Group work can help young people recognise healthy relationships, so they are less easy to
exploit. One example is the healthy relationships programme run by Hertfordshire's Services for
Young People, as part of the county's campaign against child sexual exploitation.</p>
<ul>
<li>It is for young people aged 13 to 17 (up to 25 for care leavers and young people with
learning difficulties or disabilities) who may be at risk, or show signs of being vulnerable to
exploitation.</li>
<li>Local district teams run the groups, which can be for boys, for girls, or mixed.</li>
<li>Staff take time to build trust, support young people for as long as they need it, and help
them find support from each other and from local services.</li>
</ul>
<p>Parents, carers and professionals can refer a young person: see the
<a href="/help/hertfordshire-healthy-relationships-programme/">programme's details</a>. Ask your
designated safeguarding lead what similar support exists where you are.</p>
""",
        ),
    ],
}


BODY_SAFETY = {
    "slug": "body-safety-talking-with-young-children",
    "title": "Body safety: talking with young children",
    "kind": Resource.Kind.GUIDANCE,
    "summary": (
        "Simple, calm ways for parents and early years and key stage 1 staff to teach young "
        "children that their body belongs to them, and who to tell if something worries them."
    ),
    "key_stages": ["eyfs", "ks1"],
    "audiences": ["parent", "school-staff"],
    "topics": ["consent", "parenting", "healthy-relationships"],
    "related": ["nspcc-healthy-relationships-ks2", "online-safety-a-guide-for-parents"],
    "published_at": _published(2025, 10, 13),
    "last_reviewed": datetime.date(2025, 10, 13),
    "sections": [
        (
            "Why talk about it early",
            """
<p>Young children can learn simple rules that help keep them safe, in the same calm way they
learn to cross the road. Talking early and often makes it easier for a child to tell you if
something is wrong. You do not need to frighten them or go into detail.</p>
""",
        ),
        (
            "Key messages",
            """
<ul>
<li><strong>Your body belongs to you.</strong> Nobody should touch you in a way you do not
like.</li>
<li><strong>Private parts are private.</strong> These are the parts covered by underwear. No one
should ask to see or touch them, or ask you to look at or touch theirs. The exceptions are
keeping you clean or healthy, like a parent at bath time or a doctor with your parent there.</li>
<li><strong>Use the real names</strong> for parts of the body. It helps children explain clearly
if something happens.</li>
<li><strong>You can say no</strong>, even to a grown-up you know, and then tell someone.</li>
<li><strong>Surprises, not secrets.</strong> A surprise is fun and everyone finds out soon, like a
birthday present. A secret that makes you feel worried or funny inside should always be
told.</li>
<li><strong>Know who to tell.</strong> Help the child name a few trusted adults, at home and at
school or nursery.</li>
</ul>
""",
        ),
        (
            "Make it part of everyday life",
            """
<ul>
<li>Use everyday moments, such as bath time, getting dressed or a bedtime story.</li>
<li>Keep it short, and answer questions honestly in words your child understands.</li>
<li>Respect your child's “no” to hugs and tickles. Let them choose how to say hello or goodbye to
relatives, such as a wave or a high five.</li>
<li>In school or nursery, use stories, puppets and circle time to practise saying no and asking
for help.</li>
</ul>
""",
        ),
        (
            "If a child tells you something",
            """
<ul>
<li>Stay calm, listen, and tell them they did the right thing by telling you.</li>
<li>Do not promise to keep it a secret.</li>
<li>If you are a member of staff, tell your designated safeguarding lead straight away.</li>
<li>If you are a parent or carer, contact your local children's social care team or the police.
If a child is in immediate danger, call 999.</li>
</ul>
<p>For other support, see <a href="/help/">Get help</a>.</p>
""",
        ),
    ],
}


RESOURCES = [
    HEALTHY_RELATIONSHIPS_IN_SCHOOL,
    WHOLE_SCHOOL_RELATIONSHIPS_STRATEGY,
    RELATIONSHIPS_IN_INCLUSIVE_PROVISION,
    HARMFUL_SEXUAL_BEHAVIOUR_FRAMEWORK,
    NSPCC_KS2,
    NSPCC_KS3,
    NSPCC_KS4,
    ONLINE_SAFETY_FOR_PARENTS,
    CHILD_EXPLOITATION,
    BODY_SAFETY,
]


def _assign(instance: models.Model, values: dict) -> bool:
    """Set ``values`` on ``instance``; say whether anything was different."""
    changed = False
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    return changed


def upsert(model: type[models.Model], *, lookup: dict, values: dict) -> models.Model:
    """Create or update the row found by ``lookup`` so it holds ``values``, validated as the
    admin validates it. A row that already holds them is not saved again, so a second run of the
    loader writes nothing (``updated_at`` and search vectors stay as they were)."""
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    if _assign(instance, values) or instance.pk is None:
        instance.full_clean()
        instance.save()
    return instance


def replace_children(manager, rows: list[dict]) -> None:
    """Make a parent's ordered children (sections, links, opening hours) exactly ``rows``.

    Existing children are updated in place, in their current order, so a re-run keeps their ids
    and writes nothing; children beyond ``rows`` (an editor's additions) are removed.
    """
    existing = list(manager.all())
    for index, values in enumerate(rows):
        child = (
            existing[index]
            if index < len(existing)
            else manager.model(**{manager.field.name: manager.instance})
        )
        if _assign(child, values) or child.pk is None:
            child.full_clean()
            child.save()
    for child in existing[len(rows) :]:
        child.delete()


@transaction.atomic
def load_demo_topics() -> list[Topic]:
    return [
        upsert(
            Topic,
            lookup={"slug": topic["slug"]},
            values={"name": topic["name"], "description": topic["description"]},
        )
        for topic in TOPICS
    ]


@transaction.atomic
def load_demo_resources(
    today: datetime.date | None = None,
) -> tuple[list[Topic], list[Resource]]:
    """Upsert the demo topics and resources by slug, restoring any demo row an editor changed.
    Review dates are moved to ``today`` (by default the local date): see ``demo_date``."""
    today = today or timezone.localdate()
    topics = load_demo_topics()
    topics_by_slug = {topic.slug: topic for topic in topics}
    resources = []
    for data in RESOURCES:
        resource = upsert(
            Resource,
            lookup={"slug": data["slug"]},
            values={
                "title": data["title"],
                "kind": data["kind"],
                "summary": data["summary"],
                "publisher": data.get("publisher", ""),
                "licence": data.get("licence", ""),
                "sensitive_content": data.get("sensitive_content", ""),
                "status": PublicationStatus.PUBLISHED,
                "published_at": data["published_at"],
                "last_reviewed": demo_date(data["last_reviewed"], today),
                "review_by": demo_date(data.get("review_by"), today),
            },
        )
        resource.key_stages.set(data["key_stages"])
        resource.audiences.set(data["audiences"])
        resource.topics.set([topics_by_slug[slug] for slug in data["topics"]])
        replace_children(
            resource.sections,
            # Stored bodies are sanitised on save; comparing against the sanitised form keeps
            # an unchanged section from being written again.
            [
                {"heading": heading, "body": sanitise_html(body), "order": order}
                for order, (heading, body) in enumerate(data["sections"])
            ],
        )
        replace_children(
            resource.links,
            [
                {"title": title, "url": url, "description": description, "order": order}
                for order, (title, url, description) in enumerate(data.get("links", []))
            ],
        )
        resource_sync_body_text(resource=resource)
        resources.append(resource)

    # Related resources point at each other, so they are linked once every resource exists.
    resources_by_slug = {resource.slug: resource for resource in resources}
    for data in RESOURCES:
        resources_by_slug[data["slug"]].related.set(
            [resources_by_slug[slug] for slug in data["related"]]
        )
    return topics, resources
