"""Reviews on the storefront's pages: a piece's approved reviews, her pieces left to review.

Each tag is one query, however many reviews or lines (catalogue/reviews/selectors.py).
"""

from django import template

from catalogue.reviews import selectors

register = template.Library()


@register.simple_tag
def product_reviews(product):
    """The newest approved reviews of a piece, each marked `verified_buyer`."""
    return selectors.product_reviews_approved(product=product)


@register.simple_tag
def order_review_links(order, user):
    """The delivered pieces of her order she has not reviewed yet: title and link."""
    return selectors.order_review_links(order=order, user=user)
