"""Paying for a basket: one intent and one order per basket, or no money taken."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from checkout import gateway, services
from checkout.models import StripePayment
from tests.checkout.helpers import (
    CARD_3DS,
    CARD_DECLINED,
    authenticate,
    checkout_to_preview,
    pay,
    preview_fingerprint,
    resume,
)
from tests.factories import product_for_sale

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def intents_for(order_number: str) -> list[gateway.Intent]:
    return [i for i in gateway.payment_intents_list() if i.metadata.get("order_number") ==
            order_number]


def test_guest_pays_and_the_order_is_placed_captured_and_confirmed(client):
    product = product_for_sale(price=Decimal("24.00"), num_in_stock=3)
    fingerprint = checkout_to_preview(client, product, quantity=2)

    response = pay(client, fingerprint=fingerprint)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "succeeded"
    order = Order.objects.get()
    assert order.guest_email == "guest@example.com"
    assert order.total_incl_tax == Decimal("52.90")  # 2 × 24.00 + standard shipping 4.90
    payment = StripePayment.objects.get()
    assert payment.order == order and payment.status == "placed"
    intent = gateway.payment_intent_retrieve(payment.payment_intent_id)
    assert (intent.status, intent.amount, intent.currency) == ("succeeded", 5290, "EUR")
    assert intent.metadata["order_number"] == order.number
    assert order.sources.get().reference == intent.id
    assert order.payment_events.get().event_type.name == "Paid"
    record = StockRecord.objects.get(product=product)
    assert record.num_allocated == 2
    line = order.lines.get()
    assert line.maker_name == product.maker.display_name
    # Confirmation email lists the maker and her cooperative.
    (message,) = mail.outbox
    assert message.to == ["guest@example.com"]
    assert order.number in message.subject
    assert line.maker_name in message.body and line.cooperative_name in message.body
    html = message.alternatives[0][0]
    assert line.maker_name in html and line.cooperative_name in html
    # The thank-you page follows.
    thanks = client.get(response.json()["redirect"])
    assert thanks.status_code == 200
    assert order.number in thanks.content.decode()


def test_double_submit_gives_one_intent_and_one_order(client):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)

    first = pay(client, fingerprint=fingerprint, card=CARD_3DS)
    second = pay(client, fingerprint=fingerprint, card=CARD_3DS)  # the second click

    assert first.json()["status"] == second.json()["status"] == "requires_action"
    intent_id = first.json()["payment_intent"]
    assert second.json()["payment_intent"] == intent_id
    authenticate(intent_id, first.json()["client_secret"])
    done = resume(client, intent_id)
    assert done.json()["status"] == "succeeded"
    again = resume(client, intent_id)
    assert again.status_code in (302, 400)  # checkout finished: nothing more to pay

    order = Order.objects.get()
    assert StripePayment.objects.count() == 1
    assert [i.status for i in intents_for(order.number)] == ["succeeded"]


def test_a_refresh_after_paying_places_no_second_order(client):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    assert pay(client, fingerprint=fingerprint).json()["status"] == "succeeded"

    again = pay(client, fingerprint=fingerprint)

    assert again.status_code == 302  # the basket is submitted: back to the (empty) basket
    assert Order.objects.count() == 1
    assert len(intents_for(Order.objects.get().number)) == 1


def test_declined_card_shows_the_error_keeps_the_basket_and_emails(client):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)

    response = pay(client, fingerprint=fingerprint, card=CARD_DECLINED)

    assert response.status_code == 400
    assert "declined" in response.json()["message"]
    assert response.json()["setup_client_secret"].startswith("seti_")
    assert not Order.objects.exists()
    basket = Basket.objects.get()
    assert basket.status == "Open" and basket.num_items == 1
    assert StripePayment.objects.get().status == "failed"
    assert "did not go through" in mail.outbox[0].subject
    # The customer can try again with another card, on the same basket.
    retry = pay(client, fingerprint=preview_fingerprint(client))
    assert retry.json()["status"] == "succeeded"
    assert Order.objects.count() == 1


def test_3d_secure_completed_places_the_order(client):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    started = pay(client, fingerprint=fingerprint, card=CARD_3DS).json()
    assert started["status"] == "requires_action"
    assert not Order.objects.exists()

    authenticate(started["payment_intent"], started["client_secret"])
    done = resume(client, started["payment_intent"])

    assert done.json()["status"] == "succeeded"
    assert Order.objects.count() == 1


def test_3d_secure_failed_places_nothing_and_restores_the_basket(client):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    started = pay(client, fingerprint=fingerprint, card=CARD_3DS).json()

    authenticate(started["payment_intent"], started["client_secret"], success=False)
    done = resume(client, started["payment_intent"])

    assert done.status_code == 400
    assert not Order.objects.exists()
    assert Basket.objects.get().status == "Open"
    assert gateway.payment_intent_retrieve(started["payment_intent"]).status != "succeeded"


# Bad input
# ---------


def test_a_tampered_fingerprint_is_refused_before_any_intent(client):
    product = product_for_sale(num_in_stock=5)
    checkout_to_preview(client, product)

    response = pay(client, fingerprint="0" * 64, amount="1")

    assert response.status_code == 400
    assert "basket changed" in response.json()["message"]
    assert not StripePayment.objects.exists()
    assert Basket.objects.get().status == "Open"


def test_amount_posted_by_the_browser_is_ignored(client):
    product = product_for_sale(price=Decimal("30.00"), num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)

    pay(client, fingerprint=fingerprint, amount="1", currency="usd")

    payment = StripePayment.objects.get()
    intent = gateway.payment_intent_retrieve(payment.payment_intent_id)
    assert (intent.amount, intent.currency) == (3490, "EUR")


def test_an_intent_of_another_basket_is_refused(client, django_user_model):
    from django.test import Client

    other = Client()
    product = product_for_sale(num_in_stock=5)
    theirs = pay(other, fingerprint=checkout_to_preview(other, product),
                 card=CARD_3DS).json()
    mine = pay(client, fingerprint=checkout_to_preview(client, product), card=CARD_3DS).json()
    authenticate(theirs["payment_intent"], theirs["client_secret"])

    response = resume(client, theirs["payment_intent"])

    assert response.status_code == 400
    assert "does not belong" in response.json()["message"]
    assert not Order.objects.exists()
    assert mine["payment_intent"] != theirs["payment_intent"]


def test_an_intent_whose_amount_differs_is_cancelled_not_used(client):
    product = product_for_sale(num_in_stock=5)
    started = pay(client, fingerprint=checkout_to_preview(client, product),
                  card=CARD_3DS).json()
    authenticate(started["payment_intent"], started["client_secret"])
    payment = StripePayment.objects.get()
    intent = gateway.payment_intent_retrieve(payment.payment_intent_id)
    forged = gateway.Intent(**{**intent.__dict__, "amount": intent.amount - 100})

    with pytest.raises(services.PaymentRefused):
        services.payment_settle(payment, forged)

    assert not Order.objects.exists()
    assert gateway.payment_intent_retrieve(intent.id).status == "canceled"


def test_basket_changed_after_the_intent_was_created_is_refused_and_released(client):
    product = product_for_sale(num_in_stock=5)
    started = pay(client, fingerprint=checkout_to_preview(client, product),
                  card=CARD_3DS).json()
    # Another tab (or anything else) changes the basket while the customer authenticates.
    Basket.objects.get().lines.update(quantity=3)
    authenticate(started["payment_intent"], started["client_secret"])

    response = resume(client, started["payment_intent"])

    assert response.status_code == 400
    assert "basket changed" in response.json()["message"]
    assert not Order.objects.exists()
    assert gateway.payment_intent_retrieve(started["payment_intent"]).status == "canceled"


def test_basket_changed_in_another_tab_before_paying_is_refused(client):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    response = pay(client, fingerprint=fingerprint)

    assert response.status_code == 400
    assert "basket changed" in response.json()["message"]
    assert not StripePayment.objects.exists()


def test_quantity_beyond_stock_is_refused_before_paying(client):
    product = product_for_sale(num_in_stock=2)
    fingerprint = checkout_to_preview(client, product, quantity=2)
    StockRecord.objects.filter(product=product).update(num_in_stock=1)

    response = pay(client, fingerprint=fingerprint)

    # Oscar's basket check sends the customer back to the basket, which says what is short.
    assert response.status_code == 302 and response.url == reverse("basket:summary")
    basket_page = client.get(response.url)
    assert "available" in basket_page.content.decode()
    assert not StripePayment.objects.exists() and not Order.objects.exists()


def test_stock_sold_while_authenticating_cancels_the_payment(client):
    product = product_for_sale(num_in_stock=1)
    started = pay(client, fingerprint=checkout_to_preview(client, product),
                  card=CARD_3DS).json()
    StockRecord.objects.filter(product=product).update(num_allocated=1)  # someone else bought it
    authenticate(started["payment_intent"], started["client_secret"])

    response = resume(client, started["payment_intent"])

    assert response.status_code == 400
    assert "sold out" in response.json()["message"]
    assert not Order.objects.exists()
    assert gateway.payment_intent_retrieve(started["payment_intent"]).status == "canceled"


def test_expired_checkout_session_is_refused(client):
    response = resume(client, "pi_whatever")
    assert response.status_code == 400
    assert "session has expired" in response.json()["message"]
    assert not Order.objects.exists()


# Failures around the payment
# ---------------------------


def test_stripe_down_shows_a_clear_message_and_keeps_the_basket(client, settings):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there

    response = pay_without_card_call(client, fingerprint)

    assert response.status_code == 400
    assert "could not reach our payment provider" in response.json()["message"]
    assert not Order.objects.exists()
    basket = Basket.objects.get()
    assert basket.status == "Open" and basket.num_items == 1
    page = client.get(reverse("checkout:preview"))
    assert "could not reach our payment provider" in page.content.decode()


def pay_without_card_call(client, fingerprint):
    return client.post(reverse("checkout:preview"), {
        "action": "place_order", "payment_method": "pm_made_while_stripe_was_up",
        "basket_fingerprint": fingerprint})


def test_order_that_cannot_be_placed_cancels_the_authorisation(client, monkeypatch):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)

    def broken(*args, **kwargs):
        raise RuntimeError("database fell over")

    monkeypatch.setattr(services.OrderCreator, "place_order", broken)
    response = pay(client, fingerprint=fingerprint)

    assert response.status_code == 400
    assert "No payment was taken" in response.json()["message"]
    payment = StripePayment.objects.get()
    assert payment.status == "cancelled"
    assert gateway.payment_intent_retrieve(payment.payment_intent_id).status == "canceled"
    assert Basket.objects.get().status == "Open"


def test_reconcile_places_the_order_of_a_customer_who_never_came_back(client):
    from django.core.management import call_command

    product = product_for_sale(num_in_stock=5)
    started = pay(client, fingerprint=checkout_to_preview(client, product),
                  card=CARD_3DS).json()
    authenticate(started["payment_intent"], started["client_secret"])  # then the tab closes

    call_command("reconcile_payments")  # too young: the customer may still come back
    assert not Order.objects.exists()

    call_command("reconcile_payments", older_than_minutes=0)

    order = Order.objects.get()
    assert StripePayment.objects.get().order == order
    assert gateway.payment_intent_retrieve(started["payment_intent"]).status == "succeeded"


def test_a_mail_server_that_is_down_does_not_undo_a_paid_order(client, settings, monkeypatch):
    from oscar.apps.communication.utils import Dispatcher

    def down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(Dispatcher, "send_email_messages", down)
    product = product_for_sale(num_in_stock=5)

    response = pay(client, fingerprint=checkout_to_preview(client, product))

    assert response.json()["status"] == "succeeded"
    assert StripePayment.objects.get().status == "placed"


def test_coming_back_to_a_cancelled_payment_sends_no_second_email(client):
    product = product_for_sale(num_in_stock=5)
    started = pay(client, fingerprint=checkout_to_preview(client, product),
                  card=CARD_3DS).json()
    authenticate(started["payment_intent"], started["client_secret"], success=False)
    assert resume(client, started["payment_intent"]).status_code == 400
    sent = len(mail.outbox)

    with pytest.raises(services.PaymentRefused):
        services.payment_resume(basket_id=StripePayment.objects.get().basket_id,
                                intent_id=started["payment_intent"])

    assert len(mail.outbox) == sent


def test_reconcile_cancels_an_abandoned_3d_secure_payment_after_a_day(client):
    from datetime import timedelta

    from django.utils import timezone

    product = product_for_sale(num_in_stock=5)
    started = pay(client, fingerprint=checkout_to_preview(client, product),
                  card=CARD_3DS).json()
    StripePayment.objects.update(updated=timezone.now() - timedelta(days=2))

    report = services.payments_reconcile()

    assert report == [f"{started['payment_intent']}: cancelled (abandoned at 3-D Secure)"]
    assert gateway.payment_intent_retrieve(started["payment_intent"]).status == "canceled"
    assert not Order.objects.exists()


def test_reconcile_gives_back_money_for_an_intent_we_have_no_record_of():
    from datetime import timedelta

    from tests.checkout.helpers import payment_method

    # The server stopped after Stripe authorised the payment, before it was written down.
    intent = gateway.payment_intent_create(
        amount=2490, currency="EUR", payment_method=payment_method(), customer_id="",
        metadata={"order_number": "100999", "basket_id": "999", "payment_id": "999"},
        idempotency_key="orphan",
    )
    assert intent.status == "requires_capture"

    assert services.payments_reconcile() == []  # too young to judge
    report = services.payments_reconcile(older_than=timedelta(seconds=-5))

    assert report == [f"{intent.id}: released (no record of this payment)"]
    assert gateway.payment_intent_retrieve(intent.id).status == "canceled"


def test_leaving_3d_secure_half_done_and_paying_for_another_basket_cancels_the_first(client):
    first = product_for_sale(num_in_stock=5, price=Decimal("10.00"))
    started = pay(client, fingerprint=checkout_to_preview(client, first), card=CARD_3DS).json()
    # She walks away from the 3-D Secure dialog and puts something else in her basket.
    second = product_for_sale(num_in_stock=5, price=Decimal("30.00"))
    client.post(reverse("basket:add", kwargs={"pk": second.pk}), {"quantity": 1})

    refused = pay(client, fingerprint=preview_fingerprint(client))

    assert refused.status_code == 400
    assert "cancelled; nothing was taken" in refused.json()["message"]
    assert gateway.payment_intent_retrieve(started["payment_intent"]).status == "canceled"
    # Both baskets are one again; she checks the new total and pays it.
    done = pay(client, fingerprint=preview_fingerprint(client))
    assert done.json()["status"] == "succeeded"
    order = Order.objects.get()
    assert order.lines.count() == 2 and order.total_incl_tax == Decimal("44.90")
    assert sorted(i.status for i in intents_for(order.number)) == ["canceled", "succeeded"]


def test_a_made_up_payment_method_is_refused_without_an_order(client):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)

    response = client.post(reverse("checkout:preview"), {
        "action": "place_order", "payment_method": "pm_forged", "basket_fingerprint": fingerprint})

    assert response.status_code == 400
    assert "could not be processed" in response.json()["message"]
    assert not Order.objects.exists()
    assert Basket.objects.get().status == "Open"
