"""Translations in the admin: a section per language on an item's page, which languages are
missing or older than the English in the list, and a filter for the items that need work.

A translation is recorded against the English it was made from (``referrals.translations``).
Changing a translation records it against the current English; changing only the English
leaves the translations marked older than it, until an editor updates them or ticks "still
matches the English".
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html_join
from django.utils.text import capfirst

from .translations import Status, content_languages, language_name


def translation_field_name(field: str, language: str) -> str:
    return f"{field}__{language}"


def checked_field_name(language: str) -> str:
    return f"translation_checked__{language}"


class TranslationFormMixin:
    """Fills the language fields from the item's translations and writes them back."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in content_languages():
            for field in self._meta.model.translated_fields:
                self.initial.setdefault(
                    translation_field_name(field, language),
                    self.instance.translation_text(language, field),
                )

    def _post_clean(self):
        # After the model form has put the new English on the instance, so a translation
        # changed in the same save is recorded against the new English.
        super()._post_clean()
        for language in content_languages():
            for field in self._meta.model.translated_fields:
                name = translation_field_name(field, language)
                if name not in self.cleaned_data:
                    continue
                text = self.cleaned_data[name].strip()
                if text != self.instance.translation_text(language, field):
                    self.instance.set_translation(language, field, text)
            if self.cleaned_data.get(checked_field_name(language)):
                self.instance.mark_translation_checked(language)


def translation_form(model, base=forms.ModelForm):
    """``base`` with a field per translated field and language, and a "still matches the
    English" box per language."""
    attrs = {"__module__": __name__}
    if getattr(base, "_meta", None) is None or base._meta.model is None:
        attrs["Meta"] = type("Meta", (), {"model": model, "fields": "__all__"})
    for language in content_languages():
        for field in model.translated_fields:
            model_field = model._meta.get_field(field)
            long_text = isinstance(model_field, models.TextField)
            attrs[translation_field_name(field, language)] = forms.CharField(
                label=f"{capfirst(model_field.verbose_name)} ({language_name(language)})",
                required=False,
                max_length=model_field.max_length,
                widget=forms.Textarea(attrs={"rows": 3, "lang": language})
                if long_text
                else forms.TextInput(attrs={"class": "vTextField", "lang": language}),
            )
        attrs[checked_field_name(language)] = forms.BooleanField(
            label=f"The {language_name(language)} still matches the English",
            required=False,
            help_text="Tick after checking it against an English text that changed, when it "
            "needs no change itself.",
        )
    return type(base)(f"{model.__name__}TranslationForm", (TranslationFormMixin, base), attrs)


def need_in_words(status: Status) -> str:
    """ "missing", "older than the English": a status in the middle of a line."""
    return status.label[0].lower() + status.label[1:]


def combined_statuses(rows) -> dict[str, Status]:
    """Per language, what the rows need together: missing if any is, else older than the
    English if any is, else complete."""
    statuses = {}
    for language in content_languages():
        found = {row.translation_status(language) for row in rows}
        statuses[language] = next(
            (status for status in (Status.MISSING, Status.OUTDATED) if status in found),
            Status.COMPLETE,
        )
    return statuses


def status_words(rows) -> list[tuple[str, str]]:
    """(language name, what it needs) for each language not complete in ``rows`` together (an
    item, with any inline rows counted as its own)."""
    return [
        (language_name(language), need_in_words(status))
        for language, status in combined_statuses(rows).items()
        if status != Status.COMPLETE
    ]


class TranslationNeedsWorkFilter(admin.SimpleListFilter):
    title = "translations"
    parameter_name = "translation"

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            ("any", "Needing work in any language"),
            *((code, f"{language_name(code)} needing work") for code in content_languages()),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value != "any" and value not in content_languages():
            return queryset
        languages = content_languages() if value == "any" else [value]
        # Whether a translation is older than its English is a digest comparison, made in
        # Python: an admin list of services or routes is hundreds of rows, not millions.
        fields = ("pk", "translations", *queryset.model.translated_fields)
        items = self.model_admin.with_translation_rows(
            queryset.model.objects.filter(pk__in=queryset.values("pk")).only(*fields)
        )
        return queryset.filter(
            pk__in=[
                obj.pk
                for obj in items
                if any(
                    status != Status.COMPLETE
                    for language, status in combined_statuses(
                        self.model_admin.translation_rows(obj)
                    ).items()
                    if language in languages
                )
            ]
        )


def needs_in_words(rows):
    """ "Cymraeg: missing; Polski: older than the English", or "Complete"."""
    needs = status_words(rows)
    if not needs:
        return "Complete"
    return format_html_join("; ", "{}: {}", needs)


class TranslationAdminMixin:
    """A collapsed section per language on the item's page, headed with what it needs; a
    "translations" column and filter in the list."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if not self.has_change_permission(request, obj):
            # Read-only pages show the model's fields; the language fields are the form's own.
            return fieldsets
        statuses = obj.translation_statuses() if obj else {}
        for language in content_languages():
            status = statuses.get(language)
            heading = f"{language_name(language)} ({language})"
            if status and status != Status.COMPLETE:
                heading += f": {need_in_words(status)}"
            fields = [
                translation_field_name(field, language) for field in self.model.translated_fields
            ]
            fieldsets.append(
                (
                    heading,
                    {
                        "classes": ["collapse"],
                        "description": "Leave a text empty to show the English there.",
                        "fields": [*fields, checked_field_name(language)],
                    },
                )
            )
        return fieldsets

    def get_list_display(self, request):
        return [*super().get_list_display(request), "translations_needed"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), TranslationNeedsWorkFilter]

    @admin.display(description="translations")
    def translations_needed(self, obj):
        return needs_in_words(self.translation_rows(obj))

    def with_translation_rows(self, queryset):
        """``queryset`` with what ``translation_rows`` needs prefetched."""
        return queryset

    def translation_rows(self, obj) -> list:
        """The rows whose translations the list counts as the item's: the item itself, and
        (where an admin says so) rows edited inline that families read with it."""
        return [obj]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("_changelist"):
            queryset = self.with_translation_rows(queryset)
        return queryset


class TranslationInlineMixin:
    """Rows edited on their parent's page (an alert added on its service's page, a dated
    exception on its route's) with their translations: under the English, one collapsed
    section with a line per language (the translation and its "still matches the English"
    box), and what the row needs beside it. For stacked inlines with explicit ``fields`` and
    a ``translation_form``: a section's heading is the same for every row, so what each row
    needs is a line of its own."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if not self.has_change_permission(request, obj):
            return fieldsets
        model = self.model
        names = " and ".join(
            str(model._meta.get_field(f).verbose_name) for f in model.translated_fields
        )
        fieldsets.append(
            (
                f"Translations of the {names}",
                {
                    "classes": ["collapse"],
                    "description": "Leave a text empty to show the English there.",
                    "fields": [
                        (
                            *(
                                translation_field_name(field, language)
                                for field in model.translated_fields
                            ),
                            checked_field_name(language),
                        )
                        for language in content_languages()
                    ],
                },
            )
        )
        return fieldsets

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), "translations_needed"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "translations_needed"]

    @admin.display(description="translations")
    def translations_needed(self, obj):
        if obj is None or obj.pk is None:
            return "Not saved yet"
        if not any(getattr(obj, field) for field in obj.translated_fields):
            return "Nothing to translate"
        return needs_in_words([obj])
