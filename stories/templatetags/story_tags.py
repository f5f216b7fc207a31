"""Template tags for the pages: menus, breadcrumbs, page meta, and the lists of stories that the
shop's product, maker and cooperative pages show.

Menus and breadcrumbs from the page tree:
    {% site_menu %}  or  {% menu_pages as pages %}
    {% page_trail page as trail %}{% include "includes/breadcrumbs.html" with trail=trail %}

In a shop template:
    {% load story_tags %}
    {% stories_for_product product %}      (product page)
    {% stories_for_maker maker %}          (maker page)
    {% stories_for_cooperative cooperative %}  (cooperative page)
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from stories import selectors
from stories.localized import locale_code, reader_language
from stories.rich_text import render_rich_text

register = template.Library()


@register.filter
def clean_richtext(value):
    """`{{ value|clean_richtext }}`: like Wagtail's `richtext`, and whitelisted on the way out."""
    return render_rich_text(value)


@register.inclusion_tag("stories/includes/related_stories.html", takes_context=True)
def stories_for_product(context, product):
    return {
        "request": context.get("request"),
        "stories": selectors.stories_for_product(product),
        "heading_kind": "product",
    }


@register.inclusion_tag("stories/includes/related_stories.html", takes_context=True)
def stories_for_maker(context, maker):
    return {
        "request": context.get("request"),
        "stories": selectors.stories_for_maker(maker),
        "heading_kind": "maker",
        "maker": maker,
    }


@register.inclusion_tag("stories/includes/related_stories.html", takes_context=True)
def stories_for_cooperative(context, cooperative):
    return {
        "request": context.get("request"),
        "stories": selectors.stories_for_cooperative(cooperative),
        "heading_kind": "cooperative",
        "cooperative": cooperative,
    }


def _site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site is not None else None


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Top-level pages marked "show in menus", as (title, url, is_current) dicts."""
    request = context.get("request")
    root = _site_root(request)
    if root is None:
        return []
    current = context.get("page")
    current_key = getattr(current, "translation_key", None) if isinstance(current, Page) else None
    current_trail = set()
    if current_key is not None:
        current_trail = {current_key} | set(
            current.get_ancestors().values_list("translation_key", flat=True)
        )
    # The site's (English) menu pages, each in the reader's language where translated.
    menu = []
    # specific(): the page classes give addresses in the reader's language (stories.localized).
    for page in root.get_children().live().public().in_menu().order_by("path").specific():
        shown = page.localized
        menu.append(
            {
                "title": shown.title,
                "url": shown.get_url(request=request),
                "is_current": page.translation_key in current_trail,
            }
        )
    return menu


@register.inclusion_tag("stories/includes/menu.html", takes_context=True)
def site_menu(context):
    return {"menu": menu_pages(context), "request": context.get("request")}


@register.simple_tag(takes_context=True)
def page_trail(context, page):
    """(title, url) pairs of a page's ancestors below the home page, for
    `includes/breadcrumbs.html` (which adds the home link itself). An English page read under
    /tr/ or /ar/ before it is translated names its ancestors in the reader's language where
    they are translated; every address keeps the reader's prefix (stories.localized)."""
    if page is None:
        return []
    request = context.get("request")
    ancestors = list(page.get_ancestors().filter(depth__gt=2).live().public().specific())
    if ancestors and locale_code(page.locale_id) != reader_language():
        ancestors = [ancestor.localized for ancestor in ancestors]
    return [(ancestor.title, ancestor.get_url(request=request)) for ancestor in ancestors]


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def story_structured_data(context, story, image_url=""):
    """schema.org Article data for a story, as JSON-LD. Names only the story's author and the
    makers' public names; nothing private."""
    request = context.get("request")
    url = request.build_absolute_uri(story.get_url(request=request)) if request else story.url
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.title,
        "description": story.lead,
        "datePublished": story.date.isoformat(),
        "dateModified": (story.last_published_at or story.latest_revision_created_at),
        "mainEntityOfPage": url,
        "url": url,
        "author": {"@type": "Organization" if not story.author else "Person",
                   "name": story.author or "Ortak"},
        "publisher": {"@type": "Organization", "name": "Ortak"},
        "about": [{"@type": "Person", "name": maker.public_name}
                  for maker in context.get("story_makers", [])],
    }
    if image_url:
        data["image"] = request.build_absolute_uri(image_url) if request else image_url
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
