"""Pages in the reader's language, whether or not each page has been translated yet.

With Wagtail's i18n, /tr/ is served from the Turkish tree (the translated home page and what
hangs under it). Two rules keep an untranslated page readable and every link in the reader's
language:

- routing: a path the Turkish tree does not have is looked up in the English tree, so
  /tr/stories/a-story/ shows the English story (with the Turkish interface) until it is
  translated, instead of a 404;
- links: an English page's address, asked for while the reader reads Turkish, is given under
  /tr/, so following a link never switches the language.
"""

import functools

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language


@functools.cache
def _locale_codes() -> dict[int, str]:
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))


def locale_code(locale_id: int) -> str:
    codes = _locale_codes()
    if locale_id not in codes:
        _locale_codes.cache_clear()
        codes = _locale_codes()
    return codes.get(locale_id, settings.LANGUAGE_CODE)


def reader_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ReaderLanguagePageMixin:
    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or locale_code(self.locale_id) == settings.LANGUAGE_CODE:
                raise
            original = self.get_translation_or_none(_default_locale())
            if original is None:
                raise
            return original.specific.route(request, path_components)

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if parts is None:
            return parts
        site_id, root_url, path = parts
        own, reader = locale_code(self.locale_id), reader_language()
        if own != reader and own == settings.LANGUAGE_CODE and path.startswith(f"/{own}/"):
            path = f"/{reader}/" + path[len(own) + 2 :]
        return site_id, root_url, path


def in_default_language(page):
    """The page of the default locale that `page` translates (itself if it is one)."""
    if locale_code(page.locale_id) == settings.LANGUAGE_CODE:
        return page
    return page.get_translation_or_none(_default_locale()) or page


def _default_locale():
    from wagtail.models import Locale

    return Locale.get_default()
