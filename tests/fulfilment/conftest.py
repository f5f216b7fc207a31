"""Orders to fulfil: several cooperatives' pieces in one order, placed without payment, and a
paid one through localstripe for cancellations."""

import pytest
from django.contrib.auth.models import Permission
from oscar.core.loading import get_class, get_model

# Checkout's private localstripe and its settings, for every test here (cancelling refunds).
from tests.checkout.conftest import _stripe_settings, localstripe_url  # noqa: F401
from tests.factories import UserFactory, product_for_sale

Basket = get_model("basket", "Basket")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
ShippingFree = get_class("shipping.methods", "Free")


def order_place(*products, quantity=1, user=None, guest_email="guest@example.com"):
    """Place one order holding each product (as tests/provenance/test_rules.py::_place_order)."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product, quantity)
    shipping = ShippingFree()
    total = OrderTotalCalculator().calculate(basket, shipping.calculate(basket))
    extra = {"user": user} if user else {"guest_email": guest_email}
    return OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=shipping,
        shipping_charge=shipping.calculate(basket),
        order_number=f"F{basket.pk:05d}",
        **extra,
    )


@pytest.fixture
def mixed_order():
    """Two pieces by one cooperative's maker, one piece from another cooperative."""
    first = product_for_sale(title="Telkari pendant")
    second = product_for_sale(title="Silver ring", maker=first.maker)
    other = product_for_sale(title="Mirror-work pouch")
    return order_place(first, second, other)


@pytest.fixture
def staff():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_order"))
    return user
