"""How many of a piece are ready to sell: changed at once, without review, and recorded with
who, when and why (`StockAdjustment`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from workspace.models import (
    Listing,
    ListingAction,
    StockAdjustment,
    StockReason,
)
from workspace.selectors import Workspace
from workspace.services.common import listing_locked, step_log

StockRecord = get_model("partner", "StockRecord")


@transaction.atomic
def listing_set_stock(*, listing: Listing, workspace: Workspace, available: int) -> Listing:
    """How many are ready to sell now. Takes effect at once, with no review."""
    if available is None or available < 0:
        raise ValidationError(_("How many must be zero or more."))
    current = listing_locked(listing)
    if current.product_id is not None:
        record = StockRecord.objects.filter(
            product_id=current.product_id, partner=current.cooperative.partner
        ).first()
        if record is not None:
            stock_adjust(
                workspace=workspace, stockrecord=record, available=available,
                reason=StockReason.CORRECTION,
            )
    before = current.quantity
    current.quantity = available
    current.version = F("version") + 1
    current.save(update_fields=["quantity", "version", "updated"])
    current.refresh_from_db()
    step_log(current, workspace.user, ListingAction.STOCK_CHANGED, f"{before} → {available}")
    return current


@transaction.atomic
def stock_adjust(
    *, workspace: Workspace, stockrecord, available: int, reason: str, note: str = ""
) -> StockAdjustment:
    """Set how many of a piece customers can buy now, and record who, when and why.

    Pieces sold but not yet sent stay counted in the stock record (Oscar's allocation), so
    customers can buy exactly `available`.
    """
    if available is None or available < 0:
        raise ValidationError(_("How many must be zero or more."))
    if reason not in StockReason.values:
        raise ValidationError(_("Say why the number changes."))
    record = StockRecord.objects.select_for_update().select_related("product").get(
        pk=stockrecord.pk
    )
    if record.partner_id != workspace.cooperative.partner_id or (
        not workspace.is_coordinator and record.product.maker_id != workspace.maker.pk
    ):
        raise ValidationError(_("This piece is not one of yours."))
    allocated = record.num_allocated or 0
    before = (record.num_in_stock or 0) - allocated
    record.num_in_stock = allocated + available
    record.save(update_fields=["num_in_stock", "date_updated"])
    return StockAdjustment.objects.create(
        cooperative=workspace.cooperative,
        stockrecord=record,
        actor=workspace.user,
        reason=reason,
        note=note.strip()[:200],
        before=before,
        after=available,
    )


def listing_available(listing: Listing) -> int | None:
    """What customers can buy now: the stock record's free stock, or her count before approval."""
    if listing.product_id is None:
        return listing.quantity
    for record in listing.product.stockrecords.all():
        if record.partner_id == listing.cooperative.partner_id:
            return max((record.num_in_stock or 0) - (record.num_allocated or 0), 0)
    return listing.quantity
