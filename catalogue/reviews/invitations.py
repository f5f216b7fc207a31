"""The invitation to review a piece, emailed once staff mark its line Delivered.

Connected to the signal `order/fulfilment.py` sends for every line status change (Oscar's
`order_line_status_changed`), and sent after the transaction commits, so a rolled-back change
emails nobody. Only orders placed with an account are invited: a review is written under her
account, which is how the shop knows she bought the piece.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver
from django.utils import translation
from oscar.apps.order.signals import order_line_status_changed
from oscar.core.loading import get_model

from catalogue.reviews.selectors import review_path, review_refusal
from order.fulfilment import LineStatus

Line = get_model("order", "Line")

EMAIL_CODE = "REVIEW_INVITATION"


@receiver(order_line_status_changed, dispatch_uid="review_invitation_on_delivery")
def review_invitation_on_delivery(sender, line, old_status, new_status, **kwargs) -> None:
    if new_status != LineStatus.DELIVERED:
        return
    line_id = line.pk
    transaction.on_commit(lambda: review_invitation_send(line_id=line_id))


def review_invitation_send(*, line_id: int) -> None:
    """Email her the link to review this piece, unless she already did or cannot."""
    from checkout.services import _email_send
    from order.fulfilment import order_language

    line = Line.objects.select_related("order__user", "product").filter(pk=line_id).first()
    if line is None or line.product is None or not line.product.is_public:
        return
    order = line.order
    if order.user is None or review_refusal(user=order.user, product=line.product):
        return
    with translation.override(order_language(order)):
        context = {
            "order": order,
            "line": line,
            "product": line.product,
            "review_path": review_path(product_id=line.product.pk, slug=line.product.slug),
        }
        _email_send(EMAIL_CODE, order=order, context=context)
