"""Cooperatives' and makers' public words in every language (see catalogue/translation.py for
why django-modeltranslation). A maker's story is her own words: `original_language` records
the language she wrote it in, and pages quote it with a translation beside it, never instead."""

from modeltranslation.translator import TranslationOptions, register

from cooperatives.models import Cooperative, Maker
from shop.content_languages import use_original_language_first

COOPERATIVE_FIELDS = ("summary", "description")
MAKER_FIELDS = ("story", "crafts")


@register(Cooperative)
class CooperativeTranslation(TranslationOptions):
    fields = COOPERATIVE_FIELDS


@register(Maker)
class MakerTranslation(TranslationOptions):
    fields = MAKER_FIELDS


use_original_language_first(Cooperative, COOPERATIVE_FIELDS)
use_original_language_first(Maker, MAKER_FIELDS)
