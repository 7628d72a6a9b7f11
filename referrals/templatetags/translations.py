"""``{% translated obj "field" %}``: a field families read, in the page's language.

Prints the translation, or the English where there is none, marked ``lang="en" dir="ltr"`` on
a page in another language. ``"linebreaks"`` or ``"linebreaksbr"`` formats longer texts as the
English ones always were. With ``as name`` it stores the plain text instead (for a meta
description or a count of characters), which still marks itself when printed on its own.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter, linebreaksbr

from referrals.translations import marked

register = template.Library()

FORMATS = {
    # The block formats wrap paragraphs, so their mark is a <div>.
    "linebreaks": (linebreaks_filter, "div"),
    "linebreaksbr": (linebreaksbr, "span"),
}


@register.simple_tag
def translated(obj, field: str, format: str = ""):
    text = obj.translated(field)
    if not format:
        return text
    render, element = FORMATS[format]
    return marked(render(text, autoescape=True), fell_back=text.fell_back, element=element)
