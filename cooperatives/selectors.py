"""Public reads of cooperatives and makers. None of them selects a maker's private fields."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject

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
    """Its makers, pieces and figures are read when the page renders them, not when its shared
    fragments come from the cache."""
    from earnings.selectors import impact

    cooperative = get_object_or_404(cooperative_list(), slug=slug)
    return {
        "cooperative": cooperative,
        "makers": SimpleLazyObject(
            lambda: list(public_makers().filter(cooperative=cooperative))
        ),
        "products": SimpleLazyObject(lambda: list(_products_in_stock_first(
            sellable_products().filter(maker__cooperative=cooperative)
        )[:PRODUCTS_ON_A_PAGE])),
        "earnings_impact": SimpleLazyObject(lambda: impact(cooperative=cooperative)),
    }


def maker_detail(*, slug: str) -> dict:
    """Her page shows her first 24 pieces, in stock first; the catalogue filtered by her has
    the rest."""
    maker = get_object_or_404(public_makers(), slug=slug)
    return {
        "maker": maker,
        "cooperative": maker.cooperative,
        "products": SimpleLazyObject(lambda: list(
            _products_in_stock_first(sellable_products().filter(maker=maker))[:PRODUCTS_ON_A_PAGE]
        )),
    }

