"""Reads of the catalogue, shaped so that a page costs a fixed number of queries.

Browsing is served from the database rather than Haystack (see README, "Design"): filters and
facets by category, cooperative, maker, material and price are plain SQL that runs the same on
SQLite and PostgreSQL, and needs no index to keep in step.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from oscar.core.loading import get_model

from cooperatives.models import Maker, public_name_expression

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

SORT_ORDERS = {
    "newest": ("-date_created", "-id"),
    "price-low": ("min_price", "id"),
    "price-high": ("-min_price", "-id"),
    "title": ("title", "id"),
}
DEFAULT_SORT = "newest"


def sellable_products() -> QuerySet:
    """Products a customer can see and buy: public, with a maker who is not archived."""
    return Product.objects.browsable().filter(maker__isnull=False, maker__is_archived=False)


def product_cards(queryset: QuerySet) -> QuerySet:
    """What a product card renders (image, price, stock, maker, cooperative) in four queries
    however many cards there are."""
    return queryset.select_related("maker__cooperative", "product_class").prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
        Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
    ).defer(*(f"maker__{name}" for name in Maker.PRIVATE_FIELDS))


@dataclass
class BrowseFilters:
    query: str = ""
    cooperative: str = ""
    maker: str = ""
    material: str = ""
    category: str = ""
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    in_stock: bool = False
    sort: str = DEFAULT_SORT

    def active(self) -> dict:
        return {
            name: value
            for name, value in self.__dict__.items()
            if name != "sort" and value not in ("", None, False)
        }


@dataclass
class BrowseResult:
    products: QuerySet
    facets: dict = field(default_factory=dict)


def product_matches_word(word: str) -> Q:
    """A product matches a search word on its public fields only: title, description,
    technique, materials, its maker's public name and her cooperative's name."""
    return (
        Q(title__icontains=word)
        | Q(description__icontains=word)
        | Q(technique__icontains=word)
        | Q(materials__name__icontains=word)
        | Q(maker__display_name__icontains=word)
        | Q(maker__consent_show_first_name=True, maker__first_name__icontains=word)
        | Q(maker__cooperative__name__icontains=word)
    )


def _filtered(queryset: QuerySet, filters: BrowseFilters, skip: str = "") -> QuerySet:
    if filters.query:
        for word in filters.query.split()[:8]:
            queryset = queryset.filter(product_matches_word(word))
    if filters.cooperative and skip != "cooperative":
        queryset = queryset.filter(maker__cooperative__slug=filters.cooperative)
    if filters.maker and skip != "maker":
        queryset = queryset.filter(maker__slug=filters.maker)
    if filters.material and skip != "material":
        queryset = queryset.filter(materials__slug=filters.material)
    if filters.category and skip != "category":
        queryset = queryset.filter(categories__slug=filters.category)
    if filters.price_min is not None:
        queryset = queryset.filter(stockrecords__price__gte=filters.price_min)
    if filters.price_max is not None:
        queryset = queryset.filter(stockrecords__price__lte=filters.price_max)
    if filters.in_stock:
        queryset = queryset.filter(stockrecords__num_in_stock__gt=0)
    return queryset


def product_browse(*, filters: BrowseFilters, category=None) -> BrowseResult:
    base = sellable_products()
    if category is not None:
        base = base.filter(categories__in=category.get_descendants_and_self())
    ids = _filtered(base, filters).values("pk")
    products = (
        Product.objects.filter(pk__in=ids)
        .annotate(min_price=Min("stockrecords__price"))
        .order_by(*SORT_ORDERS.get(filters.sort, SORT_ORDERS[DEFAULT_SORT]))
    )
    return BrowseResult(products=product_cards(products), facets=browse_facets(base, filters))


def browse_facets(base: QuerySet, filters: BrowseFilters) -> dict:
    """Counts for each facet, each computed with every other filter applied (one query each)."""

    def counts(skip: str, value_field: str, label) -> list[dict]:
        ids = _filtered(base, filters, skip=skip).values("pk")
        rows = (
            Product.objects.filter(pk__in=ids)
            .exclude(**{f"{value_field}__isnull": True})
            .values(value=F(value_field), label=label)
            .annotate(count=Count("pk", distinct=True))
            .order_by("label")
        )
        return list(rows)

    return {
        "cooperative": counts(
            "cooperative", "maker__cooperative__slug", F("maker__cooperative__name")
        ),
        "maker": counts("maker", "maker__slug", public_name_expression("maker__")),
        "material": counts("material", "materials__slug", F("materials__name")),
        "category": counts("category", "categories__slug", F("categories__name")),
    }


def product_detail_context(product) -> dict:
    """Everything the product page shows beyond the product itself."""
    maker = product.maker
    more_by_maker = []
    if maker is not None:
        more_by_maker = list(
            product_cards(
                sellable_products().filter(maker=maker).exclude(pk=product.pk)
            ).order_by("-date_created")[:4]
        )
    return {
        "maker": maker,
        "cooperative": maker.cooperative if maker else None,
        "materials": list(product.materials.all()),
        "more_by_maker": more_by_maker,
    }
