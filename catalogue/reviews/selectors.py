"""Who may review a piece, and which reviews the pages show (reads only).

A review comes from a verified buyer: a signed-in customer with a delivered line of that very
product in one of her own orders. One review per buyer and piece (Oscar's table has the same
unique constraint). Guests, who have no account to review under, are not invited.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from order.fulfilment import LineStatus

Line = get_model("order", "Line")
ProductReview = get_model("reviews", "ProductReview")

REVIEWS_ON_PRODUCT_PAGE = 10


def delivered_lines(*, user, product_id) -> QuerySet:
    """Her lines of this product that reached her."""
    return Line.objects.filter(
        order__user=user, product_id=product_id, status=LineStatus.DELIVERED
    )


def review_refusal(*, user, product) -> str:
    """Why she may not review this piece, in her language; '' when she may."""
    if not getattr(user, "is_authenticated", False):
        return _("Sign in to review a piece you bought.")
    if ProductReview.objects.filter(product=product, user=user).exists():
        return _("You have already reviewed this piece. Thank you!")
    if not delivered_lines(user=user, product_id=product.pk).exists():
        return _("Only customers who have received this piece can review it.")
    return ""


def review_path(*, product_id: int, slug: str) -> str:
    """The page where she writes her review of this piece (in the active language)."""
    return reverse("catalogue:reviews-add", kwargs={"product_slug": slug, "product_pk": product_id})


def product_reviews_approved(*, product, limit: int = REVIEWS_ON_PRODUCT_PAGE) -> list:
    """The newest approved reviews of a piece, each with `verified_buyer`: one query."""
    received = Line.objects.filter(
        order__user=OuterRef("user"), product=OuterRef("product"), status=LineStatus.DELIVERED
    )
    return list(
        ProductReview.objects.approved()
        .filter(product=product)
        .select_related("user")
        .only("pk", "title", "body", "score", "date_created", "product_id", "user__first_name")
        .annotate(verified_buyer=Exists(received))
        .order_by("-date_created", "-pk")[:limit]
    )


def order_review_links(*, order, user) -> list[dict]:
    """The delivered pieces of her order that she has not reviewed yet, with the link to do so:
    one query, whatever the number of lines."""
    if not getattr(user, "is_authenticated", False) or order.user_id != user.pk:
        return []
    rows = (
        Line.objects.filter(
            order=order, status=LineStatus.DELIVERED, product__isnull=False,
            product__is_public=True,
        )
        .exclude(product__reviews__user=user)
        .order_by("pk")
        .values_list("title", "product_id", "product__slug")
    )
    links, seen = [], set()
    for title, product_id, slug in rows:
        if product_id in seen:
            continue
        seen.add(product_id)
        links.append({"title": title, "url": review_path(product_id=product_id, slug=slug)})
    return links
