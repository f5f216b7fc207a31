"""Switching language: the same page in the chosen language, whatever the cookie or browser say.

Django's `set_language` translates `next` by resolving it in the language that is active for
its own request (the cookie's or the browser's). A page read under `/ar/` while the cookie says
`en` does not resolve under `en`, so Django gives `next` back unchanged and the switcher seems to
do nothing. Here the page's own language, read from its prefix, is active while `next` is
resolved; Wagtail pages go to their translation in the chosen language where one exists.
"""

import re
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.urls import translate_url as django_translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

LANGUAGE_CODES = {code for code, _ in settings.LANGUAGES}


def language_of_path(path: str) -> str | None:
    """The language whose prefix starts the path (`/ar/shop/` → "ar"), or None."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGE_CODES else None


def _wagtail_translation_url(path: str, language: str) -> str | None:
    """The chosen language's translation of the Wagtail page at `path`, if it has one."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    from wagtail.models import Locale, Site

    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name != "wagtail_serve":
        return None
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    root = site.root_page.localized
    route = [part for part in (match.args[0] if match.args else "").split("/") if part]
    try:
        page = root.specific.route(None, route).page
    except Exception:  # noqa: BLE001 (any page Wagtail cannot route: keep the path as it is)
        return None
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale else None
    if translated is None or not translated.live:
        return None
    return translated.get_url()


def url_in_language(url: str, language: str) -> str:
    """The same page as `url` in `language`: its query and fragment kept; unchanged when the
    URL is not one of the shop's pages."""
    parts = urlsplit(url)
    source = language_of_path(parts.path)
    with translation.override(source or translation.get_language()):
        page = _wagtail_translation_url(parts.path, language) if source else None
        if page:
            return urlunsplit(("", "", urlsplit(page).path, parts.query, parts.fragment))
        return django_translate_url(url, language)


@require_POST
def language_set(request):
    """Django's set_language (cookie, safe `next`), with `next` read in its own language."""
    next_url = request.POST.get("next", "")
    source = language_of_path(urlsplit(next_url).path)
    chosen = request.POST.get("language", "")
    if source and chosen in LANGUAGE_CODES:
        post = request.POST.copy()
        post["next"] = url_in_language(next_url, chosen)
        request.POST = post
    with translation.override(chosen if chosen in LANGUAGE_CODES else None):
        return set_language(request)


# Unknown language prefixes (issue 13, "Bad input"): /fr/, /de/shop/catalogue/, /xx/stories/.
# A first segment shaped like a language tag (two letters, optionally a region: `pt-br`) or one
# Django knows as a language is taken for a prefix the shop does not speak.
LANGUAGE_TAG = re.compile(r"^[a-z]{2}(?:[-_][a-z0-9]{2,8})?$", re.IGNORECASE)


def is_unknown_language_prefix(segment: str) -> bool:
    from django.conf.locale import LANG_INFO

    if segment in LANGUAGE_CODES:
        return False
    return bool(LANGUAGE_TAG.match(segment)) or segment.lower() in LANG_INFO


def _path_exists(request, path: str, language: str) -> bool:
    """Whether `path` (under `language`'s prefix) is a page of the shop: a Wagtail page that
    routes in that language's tree (or the English one it falls back to), or any other view
    the URLs resolve."""
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return False
        if match.url_name != "wagtail_serve":
            return True
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return False
        route = [part for part in (match.args[0] if match.args else "").split("/") if part]
        try:
            site.root_page.localized.specific.route(request, route)
        except Http404:
            return False
        return True


def unknown_language_prefix(request, prefix: str, rest: str = ""):
    """/fr/<rest>: the same page in the visitor's language (cookie, browser, else English) when
    the shop has it, otherwise the shop's 404 page in that language; never a page served under
    a prefix that does not say its language."""
    if not is_unknown_language_prefix(prefix):
        raise Http404
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    target = f"/{language}/{rest}"
    if _path_exists(request, target, language):
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponseRedirect(target + (f"?{query}" if query else ""))
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
    # Answered as the visitor's own-language path, so Django's LocaleMiddleware does not turn
    # this 404 into a redirect to /<language>/fr/<rest> (which Wagtail's catch-all "resolves").
    request.path_info = target
    with translation.override(language):
        response = render(request, "404.html", status=404)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
