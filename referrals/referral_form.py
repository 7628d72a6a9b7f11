"""The public referral form: the questions a service chose, from a fixed and tested set.

GOV.UK patterns throughout: one label per question, a hint where it helps, radios for fixed
answers, and errors that say what to do. The form never guesses: a question the service did
not choose is not asked, and its answer is stored as ``None`` ("not asked"), not as "no".
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.core.public_forms import HoneypotFormMixin

from .phone_numbers import format_phone_number, normalise_phone_number
from .referral_models import (
    CONCERN_MAX_LENGTH,
    SHORT_ANSWER_MAX_LENGTH,
    Consent,
    ContactMethod,
    ReferralFormSettings,
    ReferrerRole,
    YesNo,
)

MAX_CHILD_AGE = 25

# Which settings switch decides whether each field is asked.
QUESTION_FIELDS = {
    "ask_role": ("referrer_role",),
    "ask_relationship": ("relationship",),
    "ask_child_age": ("child_age", "dob_day", "dob_month", "dob_year"),
    "ask_school": ("school",),
    "ask_consent": ("parent_consent", "young_person_consent"),
    "ask_contact": (
        "referrer_name",
        "referrer_phone",
        "referrer_email",
        "contact_method",
        "contact_times",
        "safe_to_leave_message",
    ),
    "ask_urgency": ("urgent",),
}
DATE_OF_BIRTH_PARTS = ("dob_day", "dob_month", "dob_year")
DATE_OF_BIRTH_PART_MISSING = {
    "dob_day": _("The date of birth must include a day."),
    "dob_month": _("The date of birth must include a month."),
    "dob_year": _("The date of birth must include a year."),
}

PARENT_CONSENT_NEEDED = _(
    "This service can only take a referral when the child's parent or carer agrees to it. Talk "
    "to them first, or call the service to talk it through."
)
YOUNG_PERSON_CONSENT_NEEDED = _(
    "This service can only take a referral when the young person agrees to it. Talk to them "
    "first, or call the service to talk it through."
)


def _text(
    label,
    *,
    max_length=SHORT_ANSWER_MAX_LENGTH,
    help_text="",
    autocomplete="off",
    required_message="",
    **kw,
):
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": autocomplete, "spellcheck": "false"}),
        error_messages={
            # Lazy, so the label and the sentence are both in the page's language.
            "max_length": format_lazy(
                _("{label} must be {limit} characters or fewer."), label=label, limit=max_length
            ),
            **({"required": required_message} if required_message else {}),
        },
        **kw,
    )


def _radios(label, choices, *, required_message, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        help_text=help_text,
        widget=forms.RadioSelect,
        error_messages={
            "required": required_message,
            "invalid_choice": required_message,
        },
    )


def _date_part(label, *, min_value, max_value):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=min_value,
        max_value=max_value,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": _("The date of birth must be a real date, in numbers."),
            "min_value": _("The date of birth must be a real date."),
            "max_value": _("The date of birth must be a real date."),
        },
    )


class ReferralForm(HoneypotFormMixin):
    referrer_role = _radios(
        _("Who is making this referral?"),
        ReferrerRole.choices,
        required_message=_("Select who is making this referral."),
    )
    relationship = _text(
        _("Your relationship to the child or young person"),
        required_message=_("Enter your relationship to the child or young person."),
        help_text=_("For example: class teacher, school nurse, grandparent, youth worker."),
    )
    child_age = forms.IntegerField(
        label=_("How old is the child or young person?"),
        required=False,
        min_value=0,
        max_value=MAX_CHILD_AGE,
        help_text=_("In years. Or, if you know it, give their date of birth below instead."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Enter the age in whole years, for example 14."),
            "min_value": format_lazy(_("Enter an age from 0 to {oldest}."), oldest=MAX_CHILD_AGE),
            "max_value": format_lazy(_("Enter an age from 0 to {oldest}."), oldest=MAX_CHILD_AGE),
        },
    )
    dob_day = _date_part(_("Day"), min_value=1, max_value=31)
    dob_month = _date_part(_("Month"), min_value=1, max_value=12)
    dob_year = _date_part(_("Year"), min_value=1900, max_value=9999)
    school = _text(
        _("The child's school, college or nursery"),
        required=False,
        help_text=_("Leave empty if they are not in education or you do not know."),
    )
    concern = forms.CharField(
        label=_("What are you worried about?"),
        max_length=CONCERN_MAX_LENGTH,
        help_text=format_lazy(
            _(
                "Say what has happened or what you have noticed, since when, and anything that "
                "has been tried already. Up to {limit} characters."
            ),
            limit=f"{CONCERN_MAX_LENGTH:,}",
        ),
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "true"}),
        error_messages={
            "required": _("Enter what you are worried about."),
            "max_length": format_lazy(
                _(
                    "What you are worried about must be {limit} characters or fewer. Shorten "
                    "it, and say in it that you can tell the team more."
                ),
                limit=f"{CONCERN_MAX_LENGTH:,}",
            ),
        },
    )
    parent_consent = _radios(
        _("Does the child's parent or carer know about this referral and agree to it?"),
        Consent.choices,
        required_message=_("Select whether the parent or carer agrees to this referral."),
    )
    young_person_consent = _radios(
        _("Does the young person know about this referral and agree to it?"),
        Consent.choices,
        required_message=_("Select whether the young person agrees to this referral."),
        help_text=_("If you are the young person, choose “Yes”."),
    )
    referrer_name = _text(
        _("Your name"), autocomplete="name", required_message=_("Enter your name.")
    )
    referrer_phone = _text(
        _("Your phone number"),
        max_length=30,
        required=False,
        autocomplete="tel",
        help_text=_("Give a phone number, an email address, or both."),
    )
    referrer_email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the right format, like name@example.org."),
            "max_length": _("Your email address must be 254 characters or fewer."),
        },
    )
    contact_method = forms.ChoiceField(
        label=_("How would you like the team to contact you?"),
        choices=ContactMethod.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select how you would like to be contacted.")},
    )
    contact_times = _text(
        _("When is the best time to contact you?"),
        required=False,
        help_text=_("For example: weekday mornings, or after 3:30pm."),
    )
    safe_to_leave_message = forms.ChoiceField(
        label=_("Is it safe to leave you a message?"),
        choices=YesNo.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("A voicemail, a text or an email that someone else might see."),
        error_messages={"invalid_choice": _("Select whether it is safe to leave a message.")},
    )
    urgent = _radios(
        _("Is this urgent?"),
        YesNo.choices,
        required_message=_("Select whether this is urgent."),
        help_text=_(
            "Urgent means you need the team to read it on their next working day. If a "
            "child is in danger now, do not use this form: call 999."
        ),
    )

    def __init__(self, *args, form_settings: ReferralFormSettings, today: datetime.date, **kw):
        super().__init__(*args, **kw)
        self.form_settings = form_settings
        self.today = today
        asked = self.asked_questions(form_settings)
        for switch, names in QUESTION_FIELDS.items():
            if switch not in asked:
                for name in names:
                    del self.fields[name]
        if "child_age" in self.fields:
            # Needed unless the date of birth is given: not "optional".
            self.fields["child_age"].hide_optional = True

    @staticmethod
    def asked_questions(form_settings: ReferralFormSettings) -> set[str]:
        asked = {switch for switch in QUESTION_FIELDS if getattr(form_settings, switch)}
        if form_settings.asks_consent:
            asked.add("ask_consent")
        return asked

    @property
    def asks_date_of_birth(self) -> bool:
        return "dob_day" in self.fields

    def date_of_birth_fields(self):
        return [self[name] for name in DATE_OF_BIRTH_PARTS if name in self.fields]

    def main_fields(self):
        """Every visible field but the date of birth's parts, which the page groups itself."""
        return [field for field in self.visible_fields() if field.name not in DATE_OF_BIRTH_PARTS]

    def clean_referrer_phone(self):
        raw = self.cleaned_data.get("referrer_phone", "").strip()
        if not raw:
            return ""
        try:
            return format_phone_number(normalise_phone_number(raw))
        except ValidationError:
            raise ValidationError(
                gettext("Enter a UK phone number, like 01632 960 001 or 07700 900 982."),
                code="invalid",
            ) from None

    def _clean_date_of_birth(self, data):
        parts = [data.get(name) for name in DATE_OF_BIRTH_PARTS]
        if all(part is None for part in parts):
            return None
        if any(part is None for part in parts):
            if not any(self.has_error(name) for name in DATE_OF_BIRTH_PARTS):
                missing = next(
                    name
                    for name, part in zip(DATE_OF_BIRTH_PARTS, parts, strict=True)
                    if part is None
                )
                self.add_error(missing, DATE_OF_BIRTH_PART_MISSING[missing])
            return None
        try:
            born = datetime.date(parts[2], parts[1], parts[0])
        except ValueError:
            self.add_error("dob_day", gettext("The date of birth must be a real date."))
            return None
        if born > self.today:
            self.add_error("dob_day", gettext("The date of birth must be today or in the past."))
            return None
        return born

    def clean(self):
        data = super().clean()
        settings = self.form_settings
        if self.asks_date_of_birth:
            data["child_date_of_birth"] = self._clean_date_of_birth(data)
            dob_problem = any(self.has_error(name) for name in DATE_OF_BIRTH_PARTS)
            if (
                data.get("child_age") is None
                and data["child_date_of_birth"] is None
                and not self.has_error("child_age")
                and not dob_problem
            ):
                self.add_error(
                    "child_age", gettext("Enter the child's age, or their date of birth.")
                )
        for name, required, message in (
            ("parent_consent", settings.require_parent_consent, PARENT_CONSENT_NEEDED),
            (
                "young_person_consent",
                settings.require_young_person_consent,
                YOUNG_PERSON_CONSENT_NEEDED,
            ),
        ):
            # None: unanswered, which the field itself already reported.
            if name in self.fields and required and data.get(name) not in (None, Consent.YES):
                self.add_error(name, message)
        if "referrer_phone" in self.fields and not (
            data.get("referrer_phone")
            or data.get("referrer_email")
            or self.has_error("referrer_phone")
            or self.has_error("referrer_email")
        ):
            self.add_error("referrer_phone", gettext("Enter a phone number or an email address."))
        return data

    def answers(self) -> dict:
        """The cleaned answers as a referral stores them: ``None`` for questions not asked."""
        data = self.cleaned_data
        answers = {
            "referrer_role": data.get("referrer_role"),
            "relationship": data.get("relationship"),
            "child_age": data.get("child_age"),
            "child_date_of_birth": data.get("child_date_of_birth"),
            "school": data.get("school"),
            "concern": data["concern"],
            "parent_consent": data.get("parent_consent"),
            "young_person_consent": data.get("young_person_consent"),
            "referrer_name": data.get("referrer_name"),
            "referrer_phone": data.get("referrer_phone"),
            "referrer_email": data.get("referrer_email"),
            "contact_method": data.get("contact_method"),
            "contact_times": data.get("contact_times"),
            "safe_to_leave_message": data.get("safe_to_leave_message"),
        }
        # An optional question asked but left unanswered is "", not None ("not asked").
        for name in ("contact_method", "safe_to_leave_message"):
            if name in self.fields and answers[name] is None:
                answers[name] = ""
        answers["urgent"] = data.get("urgent") == YesNo.YES
        return answers
