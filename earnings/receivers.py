"""The ledger listens to orders: a placed order (placed only once paid) records its sales; a
refund, a cancelled or a returned line records its reversal.

Each write runs once the order's own transaction has committed, so the ledger can never make a
sale or a refund fail; whatever a crash leaves unwritten, `manage.py ledger_sync` writes
(every write is idempotent). Any change to the ledger or to a payout bumps the impact figures'
cache version (earnings/selectors.py).
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_line_status_changed, order_placed
from oscar.core.loading import get_model

from earnings import selectors, services
from earnings.models import LedgerEntry, Payout, PayoutItem

logger = logging.getLogger("earnings")

PaymentEventQuantity = get_model("order", "PaymentEventQuantity")


def _safely(function, **kwargs) -> None:
    try:
        function(**kwargs)
    except Exception:
        logger.exception("Earnings ledger: %s(%s) failed; `manage.py ledger_sync` will retry",
                         function.__name__, kwargs)


@receiver(order_placed, dispatch_uid="earnings-order-placed")
def order_placed_record(sender, order, **kwargs):
    transaction.on_commit(partial(_safely, services.order_sync, order=order))


@receiver(post_save, sender=PaymentEventQuantity, dispatch_uid="earnings-payment-quantity")
def payment_quantity_record(sender, instance, created, **kwargs):
    if created and instance.event.event_type.name == services.EVENT_REFUNDED:
        transaction.on_commit(partial(_safely, services.line_sync, line=instance.line))


@receiver(order_line_status_changed, dispatch_uid="earnings-line-status")
def line_status_record(sender, line, old_status, new_status, **kwargs):
    if new_status in (services.CANCELLED, services.RETURNED):
        transaction.on_commit(partial(_safely, services.line_sync, line=line))


@receiver(post_save, sender=LedgerEntry, dispatch_uid="earnings-entry-impact")
@receiver(post_save, sender=Payout, dispatch_uid="earnings-payout-impact")
@receiver(post_save, sender=PayoutItem, dispatch_uid="earnings-item-impact")
def impact_refresh(sender, **kwargs):
    transaction.on_commit(selectors.impact_version_bump)
