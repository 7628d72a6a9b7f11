"""Revisions (django-simple-history): compare two versions in words, and restore an old one.

Restoring never rewrites history: it saves the old content as a new revision, so the version
it replaces stays one click away.
"""

import datetime
import difflib

from django.db import transaction
from django.utils import timezone

from .editing import describe_record

# Publication and checking fields describe decisions made since, not the content: a restore
# keeps their present values, so restoring can never publish or unpublish anything.
RESTORE_KEEPS = {
    "status",
    "published_at",
    "publish_at",
    "unpublish_at",
    "review_comment",
    "review_by",
    "last_reviewed",
    "last_verified_on",
    "verified_by",
    "created_at",
    "updated_at",
}


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``old`` against ``new`` as (kind, text) pieces; kind is "same", "removed" or "added"."""
    old_words, new_words = old.split(" "), new.split(" ")
    pieces = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("same", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", " ".join(old_words[i1:i2])))
        if j2 > j1:
            pieces.append(("added", " ".join(new_words[j1:j2])))
    return pieces


def compare_records(old, new) -> list[dict]:
    """Each field that differs between two revisions of one row, old and new, with a word diff."""
    model = new.instance_type
    delta = new.diff_against(old, foreign_keys_are_objs=True)
    rows = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        old_text = "" if change.old is None else str(change.old)
        new_text = "" if change.new is None else str(change.new)
        rows.append(
            {
                "field": str(field.verbose_name).capitalize(),
                "old": old_text,
                "new": new_text,
                "pieces": word_diff(old_text, new_text),
            }
        )
    return rows


def child_changes_between(obj, children, start, end) -> list[dict]:
    """Revisions of rows edited on the same page (sections, opening hours) in (start, end]."""
    described = []
    for relation_name in children:
        relation = type(obj)._meta.get_field(relation_name)
        records = relation.related_model.history.filter(
            **{relation.field.attname: obj.pk, "history_date__gt": start, "history_date__lte": end}
        ).order_by("history_date")
        described.extend(describe_record(record) for record in records)
    return sorted(described, key=lambda item: item["date"])


def _next_record_date(record) -> datetime.datetime | None:
    following = record.next_record
    return following.history_date if following else None


@transaction.atomic
def history_restore(*, record, user, children=()) -> object:
    """Save the content of ``record`` (and, as they were then, its ``children``) as a new revision.

    A page's inline rows are saved just after the row itself, so "as they were then" means as
    they stood just before the next revision of the row (or now, for the latest).
    """
    current = type(record.instance)._default_manager.get(pk=record.instance.pk)
    restored = record.instance
    for field in restored._meta.concrete_fields:
        if field.name in RESTORE_KEEPS or field.primary_key:
            setattr(restored, field.attname, getattr(current, field.attname))
    restored._history_user = user
    restored._change_reason = (
        f"Restored the version of {timezone.localtime(record.history_date):%-d %B %Y %H:%M}"
    )
    restored.save()

    following = _next_record_date(record)
    until = following - datetime.timedelta(microseconds=1) if following else timezone.now()
    for relation_name in children:
        relation = type(restored)._meta.get_field(relation_name)
        child_model = relation.related_model
        fk = relation.field.attname
        snapshot = list(child_model.history.as_of(until).filter(**{fk: restored.pk}))
        keep_ids = [child.pk for child in snapshot]
        for child in child_model._default_manager.filter(**{fk: restored.pk}).exclude(
            pk__in=keep_ids
        ):
            child._history_user = user
            child.delete()
        for child in snapshot:
            child._history_user = user
            child.save()
    return restored
