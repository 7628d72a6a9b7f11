"""The site-wide search box (the header's and the home page's) and its text."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

# Longer than anyone types into a search box; the header's search box allows the same.
MAX_SEARCH_LENGTH = 200


class SearchTextField(forms.CharField):
    """Words typed into a search box, made safe to echo and to query with.

    Control characters (a NUL byte from a crafted link, which PostgreSQL refuses) become spaces,
    and runaway text is cut short rather than refused: a search box should always answer.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = re.sub(r"[\x00-\x1f\x7f]", " ", value or "")
        return super().to_python(value[:MAX_SEARCH_LENGTH])


class SiteSearchForm(forms.Form):
    q = SearchTextField(label=_("Search the site"))
