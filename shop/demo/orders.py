"""Demo orders in every state of fulfilment, some mixed across cooperatives.

They go through the same code as real ones: Oscar's order creator (stock allocated, provenance
kept on each line) and `order.fulfilment` (packing, parcels with a tracking number, delivery,
cancellation), done by each cooperative's demo coordinator. The data is in `orders.json`.
No email leaves: the demo customer is not a real person.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from oscar.core.loading import get_class, get_model

from order import fulfilment
from shop.demo.workspace import coordinator_email

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Free = get_class("shipping.methods", "Free")

DATA = json.loads(Path(__file__).with_name("orders.json").read_text(encoding="utf-8"))
CUSTOMER_EMAIL = "customer@ortak.example"


def load_orders(report) -> None:
    """Place the demo orders that are not there yet; each is found by its number first."""
    customer = get_user_model().objects.filter(email=CUSTOMER_EMAIL).first()
    if customer is None:
        return
    used: dict[str, int] = {}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for index, data in enumerate(DATA["orders"]):
            if Order.objects.filter(number=data["number"]).exists():
                continue
            products = [_next_product(slug, used) for slug, _state in data["items"]]
            if None in products:
                continue
            with transaction.atomic():
                order = _place(data["number"], products, customer)
                for (slug, state), line in zip(
                    data["items"], order.lines.order_by("pk"), strict=True
                ):
                    _bring_to(state, line, slug, tracking=f"DEMO{index:02d}{line.pk:06d}")
            report.created["demo orders"] += 1


def _next_product(cooperative_slug: str, used: dict[str, int]):
    """The cooperative's demo pieces in turn, those with at least two ready to sell."""
    candidates = list(
        Product.objects.filter(
            maker__cooperative__slug=cooperative_slug,
            is_public=True,
            upc__startswith="DEMO-0",
            stockrecords__num_in_stock__gte=3,
        ).order_by("upc")[:12]
    )
    if not candidates:
        return None
    position = used.get(cooperative_slug, 0)
    used[cooperative_slug] = position + 1
    return candidates[position % len(candidates)]


def _place(number: str, products, customer):
    basket = Basket.objects.create(owner=customer)
    basket.strategy = Selector().strategy(user=customer)
    for product in products:
        basket.add_product(product, 1)
    address_data = dict(DATA["address"])
    country = Country.objects.filter(iso_3166_1_a2=address_data.pop("country")).first()
    address = ShippingAddress.objects.create(
        country=country or Country.objects.first(), **address_data
    )
    shipping = Free()
    charge = shipping.calculate(basket)
    order = OrderCreator().place_order(
        basket=basket,
        user=customer,
        total=OrderTotalCalculator().calculate(basket, charge),
        shipping_method=shipping,
        shipping_charge=charge,
        shipping_address=address,
        order_number=number,
    )
    basket.submit()
    return order


def _bring_to(state: str, line, cooperative_slug: str, *, tracking: str) -> None:
    actor = get_user_model().objects.filter(email=coordinator_email(cooperative_slug)).first()
    if state == "packing":
        fulfilment.line_status_set(line=line, status=fulfilment.LineStatus.PACKING, actor=actor)
    elif state in ("shipped", "delivered"):
        fulfilment.shipment_create(
            order=line.order, lines=[line], carrier="ptt", tracking_number=tracking, actor=actor
        )
        if state == "delivered":
            line.refresh_from_db()
            fulfilment.line_status_set(
                line=line, status=fulfilment.LineStatus.DELIVERED, actor=actor
            )
    elif state == "cancelled":
        fulfilment.line_cancel(
            line=line, reason="The last one was damaged in the workshop.", actor=actor
        )
