from django import template
from django.utils.safestring import mark_safe

from resources.richtext import sanitise_html

register = template.Library()


@register.filter
def richtext(value):
    """Render stored rich text, sanitising it again: stored HTML is never trusted."""
    return mark_safe(sanitise_html(value))  # noqa: S308 - sanitised on the line above
