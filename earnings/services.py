"""Writes to the earnings ledger: terms, sales and their reversals, payout runs.

Every write goes through here, whoever asks (the order signals, the workspace, the dashboard,
the management commands), so staff and coordinators see one truth. Entries are only ever
appended; being paid is recorded beside an entry (`PayoutItem`), never in it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cooperatives.models import Cooperative
from earnings import money, rails
from earnings.models import EntryKind, LedgerEntry, Payout, PayoutItem, Terms

logger = logging.getLogger("earnings")

Line = get_model("order", "Line")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")

# Line statuses (order/fulfilment.py), as stored.
SHIPPED_STATUSES = ("Shipped", "Delivered")
CANCELLED = "Cancelled"
RETURNED = "Returned"
EVENT_REFUNDED = "Refunded"


class EarningsError(ValidationError):
    """A refused earnings step; the message says why, in the reader's language."""


# Terms
# -----


@dataclass(frozen=True)
class TermsInForce:
    platform_fee_percent: Decimal
    maker_share_percent: Decimal
    terms: Terms | None  # None: the shop's defaults (no terms recorded for this cooperative)

    @property
    def cooperative_share_percent(self) -> Decimal:
        return Decimal(100) - self.maker_share_percent

    def split(self, gross: Decimal) -> money.Split:
        return money.split(
            gross,
            platform_fee_percent=self.platform_fee_percent,
            maker_share_percent=self.maker_share_percent,
        )


def terms_in_force(*, cooperative: Cooperative | int, at: datetime | None = None) -> TermsInForce:
    """The cooperative's split at a moment (now by default): its latest terms that started by
    then, else the shop's defaults."""
    cooperative_id = getattr(cooperative, "pk", cooperative)
    terms = (
        Terms.objects.filter(cooperative_id=cooperative_id,
                             effective_from__lte=at or timezone.now())
        .order_by("-effective_from", "-pk")
        .first()
    )
    if terms is None:
        return TermsInForce(
            Decimal(str(settings.EARNINGS_DEFAULT_PLATFORM_FEE_PERCENT)),
            Decimal(str(settings.EARNINGS_DEFAULT_MAKER_SHARE_PERCENT)),
            None,
        )
    return TermsInForce(terms.platform_fee_percent, terms.maker_share_percent, terms)


def terms_set(
    *,
    cooperative: Cooperative,
    platform_fee_percent: Decimal,
    maker_share_percent: Decimal,
    actor,
    effective_from: datetime | None = None,
    note: str = "",
) -> Terms:
    """Record a new split from a moment on (now by default), with who changed it and when.
    Sales already recorded keep the percentages they were made with."""
    maker_share_percent = Decimal(maker_share_percent)
    terms = Terms(
        cooperative=cooperative,
        platform_fee_percent=Decimal(platform_fee_percent),
        maker_share_percent=maker_share_percent,
        cooperative_share_percent=Decimal(100) - maker_share_percent,
        effective_from=effective_from or timezone.now(),
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    _full_clean(terms)
    terms.save()
    return terms


def _full_clean(instance) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise EarningsError(error.messages) from error


# The ledger
# ----------


def line_gross(line) -> Decimal:
    """What a line earns from: its price as paid by the customer, before order-wide vouchers
    (the shop's own promotions, which the platform pays for). Shipping is not a line's."""
    return money.cents(line.line_price_incl_tax or 0)


def line_sale_record(*, line) -> LedgerEntry | None:
    """The sale entry of a paid line, once (a second call finds the first), at the terms in
    force when the order was placed. Lines without a cooperative earn nobody anything."""
    existing = LedgerEntry.objects.filter(line=line, kind=EntryKind.SALE).first()
    if existing is not None or not line.cooperative_id:
        return existing
    order = line.order
    at = order.date_placed or timezone.now()
    terms = terms_in_force(cooperative=line.cooperative_id, at=at)
    parts = terms.split(line_gross(line))
    entry = _entry(line, kind=EntryKind.SALE, parts=parts, terms=terms, at=at,
                   quantity=line.quantity)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:  # recorded meanwhile by another process
        return LedgerEntry.objects.get(line=line, kind=EntryKind.SALE)
    return entry


def line_refund_record(*, line, refunded_total: Decimal, kind: str = EntryKind.REFUND,
                       quantity: int = 0, note: str = "") -> LedgerEntry | None:
    """Bring the line's reversals up to `refunded_total` (everything refunded on it so far):
    writes the difference as one reversing entry, or nothing when it is already there."""
    sale = line_sale_record(line=line)
    if sale is None:
        return None
    refunded_total = money.cents(refunded_total)
    if refunded_total < 0:
        raise EarningsError(_("A refund cannot be negative."))
    if refunded_total > sale.gross:
        raise EarningsError(
            _("%(amount)s is more than was paid for this piece (%(paid)s): a refund cannot be "
              "larger than the sale.") % {"amount": refunded_total, "paid": sale.gross}
        )
    with transaction.atomic():
        # One writer per line at a time, so two refunds never both write the same difference.
        Line.objects.select_for_update().filter(pk=line.pk).first()
        already = _reversed_so_far(line)
        due = money.reversal_due(
            gross=sale.gross,
            refunded_total=refunded_total,
            already_reversed=already,
            platform_fee_percent=sale.platform_fee_percent,
            maker_share_percent=sale.maker_share_percent,
        )
        if due.is_zero:
            return None
        entry = _entry(line, kind=kind, parts=due, terms=sale, at=timezone.now(),
                       quantity=-abs(quantity), note=note)
        entry.save()
    return entry


def line_sync(*, line) -> list[LedgerEntry]:
    """Make the line's entries agree with what happened to it: its sale once paid; reversals
    up to what was refunded on it, or all of it once it is cancelled or returned. Safe to call
    any number of times (from the order signals and from `manage.py ledger_sync`)."""
    line = Line.objects.select_related("order").get(pk=line.pk)
    written = []
    sale = line_sale_record(line=line)
    if sale is None:
        return written
    refunded_quantity = (
        PaymentEventQuantity.objects.filter(line=line, event__event_type__name=EVENT_REFUNDED)
        .aggregate(total=Sum("quantity"))["total"] or 0
    )
    refunded_quantity = min(refunded_quantity, line.quantity)
    if line.status == CANCELLED:
        kind, target = EntryKind.CANCELLATION, sale.gross
    elif line.status == RETURNED:
        kind, target = EntryKind.RETURN, sale.gross
    else:
        kind = EntryKind.REFUND
        target = min(sale.gross, money.cents((line.unit_price_incl_tax or 0) * refunded_quantity))
    entry = line_refund_record(line=line, refunded_total=target, kind=kind,
                               quantity=line.quantity if target == sale.gross else
                               refunded_quantity)
    if entry is not None:
        written.append(entry)
    return written


def order_sync(*, order) -> None:
    for line in order.lines.all():
        line_sync(line=line)


def _reversed_so_far(line) -> money.Split:
    # Summed here, not in SQL: SQLite sums decimals as floats.
    total = money.NOTHING
    for parts in LedgerEntry.objects.filter(line=line).exclude(kind=EntryKind.SALE).values_list(
        "gross", "platform_fee", "cooperative_share", "maker_share"
    ):
        total = total + money.Split(*parts)
    return total


def _entry(line, *, kind, parts: money.Split, terms, at, quantity: int, note: str = ""):
    """A new, unsaved entry; `terms` is a `TermsInForce` or the sale entry to mirror."""
    terms_row = terms.terms if isinstance(terms, TermsInForce) else terms.terms
    return LedgerEntry(
        line=line,
        order_number=line.order.number,
        cooperative_id=line.cooperative_id,
        maker_id=line.maker_id,
        kind=kind,
        quantity=quantity,
        currency=line.order.currency,
        gross=parts.gross,
        platform_fee=parts.platform_fee,
        cooperative_share=parts.cooperative_share,
        maker_share=parts.maker_share,
        terms=terms_row,
        platform_fee_percent=terms.platform_fee_percent,
        maker_share_percent=terms.maker_share_percent,
        created=at,
        note=note[:200],
    )


# Payouts
# -------


def payable_entries(*, cooperative: Cooperative | int, period_end: date):
    """The cooperative's entries a payout for a period ending on `period_end` settles: recorded
    by then, not settled before, of lines shipped at least EARNINGS_PAYOUT_DELAY_DAYS before
    the period's end (so returns can come back first), or cancelled or returned (their
    reversals take back what was paid, or cancel out their unpaid sale)."""
    from oscar.core.loading import get_model as _get_model

    LineEvent = _get_model("order", "LineEvent")
    end = _end_of_day(period_end)
    shipped_by = end - timedelta(days=settings.EARNINGS_PAYOUT_DELAY_DAYS)
    shipped_lines = LineEvent.objects.filter(
        new_status="Shipped", date_created__lte=shipped_by
    ).values("line_id")
    cooperative_id = getattr(cooperative, "pk", cooperative)
    return LedgerEntry.objects.unpaid().filter(
        Q(line__status__in=SHIPPED_STATUSES, line_id__in=shipped_lines)
        | Q(line__status__in=(CANCELLED, RETURNED)),
        cooperative_id=cooperative_id,
        created__lte=end,
    )


def _end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


@dataclass(frozen=True)
class PayoutResult:
    payout: Payout
    created: bool  # False: this period had been run already, and nothing changed


def payout_run(
    *,
    cooperative: Cooperative,
    period_start: date,
    period_end: date,
    actor,
    bank_reference: str = "",
) -> PayoutResult:
    """Pay a cooperative what became payable by the period's end.

    Run again for the same period, it changes nothing (and retries a transfer that failed,
    with the same idempotency key, so Stripe never pays twice). A period that overlaps another
    run, one that ends in the future, or one with nothing to pay is refused.
    """
    bank_reference = (bank_reference or "").strip()
    if period_start > period_end:
        raise EarningsError(_("The period must start before it ends."))
    if period_end > timezone.localdate():
        raise EarningsError(_("A payout period can end today at the latest."))
    with transaction.atomic():
        # One run per cooperative at a time: two coordinators clicking at once make one run.
        Cooperative.objects.select_for_update().filter(pk=cooperative.pk).first()
        existing = Payout.objects.filter(
            cooperative=cooperative, period_start=period_start, period_end=period_end
        ).first()
        if existing is None:
            overlapping = Payout.objects.filter(
                cooperative=cooperative, period_start__lte=period_end,
                period_end__gte=period_start,
            ).first()
            if overlapping is not None:
                raise EarningsError(
                    _("This period overlaps the payout of %(start)s – %(end)s. Start the next "
                      "payout the day after the last one ends.")
                    % {"start": overlapping.period_start.isoformat(),
                       "end": overlapping.period_end.isoformat()}
                )
            payout = _payout_create(cooperative, period_start, period_end, actor, bank_reference)
        else:
            payout = existing
    if payout.status == Payout.Status.PAID:
        return PayoutResult(payout, created=existing is None)
    _payout_send(payout)
    return PayoutResult(payout, created=existing is None)


def previous_month(today: date) -> tuple[date, date]:
    """The calendar month before `today`'s: the default payout period."""
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def payouts_run_every(
    *, period_start: date, period_end: date, bank_reference: str = "", cooperatives=None
) -> list[tuple[Cooperative, str]]:
    """Each cooperative's payout for the period (the command and the scheduled task): Stripe
    transfers are made (a failed one retried with its idempotency key); cooperatives paid by
    bank transfer are left to their coordinators unless a reference is given. Idempotent."""
    outcomes = []
    for cooperative in cooperatives if cooperatives is not None else (
        Cooperative.objects.order_by("name")
    ):
        if rails.rail_for(cooperative).code == Payout.Rail.BANK and not bank_reference:
            outcomes.append((cooperative, "paid by bank transfer: a reference is needed"))
            continue
        try:
            result = payout_run(cooperative=cooperative, period_start=period_start,
                                period_end=period_end, actor=None, bank_reference=bank_reference)
        except EarningsError as error:
            outcomes.append((cooperative, " ".join(error.messages)))
            continue
        payout = result.payout
        state = "paid" if result.created else "already run, unchanged"
        outcomes.append(
            (cooperative, f"{payout.amount} {payout.currency} {state} ({payout.reference})")
        )
    return outcomes


def _payout_create(cooperative, period_start, period_end, actor, bank_reference) -> Payout:
    entries = list(payable_entries(cooperative=cooperative, period_end=period_end)
                   .select_for_update(of=("self",)))
    amount = sum((entry.cooperative_share + entry.maker_share for entry in entries), money.ZERO)
    if amount <= 0:
        raise EarningsError(
            _("Nothing to pay for %(start)s – %(end)s: no piece sent at least %(days)d days "
              "before the period's end is waiting to be paid. No transfer was made.")
            % {"start": period_start.isoformat(), "end": period_end.isoformat(),
               "days": settings.EARNINGS_PAYOUT_DELAY_DAYS}
        )
    currencies = {entry.currency for entry in entries}
    if len(currencies) != 1:
        raise EarningsError(_("These entries are in several currencies: pay each separately."))
    rail = rails.rail_for(cooperative)
    if rail.code == Payout.Rail.BANK and not bank_reference:
        raise EarningsError(
            _("%(name)s is paid by bank transfer: make the transfer, then give its reference "
              "here.") % {"name": cooperative.name}
        )
    payout = Payout(
        cooperative=cooperative,
        period_start=period_start,
        period_end=period_end,
        rail=rail.code,
        currency=currencies.pop(),
        amount=amount,
        reference=bank_reference[:120] if rail.code == Payout.Rail.BANK else "",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if rail.code == Payout.Rail.BANK:
        payout.status = Payout.Status.PAID
        payout.paid_at = timezone.now()
    payout.save()
    PayoutItem.objects.bulk_create([PayoutItem(payout=payout, entry=entry) for entry in entries])
    return payout


def _payout_send(payout: Payout) -> None:
    """Send a Stripe transfer for a run not yet paid; a failure is recorded and shown."""
    rail = rails.rail_for(payout.cooperative)
    if payout.rail != Payout.Rail.STRIPE or rail.code != Payout.Rail.STRIPE:
        raise EarningsError(
            _("This payout is waiting for a Stripe transfer, but the cooperative has no "
              "connected account any more: ask the shop's staff.")
        )
    order_numbers = sorted(
        set(payout.items.values_list("entry__order_number", flat=True))
    )
    try:
        reference = rail.send(payout, order_numbers=order_numbers)
    except rails.RailError as error:
        Payout.objects.filter(pk=payout.pk).update(
            status=Payout.Status.FAILED, failure=str(error)
        )
        payout.refresh_from_db()
        raise EarningsError(
            _("The transfer could not be made: %(reason)s Nothing was paid; run the same period "
              "again to retry.") % {"reason": str(error)}
        ) from error
    Payout.objects.filter(pk=payout.pk).update(
        status=Payout.Status.PAID, reference=reference, failure="", paid_at=timezone.now()
    )
    payout.refresh_from_db()
