"""Signed but malformed webhooks answer 400 (not 500); an event Stripe cannot be asked about
answers 503 so that Stripe retries it."""

import json
import time

import pytest
from django.test import Client

from checkout.models import StripeWebhookEvent
from tests.checkout.test_webhooks import post_event

pytestmark = pytest.mark.django_db


def raw_event(**fields) -> bytes:
    body = {"id": "evt_malformed", "object": "event", "type": "payment_intent.succeeded",
            "created": int(time.time()), "data": {"object": {"object": "payment_intent",
                                                              "id": "pi_x"}}}
    body.update(fields)
    return json.dumps(body).encode()


@pytest.mark.parametrize("payload", [
    raw_event(data={}),  # no data.object
    raw_event(data={"object": "not an object"}),
    raw_event(id="evt_" + "x" * 300),  # an over-long event id
    raw_event(data={"object": {"object": "payment_intent", "id": "pi_" + "x" * 300}}),
    raw_event(data={"object": {"object": "charge", "payment_intent": ["pi_x"]}},
              type="charge.refunded"),
    raw_event(id=None),
], ids=["no-data-object", "data-object-not-object", "long-event-id", "long-intent-id",
        "intent-id-not-text", "no-event-id"])
def test_signed_but_malformed_events_answer_400(payload):
    client = Client(raise_request_exception=False)

    response = post_event(client, payload)

    assert response.status_code == 400
    assert not StripeWebhookEvent.objects.exists()


def test_an_event_whose_intent_stripe_cannot_tell_us_about_is_retried(settings):
    from checkout.models import StripePayment
    from tests.checkout.helpers import CARD_3DS, checkout_to_preview, pay
    from tests.factories import product_for_sale

    client = Client()
    started = pay(client, fingerprint=checkout_to_preview(client, product_for_sale()),
                  card=CARD_3DS).json()
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # Stripe unreachable

    response = post_event(Client(), raw_event(
        id="evt_unreachable",
        data={"object": {"object": "payment_intent", "id": started["payment_intent"]}}))

    assert response.status_code == 503
    assert StripePayment.objects.get().status == "needs_action"
