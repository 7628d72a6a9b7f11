"""Every word a visitor can read on a public page is marked for translation (issue #18).

A string left bare shows in English in the middle of a Welsh page. Rather than trust review to
catch one, these tests read each public template as Django compiles it and look for words
outside ``{% translate %}`` and ``{% blocktranslate %}``: in the text between tags and in the
attributes a visitor or a screen reader meets (``aria-label``, ``title``, ``alt``,
``placeholder``). Staff pages (templates/admin) and staff e-mails (templates/reviews/email) are
English only, so they are left out.

The Welsh catalogue is checked too: every message has Welsh, and none is a fuzzy guess.
"""

import html
import re
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.template import engines
from django.template.base import FilterExpression, TextNode
from django.template.defaulttags import CommentNode, IfNode, WithNode
from django.template.loader_tags import BlockNode, IncludeNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

TEMPLATES = Path(settings.BASE_DIR) / "templates"
STAFF_ONLY = ("admin/", "reviews/email/")

# Words that are the same in every language, so need no translation. Keep this short.
ALLOWED_WORDS = {
    # The site's name, a brand: the 500 page repeats it because it cannot use the database.
    "Safeguarding Resource Portal",
}
# Blocks whose content is for machines, not people.
MACHINE_BLOCKS = {"og_type"}
VISIBLE_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")

HOLE = "\x00"  # where a variable, a tag or translated text goes: never counts as a word
WORD = re.compile(r"[^\W\d_]{2,}")


def public_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if not name.startswith(STAFF_ONLY):
            yield name


def skeleton(nodelist, literals):
    """The template's own text in order, with HOLE for everything Django fills in.

    Bare string literals passed to an include or a with (``with label="Some words"``) are
    collected in ``literals``: they reach the page just as untranslated.
    """
    out = []
    for node in nodelist:
        if isinstance(node, TextNode):
            out.append(node.s)
        elif isinstance(node, (TranslateNode, BlockTranslateNode, CommentNode)) or (
            isinstance(node, BlockNode) and node.name in MACHINE_BLOCKS
        ):
            out.append(HOLE)
        else:
            if isinstance(node, (IncludeNode, WithNode)):
                for value in node.extra_context.values():
                    literal = isinstance(value, FilterExpression) and isinstance(value.var, str)
                    if literal and " " in value.var.strip():  # a phrase, not a machine value
                        literals.append(value.var)
            out.append(HOLE)
            children = (
                [nodes for _, nodes in node.conditions_nodelists]
                if isinstance(node, IfNode)
                else [getattr(node, name, None) for name in node.child_nodelists]
            )
            for child in children:
                if child:
                    out.append(skeleton(child, literals))
                    out.append(HOLE)
    return "".join(out)


def bare_words(text):
    text = html.unescape(text)
    words = []
    for allowed in ALLOWED_WORDS:
        text = text.replace(allowed, HOLE)
    for run in re.split(HOLE + "+", text):
        if WORD.search(run):
            words.append(" ".join(run.split()))
    return words


def unmarked_text(name):
    template = engines["django"].engine.get_template(name)
    literals = []
    source = skeleton(template.nodelist, literals)
    source = re.sub(r"<!--.*?-->", HOLE, source, flags=re.S)
    source = re.sub(r"<!doctype[^>]*>", HOLE, source, flags=re.I)
    found = []
    names = "|".join(VISIBLE_ATTRIBUTES)
    attribute = re.compile(rf"""\s({names})=(["'])(.*?)\2""", re.S)
    for tag in re.findall(r"<[a-zA-Z][^>]*>", source):
        for attr, _, value in attribute.findall(tag):
            found += [f'{attr}="{words}"' for words in bare_words(value)]
    found += bare_words(re.sub(r"</?[a-zA-Z][^>]*>", HOLE, source))
    found += [f'"{literal}"' for literal in literals]
    return found


def test_the_checker_finds_bare_words_and_passes_marked_ones():
    engine = engines["django"].engine
    compiled = engine.from_string(
        "{% load i18n %}{% block og_type %}article{% endblock %}"
        '<nav aria-label="Breadcrumb">{% if x %}<p>Hello {{ name }}</p>{% endif %}'
        '<img alt="{% translate "A child" %}">{% translate "Marked" %}'
        '{% include "includes/pagination.html" with hint="Some words" %}</nav>'
    )
    literals = []
    source = skeleton(compiled.nodelist, literals)
    assert 'aria-label="Breadcrumb"' in source
    assert "Hello " in source
    assert "Marked" not in source and "A child" not in source
    assert "article" not in source
    assert literals == ["Some words"]


def test_every_public_template_marks_its_words_for_translation():
    unmarked = {name: words for name in public_templates() if (words := unmarked_text(name))}
    assert not unmarked, "Mark these for translation ({% translate %}):\n" + "\n".join(
        f"  {name}: {words}" for name, words in unmarked.items()
    )


def test_every_welsh_message_is_translated_and_none_is_a_guess():
    path = Path(settings.BASE_DIR) / "portal" / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale="cy")
    untranslated = [
        message.id
        for message in catalog
        if message.id and not (all(message.string) if message.pluralizable else message.string)
    ]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not untranslated, f"No Welsh for: {untranslated}"
    assert not fuzzy, f"Fuzzy (guessed) Welsh for: {fuzzy}"
