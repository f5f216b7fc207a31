"""Refunds from the dashboard: through Stripe, recorded, stock returned, customer emailed."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from checkout import gateway, services
from checkout.models import StripePayment
from tests.checkout.helpers import checkout_to_preview, pay
from tests.factories import UserFactory, product_for_sale

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    client = Client()
    product = product_for_sale(price=Decimal("20.00"), num_in_stock=5)
    assert pay(client, fingerprint=checkout_to_preview(client, product, quantity=3)).json()[
        "status"] == "succeeded"
    mail.outbox.clear()
    return Order.objects.get()


@pytest.fixture
def staff_client():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_order"))
    client = Client()
    client.force_login(user)
    return client


def refunded_in_stripe(order) -> int:
    return sum(
        refund["amount"]
        for refund in gateway._client().v1.refunds.list(
            params={"payment_intent": order.sources.get().reference})["data"]
    )


def test_refund_one_item_returns_its_stock_and_emails_the_customer(order, staff_client):
    line = order.lines.get()
    record = StockRecord.objects.get(pk=line.stockrecord_id)
    assert record.num_allocated == 3

    response = staff_client.post(reverse("checkout:refund", kwargs={"number": order.number}),
                                 {"scope": "lines", f"line_{line.pk}": "1", "restock": "on"})

    assert response.status_code == 302
    event = order.payment_events.get(event_type__name="Refunded")
    assert event.amount == Decimal("20.00")
    assert event.line_quantities.get().quantity == 1
    assert refunded_in_stripe(order) == 2000
    record.refresh_from_db()
    assert record.num_allocated == 2
    assert order.sources.get().amount_refunded == Decimal("20.00")
    (message,) = mail.outbox
    assert message.to == ["guest@example.com"]
    assert "Refund" in message.subject and "€20.00" in message.body


def test_refund_whole_order_includes_shipping_and_cannot_be_repeated(order, staff_client):
    url = reverse("checkout:refund", kwargs={"number": order.number})

    assert staff_client.post(url, {"scope": "all", "restock": "on"}).status_code == 302
    again = staff_client.post(url, {"scope": "all", "restock": "on"})

    assert again.status_code == 400
    assert refunded_in_stripe(order) == 6490  # 3 × 20.00 + 4.90 shipping
    assert StripePayment.objects.get(order=order).status == "refunded"
    assert StockRecord.objects.get(pk=order.lines.get().stockrecord_id).num_allocated == 0


def test_cannot_refund_more_items_than_were_bought(order):
    line = order.lines.get()
    with pytest.raises(services.PaymentRefused):
        services.order_refund(order=order, quantities={line: 4})
    assert refunded_in_stripe(order) == 0


def test_refund_needs_the_permission(order):
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    url = reverse("checkout:refund", kwargs={"number": order.number})
    assert client.get(url).status_code == 403
    assert client.post(url, {"scope": "all"}).status_code == 403
    assert refunded_in_stripe(order) == 0


def test_refund_page_and_dashboard_link(order, staff_client):
    page = staff_client.get(reverse("checkout:refund", kwargs={"number": order.number}))
    assert page.status_code == 200
    assert order.lines.get().maker_name in page.content.decode()
    superuser = UserFactory(is_staff=True, is_superuser=True)
    staff_client.force_login(superuser)
    detail = staff_client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    assert reverse("checkout:refund", kwargs={"number": order.number}) in detail.content.decode()
