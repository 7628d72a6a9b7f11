"""Text search helpers shared by site search, the resource and help filters and the API."""

import re

from django.db.models import Q

# Search terms beyond this are noise, and a bounded query keeps the database's work bounded.
MAX_SEARCH_WORDS = 12
MAX_SEARCH_WORD_LENGTH = 40


def search_words(text: str) -> list[str]:
    """The words of a search box entry, without punctuation, NUL bytes or runaway length."""
    words = re.findall(r"\w+", text or "")
    return [word[:MAX_SEARCH_WORD_LENGTH] for word in words][:MAX_SEARCH_WORDS]


def all_words_in(words: list[str], *fields: str) -> Q:
    """A filter matching rows where every word appears in at least one of the fields."""
    matches = Q()
    for word in words:
        in_any_field = Q()
        for field in fields:
            in_any_field |= Q(**{f"{field}__icontains": word})
        matches &= in_any_field
    return matches
