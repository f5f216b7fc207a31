from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator
from oscar.core.loading import get_class, get_model

from catalogue.provenance import line_provenance_snapshot

UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
StockRecord = get_model("partner", "StockRecord")


class SoldOut(UnableToPlaceOrder):
    """Someone else bought the last one first; the message names what ran out."""


class OrderCreator(CoreOrderCreator):
    def place_order(self, basket, *args, **kwargs):
        # Lock the stock rows in a fixed order (by id, so concurrent buyers cannot deadlock)
        # and re-check what is left inside the same transaction that allocates it. Oscar's
        # own allocate() only adds to the counter, and its basket check runs without a lock.
        with transaction.atomic():
            stock_locked_and_checked(basket)
            return super().place_order(basket, *args, **kwargs)

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        fields = {**line_provenance_snapshot(basket_line.product), **(extra_line_fields or {})}
        return super().create_line_models(order, basket_line, extra_line_fields=fields)


def stock_shortfall(basket, *, lock: bool = False) -> list[str]:
    """Titles of the pieces the basket wants more of than is left, in one query.

    With `lock`, the stock rows are locked in id order (so concurrent buyers cannot deadlock)
    until the transaction ends; without it, it is a look before paying.
    """
    wanted: dict[int, int] = {}
    titles: dict[int, str] = {}
    for line in basket.all_lines():
        if line.stockrecord_id is None or not line.product.get_product_class().track_stock:
            continue
        wanted[line.stockrecord_id] = wanted.get(line.stockrecord_id, 0) + line.quantity
        titles[line.stockrecord_id] = line.product.get_title()
    records = StockRecord.objects.filter(pk__in=wanted).order_by("pk")
    if lock:
        records = records.select_for_update()
    return [
        titles[record.pk]
        for record in records
        if record.num_in_stock is not None
        and (record.num_in_stock - (record.num_allocated or 0)) < wanted[record.pk]
    ]


def stock_locked_and_checked(basket) -> None:
    """Lock the basket's stock records and raise SoldOut if any line no longer fits."""
    sold_out = stock_shortfall(basket, lock=True)
    if sold_out:
        raise SoldOut(
            _("Sorry, %(products)s sold out while you were paying. No payment was taken.")
            % {"products": ", ".join(sold_out)}
        )
