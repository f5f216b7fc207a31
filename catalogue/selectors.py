"""Reads of the catalogue, shaped so that a page costs a fixed number of queries.

Browsing is served from the database rather than Haystack (see README, "Design"): filters and
facets by category, cooperative, maker, material and price are plain SQL that runs the same on
SQLite and PostgreSQL, and needs no index to keep in step.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Min, Prefetch, QuerySet
from oscar.core.loading import get_model

from cooperatives.models import Maker, public_name_expression
from shop.content_languages import localized_expression

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

SORT_ORDERS = {
    "newest": ("-date_created", "-id"),
    "price-low": ("min_price", "id"),
    "price-high": ("-min_price", "-id"),
    "title": ("title", "id"),
    # The default when there is a query: the search's own order (catalogue.search).
    "relevance": ("-search_rank", "title", "id"),
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
    suggestion: str = ""  # "did you mean", when the query found nothing
    corrected: bool = False  # the products are those of the suggestion


def _filtered(queryset: QuerySet, filters: BrowseFilters, skip: str = "") -> QuerySet:
    # The query is applied once, by `product_browse`, through catalogue.search.
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
    from catalogue.search import product_search, search_rank

    base = sellable_products()
    if category is not None:
        base = base.filter(categories__in=category.get_descendants_and_self())
    search = None
    if filters.query:
        search = product_search(base, filters.query)
        base = base.filter(pk__in=search.products.values("pk"))
    ids = _filtered(base, filters).values("pk")
    products = Product.objects.filter(pk__in=ids).annotate(min_price=Min("stockrecords__price"))
    sort = filters.sort
    if sort == "relevance" and search is None:
        sort = DEFAULT_SORT
    if sort == "relevance":
        products = products.annotate(search_rank=search_rank(search))
    products = products.order_by(*SORT_ORDERS.get(sort, SORT_ORDERS[DEFAULT_SORT]))
    return BrowseResult(
        products=product_cards(products),
        facets=browse_facets(base, filters),
        suggestion=search.suggestion if search else "",
        corrected=search.corrected if search else False,
    )


def browse_facets(base: QuerySet, filters: BrowseFilters) -> dict:
    """Counts for each facet, each computed with every other filter applied (one query each)."""

    def counts(skip: str, value_field: str, label) -> list[dict]:
        ids = _filtered(base, filters, skip=skip).values("pk")
        rows = (
            Product.objects.filter(pk__in=ids)
            .exclude(**{f"{value_field}__isnull": True})
            # annotate() then values(names): modeltranslation's values() with expressions
            # only would select every column and group by each product.
            .annotate(value=F(value_field), label=label)
            .values("value", "label")
            .annotate(count=Count("pk", distinct=True))
            .order_by("label")
        )
        return list(rows)

    # Material and category names in the reader's language (with the fallback rule).
    return {
        "cooperative": counts(
            "cooperative", "maker__cooperative__slug", F("maker__cooperative__name")
        ),
        "maker": counts("maker", "maker__slug", public_name_expression("maker__")),
        "material": counts("material", "materials__slug", localized_expression("materials__name")),
        "category": counts(
            "category", "categories__slug", localized_expression("categories__name")
        ),
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
