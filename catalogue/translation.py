"""The catalogue's words in every language (django-modeltranslation; README, "Languages").

Why modeltranslation rather than django-parler: Oscar's catalogue models come from Oscar's
abstract classes, and parler needs them to inherit from its `TranslatableModel` and to move
their fields into a separate table, which means rewriting Oscar's models and every query Oscar
makes. modeltranslation registers from outside: it adds `title_en`, `title_tr`, `title_ar`
columns beside `title`, answers `product.title` in the reader's language, and leaves Oscar's
classes, forms and queries as they are; a product card costs no extra join.
"""

from modeltranslation.translator import TranslationOptions, register
from oscar.core.loading import get_model

from shop.content_languages import use_original_language_first

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductClass = get_model("catalogue", "ProductClass")
Material = get_model("catalogue", "Material")

PRODUCT_FIELDS = ("title", "description", "technique", "care_instructions")


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = PRODUCT_FIELDS


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ProductClass)
class ProductClassTranslation(TranslationOptions):
    fields = ("name",)


@register(Material)
class MaterialTranslation(TranslationOptions):
    fields = ("name",)


use_original_language_first(Product, PRODUCT_FIELDS)
