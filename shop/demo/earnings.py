"""Demo earnings: terms per cooperative, six months of delivered sales and a payout per
cooperative for each finished month, so the earnings pages and reports show history.

Sales go through the shop's own order creator and fulfilment (the ledger records them from
the order signals, at the terms in force when each order was placed); payouts through
`earnings.services.payout_run`. Demo orders are placed "in the past" by moving their dates
back, which a real shop never does. Loading again adds nothing. Data: `earnings.json`.
"""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone
from oscar.core.loading import get_model

from cooperatives.models import Cooperative
from earnings import services
from earnings.models import Payout, PayoutAccount, Terms
from order import fulfilment
from shop.demo.orders import CUSTOMER_EMAIL, _place
from shop.demo.workspace import coordinator_email, member_logins

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
LineEvent = get_model("order", "LineEvent")

DATA = json.loads(Path(__file__).with_name("earnings.json").read_text(encoding="utf-8"))


def _months_back(months: int, *, day: int = 1) -> date:
    today = timezone.localdate()
    year, month = today.year, today.month - months
    while month < 1:
        year, month = year - 1, month + 12
    return date(year, month, day)


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load_terms(report) -> None:
    """Terms and payout accounts first: the demo orders placed next are recorded at them."""
    cooperatives = Cooperative.objects.filter(slug__in=DATA["terms"])
    for cooperative in cooperatives:
        if not Terms.objects.filter(cooperative=cooperative).exists():
            for change in DATA["terms"][cooperative.slug]:
                services.terms_set(
                    cooperative=cooperative,
                    platform_fee_percent=change["platform_fee_percent"],
                    maker_share_percent=change["maker_share_percent"],
                    actor=None, note=change["note"],
                    effective_from=_aware(_months_back(change["months_ago"])),
                )
                report.created["terms"] += 1
        PayoutAccount.objects.get_or_create(
            cooperative=cooperative,
            defaults={"bank_details": DATA["bank_details"][cooperative.slug]},
        )


def load_earnings(report) -> None:
    """Months of sales and their payouts, after the demo orders."""
    customer = get_user_model().objects.filter(email=CUSTOMER_EMAIL).first()
    cooperatives = Cooperative.objects.filter(slug__in=DATA["terms"]).order_by("slug")
    if customer is None:
        return
    # Written by the order signals once each order commits; written here too, for a demo
    # loaded inside a larger transaction (the tests), where nothing commits until the end.
    for order in Order.objects.filter(number__startswith="DEMO-"):
        services.order_sync(order=order)
    for cooperative in cooperatives:
        coordinator = get_user_model().objects.filter(
            email=coordinator_email(cooperative.slug)).first()
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            _sales(cooperative, customer, coordinator, report)
        _payouts(cooperative, coordinator, report)


def _products(cooperative):
    """Pieces with two or more left to sell: her members' first (so a member's login shows
    earnings), then the others."""
    members = [maker_slug for maker_slug, _email in member_logins(cooperative.slug)]
    base = Product.objects.filter(
        maker__cooperative=cooperative, is_public=True,
        stockrecords__num_in_stock__gte=F("stockrecords__num_allocated") + 2,
    ).order_by("upc")
    first = list(base.filter(maker__slug__in=members)[:4])
    rest = list(base.exclude(maker__slug__in=members)[:8])
    return first + rest


def _sales(cooperative, customer, coordinator, report) -> None:
    prefix = cooperative.slug.split("-")[0].upper()
    counter = 0
    for index, count in enumerate(DATA["sales_per_month"]):
        months_ago = DATA["months"] - 1 - index
        for sale in range(count):
            counter += 1
            number = f"DEMO-E-{prefix}-{counter:03d}"
            if Order.objects.filter(number=number).exists():
                continue
            products = _products(cooperative)
            if not products:
                return
            product = products[counter % len(products)]
            placed_on = _months_back(months_ago, day=min(2 + sale * 5, 26))
            if placed_on >= timezone.localdate():
                placed_on = timezone.localdate() - timedelta(days=1)
            with transaction.atomic():
                order = _place(number, [product], customer)
                # Into the past before the ledger records it (on commit), at that day's terms.
                Order.objects.filter(pk=order.pk).update(date_placed=_aware(placed_on))
            services.order_sync(order=order)
            line = order.lines.get()
            fulfilment.shipment_create(order=order, lines=[line], carrier="ptt",
                                       tracking_number=f"DEMOE{line.pk:08d}", actor=coordinator)
            line.refresh_from_db()
            if months_ago > 0:
                fulfilment.line_status_set(line=line, status=fulfilment.LineStatus.DELIVERED,
                                           actor=coordinator)
            LineEvent.objects.filter(line=line).update(
                date_created=_aware(min(placed_on + timedelta(days=2),
                                        timezone.localdate()), 12)
            )
            report.created["demo sales"] += 1


def _payouts(cooperative, coordinator, report) -> None:
    for months_ago in range(DATA["months"] - 1, DATA["months"] - 1 - DATA["paid_months"], -1):
        start = _months_back(months_ago)
        end = _months_back(months_ago - 1) - timedelta(days=1)
        if Payout.objects.filter(cooperative=cooperative, period_start=start,
                                 period_end=end).exists():
            continue
        try:
            services.payout_run(
                cooperative=cooperative, period_start=start, period_end=end, actor=coordinator,
                bank_reference=f"DEMO-EFT-{cooperative.slug.split('-')[0].upper()}-"
                               f"{start:%Y%m}",
            )
        except services.EarningsError:
            continue  # nothing became payable in that month
        report.created["payout runs"] += 1
