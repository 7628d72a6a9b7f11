"""What the admin forms of both apps share: safe slugs, publishing rules and no lost edits."""

import datetime
import itertools

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.text import slugify

from .vocabulary import EDITOR_STATUSES, PublicationStatus

DIFF_VALUE_LENGTH = 160


def unique_slug(model, text: str, *, exclude_pk=None, max_length: int = 200) -> str:
    """A slug for ``text`` no other row of ``model`` uses: ``consent``, ``consent-2``..."""
    base = (slugify(text) or "item")[: max_length - 4].strip("-")
    others = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager
    for number in itertools.count(1):
        slug = base if number == 1 else f"{base}-{number}"
        if not others.filter(slug=slug).exists():
            return slug
    raise AssertionError("unreachable")


class SlugFromFieldMixin:
    """A ModelForm mixin: the slug may be left empty, and is then made unique from another
    field (``slug_source_field``: the title or the name) as typed in the same form."""

    slug_source_field = "title"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = (
                f"Part of the page's address. Leave empty to make one from the "
                f"{self.slug_source_field}."
            )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            return slug
        return unique_slug(
            self._meta.model,
            self.data.get(self.add_prefix(self.slug_source_field), ""),
            exclude_pk=self.instance.pk,
        )


def _shorten(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= DIFF_VALUE_LENGTH else text[: DIFF_VALUE_LENGTH - 1] + "…"


def describe_record(record) -> dict:
    """One revision in words: who, when, and each field's old and new value."""
    model = record.instance_type
    previous = record.prev_record
    changes = []
    if previous is not None:
        delta = record.diff_against(previous, foreign_keys_are_objs=True)
        for change in delta.changes:
            field = model._meta.get_field(change.field)
            changes.append(
                {
                    "field": str(field.verbose_name).capitalize(),
                    "old": _shorten(change.old),
                    "new": _shorten(change.new),
                }
            )
    return {
        "object": str(record.instance),
        "model": str(model._meta.verbose_name),
        "user": record.history_user,
        "date": record.history_date,
        "type": record.get_history_type_display(),
        "changes": changes,
    }


class ConcurrencyFormMixin(forms.Form):
    """Refuses a save when the row changed after the form was loaded ("no lost edits").

    The form carries a token of the row's ``updated_at`` (and of any ``concurrency_related``
    rows edited on the same page, such as a service's contact routes). If the token posted
    back differs from the database's, the save is refused with who changed what and when; the
    form is shown again with the person's own text, and a fresh token, so saving again after
    merging by hand goes through.
    """

    concurrency_related: tuple[str, ...] = ()

    concurrency_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.fields["concurrency_token"].initial = self.current_token()

    def _token_parts(self) -> list:
        model = type(self.instance)
        row = model._default_manager.filter(pk=self.instance.pk)
        aggregates = {}
        for name in self.concurrency_related:
            aggregates[f"{name}_changed"] = Max(f"{name}__updated_at")
            aggregates[f"{name}_count"] = Count(name, distinct=True)
        values = next(iter(row.values("updated_at").annotate(**aggregates)), {})
        return [
            values.get("updated_at"),
            *[
                (values.get(f"{name}_changed"), values.get(f"{name}_count"))
                for name in self.concurrency_related
            ],
        ]

    def current_token(self) -> str:
        def part(value):
            if isinstance(value, tuple):
                return ",".join(part(item) for item in value)
            if isinstance(value, datetime.datetime):
                return value.astimezone(datetime.UTC).isoformat()
            return "" if value is None else str(value)

        return "|".join(part(value) for value in self._token_parts())

    def changes_since(self, token: str) -> list[dict]:
        """Revisions saved after the version named by ``token``, oldest first."""

        def moment(text):
            try:
                return datetime.datetime.fromisoformat(text)
            except ValueError:
                return None

        parts = token.split("|")
        records = []
        loaded = moment(parts[0]) if parts else None
        history = type(self.instance).history.filter(id=self.instance.pk)
        records.extend(history.filter(updated_at__gt=loaded) if loaded else history[:1])
        for name, part in zip(self.concurrency_related, parts[1:], strict=False):
            relation = type(self.instance)._meta.get_field(name)
            since = moment(part.split(",")[0])
            related_history = relation.related_model.history.filter(
                **{relation.field.attname: self.instance.pk}
            )
            if since:
                related_history = related_history.filter(updated_at__gt=since)
            records.extend(related_history.exclude(history_type="-") if since else [])
        records.sort(key=lambda record: record.history_date)
        return [describe_record(record) for record in records]

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        if self.add_prefix("concurrency_token") not in self.data:
            # A form that never carried a token (a script, not the admin page) has nothing
            # to compare; the admin page always sends one.
            return cleaned_data
        submitted = cleaned_data.get("concurrency_token") or ""
        current = self.current_token()
        if submitted != current:
            changes = self.changes_since(submitted)
            self.conflict = changes
            # Keep everything the person typed, but let their next save go through.
            self.data = self.data.copy()
            self.data[self.add_prefix("concurrency_token")] = current
            latest = changes[-1] if changes else None
            if latest:
                who = latest["user"] or "someone"
                when = timezone.localtime(latest["date"]).strftime("%-d %B %Y at %H:%M")
                message = f"{who} changed this {self._meta.model._meta.verbose_name} on {when}"
            else:
                message = f"Someone changed this {self._meta.model._meta.verbose_name}"
            raise ValidationError(
                f"{message}, after you opened it. Your changes have not been saved. They are "
                "still in the form below: compare them with what changed (listed above the "
                "form), copy or merge what you need, then save again.",
                code="conflict",
            )
        return cleaned_data


class PublishableFormMixin(forms.Form):
    """Server-side publishing rules: only publishers publish, archive or send back.

    ``can_publish`` is set per request by the admin (``PublishableAdminMixin.get_form``).
    """

    can_publish = False

    def clean_status(self):
        status = self.cleaned_data["status"]
        current = self.instance.status if self.instance.pk else PublicationStatus.DRAFT
        if not self.can_publish and (
            status not in EDITOR_STATUSES or current not in EDITOR_STATUSES
        ):
            raise ValidationError(
                "Only publishers can publish, unpublish or archive. Choose “Draft” to keep "
                "working on it, or “Awaiting approval” to ask a publisher to approve it.",
                code="permission",
            )
        return status

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        sending_back = (
            self.instance.pk
            and self.instance.status == PublicationStatus.AWAITING_APPROVAL
            and status == PublicationStatus.DRAFT
        )
        needs_comment = sending_back and self.can_publish and "review_comment" in self.fields
        if needs_comment and not (cleaned_data.get("review_comment") or "").strip():
            self.add_error(
                "review_comment",
                "Say what needs changing before you send it back, so the editor knows what to do.",
            )
        return cleaned_data
