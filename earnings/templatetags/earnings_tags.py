"""`{% price_breakdown product session as split %}`: how a product's price divides, from the
same terms and rounding as the ledger (earnings/selectors.price_breakdown)."""

from django import template

from earnings import selectors

register = template.Library()


@register.simple_tag
def price_breakdown(product, purchase_info):
    return selectors.product_price_breakdown(product, purchase_info)
