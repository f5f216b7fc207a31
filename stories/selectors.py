"""Reads for the Wagtail pages."""

from django.db.models import Sum
from oscar.core.loading import get_model

from catalogue.selectors import product_cards


def home_page_context() -> dict:
    from cooperatives.models import Cooperative, Maker

    Product = get_model("catalogue", "Product")
    Line = get_model("order", "Line")
    featured = product_cards(Product.objects.browsable().order_by("-date_created")[:8])
    return {
        "featured_products": featured,
        "impact": {
            "makers": Maker.objects.active().filter(products__is_public=True).distinct().count(),
            "cooperatives": Cooperative.objects.count(),
            "items_sold": Line.objects.aggregate(total=Sum("quantity"))["total"] or 0,
        },
    }
