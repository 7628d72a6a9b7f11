"""What families read about services, in their language, falling back to the English.

Each translatable model keeps its translations in one JSON column, ``translations``::

    {"cy": {"label": {"text": "Ffoniwch Un Rhif", "source": "3f1c..."}}}

``source`` is a digest of the English the translation was made (or last checked) from: when the
English changes, the digest no longer matches and editors see the translation as out of date.
One column rather than a column per field and language (django-modeltranslation) or a table of
rows: the rows families read already carry their translations, so no page makes an extra
query, the revision history copies the column like any other, and adding a language is a
setting, not a migration.

What is read: ``obj.translated("label")`` gives the text in the active language, or the English
when there is none, as a ``Translated`` string that knows which. Printed in a template it marks
English shown on a page in another language with ``lang="en"`` (and ``dir="ltr"``, for pages
written right to left), so a screen reader pronounces it as English and readers know why.
"""

from hashlib import blake2b

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

SOURCE_LANGUAGE = "en"


def content_languages() -> list[str]:
    """The languages content is translated into: every site language but English."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def active_content_language() -> str:
    """The active language as one of the site's codes ("en-gb" is English), English otherwise."""
    code = (translation.get_language() or SOURCE_LANGUAGE).split("-")[0].lower()
    return code if code in content_languages() else SOURCE_LANGUAGE


def language_from_accept_language(header: str) -> str:
    """The site language a client prefers most in an ``Accept-Language`` header ("cy-GB,
    en;q=0.8" is Welsh), English when it names none of them. Never fails: a malformed header
    is English."""
    preferences = []
    for position, item in enumerate(header[:500].split(",")):
        tag, _, parameters = item.strip().partition(";")
        quality = 1.0
        if parameters.strip().lower().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                continue
        code = tag.strip().split("-")[0].lower()
        if quality > 0 and (code == SOURCE_LANGUAGE or code in content_languages()):
            preferences.append((-quality, position, code))
    return min(preferences)[2] if preferences else SOURCE_LANGUAGE


def source_digest(text: str) -> str:
    """A short fingerprint of the English a translation was made from."""
    return blake2b(text.strip().encode(), digest_size=8).hexdigest()


class Translated(str):
    """A field's text in one language, remembering whether it fell back to the English."""

    language: str
    fell_back: bool

    def __new__(cls, text: str, *, language: str, fell_back: bool):
        value = super().__new__(cls, text)
        value.language = language
        value.fell_back = fell_back
        return value

    def __html__(self) -> str:
        return marked(str(self), fell_back=self.fell_back)


def marked(html: str, *, fell_back: bool, element: str = "span") -> SafeString:
    """``html`` (escaped here unless already safe) inside ``<span lang="en" dir="ltr">`` when it
    is English standing in for a missing translation."""
    if not fell_back or not html:
        return conditional_escape(html)
    return format_html('<{} lang="en" dir="ltr">{}</{}>', element, html, element)


class Status(models.TextChoices):
    COMPLETE = "complete", "Complete"
    MISSING = "missing", "Missing"
    OUTDATED = "outdated", "Older than the English"


class TranslatableModel(models.Model):
    """A model whose ``translated_fields`` families read, with their translations."""

    translated_fields: tuple[str, ...] = ()

    translations = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Translations of the text fields, by language, with the English each was "
        "made from.",
    )

    class Meta:
        abstract = True

    def translated(self, field: str, language: str | None = None) -> Translated:
        """``field`` in ``language`` (the active one by default), or the English when there is
        no translation."""
        language = language or active_content_language()
        english = getattr(self, field) or ""
        if language == SOURCE_LANGUAGE or not english:
            return Translated(english, language=SOURCE_LANGUAGE, fell_back=False)
        entry = (self.translations or {}).get(language, {}).get(field)
        if entry and entry.get("text"):
            return Translated(entry["text"], language=language, fell_back=False)
        return Translated(english, language=SOURCE_LANGUAGE, fell_back=True)

    def translation_text(self, language: str, field: str) -> str:
        entry = (self.translations or {}).get(language, {}).get(field)
        return entry.get("text", "") if entry else ""

    def set_translation(self, language: str, field: str, text: str) -> None:
        """Record ``text`` as the translation of the current English of ``field`` (empty text
        removes it). Not saved: the caller saves, so a revision records it."""
        translations = dict(self.translations or {})
        fields = dict(translations.get(language, {}))
        if text.strip():
            fields[field] = {
                "text": text.strip(),
                "source": source_digest(getattr(self, field) or ""),
            }
        else:
            fields.pop(field, None)
        if fields:
            translations[language] = fields
        else:
            translations.pop(language, None)
        self.translations = translations

    def mark_translation_checked(self, language: str) -> None:
        """An editor confirmed that ``language``'s texts still say what the English says."""
        for field in self.translated_fields:
            if text := self.translation_text(language, field):
                self.set_translation(language, field, text)

    def translation_status(self, language: str) -> Status:
        """Missing when a field with English text has no translation; older than the English
        when the English changed since a translation was made or checked."""
        fields = (self.translations or {}).get(language, {})
        status = Status.COMPLETE
        for field in self.translated_fields:
            english = getattr(self, field) or ""
            if not english.strip():
                continue
            entry = fields.get(field)
            if not entry or not entry.get("text"):
                return Status.MISSING
            if entry.get("source") != source_digest(english):
                status = Status.OUTDATED
        return status

    def translation_statuses(self) -> dict[str, Status]:
        return {language: self.translation_status(language) for language in content_languages()}
