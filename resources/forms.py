from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.forms import TagWidget

from portal.core.editing import ConcurrencyFormMixin, PublishableFormMixin, SlugFromFieldMixin
from portal.core.vocabulary import PublicationStatus

from .models import Resource, ResourceFile, ResourceSection
from .richtext import sanitise_html
from .services import resource_publication_problems
from .uploads import validate_lesson_file


class ResourceSort(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    TITLE = "title", _("Title A to Z")
    RELEVANCE = "relevance", _("Best match")


class ResourceFilterForm(forms.Form):
    """The base form of ``ResourceFilter``: the filters add their own fields to it."""

    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=ResourceSort.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose how to sort from the list.")},
    )


# ------------------------------------------------------------------------------
# Admin forms (the editors' side)
# ------------------------------------------------------------------------------
# Headings (from level 2: the page title is the h1), paragraphs, lists, links, bold and italic.
# No colours, fonts or alignment. What the editor makes is still cleaned by our own sanitiser,
# on save (SanitisedHTMLField) and on render: the editor is a convenience, not a defence.
RICH_TEXT_EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}


class TopicSuggestionsWidget(TagWidget):
    """Taggit's comma-separated text box, with the existing topics offered as suggestions.

    A ``<datalist>`` works without JavaScript; the full list is also given in words below.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs={"list": "topic-suggestions", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        from .models import Topic

        options = format_html_join(
            "",
            '<option value="{}">',
            ((name,) for name in Topic.objects.values_list("name", flat=True)),
        )
        datalist = format_html('<datalist id="topic-suggestions">{}</datalist>', options)
        return super().render(name, value, attrs, renderer) + datalist


class ResourceAdminForm(
    SlugFromFieldMixin, ConcurrencyFormMixin, PublishableFormMixin, forms.ModelForm
):
    class Meta:
        model = Resource
        fields = [
            "title",
            "slug",
            "kind",
            "summary",
            "key_stages",
            "audiences",
            "topics",
            "publisher",
            "licence",
            "sensitive_content",
            "status",
            "review_comment",
            "publish_at",
            "unpublish_at",
            "last_reviewed",
            "review_by",
            "related",
        ]
        widgets = {"topics": TopicSuggestionsWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "topics" in self.fields:
            self.fields[
                "topics"
            ].help_text = (
                "Separate topics with commas. Start typing to see the topics already in use."
            )

    def clean(self):
        cleaned_data = super().clean()
        # Checked when publishing, or when a published resource loses its last one: an older
        # published resource without any is left alone until then.
        touched = {"status", "key_stages", "audiences"} & set(self.changed_data)
        if touched and cleaned_data.get("status") == PublicationStatus.PUBLISHED:
            problems = resource_publication_problems(
                resource=self.instance,
                has_audience=bool(cleaned_data.get("key_stages") or cleaned_data.get("audiences")),
            )
            for problem in problems:
                self.add_error("key_stages", problem)
        return cleaned_data


class ResourceSectionAdminForm(forms.ModelForm):
    class Meta:
        model = ResourceSection
        fields = ["heading", "body", "order"]

    body = ProseEditorFormField(
        extensions=RICH_TEXT_EXTENSIONS,
        sanitize=sanitise_html,
        widget=AdminProseEditorWidget,
        # The admin shows help text as HTML: escaped, the tags are read, not obeyed (unescaped,
        # they vanished and the unclosed ones swallowed the rest of the form).
        help_text=escape(
            "Headings, paragraphs, lists, links, bold and italic. Without JavaScript, "
            "type HTML: <h2>, <p>, <ul>, <li>, <a href>, <strong>, <em>."
        ),
    )


class ResourceFileAdminForm(forms.ModelForm):
    class Meta:
        model = ResourceFile
        fields = ["title", "file", "order"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Checked here, before anything is saved, so a refused file never reaches storage.
        if isinstance(upload, UploadedFile):
            validate_lesson_file(upload)
        return upload


class LessonMaterialsFormSet(BaseInlineFormSet):
    """Files and links of a resource: a lesson pack cannot be published with neither.

    The admin validates the resource's form first (so ``self.instance`` holds the status being
    saved), then the inlines in order; the second of the two material inlines to validate sees
    both counts and says what is missing.
    """

    def clean(self):
        super().clean()
        live = 0
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.instance.pk or form.has_changed():
                live += 1
        seen = self.instance.__dict__.setdefault("_materials_seen", {})
        seen[self.prefix] = live
        if len(seen) < 2:
            return
        if self.instance.status == PublicationStatus.PUBLISHED:
            problems = resource_publication_problems(
                resource=self.instance, material_count=sum(seen.values())
            )
            if problems:
                raise ValidationError(problems)
