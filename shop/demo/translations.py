"""Turkish and Arabic for the demo's products and cooperatives, from `translations.json`.

Categories, materials and product classes are the shop's reference data: their names in every
language come with the migration that made them translatable (catalogue/migrations/0036). The
demo's own words are English, its original language; only empty translations are filled, so
loading twice changes nothing and an editor's own translation is never overwritten.
"""

import json
from pathlib import Path

from django.db import transaction
from oscar.core.loading import get_model

from cooperatives.models import Cooperative

DATA = Path(__file__).with_name("translations.json")
OTHER_LANGUAGES = ("tr", "ar")  # the order of each pair in the data file

Product = get_model("catalogue", "Product")


def demo_translations() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _pair(table: dict, key: str, language: str) -> str:
    pair = table.get(key)
    return pair[OTHER_LANGUAGES.index(language)] if pair else ""


def translate_cooperatives(data: dict) -> int:
    changed = 0
    for cooperative in Cooperative.objects.filter(slug__in=list(data["cooperatives"])):
        fields = []
        for language in OTHER_LANGUAGES:
            for name, text in data["cooperatives"][cooperative.slug].get(language, {}).items():
                column = f"{name}_{language}"
                if text and not getattr(cooperative, column):
                    setattr(cooperative, column, text)
                    fields.append(column)
        if fields:
            cooperative.save(update_fields=fields)
            changed += 1
    return changed


def translate_makers(data: dict) -> int:
    """Each demo maker's crafts in Turkish and Arabic, from their English words."""
    from cooperatives.models import Maker

    changed = 0
    for maker in Maker.objects.filter(crafts_en__in=list(data.get("crafts", {}))):
        fields = []
        for language in OTHER_LANGUAGES:
            column = f"crafts_{language}"
            text = _pair(data["crafts"], maker.crafts_en, language)
            if text and not getattr(maker, column):
                setattr(maker, column, text)
                fields.append(column)
        if fields:
            maker.save(update_fields=fields)
            changed += 1
    return changed


def _product_words(planned, product, data: dict, language: str) -> dict:
    template = planned.template
    colour = _pair(data["colours"], planned.colour_name, language)
    title = _pair(data["titles"], template.key, language)
    words = {
        "technique": _pair(data["techniques"], template.technique, language),
        "care_instructions": _pair(data["care"], template.care, language),
    }
    if title:
        title = data["product_title"][language].format(
            title=title, colour=colour.lower() if language == "tr" else colour
        )
        words["title"] = f"{title} ({planned.edition + 1})" if planned.edition else title
    about = _pair(data["descriptions"], template.key, language)
    if about and product.maker is not None:
        from html import escape

        cooperative = product.maker.cooperative
        made_by = data["made_by"][language].format(
            maker=product.maker.public_name,
            cooperative=cooperative.name,
            region=cooperative.region,
            hours=product.hours_to_make or "",
            colour=colour,
        )
        words["description"] = "".join(f"<p>{escape(text)}</p>" for text in (about, made_by))
    return words


def translate_products(plan: list) -> int:
    """Fill the Turkish and Arabic of the demo's products (those of `plan`)."""
    from catalogue.search import search_texts_rebuild

    data = demo_translations()
    by_upc = {planned.upc: planned for planned in plan}
    products = list(
        Product.objects.filter(upc__in=list(by_upc)).select_related("maker__cooperative")
    )
    changed = set()
    columns: set[str] = set()
    for product in products:
        planned = by_upc[product.upc]
        for language in OTHER_LANGUAGES:
            for name, text in _product_words(planned, product, data, language).items():
                column = f"{name}_{language}"
                if text and not getattr(product, column):
                    setattr(product, column, text)
                    columns.add(column)
                    changed.add(product.pk)
    todo = [product for product in products if product.pk in changed]
    if todo:
        with transaction.atomic():
            Product.objects.bulk_update(todo, sorted(columns), batch_size=500)
    search_texts_rebuild(Product.objects.filter(upc__in=list(by_upc)))
    return len(todo)
