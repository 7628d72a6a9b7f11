import datetime
import mimetypes
from pathlib import PurePath

from django.core.exceptions import ValidationError

from portal.core.publishing import item_publish

from .models import Resource, ResourceFile, a_year_after
from .richtext import html_to_text


def resource_sync_body_text(*, resource: Resource) -> Resource:
    """Copy the plain text of a resource's sections onto it, so search finds body words.

    Call after the sections change (the admin and the demo loader do). On PostgreSQL the
    search trigger then refreshes the weighted search vector from it.
    """
    parts = []
    for section in resource.sections.all():
        parts.extend([section.heading, html_to_text(section.body)])
    body_text = "\n".join(part for part in parts if part)
    if body_text != resource.body_text:
        resource.body_text = body_text
        Resource.objects.filter(pk=resource.pk).update(body_text=body_text)
    return resource


def resource_file_record_upload(*, resource_file: ResourceFile) -> ResourceFile:
    """Note a newly attached file's original name, size and type, before saving it.

    Storage renames uploads to random names (``resource_file_path``), so the name people gave
    the file is kept here and offered again on download. The type is judged from the file name,
    not from what the uploading browser claimed.
    """
    upload = resource_file.file
    original_name = PurePath(upload.name).name
    resource_file.original_name = original_name[-255:]
    resource_file.size = upload.size
    resource_file.content_type = (
        mimetypes.guess_type(original_name)[0] or "application/octet-stream"
    )
    return resource_file


def resource_publication_problems(
    *, resource: Resource, has_audience: bool | None = None, material_count: int | None = None
) -> list[str]:
    """Why a resource cannot be published yet, in words an editor can act on.

    It checks what it is told (``None``: not known here, so not checked). The admin's resource
    form knows the key stages and audiences it is about to save, and its material inlines the
    files and links; ``resource_publish`` counts the saved rows.
    """
    problems = []
    if has_audience is False:
        problems.append(
            "A published resource needs at least one key stage or audience, so people can find it."
        )
    if resource.is_lesson_pack and material_count == 0:
        problems.append(
            "A lesson pack needs at least one file or link before it can be published: "
            "upload the materials or link to them."
        )
    return problems


def resource_mark_reviewed(
    *, resource: Resource, user, today: datetime.date, note: str = ""
) -> Resource:
    """Record that ``user`` checked the resource is still right on ``today``: next due a year
    later. A revision in the history, with who, when and the note.

    ``updated_at`` is left alone: reviewing is not editing (see ``contact_route_verify``).
    """
    resource.last_reviewed = today
    resource.review_by = a_year_after(today)
    resource._history_user = user
    resource._change_reason = (
        f"Marked as reviewed: {note.strip()}" if note.strip() else ("Marked as reviewed")
    )
    resource.save(update_fields=["last_reviewed", "review_by"])
    return resource


def resource_publish(*, resource: Resource, user, now: datetime.datetime) -> Resource:
    """Approve and publish. Refused with the reasons when it is not ready."""
    problems = resource_publication_problems(
        resource=resource,
        has_audience=resource.key_stages.exists() or resource.audiences.exists(),
        material_count=(
            resource.files.count() + resource.links.count() if resource.is_lesson_pack else None
        ),
    )
    if problems:
        raise ValidationError(problems)
    item_publish(item=resource, user=user, now=now)
    return resource
