"""Content in the reader's language, falling back to the words' original language.

django-modeltranslation keeps one column per language (`title_en`, `title_tr`, `title_ar`) and
answers `product.title` in the active language, falling back in a fixed order. A maker's words
have an original language of their own (a Turkish member writes in Turkish), recorded on the
row as `original_language`: when the reader's language is missing, that original comes next,
before English, so a Turkish piece read in Arabic shows her Turkish words rather than someone's
English translation of them, and never an empty field.

`localized_expression` is the same rule in SQL, for lists and facets read with `values()`.
"""

from django.conf import settings
from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname

CONTENT_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def active_content_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in CONTENT_LANGUAGES else settings.LANGUAGE_CODE


def fallback_order(original: str | None = None) -> list[str]:
    """The languages tried for the active language: itself, the original, English, the rest."""
    order = [active_content_language()]
    if original in CONTENT_LANGUAGES:
        order.append(original)
    order += [settings.LANGUAGE_CODE, *CONTENT_LANGUAGES]
    return list(dict.fromkeys(order))


class OriginalLanguageFirstDescriptor(TranslationFieldDescriptor):
    """modeltranslation's descriptor, with the row's `original_language` tried second."""

    def __get__(self, instance, owner):
        if instance is None:
            return self
        original = instance.__dict__.get("original_language")
        undefined = self.field.get_default()
        for language in fallback_order(original):
            value = getattr(instance, build_localized_fieldname(self.field.name, language), None)
            if self.meaningful_value(value, undefined):
                return value
        return undefined


def use_original_language_first(model, field_names) -> None:
    """Swap modeltranslation's descriptors of `model` for ones that honour the original."""
    for name in field_names:
        model.__dict__[name].__class__ = OriginalLanguageFirstDescriptor


def with_translations(*paths: str) -> list[str]:
    """Field paths for `only()`: a translated field needs its per-language columns and the
    row's original language too (modeltranslation adds them for the model's own fields only,
    not across a relation), or each row reads them with a query of its own."""
    names = []
    for path in paths:
        prefix = path.rsplit("__", 1)[0] + "__" if "__" in path else ""
        names += [path, *(build_localized_fieldname(path, code) for code in CONTENT_LANGUAGES)]
        names.append(f"{prefix}original_language")
    return list(dict.fromkeys(names))


def translation_of(instance, field_name: str, language: str | None = None) -> str:
    """The text written for `language` (the active one by default), without any fallback."""
    language = language or active_content_language()
    return getattr(instance, build_localized_fieldname(field_name, language), "") or ""


def original_text(instance, field_name: str) -> str:
    """The text in its original language (her own words), or '' when none was recorded."""
    original = getattr(instance, "original_language", "") or settings.LANGUAGE_CODE
    return translation_of(instance, field_name, original)


def localized_expression(path: str, original_path: str | None = None):
    """SQL for `path` (e.g. "categories__name") in the active language with the fallback rule.

    Without `original_path` the order is: active language, English, the rest.
    """
    columns = []
    for language in fallback_order():
        column = F(build_localized_fieldname(path, language))
        columns.append(NullIf(column, Value("")))
    if original_path:
        # The row's original language, tried right after the reader's.
        by_original = Case(
            *(
                When(
                    **{original_path: language},
                    then=NullIf(F(build_localized_fieldname(path, language)), Value("")),
                )
                for language in CONTENT_LANGUAGES
            ),
            default=Value(None),
            output_field=CharField(),
        )
        columns.insert(1, by_original)
    return Coalesce(*columns, Value(""), output_field=CharField())


def original_language_field():
    """The `original_language` column of a row whose words were written in one language."""
    from django.db import models
    from django.utils.translation import gettext_lazy as _

    return models.CharField(
        _("original language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language these words were first written in. A translation is shown beside "
            "them, never instead of them, where they are quoted."
        ),
    )
