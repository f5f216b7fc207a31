"""How a sum of money divides between the platform, the cooperative and the maker.

Pure functions, no database: the ledger, the payouts, the reports and the product page's
"where your money goes" all divide money here, so they can never disagree. One rounding rule
(`cents`, half up, to 0.01); the platform fee is taken from the gross, the maker's share from
what remains, and the cooperative's share is the rest, so the three parts always add up to the
gross exactly, whatever the percentages.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal("0.00")


def cents(amount: Decimal) -> Decimal:
    """The one rounding rule of the shop's money: to the cent, halves away from zero."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Split:
    """A gross amount and its three parts (platform + cooperative + maker == gross)."""

    gross: Decimal
    platform_fee: Decimal
    cooperative_share: Decimal
    maker_share: Decimal

    def __neg__(self) -> Split:
        return Split(-self.gross, -self.platform_fee, -self.cooperative_share, -self.maker_share)

    def __sub__(self, other: Split) -> Split:
        return Split(
            self.gross - other.gross,
            self.platform_fee - other.platform_fee,
            self.cooperative_share - other.cooperative_share,
            self.maker_share - other.maker_share,
        )

    def __add__(self, other: Split) -> Split:
        return Split(
            self.gross + other.gross,
            self.platform_fee + other.platform_fee,
            self.cooperative_share + other.cooperative_share,
            self.maker_share + other.maker_share,
        )

    @property
    def is_zero(self) -> bool:
        return not (self.gross or self.platform_fee or self.cooperative_share or self.maker_share)


NOTHING = Split(ZERO, ZERO, ZERO, ZERO)


def split(gross: Decimal, *, platform_fee_percent: Decimal, maker_share_percent: Decimal) -> Split:
    """Divide a gross amount (>= 0): the fee from the gross, the maker's share from the rest
    (`maker_share_percent` of what the platform leaves), the cooperative keeps the remainder."""
    gross = cents(gross)
    if gross < 0:
        raise ValueError("split() divides amounts of zero or more; negate the result instead.")
    platform_fee = cents(gross * Decimal(platform_fee_percent) / HUNDRED)
    remainder = gross - platform_fee
    maker_share = cents(remainder * Decimal(maker_share_percent) / HUNDRED)
    return Split(gross, platform_fee, remainder - maker_share, maker_share)


def reversal_due(
    *,
    gross: Decimal,
    refunded_total: Decimal,
    already_reversed: Split,
    platform_fee_percent: Decimal,
    maker_share_percent: Decimal,
) -> Split:
    """What a new reversing entry must hold (negative amounts) so that what stays earned on the
    line is exactly the split of what stays paid for it.

    Computed from the cumulative refunded amount, never refund by refund, so rounding never
    accumulates: what remains is `split(gross - refunded_total)` after any number of partial
    refunds, every part of it zero or more, and a line refunded in full reverses exactly to
    zero. `already_reversed` holds the (negative) sums of the earlier reversals.
    """
    if refunded_total < 0:
        raise ValueError("A refunded amount cannot be negative.")
    if cents(refunded_total) > cents(gross):
        raise ValueError("A line cannot be refunded for more than was paid for it.")
    percentages = {
        "platform_fee_percent": platform_fee_percent,
        "maker_share_percent": maker_share_percent,
    }
    remaining = split(cents(gross) - cents(refunded_total), **percentages)
    target = remaining - split(gross, **percentages)
    return target - already_reversed
