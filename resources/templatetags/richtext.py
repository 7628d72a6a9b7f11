import re

from django import template
from django.utils.safestring import mark_safe

from resources.richtext import ALLOWED_URL_SCHEMES, sanitise_html

register = template.Library()


@register.filter
def richtext(value):
    """Render stored rich text, sanitising it again: stored HTML is never trusted."""
    return mark_safe(sanitise_html(value))  # noqa: S308 - sanitised on the line above


@register.filter
def safe_url(value):
    """A stored web address for an ``href``, or "" if it would run script (``javascript:``,
    ``data:``...). Forms only accept http(s) addresses; a row written any other way (a restore,
    an import) is not trusted either. Browsers ignore spaces and control characters in a
    scheme, so they are ignored here too."""
    squashed = re.sub(r"[\x00-\x20]", "", value or "")
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", squashed)
    if scheme and scheme.group(1).lower() not in ALLOWED_URL_SCHEMES:
        return ""
    return value
