from .models import Resource
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
