"""Reads of the catalogue, shaped so that a page costs a fixed number of queries.

Browsing is served from the database rather than Haystack (see README, "Design"): filters and
facet counts by category, cooperative, maker and material read the products' facet keys
(`ProductFacet`, one narrow indexed table kept in step with the search index), the query reads
the full-text index (`catalogue.search`), price and stock read the stock records. The same SQL
on SQLite and PostgreSQL. `product_browse` is the one place a search server would plug in.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from oscar.core.loading import get_model

from cooperatives.models import Cooperative, Maker, public_name_expression
from shop.content_languages import localized_expression

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
ProductFacet = get_model("catalogue", "ProductFacet")
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


def _having(facet: str, **lookup) -> QuerySet:
    """Ids of the sellable products with this facet key."""
    return ProductFacet.objects.filter(facet=facet, **lookup).values("product_id")


def _filtered_keys(
    filters: BrowseFilters, *, category=None, found=None, skip: str = ""
) -> QuerySet:
    """One facet-key row per sellable product the filters leave (its cooperative's row).

    `skip` leaves one facet's own filter out, for that facet's counts; `found` is the search's
    products (applied once, by `product_browse`, through catalogue.search)."""
    keys = ProductFacet.objects.filter(facet=ProductFacet.COOPERATIVE)
    if filters.cooperative and skip != "cooperative":
        keys = keys.filter(cooperative__slug=filters.cooperative)
    if category is not None:
        keys = keys.filter(product_id__in=_having(ProductFacet.WITHIN, category=category))
    if filters.maker and skip != "maker":
        keys = keys.filter(product_id__in=_having(ProductFacet.MAKER, maker__slug=filters.maker))
    if filters.material and skip != "material":
        keys = keys.filter(
            product_id__in=_having(ProductFacet.MATERIAL, material__slug=filters.material)
        )
    if filters.category and skip != "category":
        keys = keys.filter(
            product_id__in=_having(ProductFacet.CATEGORY, category__slug=filters.category)
        )
    stock = {}
    if filters.price_min is not None:
        stock["price__gte"] = filters.price_min
    if filters.price_max is not None:
        stock["price__lte"] = filters.price_max
    if filters.in_stock:
        stock["num_in_stock__gt"] = 0
    if stock:
        keys = keys.filter(
            product_id__in=StockRecord.objects.filter(**stock).values("product_id")
        )
    if found is not None:
        keys = keys.filter(product_id__in=found)
    return keys


def product_browse(*, filters: BrowseFilters, category=None) -> BrowseResult:
    """The catalogue, a category page or a search: products, facet counts, "did you mean"."""
    from catalogue.search import product_search, search_rank

    search = found = None
    if filters.query:
        within = ProductFacet.objects.filter(facet=ProductFacet.COOPERATIVE)
        if category is not None:
            within = within.filter(
                product_id__in=_having(ProductFacet.WITHIN, category=category)
            )
        search = product_search(
            Product.objects.filter(pk__in=within.values("product_id")), filters.query
        )
        found = search.products.values("pk")
    ids = _filtered_keys(filters, category=category, found=found).values("product_id")
    products = Product.objects.filter(pk__in=ids)
    sort = filters.sort
    if sort == "relevance" and search is None:
        sort = DEFAULT_SORT
    if sort.startswith("price"):
        # A subquery per product, not MIN() with a GROUP BY over every column of every product.
        cheapest = StockRecord.objects.filter(product=OuterRef("pk")).order_by("price")
        products = products.annotate(min_price=Subquery(cheapest.values("price")[:1]))
    if sort == "relevance":
        products = products.annotate(search_rank=search_rank(search))
    products = products.order_by(*SORT_ORDERS.get(sort, SORT_ORDERS[DEFAULT_SORT]))
    return BrowseResult(
        products=product_cards(products),
        facets=browse_facets(filters, category=category, found=found),
        suggestion=search.suggestion if search else "",
        corrected=search.corrected if search else False,
    )


def browse_facets(filters: BrowseFilters, *, category=None, found=None) -> dict:
    """Counts for each facet, each with every other filter applied: one GROUP BY over the facet
    keys per facet, joined to the few names shown (cooperatives, makers, materials,
    categories), never to the products."""

    def counts(facet: str, value_field: str, label) -> list[dict]:
        ids = _filtered_keys(filters, category=category, found=found, skip=facet)
        rows = (
            ProductFacet.objects.filter(facet=facet, product_id__in=ids.values("product_id"))
            # annotate() then values(names): modeltranslation's values() with expressions
            # only would select every column and group by each row.
            .annotate(value=F(value_field), label=label)
            .values("value", "label")
            .annotate(count=Count("product_id", distinct=True))
            .order_by("label")
        )
        return list(rows)

    # Material and category names in the reader's language (with the fallback rule).
    return {
        "cooperative": counts(
            ProductFacet.COOPERATIVE, "cooperative__slug", F("cooperative__name")
        ),
        "maker": counts(ProductFacet.MAKER, "maker__slug", public_name_expression("maker__")),
        "material": counts(
            ProductFacet.MATERIAL, "material__slug", localized_expression("material__name")
        ),
        "category": counts(
            ProductFacet.CATEGORY, "category__slug", localized_expression("category__name")
        ),
    }


def product_detail_context(product) -> dict:
    """Everything the product page shows beyond the product itself, read only when the page
    renders it, not when its shared fragments come from the cache."""
    from django.utils.functional import SimpleLazyObject

    maker = product.maker

    def more_by_maker() -> list:
        if maker is None:
            return []
        return list(
            product_cards(
                sellable_products().filter(maker=maker).exclude(pk=product.pk)
            ).order_by("-date_created")[:4]
        )

    return {
        "maker": maker,
        "cooperative": maker.cooperative if maker else None,
        "materials": SimpleLazyObject(lambda: list(product.materials.all())),
        "more_by_maker": SimpleLazyObject(more_by_maker),
    }


def product_detail(queryset: QuerySet) -> QuerySet:
    """The product page's product: its maker and cooperative for the title and byline.
    Photos are read by the page's shared fragments when they are rendered
    (shop/pagecache/fragments.py), not on every visit. Whether it has options (the basket form
    asks) is read with it, as Oscar's own lists do. Its stock is `product_stock_prefetch()`'s,
    read apart: the product may come from the shared objects, its stock never does."""
    Option = get_model("catalogue", "Option")
    return queryset.select_related("maker__cooperative", "product_class").annotate(
        has_product_class_options=Exists(
            Option.objects.filter(productclass=OuterRef("product_class"))),
        has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
    ).defer(
        *(f"maker__{name}" for name in Maker.PRIVATE_FIELDS),
        *(f"maker__cooperative__{name}" for name in Cooperative.PRIVATE_FIELDS),
    )


def product_stock_prefetch() -> Prefetch:
    """The stock records (price, stock, partner) a product page reads on every visit."""
    return Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner"))
