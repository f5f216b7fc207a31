"""Stripe fails in the middle of a payment: each fault injected at its step, over real HTTP
(a fault proxy in front of localstripe), and the final state checked: orders, captures,
refunds, the basket, and what the customer was told."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from checkout import gateway, services
from checkout.models import StripePayment, StripeWebhookEvent
from tests.checkout.faults.conftest import CAPTURE, CREATE, STRIPE_REFUSAL, refunds_of
from tests.checkout.helpers import CARD_3DS, FETCH, authenticate, checkout_to_preview, pay
from tests.checkout.test_webhooks import event, post_event
from tests.factories import product_for_sale

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")



@pytest.mark.django_db(transaction=True)
def test_lost_capture_answer_while_the_webhook_arrives_gives_one_order_and_no_refund(
    stripe_proxy, localstripe_url
):
    """Both tries of the capture time out after Stripe captured; `payment_intent.succeeded`
    arrives meanwhile. Before: the webhook placed the order and the browser refunded it."""
    client = Client()
    product = product_for_sale(price=Decimal("20.00"), num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    webhook_answers = []

    def stripe_sends_the_webhook(path):
        intent_id = path.split("/")[3]
        payload = event("payment_intent.succeeded", {"object": "payment_intent", "id": intent_id})

        def deliver():
            try:
                webhook_answers.append(post_event(Client(), payload))
            finally:
                connection.close()

        if not webhook_answers:
            thread = threading.Thread(target=deliver)
            thread.start()
            webhook_answers.append(thread)

    stripe_proxy.add("POST", CAPTURE, "lose_answer", times=2, hold=3,
                     on_forward=stripe_sends_the_webhook)

    answer = pay(client, fingerprint=fingerprint, headers=FETCH)

    webhook_answers[0].join(timeout=60)
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "succeeded"
    assert "No payment was taken" not in answer.content.decode()
    order = Order.objects.get()
    payment = StripePayment.objects.get()
    assert (payment.order, payment.status) == (order, "placed")
    assert gateway.payment_intent_retrieve(payment.payment_intent_id).status == "succeeded"
    assert refunds_of(localstripe_url, payment.payment_intent_id) == []
    assert webhook_answers[1].status_code == 200
    assert StripeWebhookEvent.objects.get().outcome == f"order {order.number}"


@pytest.mark.django_db
def test_capture_refused_after_authorisation_cancels_and_says_so_and_reconcile_never_captures(
    client, stripe_proxy
):
    """Before: the customer was told nothing was taken, and reconciliation captured later."""
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    stripe_proxy.add("POST", CAPTURE, "refuse", times=1, status=400, body=STRIPE_REFUSAL)

    answer = pay(client, fingerprint=fingerprint, headers=FETCH)

    assert answer.status_code == 400
    assert "Nothing was taken" in answer.json()["message"]
    payment = StripePayment.objects.get()
    assert payment.status == "cancelled"
    assert gateway.payment_intent_retrieve(payment.payment_intent_id).status == "canceled"
    assert not Order.objects.exists()
    assert Basket.objects.get().status == "Open"
    StripePayment.objects.update(updated=payment.created.replace(year=2020))
    services.payments_reconcile(older_than=__import__("datetime").timedelta(seconds=-5))
    assert not Order.objects.exists()
    assert gateway.payment_intent_retrieve(payment.payment_intent_id).status == "canceled"


@pytest.mark.django_db
def test_stripe_that_accepts_and_never_answers_gives_pages_and_json_not_server_errors(
    client, stripe_proxy
):
    """Before: gunicorn's bare "Internal Server Error" after 30 s."""
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    stripe_proxy.add(".*", ".*", "hang", times=1000, hold=10)

    # Stripe holds each call for 10 s; the client gives up after its timeout (1 s in the tests,
    # 8 s in production, twice), so both answers below come from the shop, not from Stripe.
    # How long they take is for the benchmark, not a timed test.
    page = client.get(reverse("checkout:preview"))
    answer = client.post(reverse("checkout:preview"), {
        "action": "place_order", "payment_method": "pm_from_the_browser",
        "basket_fingerprint": fingerprint}, headers=FETCH)

    assert page.status_code == 200
    assert "could not reach our payment provider" in page.content.decode()
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "pending"  # Stripe may have acted: not "nothing taken"
    assert answer.json()["redirect"] == reverse("checkout:payment-status")
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_stripe_silent_then_back_the_status_page_tells_the_truth_and_thaws(
    client, stripe_proxy, settings
):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    rule = stripe_proxy.add("POST", CREATE, "hang", times=2, hold=3)
    stripe_proxy.add("GET", r"^/v1/payment_intents\?", "hang", times=2, hold=3)

    answer = client.post(reverse("checkout:preview"), {
        "action": "place_order", "payment_method": "pm_from_the_browser",
        "basket_fingerprint": fingerprint}, headers=FETCH)

    assert answer.json()["status"] == "pending"
    assert len(rule.hits) == 0 and Basket.objects.get().status == "Frozen"
    page = client.get(reverse("checkout:payment-status"))
    assert page.status_code == 200
    assert "being confirmed" in page.content.decode()
    # Stripe answers again; its creation cannot still be under way: nothing was taken.
    from datetime import timedelta

    StripePayment.objects.update(created=StripePayment.objects.get().created - timedelta(
        minutes=5), updated=StripePayment.objects.get().updated - timedelta(minutes=5))
    done = client.get(reverse("checkout:payment-status"))
    assert done.status_code == 302 and done.url == reverse("basket:summary")
    basket_page = client.get(done.url)
    assert "No payment was taken" in basket_page.content.decode()
    assert Basket.objects.get().status == "Open"
    assert StripePayment.objects.get().status == "cancelled"


@pytest.mark.django_db
def test_create_answer_lost_after_stripe_authorised_finds_the_intent_and_places_the_order(
    client, stripe_proxy
):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    stripe_proxy.add("POST", CREATE, "lose_answer", times=1, hold=3)

    answer = pay(client, fingerprint=fingerprint, headers=FETCH)

    # The client's retry carried the same idempotency key: one intent, and the order.
    assert answer.json()["status"] == "succeeded", answer.content
    assert len(gateway.payment_intents_list()) == 1
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_wrong_payment_failed_for_an_authorised_3d_secure_intent_places_the_order(client):
    """Before: marked failed, the authorisation left holding the card, reconcile ignored it."""
    product = product_for_sale(num_in_stock=5)
    started = pay(client, fingerprint=checkout_to_preview(client, product),
                  card=CARD_3DS).json()
    authenticate(started["payment_intent"], started["client_secret"])

    answer = post_event(Client(), event("payment_intent.payment_failed", {
        "object": "payment_intent", "id": started["payment_intent"],
        "last_payment_error": {"message": "Authentication failed"}}))

    assert answer.status_code == 200
    order = Order.objects.get()
    assert answer.json()["outcome"] == f"order {order.number}"
    assert StripePayment.objects.get().status == "placed"
    assert gateway.payment_intent_retrieve(started["payment_intent"]).status == "succeeded"


@pytest.mark.django_db
def test_reconcile_places_the_order_of_an_authorised_payment_marked_failed(client):
    """A payment marked failed earlier (an older release, or a lost webhook's guess) whose
    intent Stripe holds as authorised: reconciliation places its order and captures."""
    from datetime import timedelta

    product = product_for_sale(num_in_stock=5)
    started = pay(client, fingerprint=checkout_to_preview(client, product),
                  card=CARD_3DS).json()
    authenticate(started["payment_intent"], started["client_secret"])
    StripePayment.objects.update(status="failed")

    report = services.payments_reconcile(older_than=timedelta(seconds=-5))

    order = Order.objects.get()
    assert report == [f"{started['payment_intent']}: order {order.number}"]
    assert gateway.payment_intent_retrieve(started["payment_intent"]).status == "succeeded"
