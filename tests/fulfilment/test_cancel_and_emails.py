"""Cancelling a piece refunds it through Stripe and returns its stock; each parcel sends the
customer one email, in her language, naming the pieces, their makers and the tracking link."""

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from checkout import gateway
from checkout.models import StripePayment
from order.fulfilment import FulfilmentError, LineStatus, line_cancel, shipment_create
from tests.checkout.helpers import checkout_to_preview, pay
from tests.factories import product_for_sale

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
LineEvent = get_model("order", "LineEvent")

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order():
    client = Client()
    product = product_for_sale(price=Decimal("20.00"), num_in_stock=5, title="Kilim cushion")
    response = pay(client, fingerprint=checkout_to_preview(client, product, quantity=3))
    assert response.json()["status"] == "succeeded"
    mail.outbox.clear()
    order = Order.objects.get()
    # Checkout places orders (and their lines) as Paid, from Oscar's initial-status settings.
    assert order.status == "Paid" and order.lines.get().status == "Paid"
    return order


def refunded_in_stripe(order) -> int:
    return sum(
        refund["amount"]
        for refund in gateway._client().v1.refunds.list(
            params={"payment_intent": order.sources.get().reference})["data"]
    )


def test_cancel_before_shipping_refunds_through_stripe_and_returns_stock(
    paid_order, staff, django_capture_on_commit_callbacks
):
    line = paid_order.lines.get()
    record = StockRecord.objects.get(pk=line.stockrecord_id)
    assert (record.num_in_stock, record.num_allocated) == (5, 3)

    with django_capture_on_commit_callbacks(execute=True):
        line_cancel(line=line, reason="The loom broke; we cannot finish it.", actor=staff)

    # Nothing is left to send: the shipping charge goes back too (3 × 20.00 + 4.90).
    assert refunded_in_stripe(paid_order) == 6490
    refund = paid_order.payment_events.get(event_type__name="Refunded")
    assert refund.amount == Decimal("64.90")
    assert refund.line_quantities.get().quantity == 3
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (5, 0)
    line.refresh_from_db()
    paid_order.refresh_from_db()
    assert line.status == LineStatus.CANCELLED
    assert paid_order.status == "Cancelled"
    event = LineEvent.objects.get(line=line)
    assert (event.kind, event.actor, event.note) == (
        "cancellation", staff, "The loom broke; we cannot finish it.")
    # One email, saying why and how much comes back (not a second, bare refund email).
    (cancelled,) = mail.outbox
    assert "cancelled" in cancelled.subject
    assert cancelled.to == ["guest@example.com"]
    assert "The loom broke" in cancelled.body and "€64.90" in cancelled.body
    assert "Kilim cushion" in cancelled.body


def test_cancelling_one_piece_of_two_refunds_that_piece_only(staff):
    client = Client()
    kept = product_for_sale(price=Decimal("35.00"), title="Silver ring")
    client.post(reverse("basket:add", kwargs={"pk": kept.pk}), {"quantity": 1})
    cancelled = product_for_sale(price=Decimal("20.00"), title="Kilim cushion")
    response = pay(client, fingerprint=checkout_to_preview(client, cancelled, quantity=2))
    assert response.json()["status"] == "succeeded"
    order = Order.objects.get()
    line = order.lines.get(product=cancelled)

    line_cancel(line=line, reason="One of the two was damaged.", actor=staff)

    assert refunded_in_stripe(order) == 4000
    order.refresh_from_db()
    assert order.status == "Partly cancelled"
    assert order.lines.get(product=kept).status == LineStatus.PAID


def test_cancelling_a_shipped_paid_line_is_refused_and_refunds_nothing(paid_order, staff):
    line = paid_order.lines.get()
    shipment_create(order=paid_order, lines=[line], carrier="ptt",
                    tracking_number="KP123456789TR", actor=staff)
    with pytest.raises(FulfilmentError):
        line_cancel(line=line, reason="Changed her mind.", actor=staff)
    assert refunded_in_stripe(paid_order) == 0
    line.refresh_from_db()
    assert line.status == LineStatus.SHIPPED


def test_one_shipped_email_per_parcel_with_pieces_makers_and_tracking_link(
    mixed_order, staff, django_capture_on_commit_callbacks
):
    first, second, other = mixed_order.lines.order_by("pk")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        shipment_create(order=mixed_order, lines=[first, second], carrier="ptt",
                        tracking_number="KP123456789TR", actor=staff)
    (message,) = mail.outbox
    assert message.to == ["guest@example.com"]
    assert mixed_order.number in message.subject
    for line in (first, second):
        assert line.title in message.body
        assert f"Made by {line.maker_name}, {line.cooperative_name}" in message.body
    assert other.title not in message.body
    link = "https://gonderitakip.ptt.gov.tr/Track/Verify?q=KP123456789TR"
    assert link in message.body
    html = message.alternatives[0][0]
    assert f'href="{link}"' in html and "PTT Kargo" in html and first.maker_name in html

    with django_capture_on_commit_callbacks(execute=True):
        shipment_create(order=mixed_order, lines=[other], carrier="other",
                        tracking_number="ABC-1234", actor=staff)
    assert len(mail.outbox) == 2
    second_message = mail.outbox[1]
    assert other.title in second_message.body and "ABC-1234" in second_message.body
    assert "Track your parcel" not in second_message.body  # no link for an unknown carrier
    assert mixed_order.communication_events.filter(event_type__code="ORDER_SHIPPED").count() == 2


def test_shipped_email_in_the_language_the_customer_shopped_in(
    paid_order, staff, django_capture_on_commit_callbacks
):
    StripePayment.objects.filter(order=paid_order).update(language="tr")
    line = paid_order.lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        shipment_create(order=paid_order, lines=[line], carrier="aras",
                        tracking_number="1234567890", actor=staff)
    (message,) = mail.outbox
    assert "yolda" in message.subject
    # (Strings already translated; the new sentences wait for the translators.)
    assert "Kargonuzu takip edin" in message.body
    assert f"Yapan: {line.maker_name}" in message.body
    assert "Merhaba," in message.alternatives[0][0]


def test_no_email_when_the_shipment_is_refused(mixed_order, staff,
                                               django_capture_on_commit_callbacks):
    first = mixed_order.lines.order_by("pk").first()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(FulfilmentError):
        shipment_create(order=mixed_order, lines=[first], carrier="ptt",
                        tracking_number="<script>", actor=staff)
    assert mail.outbox == []
