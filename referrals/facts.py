"""What young people ask before they get in touch, kept as data per contact route.

"Will they tell my parents?", "Will it show on the phone bill?", "Do I have to give my name?",
"Is it free from a mobile?": each is a fact of a route that editors answer yes, no or "it
depends", with an optional short note. A fact left blank is not known, and is shown as nothing:
never guessed from the kind of route.

This module is the one place that words them: the admin's questions, the lines on route cards,
the user-phrased choices of the /help/ filter, and the terms of the API's taxonomy.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.html import escape, format_html
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DEPENDS = "depends", "It depends"


NOT_KNOWN_LABEL = "Not known (shows nothing)"


def answer_field(question: str) -> models.CharField:
    return models.CharField(
        question,
        max_length=7,
        choices=Answer.choices,
        blank=True,
        default="",
        help_text="Leave empty when the service does not say: nothing is shown.",
    )


def note_field() -> models.CharField:
    return models.CharField(
        "note",
        max_length=200,
        blank=True,
        help_text="Optional, in plain words, shown after the answer: when it depends, say on what.",
    )


@dataclass(frozen=True)
class Fact:
    code: str  # the model field; its note is ``<code>_note``
    question: str  # the admin's label and the API term's name
    yes: str
    no: str
    depends: str

    def line(self, answer: str, note: str = "") -> str:
        """The answer as one short sentence, with the note after it; "" when not known."""
        words = {Answer.YES: self.yes, Answer.NO: self.no, Answer.DEPENDS: self.depends}.get(
            answer, ""
        )
        if not words:
            return ""
        return f"{words} {note.strip()}" if note.strip() else str(words)


FACTS = (
    Fact(
        code="self_contact",
        question="A young person can contact it themselves",
        yes=_("Young people can get in touch themselves."),
        no=_("An adult or a professional gets in touch for the young person."),
        depends=_("Whether young people can get in touch themselves depends."),
    ),
    Fact(
        code="anonymous",
        question="Anonymous: no name needed",
        yes=_("You do not have to give your name."),
        no=_("You will be asked for your name."),
        depends=_("You may be asked for your name."),
    ),
    Fact(
        code="confidential",
        question="Confidential",
        yes=_(
            "What you say is kept private. They would only tell someone else if they think you "
            "or someone else is in danger."
        ),
        no=_("What you say may be shared with other people."),
        depends=_("What you say is usually kept private, but not always."),
    ),
    Fact(
        code="free_from_mobiles",
        question="Free from mobiles",
        yes=_("Free from a mobile phone."),
        no=_("Not free from a mobile phone."),
        depends=_("Free from some mobile phones."),
    ),
    Fact(
        code="off_phone_bill",
        question="Does not show on the phone bill",
        yes=_("Does not show on the phone bill."),
        no=_("Shows on the phone bill."),
        depends=_("May show on the phone bill."),
    ),
    Fact(
        code="parent_told",
        question="A parent or carer is told",
        yes=_("A parent or carer is told."),
        no=_("Parents and carers are not told."),
        depends=_("A parent or carer may be told."),
    ),
)
FACTS_BY_CODE = {fact.code: fact for fact in FACTS}
# Every model field the facts use: each answer, then its note.
FIELD_NAMES = tuple(name for fact in FACTS for name in (fact.code, f"{fact.code}_note"))
# The notes are the editors' own words, so they are translated like the rest of a route's text.
NOTE_FIELDS = tuple(f"{fact.code}_note" for fact in FACTS)


class FactLine(str):
    """A fact's sentence with its note. Printed in a template, a note that is still in English
    on a page in another language is marked as English (``referrals.translations``)."""

    def __new__(cls, words: str, note: str):
        value = super().__new__(cls, f"{words} {note}" if note else words)
        value.words, value.note = words, note
        return value

    def __html__(self) -> str:
        return format_html("{} {}", self.words, self.note) if self.note else escape(self.words)


def fact_lines(route) -> list[FactLine]:
    """The route's known facts as short sentences, in a fixed order; blanks are left out. The
    notes are in the active language where translated."""
    lines = []
    for fact in FACTS:
        words = fact.line(getattr(route, fact.code))
        if words:
            note = route.translated(f"{fact.code}_note")
            lines.append(FactLine(words, note if note.strip() else ""))
    return lines


# ------------------------------------------------------------------------------
# The /help/ filter: choices in the words of the person asking
# ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Need:
    value: str  # in the address: /help/?need=parents-not-told
    label: str
    fact: str
    answer: str


# Only routes that say so match: "it depends" and "not known" never do.
NEEDS = (
    Need(
        "parents-not-told", _("I don’t want my parents or carers to know"), "parent_told", Answer.NO
    ),
    Need("no-name", _("I don’t want to give my name"), "anonymous", Answer.YES),
    Need("not-on-bill", _("It must not show on the phone bill"), "off_phone_bill", Answer.YES),
    Need("free-from-mobile", _("It must be free from a mobile"), "free_from_mobiles", Answer.YES),
)
NEEDS_BY_VALUE = {need.value: need for need in NEEDS}
