"""Shipping methods, guest order tracking and emails in the customer's language."""

import socket
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from checkout.models import StripePayment
from tests.checkout.helpers import (
    ADDRESS,
    checkout_to_preview,
    pay,
    preview_fingerprint,
    shipping_country,
)
from tests.factories import product_for_sale

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("price", "method", "shipping"),
    [
        (Decimal("24.00"), "standard", Decimal("4.90")),
        (Decimal("80.00"), "standard", Decimal("0.00")),  # free over €75
        (Decimal("24.00"), "express", Decimal("12.90")),
        (Decimal("80.00"), "express", Decimal("12.90")),
    ],
)
def test_shipping_methods_are_charged_per_order(client, price, method, shipping):
    product = product_for_sale(price=price, num_in_stock=5)
    assert pay(client, fingerprint=checkout_to_preview(client, product, method=method)).json()[
        "status"] == "succeeded"
    order = Order.objects.get()
    assert order.shipping_code == method
    assert order.shipping_incl_tax == shipping
    assert order.total_incl_tax == price + shipping


def test_shipping_method_page_offers_standard_and_express(client):
    product = product_for_sale(num_in_stock=5)
    checkout_to_preview(client, product)
    page = client.get(reverse("checkout:shipping-method")).content.decode()
    assert "Standard delivery" in page and "Express delivery" in page


def test_guest_tracks_an_order_by_number_and_email(client):
    product = product_for_sale(num_in_stock=5)
    pay(client, fingerprint=checkout_to_preview(client, product, email="ayse@example.com"))
    order = Order.objects.get()
    visitor = Client()
    url = reverse("checkout:track-order")

    wrong = visitor.post(url, {"number": order.number, "email": "someone@example.com"})
    found = visitor.post(url, {"number": order.number, "email": "AYSE@example.com"})

    assert wrong.status_code == 400 and "found no order" in wrong.content.decode()
    assert found.status_code == 302
    page = visitor.get(found.url)
    assert page.status_code == 200
    assert order.number in page.content.decode()
    assert order.lines.get().title in page.content.decode()


def test_confirmation_email_is_in_the_customers_language(client):
    product = product_for_sale(num_in_stock=5)
    with translation.override("tr"):
        fingerprint = checkout_to_preview(client, product)
        pay(client, fingerprint=fingerprint)
    assert StripePayment.objects.get().language == "tr"
    message = mail.outbox[0]
    assert Order.objects.get().number in message.subject
    assert "/tr/shop/accounts/order-status/" in message.body  # links in her language too


def test_signed_in_customer_checks_out_and_the_order_is_hers(client):
    from tests.factories import UserFactory

    user = UserFactory(email="fatma@example.com")
    client.force_login(user)
    shipping_country()
    product = product_for_sale(num_in_stock=5)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    client.post(reverse("checkout:shipping-method"), {"method_code": "express"})

    response = pay(client, fingerprint=preview_fingerprint(client))

    assert response.json()["status"] == "succeeded"
    order = Order.objects.get()
    assert order.user == user and order.guest_email == ""
    assert mail.outbox[-1].to == ["fatma@example.com"]


def test_slow_stripe_times_out_with_a_clear_message(client, settings):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        settings.STRIPE_API_BASE = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.STRIPE_TIMEOUT_SECONDS = 1
        response = client.post(reverse("checkout:preview"), {
            "action": "place_order", "payment_method": "pm_card", "basket_fingerprint":
            fingerprint})
    # Stripe may have acted on the request: not "nothing was taken", but "being confirmed"
    # (tests/checkout/faults/ follows such payments to their end).
    assert response.status_code == 200
    assert response.json()["status"] == "pending"
    assert "being confirmed" in response.json()["message"]
    assert not Order.objects.exists()
