import mimetypes
from pathlib import PurePath

from .models import Resource, ResourceFile
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
