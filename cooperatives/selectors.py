"""Public reads of cooperatives and makers. None of them selects a maker's private fields."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from catalogue.selectors import product_cards, sellable_products
from cooperatives.models import Cooperative, Maker


def public_makers() -> QuerySet:
    return Maker.objects.active().defer(*Maker.PRIVATE_FIELDS).select_related(
        "cooperative", "portrait"
    )


def _products_in_stock_first(queryset: QuerySet) -> QuerySet:
    return (
        product_cards(queryset)
        .annotate(
            stock_left=Count(
                "stockrecords", filter=Q(stockrecords__num_in_stock__gt=0), distinct=True
            )
        )
        .order_by("-stock_left", "-date_created")
    )


PRODUCTS_ON_A_PAGE = 24


def cooperative_list() -> QuerySet:
    return (
        Cooperative.objects.select_related("photo")
        .defer("contact_name", "contact_email", "contact_phone")
        .annotate(
            maker_count=Count("makers", filter=Q(makers__is_archived=False), distinct=True),
        )
        .order_by("name")
    )


def cooperative_detail(*, slug: str) -> dict:
    cooperative = get_object_or_404(cooperative_list(), slug=slug)
    makers = list(public_makers().filter(cooperative=cooperative))
    products = _products_in_stock_first(
        sellable_products().filter(maker__cooperative=cooperative)
    )[:PRODUCTS_ON_A_PAGE]
    from earnings.selectors import impact

    return {"cooperative": cooperative, "makers": makers, "products": list(products),
            "earnings_impact": impact(cooperative=cooperative)}


def maker_detail(*, slug: str) -> dict:
    """Her page shows her first 24 pieces, in stock first; the catalogue filtered by her has
    the rest."""
    maker = get_object_or_404(public_makers(), slug=slug)
    products = _products_in_stock_first(sellable_products().filter(maker=maker))
    return {
        "maker": maker,
        "cooperative": maker.cooperative,
        "products": list(products[:PRODUCTS_ON_A_PAGE]),
    }

