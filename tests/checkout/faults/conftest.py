"""Fault injection at the exact step: a Stripe fault proxy, and helpers to read the ledger."""

import pytest
import requests
from django.conf import settings as django_settings

from tests.checkout.faults.proxy import StripeFaultProxy


@pytest.fixture
def stripe_proxy(settings, localstripe_url):
    """Every Stripe call goes through the proxy; 1 s timeouts and one retry, as in production
    (where they are 8 s)."""
    proxy = StripeFaultProxy(localstripe_url)
    settings.STRIPE_API_BASE = proxy.url
    settings.STRIPE_TIMEOUT_SECONDS = 1
    settings.STRIPE_MAX_NETWORK_RETRIES = 1
    yield proxy
    proxy.close()


CAPTURE = r"^/v1/payment_intents/pi_\w+/capture"
CREATE = r"^/v1/payment_intents$"
STRIPE_REFUSAL = (
    b'{"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",'
    b' "message": "This PaymentIntent could not be captured."}}'
)


def refunds_of(localstripe_url: str, intent_id: str) -> list[dict]:
    response = requests.get(f"{localstripe_url}/v1/refunds", params={"limit": 100},
                            auth=(django_settings.STRIPE_SECRET_KEY, ""), timeout=5)
    response.raise_for_status()
    return [r for r in response.json()["data"] if r.get("payment_intent") == intent_id]
