"""Rich text that editors type and the public reads.

Bodies are stored as HTML, cleaned with nh3 (the Ammonia sanitiser) whenever they are saved and
again whenever they are rendered: stored HTML is treated as untrusted, so a row written by any
other route (a restore, a bulk import, a bug) still cannot run script on a parent's phone.
"""

import html
import re

import nh3
from django.db import models

# Headings start at level 2: the page's own title is the only h1.
ALLOWED_TAGS = {"h2", "h3", "h4", "p", "br", "ul", "ol", "li", "a", "strong", "b", "em", "i"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}


def sanitise_html(value: str) -> str:
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def html_to_text(value: str) -> str:
    """Plain text of some HTML, for search indexes and summaries."""
    text = re.sub(r"<[^>]+>", " ", value or "")
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


class SanitisedHTMLField(models.TextField):
    """A TextField whose HTML is sanitised before every save."""

    def pre_save(self, model_instance, add):
        value = sanitise_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
