"""Turkish and Arabic page trees for the demo, made the way an editor makes them: wagtail-localize.

For each language the home page, the story index, every story and the fair-trade pages are
translated from the strings in `demo_translations.json` and published. The makers' quotes
are translated too, and the translated story shows her own words beside the translation
(stories.selectors.story_body_with_originals). A string with no entry
stays English (the translation falls back to its source) until an editor translates it in
Wagtail's admin ("Translate this page", then "Sync translated pages" after the English
changes); a page not listed is served in English under /tr/ and /ar/ (stories.localized)."""

import json
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale, Page

DATA = Path(__file__).with_name("demo_translations.json")
LANGUAGES = ("tr", "ar")


def _pages(slugs: list[str]) -> list[Page]:
    from stories.models import HomePage

    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        return []
    pages = [home]
    for slug in slugs:
        if slug == "home":
            continue
        page = (
            Page.objects.descendant_of(home)
            .filter(slug=slug, locale=home.locale)
            .order_by("depth")
            .first()
        )
        if page is not None:
            pages.append(page.specific)
    return pages


def _translate(page, locale, strings: dict) -> bool:
    """Translate one page into `locale` from `strings` (English → translated); True if done."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    existing = page.get_translation_or_none(locale)
    if existing is not None and not existing.alias_of_id:
        return False  # already translated (by an editor, or an earlier load)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text:
            StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": "manual"},
            )
    # Saved as a draft, then published from a freshly read revision: wagtail-localize's own
    # publish waits for the transaction's commit and publishes from the page as it was when
    # translated, writing back a stale child count once its children are translated too.
    source.create_or_update_translation(
        locale, publish=False, copy_parent_pages=True, fallback=True
    )
    page.get_translation(locale).specific.get_latest_revision().publish()
    return True


def load_page_translations(*, stdout=None) -> int:
    """Translate the demo's pages and synchronise the trees. Idempotent; returns pages done."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    done = 0
    with transaction.atomic():
        pages = _pages(data["pages"])
        for language in LANGUAGES:
            locale, _created = Locale.objects.get_or_create(language_code=language)
            for page in pages:  # parents first: the home page, the index, its stories
                done += _translate(page, locale, data[language])
    if stdout is not None:
        stdout.write(f"Pages translated into Turkish and Arabic: {done}")
    return done
