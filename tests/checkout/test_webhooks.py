"""Stripe's webhooks: signed, handled once, in any order; the order is placed even when the
customer's browser never comes back."""

import hashlib
import hmac
import json
import time
import uuid
from decimal import Decimal

import pytest
import requests
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from checkout import gateway
from checkout.models import StripePayment, StripeWebhookEvent
from tests.checkout.helpers import (
    CARD_3DS,
    CARD_DECLINED,
    authenticate,
    checkout_to_preview,
    pay,
    resume,
)
from tests.factories import product_for_sale

Order = get_model("order", "Order")

SECRET = "whsec_test_checkout"  # tests/checkout/conftest.py sets it


def signed(payload: bytes, *, secret: str = SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={signature}"


def event(event_type: str, obj: dict) -> bytes:
    return json.dumps({
        "id": f"evt_{uuid.uuid4().hex[:16]}", "object": "event", "type": event_type,
        "created": int(time.time()), "data": {"object": obj},
    }).encode()


def post_event(client, payload: bytes, signature: str | None = None):
    headers = {"HTTP_STRIPE_SIGNATURE": signature or signed(payload)}
    return client.post(reverse("stripe-webhook"), payload, content_type="application/json",
                       **headers)


def placed_order(client) -> Order:
    product = product_for_sale(price=Decimal("20.00"), num_in_stock=5)
    assert pay(client, fingerprint=checkout_to_preview(client, product)).json()["status"] == (
        "succeeded")
    return Order.objects.get()


@pytest.fixture
def localstripe_webhook(live_server, localstripe_url):
    """localstripe sends its real signed webhooks to the running test server."""
    endpoint = f"ortak-{uuid.uuid4().hex[:8]}"
    url = f"{localstripe_url}/_config/webhooks/{endpoint}"
    response = requests.post(url, data={
        "url": f"{live_server.url}/stripe/webhook/", "secret": SECRET,
        "events[]": ["payment_intent.succeeded", "payment_intent.payment_failed"]},
        timeout=5)
    assert response.status_code == 200, response.text
    yield live_server
    # localstripe cannot forget an endpoint: listen to nothing from now on.
    requests.post(url, data={"url": f"{live_server.url}/stripe/webhook/", "secret": SECRET,
                             "events[]": ["none.disabled"]}, timeout=5)


def wait_for(condition, seconds: float = 10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


# Real webhooks from localstripe
# ------------------------------


@pytest.mark.django_db(transaction=True)
def test_succeeded_webhook_places_the_order_when_the_browser_never_came_back(
    localstripe_webhook,
):
    client = Client()
    product = product_for_sale(num_in_stock=5)
    started = pay(client, fingerprint=checkout_to_preview(client, product),
                  card=CARD_3DS).json()
    authenticate(started["payment_intent"], started["client_secret"])
    # Our server captured and then died before writing the order; the tab is closed.
    gateway.payment_intent_capture(started["payment_intent"])

    assert wait_for(lambda: Order.objects.exists()), "the webhook placed no order"
    order = Order.objects.get()
    assert StripePayment.objects.get().order == order
    assert StripeWebhookEvent.objects.filter(event_type="payment_intent.succeeded",
                                             payment_intent_id=started["payment_intent"]).exists()
    assert order.payment_events.get().reference == started["payment_intent"]


@pytest.mark.django_db(transaction=True)
def test_payment_failed_webhook_is_recorded_once(localstripe_webhook):
    client = Client()
    product = product_for_sale(num_in_stock=5)
    response = pay(client, fingerprint=checkout_to_preview(client, product), card=CARD_DECLINED)
    assert response.status_code == 400

    assert wait_for(lambda: StripeWebhookEvent.objects.filter(
        event_type="payment_intent.payment_failed").exists())
    assert not Order.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_succeeded_webhook_after_the_browser_placed_the_order_changes_nothing(
    localstripe_webhook,
):
    client = Client()
    order = placed_order(client)  # captured by us: localstripe then sends payment_intent.succeeded

    assert wait_for(lambda: StripeWebhookEvent.objects.filter(
        event_type="payment_intent.succeeded").exists())
    assert Order.objects.get() == order
    assert order.payment_events.count() == 1


# Signed in the test: charges, disputes, and refusals
# ---------------------------------------------------


@pytest.mark.django_db
def test_bad_signature_is_refused_and_changes_nothing(client):
    payload = event("payment_intent.succeeded", {"object": "payment_intent", "id": "pi_x"})

    assert post_event(client, payload, signed(payload, secret="whsec_wrong")).status_code == 400
    assert post_event(client, payload, "t=1,v1=deadbeef").status_code == 400
    assert client.post(reverse("stripe-webhook"), payload,
                       content_type="application/json").status_code == 400
    assert not StripeWebhookEvent.objects.exists()


@pytest.mark.django_db
def test_stale_timestamp_is_refused(client):
    payload = event("payment_intent.succeeded", {"object": "payment_intent", "id": "pi_x"})

    response = post_event(client, payload, signed(payload, timestamp=int(time.time()) - 3600))

    assert response.status_code == 400
    assert not StripeWebhookEvent.objects.exists()


@pytest.mark.django_db
def test_tampered_body_is_refused(client):
    payload = event("charge.refunded", {"object": "charge", "payment_intent": "pi_x"})
    signature = signed(payload)

    response = post_event(client, payload.replace(b"pi_x", b"pi_y"), signature)

    assert response.status_code == 400


@pytest.mark.django_db
def test_refund_made_in_stripe_is_recorded_once(client):
    order = placed_order(client)
    intent_id = order.sources.get().reference
    refund_id = gateway.refund_create(intent_id=intent_id, amount=500, idempotency_key="t1")
    payload = event("charge.refunded", {
        "object": "charge", "id": "ch_1", "payment_intent": intent_id, "amount_refunded": 500,
        "refunds": {"data": [{"id": refund_id, "amount": 500}]},
    })

    first = post_event(client, payload)
    again = post_event(client, payload)  # Stripe retries

    assert first.json()["outcome"] == "refund recorded"
    assert again.json()["outcome"] == "duplicate"
    refunds = order.payment_events.filter(event_type__name="Refunded")
    assert [(e.amount, e.reference) for e in refunds] == [(Decimal("5.00"), refund_id)]


@pytest.mark.django_db
def test_dispute_is_noted_on_the_order(client):
    order = placed_order(client)
    intent_id = order.sources.get().reference
    payload = event("charge.dispute.created", {
        "object": "dispute", "id": "dp_1", "payment_intent": intent_id, "amount": 2490,
        "reason": "fraudulent",
    })

    assert post_event(client, payload).json()["outcome"] == "dispute noted"
    assert order.notes.filter(message__contains="dp_1").exists()
    assert order.payment_events.filter(event_type__name="Disputed").exists()


@pytest.mark.django_db
def test_authorised_intent_event_places_the_order_and_late_failure_is_ignored(client):
    product = product_for_sale(num_in_stock=5)
    started = pay(client, fingerprint=checkout_to_preview(client, product),
                  card=CARD_3DS).json()
    authenticate(started["payment_intent"], started["client_secret"])
    webhook = Client()  # Stripe, not the customer
    intent = {"object": "payment_intent", "id": started["payment_intent"]}

    placed = post_event(webhook, event("payment_intent.amount_capturable_updated", intent))
    late = post_event(webhook, event("payment_intent.payment_failed", intent))

    order = Order.objects.get()
    assert placed.json()["outcome"] == f"order {order.number}"
    assert late.json()["outcome"] == "ignored: order placed"
    assert StripePayment.objects.get().status == "placed"
    assert gateway.payment_intent_retrieve(started["payment_intent"]).status == "succeeded"
    # The customer comes back afterwards: same order, nothing new.
    back = resume(client, started["payment_intent"])
    assert back.status_code == 302 and back.url == reverse("checkout:thank-you")
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_event_for_an_unknown_intent_is_acknowledged(client):
    payload = event("payment_intent.succeeded", {"object": "payment_intent", "id": "pi_other"})
    response = post_event(client, payload)
    assert response.status_code == 200
    assert response.json()["outcome"] == "unknown payment"


@pytest.mark.django_db
def test_an_event_whose_handling_breaks_is_handled_again_on_stripes_retry(client, monkeypatch):
    from checkout import services

    order = placed_order(client)
    intent_id = order.sources.get().reference
    payload = event("charge.dispute.created", {
        "object": "dispute", "id": "dp_2", "payment_intent": intent_id, "amount": 100,
        "reason": "general",
    })
    real = services._webhook_dispatch

    def broken(*args):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(services, "_webhook_dispatch", broken)
    client.raise_request_exception = False
    assert post_event(client, payload).status_code == 500
    assert not StripeWebhookEvent.objects.exists()

    monkeypatch.setattr(services, "_webhook_dispatch", real)
    assert post_event(client, payload).json()["outcome"] == "dispute noted"
