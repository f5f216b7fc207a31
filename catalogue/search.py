"""Product search in every language: the one place that decides which products a query finds.

Each product has a `ProductSearchText` row: its words in every language, folded and stemmed
(`shop.search_text`), in three columns by weight:

- primary: title, categories (with their parents), product class and materials;
- secondary: description, technique, care, the maker's public name and crafts;
- owner: the cooperative's name and region.

A query's words must all be found, each at the start of a word. The search answers from the
best tier that finds anything: primary alone, then primary and secondary, then all three. So
"silver" finds silver jewelry, not every towel of the "Telkar Silver & Loom" cooperative (whose
name the towels' descriptions mention), while "Telkar" still finds the cooperative's goods.

The words are looked up in a full-text index, not by scanning the rows (README, "Design"):

- PostgreSQL: three `tsvector` columns generated from the text, one per tier (primary;
  primary and secondary; all three), each with a GIN index; a query is a prefix `tsquery`
  (`'silver':* & 'ring':*`). The lexemes are the stored words themselves (`array_to_tsvector`,
  and a `tsquery` cast, not a parser): the text is folded and stemmed already.
- SQLite: an FTS5 table (`catalogue_productsearch_fts`, ascii tokenizer: words are split at
  spaces only) kept in step with `ProductSearchText` by triggers; a query is a prefix query per
  column set (`{primary secondary} : "silver"*`).

Both match a stored word by its beginning, so both databases find the same products (the
tests run on both). Migration 0037 creates either.

A typo: when nothing is found, each word is compared with the shop's own vocabulary (the
primary words of every product): trigram similarity on PostgreSQL (pg_trgm), difflib's ratio
elsewhere. The closest words make a "did you mean" suggestion, used only if it finds something.

Only public fields are read: a maker's private details never reach the search text.
"""

import difflib
import threading
from dataclasses import dataclass

from django.apps import apps as current_apps
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, IntegerField, QuerySet, Sum, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from oscar.core.loading import get_model

from catalogue.facets import facet_keys_rebuild
from shop.search_text import document, fold, query_words, stem, words

Product = get_model("catalogue", "Product")
ProductSearchText = get_model("catalogue", "ProductSearchText")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
ProductClass = get_model("catalogue", "ProductClass")
Material = get_model("catalogue", "Material")

LANGUAGES = ("en", "tr", "ar")
TIERS = (("primary",), ("primary", "secondary"), ("primary", "secondary", "owner"))
VOCABULARY_CACHE_KEY = "catalogue-search-vocabulary"
VOCABULARY_CACHE_SECONDS = 600
SIMILARITY = 0.3  # pg_trgm's own default: "silvr"/"silver" and "shawel"/"shawl" are 0.44


def _all_languages(instance, field: str) -> list[str]:
    return [getattr(instance, f"{field}_{language}", "") or "" for language in LANGUAGES] + [
        instance.__dict__.get(field) or ""
    ]


def _category_names(category, categories_by_path: dict) -> list[str]:
    names = []
    depth = category.depth
    for level in range(1, depth + 1):
        ancestor = categories_by_path.get(category.path[: 4 * level])
        if ancestor is not None:
            names += _all_languages(ancestor, "name")
    return names


def search_texts_for(products) -> list:
    """Unsaved `ProductSearchText` rows for these products (whatever their number, a few queries).

    Works with the historical models of a migration too: it reads fields, never methods.
    """
    products = list(products)
    if not products:
        return []
    model = type(products[0])
    SearchText = model._meta.apps.get_model("catalogue", "ProductSearchText")
    CategoryModel = model._meta.apps.get_model("catalogue", "Category")
    categories_by_path = {category.path: category for category in CategoryModel.objects.all()}
    ids = [product.pk for product in products]
    category_links: dict[int, list] = {}
    for link in model.categories.through.objects.filter(product_id__in=ids).select_related(
        "category"
    ):
        category_links.setdefault(link.product_id, []).append(link.category)
    material_links: dict[int, list] = {}
    for link in model.materials.through.objects.filter(product_id__in=ids).select_related(
        "material"
    ):
        material_links.setdefault(link.product_id, []).append(link.material)
    rows = []
    for product in products:
        primary = _all_languages(product, "title")
        for category in category_links.get(product.pk, []):
            primary += _category_names(category, categories_by_path)
        if product.product_class_id:
            primary += _all_languages(product.product_class, "name")
        for material in material_links.get(product.pk, []):
            primary += _all_languages(material, "name")
        secondary = (
            _all_languages(product, "description")
            + _all_languages(product, "technique")
            + _all_languages(product, "care_instructions")
        )
        owner = []
        maker = product.maker
        if maker is not None:
            shows_first_name = maker.consent_show_first_name and maker.first_name
            secondary += [maker.first_name if shows_first_name else maker.display_name]
            secondary += _all_languages(maker, "crafts")
            cooperative = maker.cooperative
            owner += [cooperative.name, cooperative.region, cooperative.country]
        rows.append(
            SearchText(
                product_id=product.pk,
                primary=document(*primary),
                secondary=document(*secondary),
                owner=document(*owner),
            )
        )
    return rows


def search_texts_rebuild(products: QuerySet | None = None, batch_size: int = 500) -> int:
    """Write the search text and the facet keys of these products (all by default); returns
    how many. Idempotent: each product's rows are replaced.

    A migration's historical models get the search text alone when the facet table is not
    there yet (migration 0036)."""
    model = products.model if products is not None else Product
    queryset = products if products is not None else Product.objects.all()
    queryset = queryset.select_related("product_class", "maker__cooperative").order_by("pk")
    registry = model._meta.apps
    SearchText = registry.get_model("catalogue", "ProductSearchText")
    try:
        registry.get_model("catalogue", "ProductFacet")
        with_facets = True
    except LookupError:
        with_facets = False
    done = 0
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        batch = list(queryset.filter(pk__in=ids[start : start + batch_size]))
        rows = search_texts_for(batch)
        SearchText.objects.filter(product_id__in=[p.pk for p in batch]).delete()
        SearchText.objects.bulk_create(rows)
        if with_facets:
            facet_keys_rebuild(batch, registry)
        done += len(rows)
    if registry is current_apps:
        cache.delete(VOCABULARY_CACHE_KEY)
    return done


# Matching

# One statement per tier (TIERS), the words always passed as a parameter.
_POSTGRES_TIERS = (
    "SELECT product_id FROM catalogue_productsearchtext WHERE tier1_words @@ %s::tsquery",
    "SELECT product_id FROM catalogue_productsearchtext WHERE tier2_words @@ %s::tsquery",
    "SELECT product_id FROM catalogue_productsearchtext WHERE tier3_words @@ %s::tsquery",
)
_SQLITE_TIERS = ("{primary}", "{primary secondary}", "{primary secondary owner}")
_SQLITE_MATCH = (
    "SELECT rowid FROM catalogue_productsearch_fts WHERE catalogue_productsearch_fts MATCH %s"
)


def _matching_ids(stems: list[str], tier: int) -> RawSQL:
    """The ids of the products whose words of this tier start with every stem, from the index.

    Stems are folded words (letters and digits only), quoted all the same so that no word can
    ever be read as index syntax; they reach the database as a parameter."""
    if connection.vendor == "postgresql":
        query = " & ".join(
            "'" + stem_.replace("\\", "\\\\").replace("'", "''") + "':*" for stem_ in stems
        )
        return RawSQL(_POSTGRES_TIERS[tier], [query])  # noqa: S611 (constant SQL)
    columns = _SQLITE_TIERS[tier]
    match = " AND ".join(f'{columns} : "' + stem_.replace('"', '""') + '"*' for stem_ in stems)
    return RawSQL(_SQLITE_MATCH, [match])  # noqa: S611 (constant SQL)


def _rank(stems: list[str]) -> Sum:
    """Higher for words found in the title/category/material than further down.

    Computed only for the products the index found, on the same stored words, so it is the same
    on both databases."""
    whens = []
    for stem_ in stems:
        whens.append(
            Case(
                When(search_text__primary__contains=" " + stem_, then=Value(4)),
                When(search_text__secondary__contains=" " + stem_, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    total = whens[0]
    for when in whens[1:]:
        total = total + when
    return total


def products_matching(queryset: QuerySet, stems: list[str]) -> QuerySet:
    """The products of `queryset` that the stems find, from the best tier that finds any."""
    if not stems:
        return queryset.none()
    for tier in range(len(TIERS)):
        found = queryset.filter(pk__in=_matching_ids(stems, tier))
        if found.exists():
            return found
    return queryset.none()


@dataclass
class ProductSearch:
    products: QuerySet
    stems: list
    suggestion: str = ""  # "did you mean", shown when the query itself found nothing
    corrected: bool = False  # the products are those of the suggestion


def search_rank(search: "ProductSearch"):
    """The rank expression of a search, for another queryset of products."""
    return _rank(search.stems) if search.stems else Value(0)


def product_search(queryset: QuerySet, query: str) -> ProductSearch:
    """Products of `queryset` for a query, with a suggestion when the query finds nothing."""
    stems = query_words(query)
    found = products_matching(queryset, stems)
    if not stems or found.exists():
        return ProductSearch(products=found, stems=stems)
    suggestion = did_you_mean(query)
    if suggestion:
        corrected_stems = query_words(suggestion)
        corrected = products_matching(queryset, corrected_stems)
        if corrected.exists():
            return ProductSearch(
                products=corrected, stems=corrected_stems, suggestion=suggestion, corrected=True
            )
    return ProductSearch(products=found, stems=stems)


# "Did you mean"


def vocabulary() -> dict[str, str]:
    """Folded word → the word as written, for the words of titles, categories and materials."""
    cached = cache.get(VOCABULARY_CACHE_KEY)
    if cached is not None:
        return cached
    written: dict[str, str] = {}
    texts = []
    for language in LANGUAGES:
        texts += Category.objects.values_list(f"name_{language}", flat=True)
        texts += Material.objects.values_list(f"name_{language}", flat=True)
        texts += Product.objects.browsable().values_list(f"title_{language}", flat=True)
    for text in texts:
        for raw in (text or "").split():
            for folded in words(raw):
                if len(folded) >= 3:
                    written.setdefault(folded, raw.strip(",.;:()&").lower() or folded)
    cache.set(VOCABULARY_CACHE_KEY, written, VOCABULARY_CACHE_SECONDS)
    return written


def _closest(word: str, known: dict[str, str]) -> str:
    if connection.vendor == "postgresql":
        return _closest_by_trigram(word) or ""
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return matches[0] if matches else ""


def _closest_by_trigram(word: str) -> str:
    """The vocabulary word most similar to `word` by pg_trgm's trigram similarity."""
    known = list(vocabulary())
    if not known:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT candidate FROM unnest(%s::text[]) AS candidate "
            "WHERE similarity(candidate, %s) >= %s "
            "ORDER BY similarity(candidate, %s) DESC, candidate LIMIT 1",
            [known, word, SIMILARITY, word],
        )
        row = cursor.fetchone()
    return row[0] if row else ""


def did_you_mean(query: str) -> str:
    """The query with each unknown word replaced by the closest known one, or ''."""
    known = vocabulary()
    stems_known = {stem(word) for word in known} | set(known)
    replaced, changed = [], False
    for word in words(query)[:8]:
        if word in known or stem(word) in stems_known:
            replaced.append(known.get(word, word))
            continue
        closest = _closest(word, known)
        if closest:
            replaced.append(known[closest])
            changed = True
        else:
            replaced.append(word)
    return " ".join(replaced) if changed else ""


# Keeping the search text and facet keys in step with edits


# Products being deleted: deleting one deletes its category links first, whose signal would
# otherwise write its index rows again just before the product itself goes.
_deleting = threading.local()


def _being_deleted() -> set:
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids


@receiver(pre_delete, sender=Product)
def _product_deleting(sender, instance, **kwargs):
    _being_deleted().add(instance.pk)


@receiver(post_delete, sender=Product)
def _product_deleted(sender, instance, **kwargs):
    _being_deleted().discard(instance.pk)


def _rebuild_products(products: QuerySet) -> None:
    """Off the request: a task rewrites the index of these products (catalogue.tasks)."""
    from catalogue.tasks import product_index_update

    ids = list(products.exclude(pk__in=_being_deleted()).values_list("pk", flat=True))
    if ids:
        product_index_update.enqueue(ids)


@receiver(post_save, sender=Product)
def _product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _rebuild_products(Product.objects.filter(pk=instance.pk))


@receiver(post_save, sender=ProductCategory)
@receiver(post_delete, sender=ProductCategory)
def _product_category_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _rebuild_products(Product.objects.filter(pk=instance.product_id))


@receiver(m2m_changed, sender=Product.materials.through)
@receiver(m2m_changed, sender=Product.categories.through)
def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """`product.materials.add(…)`, `product.categories.add(…)` and the reverse sides."""
    if not action.startswith("post_"):
        return
    if not reverse:
        _rebuild_products(Product.objects.filter(pk=instance.pk))
    elif sender is Product.materials.through:
        _rebuild_products(Product.objects.filter(materials=instance))
    else:
        _rebuild_products(Product.objects.filter(categories=instance))


@receiver(post_save, sender=Category)
def _category_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _rebuild_products(
            Product.objects.filter(categories__path__startswith=instance.path).distinct()
        )


@receiver(post_save, sender=Material)
def _material_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _rebuild_products(Product.objects.filter(materials=instance))


@receiver(post_save, sender=ProductClass)
def _product_class_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _rebuild_products(Product.objects.filter(product_class=instance))


def _owner_saved(sender, instance, raw=False, **kwargs):
    from cooperatives.models import Cooperative

    if raw:
        return
    if isinstance(instance, Cooperative):
        _rebuild_products(Product.objects.filter(maker__cooperative=instance))
    else:
        _rebuild_products(Product.objects.filter(maker=instance))


def connect_owner_signals() -> None:
    """Makers and cooperatives live in another app: connected from `CatalogueConfig.ready`."""
    from cooperatives.models import Cooperative, Maker

    post_save.connect(_owner_saved, sender=Cooperative, dispatch_uid="search-text-cooperative")
    post_save.connect(_owner_saved, sender=Maker, dispatch_uid="search-text-maker")


__all__ = [
    "ProductSearch",
    "search_rank",
    "did_you_mean",
    "fold",
    "product_search",
    "products_matching",
    "search_texts_rebuild",
]
