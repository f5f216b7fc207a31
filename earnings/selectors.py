"""Reads of the earnings ledger: a member's earnings, her cooperative's, the staff reports, a
product's price breakdown and the public impact figures.

Every workspace read takes the `Workspace` (workspace/selectors.py) and filters by its
cooperative, and for a member by her maker record, so another cooperative's ledger or payout is
a 404 by construction. Money is summed in the database and never rounded again: the entries
are already in cents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from earnings import money
from earnings.models import LedgerEntry, Payout

PAID = Q(payout_item__payout__status=Payout.Status.PAID)
ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=12, decimal_places=2))


def _sum(field: str, condition: Q | None = None):
    return Coalesce(Sum(field, filter=condition), ZERO)


PARTS = ("gross", "platform_fee", "cooperative_share", "maker_share")


def _totals_renamed(row: dict) -> dict:
    """`total_gross` back to `gross` (an annotation cannot take a field's own name)."""
    return {key.removeprefix("total_") if key.startswith("total_") else key: value
            for key, value in row.items()}


def _cents(row: dict) -> dict:
    """Sums back to exact cents (SQLite sums decimals as floats; PostgreSQL is exact)."""
    return {key: money.cents(value) if isinstance(value, Decimal) else value
            for key, value in row.items()}


# Whose ledger
# ------------


def entries_for(workspace) -> QuerySet:
    """Her entries (a member) or her cooperative's (a coordinator)."""
    entries = LedgerEntry.objects.filter(cooperative=workspace.cooperative)
    if not workspace.is_coordinator:
        entries = entries.filter(maker=workspace.maker) if workspace.maker else entries.none()
    return entries


def payouts_for(workspace) -> QuerySet:
    """Her cooperative's payout runs (coordinators only)."""
    if not workspace.is_coordinator:
        raise Http404
    return Payout.objects.filter(cooperative=workspace.cooperative).select_related("created_by")


def payout_get(workspace, *, pk: int) -> Payout:
    return get_object_or_404(payouts_for(workspace), pk=pk)


# Summaries
# ---------


@dataclass(frozen=True)
class Totals:
    earned: Decimal
    paid: Decimal
    owed: Decimal


def totals(entries: QuerySet, *, share: str) -> Totals:
    """Earned (net of refunds), already paid and still owed, for `share` ("maker_share", or
    "cooperative_share", or "payable": what a payout sends, both shares)."""
    fields = ("maker_share", "cooperative_share") if share == "payable" else (share,)
    row = _cents(entries.aggregate(
        **{f"earned_{f}": _sum(f) for f in fields},
        **{f"paid_{f}": _sum(f, PAID) for f in fields},
    ))
    earned = sum((row[f"earned_{f}"] for f in fields), money.ZERO)
    paid = sum((row[f"paid_{f}"] for f in fields), money.ZERO)
    return Totals(earned, paid, earned - paid)


def by_month(entries: QuerySet, *, share: str = "maker_share", months: int = 12) -> list[dict]:
    """The last `months` calendar months, oldest first, each with what was earned and how much
    of it is paid (months without sales included, so a chart has no gaps)."""
    today = timezone.localdate()
    starts = []
    year, month = today.year, today.month
    for _index in range(months):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    starts.reverse()
    first = timezone.make_aware(datetime.combine(starts[0], datetime.min.time()))
    fields = ("maker_share", "cooperative_share") if share == "payable" else (share,)
    rows = (
        entries.filter(created__gte=first)
        .annotate(month=TruncMonth("created"))
        .values("month")
        .annotate(
            **{f"earned_{f}": _sum(f) for f in fields},
            **{f"paid_{f}": _sum(f, PAID) for f in fields},
            month_gross=_sum("gross"),
        )
        .order_by("month")
    )
    found = {}
    for row in rows:
        row = _cents(row)
        month_start = row["month"]
        if isinstance(month_start, datetime):
            month_start = timezone.localtime(month_start).date() if timezone.is_aware(
                month_start) else month_start.date()
        found[month_start.replace(day=1)] = row
    series = []
    for start in starts:
        row = found.get(start, {})
        earned = sum((row.get(f"earned_{f}", money.ZERO) for f in fields), money.ZERO)
        paid = sum((row.get(f"paid_{f}", money.ZERO) for f in fields), money.ZERO)
        series.append({"month": start, "earned": earned, "paid": paid, "owed": earned - paid,
                       "gross": row.get("month_gross", money.ZERO)})
    return series


def by_piece(entries: QuerySet) -> list[dict]:
    """Each piece she sold: how many (net of returns), what she earned, paid and owed."""
    rows = (
        entries.values("line__product_id", "line__title")
        .annotate(
            pieces=Coalesce(Sum("quantity"), 0),
            earned=_sum("maker_share"),
            paid=_sum("maker_share", PAID),
        )
        .order_by("-earned", "line__title")
    )
    return [{**_cents(row), "owed": money.cents(row["earned"] - row["paid"])} for row in rows]


def by_maker(entries: QuerySet) -> list[dict]:
    """Each maker of the cooperative: pieces, sales, her share and the cooperative's, paid or
    owed. Her public name only (as at the time of sale when the record is gone)."""
    from cooperatives.models import public_name_expression

    rows = (
        entries.values("maker_id")
        .annotate(
            name=Coalesce(public_name_expression("maker__"), "line__maker_name"),
            pieces=Coalesce(Sum("quantity"), 0),
            total_gross=_sum("gross"),
            maker_earned=_sum("maker_share"),
            maker_paid=_sum("maker_share", PAID),
            cooperative_earned=_sum("cooperative_share"),
            total_platform_fee=_sum("platform_fee"),
        )
        .order_by("-maker_earned", "name")
    )
    rows = [_totals_renamed(_cents(row)) for row in rows]
    return [{**row, "maker_owed": row["maker_earned"] - row["maker_paid"]} for row in rows]


def payout_rows(payout: Payout) -> list[dict]:
    """One row per maker of a payout run: what it pays her and her cooperative, for which
    orders."""
    from cooperatives.models import public_name_expression

    entries = LedgerEntry.objects.filter(payout_item__payout=payout)
    rows = [
        _cents(row) for row in entries.values("maker_id")
        .annotate(
            name=Coalesce(public_name_expression("maker__"), "line__maker_name"),
            pieces=Coalesce(Sum("quantity"), 0),
            orders=Count("order_number", distinct=True),
            **{f"total_{field}": _sum(field) for field in PARTS},
        )
        .order_by("name")
    ]
    rows = [_totals_renamed(row) for row in rows]
    numbers: dict = {}
    for maker_id, number in entries.values_list("maker_id", "order_number").distinct():
        numbers.setdefault(maker_id, set()).add(number)
    for row in rows:
        row["order_numbers"] = " ".join(sorted(numbers.get(row["maker_id"], ())))
    return rows


# Staff reports
# -------------


def report(kind: str, *, year: int | None = None) -> list[dict]:
    """Sales by month, category, cooperative or maker, with what is paid and owed."""
    entries = LedgerEntry.objects.all()
    if year:
        entries = entries.filter(created__year=year)
    group = {
        "month": ("month",),
        "category": ("category",),
        "cooperative": ("cooperative__name",),
        "maker": ("cooperative__name", "name"),
    }[kind]
    if kind == "month":
        entries = entries.annotate(month=TruncMonth("created"))
    elif kind == "category":
        from oscar.core.loading import get_model

        Category = get_model("catalogue", "Category")
        from django.db.models import OuterRef, Subquery

        # rewrite(False): modeltranslation would turn values("name") into one column per
        # language, which a subquery cannot return; the report names the category as stored.
        first_category = (
            Category.objects.rewrite(False)
            .filter(product__pk=OuterRef("line__product_id"))
            .order_by("path")
            .values("name")[:1]
        )
        entries = entries.annotate(category=Coalesce(Subquery(first_category), Value("—")))
    elif kind == "maker":
        from cooperatives.models import public_name_expression

        entries = entries.annotate(
            name=Coalesce(public_name_expression("maker__"), "line__maker_name")
        )
    rows = (
        entries.values(*group)
        .annotate(
            pieces=Coalesce(Sum("quantity"), 0),
            **{f"total_{field}": _sum(field) for field in PARTS},
            paid=_sum("cooperative_share", PAID),
            paid_makers=_sum("maker_share", PAID),
        )
        .order_by(*group)
    )
    result = []
    for row in rows:
        row = _totals_renamed(_cents(row))
        paid = row.pop("paid") + row.pop("paid_makers")
        owed = row["cooperative_share"] + row["maker_share"] - paid
        if kind == "month" and isinstance(row["month"], datetime):
            row["month"] = row["month"].date()
        result.append({**row, "paid_out": paid, "owed": owed})
    return result


REPORT_KINDS = ("month", "category", "cooperative", "maker")


# The product page
# ----------------


@dataclass(frozen=True)
class PriceBreakdown:
    price: Decimal
    currency: str
    maker: Decimal
    cooperative: Decimal
    platform: Decimal
    shipping: Decimal  # the standard charge for an order of this piece alone (0 when free)
    free_shipping_over: Decimal | None

    def segments(self) -> list[dict]:
        """Widths (percent of price + shipping) for the bar, largest share first."""
        total = self.price + self.shipping
        if total <= 0:
            return []
        parts = [("maker", self.maker), ("cooperative", self.cooperative),
                 ("platform", self.platform), ("shipping", self.shipping)]
        segments, offset = [], Decimal(0)
        for part, amount in parts:
            if amount > 0:
                percent = (amount * 100 / total).quantize(Decimal("0.1"))
                segments.append(
                    {"part": part, "amount": amount, "percent": percent, "offset": offset}
                )
                offset += percent
        return segments


def price_breakdown(*, price: Decimal, currency: str, cooperative) -> PriceBreakdown:
    """How a price divides, from the same terms and the same rounding the ledger uses."""
    from earnings.services import terms_in_force
    from shipping.methods import Standard

    parts = terms_in_force(cooperative=cooperative).split(price)
    free_over = Standard.free_over
    shipping = money.ZERO if free_over is not None and price >= free_over else Standard.charge
    return PriceBreakdown(
        price=parts.gross, currency=currency, maker=parts.maker_share,
        cooperative=parts.cooperative_share, platform=parts.platform_fee, shipping=shipping,
        free_shipping_over=free_over,
    )


def product_price_breakdown(product, purchase_info) -> PriceBreakdown | None:
    price = getattr(purchase_info, "price", None)
    if price is None or not getattr(price, "exists", False) or product.maker_id is None:
        return None
    return price_breakdown(
        price=price.incl_tax, currency=price.currency,
        cooperative=product.maker.cooperative_id,
    )


# Impact figures (home and cooperative pages)
# -------------------------------------------

IMPACT_VERSION_KEY = "earnings:impact-version"
IMPACT_TIMEOUT = 60 * 60 * 6


def impact_version_bump() -> None:
    """Every ledger or payout change makes the cached figures stale (a new key)."""
    try:
        cache.incr(IMPACT_VERSION_KEY)
    except ValueError:
        cache.set(IMPACT_VERSION_KEY, 2, None)


def impact(*, cooperative=None) -> dict:
    """This year's money paid to makers and how many makers sold, shop-wide or for one
    cooperative; from the ledger, cached until the ledger changes."""
    version = cache.get(IMPACT_VERSION_KEY) or 1
    year = timezone.localdate().year
    key = f"earnings:impact:{version}:{year}:{getattr(cooperative, 'pk', 'all')}"
    figures = cache.get(key)
    if figures is None:
        figures = _impact_compute(year=year, cooperative=cooperative)
        cache.set(key, figures, IMPACT_TIMEOUT)
    return figures


def _impact_compute(*, year: int, cooperative=None) -> dict:
    entries = LedgerEntry.objects.all()
    if cooperative is not None:
        entries = entries.filter(cooperative=cooperative)
    paid = entries.filter(
        PAID, payout_item__payout__paid_at__year=year
    ).aggregate(total=_sum("maker_share"))["total"]
    paid = money.cents(paid)
    sold = (
        entries.filter(created__year=year, maker__isnull=False)
        .values("maker_id")
        .annotate(net=Sum("quantity"))
        .filter(net__gt=0)
        .count()
    )
    return {"paid_to_makers": paid, "makers_sold": sold, "year": year,
            "currency": settings.OSCAR_DEFAULT_CURRENCY}
