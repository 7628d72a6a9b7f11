"""Tags for what machines read in a page's head: meta tags and JSON-LD.

Registered in settings (``TEMPLATES`` ``libraries``) because ``portal`` is the project
package, not an installed app.
"""

import json

from django import template
from django.core.exceptions import DisallowedHost
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.structured_data import resource_json_ld, service_json_ld

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the script element or
# start markup, whatever an editor typed.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter(is_safe=True)
def json_ld(data) -> str:
    """``data`` as a JSON-LD block.

    It is data, not script: browsers never run a ``application/ld+json`` block, so a strict
    Content-Security-Policy (``script-src 'self'``, no ``unsafe-inline``) has nothing to
    block and needs no nonce or hash for it, and crawlers read it from the page as it is.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _build_uri(context):
    request = context.get("request")
    return request.build_absolute_uri if request else (lambda path: path)


@register.simple_tag(takes_context=True)
def service_structured_data(context, service, routes):
    return json_ld(service_json_ld(service, routes, _build_uri(context)))


@register.simple_tag(takes_context=True)
def resource_structured_data(context, resource):
    return json_ld(resource_json_ld(resource, _build_uri(context)))


@register.simple_tag(takes_context=True)
def page_url(context) -> str:
    """The page's absolute address without its query: what a shared link should point to."""
    request = context.get("request")
    try:
        return request.build_absolute_uri(request.path) if request else ""
    except DisallowedHost:
        return ""  # the 400 page for a forged Host header: never echo that host back


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Rendered output is already escaped for HTML, so it is safe to write again.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """``{% capture "name" %}...{% endcapture %}``: render once, reuse as ``{{ name }}``.

    Lets base.html show a page's title and description block in the ``<title>`` and in the
    meta tags too, where a block may be used only once.
    """
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('Usage: {% capture "name" %}...{% endcapture %}')
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1][1:-1])
