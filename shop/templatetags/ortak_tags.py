"""Template tags shared by every page: links to the same page in another language, absolute
URLs for Open Graph and canonical links, the catalogue's filter chips, and plain-text paragraphs."""

import html
import re

from django import template
from django.urls import translate_url
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

_HTML_PARAGRAPH_EDGES = re.compile(r"^\s*<p(\s[^>]*)?>|</p>\s*$", re.I)
_HTML_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p(\s[^>]*)?>", re.I)
_HTML_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)


@register.filter
def plain_paragraphs(value) -> str:
    """Descriptions are plain text, rendered with |linebreaks. Text written through Oscar's
    rich-text dashboard arrives as <p> paragraphs: those become blank lines and its entities
    characters again. The result is never marked safe, so |linebreaks escapes whatever is left
    (a <script> shows as text)."""
    text = str(value or "")
    if not re.search(r"<(p|br)[\s/>]", text, re.I):
        return text
    text = _HTML_PARAGRAPH_EDGES.sub("", text)
    text = _HTML_PARAGRAPH_BREAK.sub("\n\n", text)
    text = _HTML_LINE_BREAK.sub("\n", text)
    return html.unescape(text)


@register.simple_tag(takes_context=True)
def translated_url(context, language_code: str, absolute: bool = False) -> str:
    """The current page's URL in another language (same query string), or the page itself
    when it has no translation (a path that does not resolve)."""
    request = context.get("request")
    if request is None:
        return f"/{language_code}/"
    url = translate_url(request.get_full_path(), language_code)
    return request.build_absolute_uri(url) if absolute else url


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str = "") -> str:
    """`path` (or the current path, without its query string) as an absolute URL."""
    request = context.get("request")
    if request is None:
        return path
    return request.build_absolute_uri(path or request.path)


@register.simple_tag(takes_context=True)
def query_without(context, *names: str) -> str:
    """The current query string without `names` and without the page number, as `?...` (or the
    bare path when nothing is left): the link that removes one filter."""
    request = context["request"]
    query = request.GET.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def _facet_label(facets: dict, name: str, value: str) -> str:
    for row in facets.get(name, []):
        if row["value"] == value:
            return row["label"]
    return value


@register.simple_tag(takes_context=True)
def active_filter_chips(context) -> list[dict]:
    """One chip per active catalogue filter: what it says, and the link that removes it."""
    filters = context.get("filters")
    if filters is None:
        return []
    facets = context.get("facets") or {}
    chips = []
    if filters.query:
        chips.append({"label": _("“%(query)s”") % {"query": filters.query}, "field": "q"})
    for name in ("category", "cooperative", "maker", "material"):
        value = getattr(filters, name)
        if value:
            chips.append({"label": _facet_label(facets, name, value), "field": name})
    if filters.price_min is not None:
        chips.append(
            {
                "label": _("From %(price)s") % {"price": number_format(filters.price_min)},
                "field": "price_min",
            }
        )
    if filters.price_max is not None:
        chips.append(
            {
                "label": _("Up to %(price)s") % {"price": number_format(filters.price_max)},
                "field": "price_max",
            }
        )
    if filters.in_stock:
        chips.append({"label": _("In stock only"), "field": "in_stock"})
    for chip in chips:
        chip["remove_url"] = query_without(context, chip["field"])
    return chips
