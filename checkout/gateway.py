"""Every call Ortak makes to Stripe goes through this module.

The same calls work against Stripe and against localstripe (development and tests): only the
API base and the keys differ (shop/settings/stripe.py). Errors of any kind come out as
`GatewayError` with a message a customer can read, so callers handle one exception; the error
also says whether Stripe may have acted (`unknown`: the request was sent and its answer lost),
because only Stripe's state, asked again, may then decide what happens to the money.

Every call has a timeout shorter than the web worker's and at most one retry
(STRIPE_TIMEOUT_SECONDS, STRIPE_MAX_NETWORK_RETRIES): the retry of a POST carries the same
idempotency key, so Stripe does the work once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger("checkout.stripe")

# Currencies Stripe counts in whole units (no cents).
ZERO_DECIMAL_CURRENCIES = {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF",
                           "UGX", "VND", "VUV", "XAF", "XOF", "XPF"}


class GatewayError(Exception):
    """Stripe refused, failed or could not be reached; `str()` is safe to show a customer."""

    def __init__(self, message: str, *, declined: bool = False, intent_id: str = "",
                 unknown: bool = False, missing: bool = False):
        super().__init__(message)
        self.declined = declined
        self.intent_id = intent_id  # a declined intent still exists at Stripe
        # The request may have reached Stripe and been acted on: ask Stripe, do not assume.
        self.unknown = unknown
        # Stripe does not know the object named (a customer from a forgotten test account).
        self.missing = missing


# Failures where the request certainly never left: nothing can have happened at Stripe.
_NOT_SENT = ("NewConnectionError", "ConnectTimeout", "Connection refused",
             "Failed to establish", "Name or service not known")


@dataclass(frozen=True)
class Intent:
    """The parts of a PaymentIntent the shop decides on."""

    id: str
    status: str
    amount: int
    currency: str
    client_secret: str
    metadata: dict
    error_message: str = ""
    created: datetime | None = None

    @classmethod
    def from_stripe(cls, stripe_intent) -> Intent:
        intent = stripe_intent.to_dict()
        error = intent.get("last_payment_error") or {}
        return cls(
            id=intent["id"],
            status=intent["status"],
            amount=int(intent["amount"]),
            currency=str(intent["currency"]).upper(),
            client_secret=intent.get("client_secret") or "",
            metadata=dict(intent.get("metadata") or {}),
            error_message=(error.get("message") or "") if error else "",
            created=datetime.fromtimestamp(intent["created"], tz=UTC)
            if intent.get("created") else None,
        )


def amount_in_minor_units(amount: Decimal, currency: str) -> int:
    """4.90 EUR -> 490; the smallest unit Stripe counts in."""
    exponent = 0 if currency.upper() in ZERO_DECIMAL_CURRENCIES else 2
    return int((Decimal(amount) * (10**exponent)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def stripe_js_url() -> str:
    if settings.STRIPE_USES_LOCALSTRIPE:
        return f"{settings.STRIPE_API_BASE}/js.stripe.com/v3/"
    return "https://js.stripe.com/v3/"


def publishable_key() -> str:
    return settings.STRIPE_PUBLISHABLE_KEY


def _client() -> stripe.StripeClient:
    # Built per call: cheap, and tests point settings at their own localstripe.
    base_addresses = {}
    if settings.STRIPE_USES_LOCALSTRIPE:
        base_addresses = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base_addresses,
        max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS),
    )


def _call(description: str, function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except stripe.CardError as error:
        logger.info("Stripe declined %s: %s", description, error.user_message)
        # Stripe names the declined intent (localstripe does not).
        intent = getattr(error.error, "payment_intent", None) if error.error else None
        raise GatewayError(
            error.user_message or str(error.error.message if error.error else "")
            or _("Your card was declined."),
            declined=True,
            intent_id=getattr(intent, "id", "") or "",
        ) from error
    except stripe.InvalidRequestError as error:
        # Our request or the browser's payment method was refused (not a network problem).
        logger.error("Stripe refused %s: %r", description, error)
        missing = error.code == "resource_missing" or error.http_status == 404
        raise GatewayError(
            _("Your payment could not be processed. No payment was taken; please try again."),
            missing=missing,
        ) from error
    except stripe.StripeError as error:
        unknown = not (
            isinstance(error, stripe.APIConnectionError)
            and any(marker in str(error) for marker in _NOT_SENT)
        ) and not isinstance(error, stripe.AuthenticationError | stripe.PermissionError)
        logger.warning("Stripe failed %s (%s): %r", description,
                       "outcome unknown" if unknown else "not sent", error)
        raise GatewayError(
            _(
                "We could not reach our payment provider. No payment was taken and your "
                "basket is saved; please try again in a few minutes."
            ),
            unknown=unknown,
        ) from error


@dataclass(frozen=True)
class CardSetup:
    client_secret: str
    customer_id: str


def card_setup_create(*, customer_id: str = "") -> CardSetup:
    """A SetupIntent whose client secret lets the browser turn card details into a payment
    method (`stripe.confirmCardSetup`) without the card number ever reaching our server.

    The payment method is attached to a Customer: Stripe lets a payment method that went
    through a SetupIntent be charged again only when it belongs to a customer. The checkout's
    customer is reused when given, so reloading the payment page creates no new one.
    """
    client = _client()
    if customer_id:
        try:
            _call("checking a customer", client.v1.customers.retrieve, customer_id)
            return _card_setup_for(client, customer_id)
        except GatewayError as error:
            if not error.missing:
                raise
            # Stripe no longer knows her (a session older than a test-data reset, or another
            # account): a new customer, rather than a checkout she cannot finish.
            logger.warning("Stripe customer %s is unknown: making a new one", customer_id)
    customer_id = _call("creating a customer", client.v1.customers.create, params={})["id"]
    return _card_setup_for(client, customer_id)


def _card_setup_for(client: stripe.StripeClient, customer_id: str) -> CardSetup:
    setup = _call(
        "creating a setup intent",
        client.v1.setup_intents.create,
        params={
            "customer": customer_id,
            "usage": "on_session",
            "payment_method_types": ["card"],
        },
    )
    return CardSetup(client_secret=setup["client_secret"], customer_id=customer_id)


def payment_intent_create(
    *,
    amount: int,
    currency: str,
    payment_method: str,
    customer_id: str,
    metadata: dict[str, str],
    idempotency_key: str,
) -> Intent:
    """Create and confirm at once. Manual capture: the money is only authorised here and
    captured once the order exists, so an order that cannot be placed costs nothing."""
    intent = _call(
        "creating a payment intent",
        _client().v1.payment_intents.create,
        params={
            "amount": amount,
            "currency": currency.lower(),
            "payment_method": payment_method,
            **({"customer": customer_id} if customer_id else {}),
            "payment_method_types": ["card"],
            "capture_method": "manual",
            "confirm": True,
            "metadata": metadata,
        },
        options={"idempotency_key": idempotency_key},
    )
    return Intent.from_stripe(intent)


def payment_intent_retrieve(intent_id: str) -> Intent:
    return Intent.from_stripe(
        _call("retrieving a payment intent", _client().v1.payment_intents.retrieve, intent_id)
    )


def payment_intent_capture(intent_id: str) -> Intent:
    return Intent.from_stripe(
        _call(
            "capturing a payment intent",
            _client().v1.payment_intents.capture,
            intent_id,
            options={"idempotency_key": f"capture-{intent_id}"},
        )
    )


def payment_intent_cancel(intent_id: str) -> Intent:
    return Intent.from_stripe(
        _call("cancelling a payment intent", _client().v1.payment_intents.cancel, intent_id)
    )


def refund_create(*, intent_id: str, amount: int, idempotency_key: str) -> str:
    """Refund part or all of a captured payment; returns the refund id."""
    refund = _call(
        "refunding a payment intent",
        _client().v1.refunds.create,
        params={"payment_intent": intent_id, "amount": amount},
        options={"idempotency_key": idempotency_key},
    )
    return refund["id"]


def payment_intent_find(*, payment_id: int, limit: int = 100) -> Intent | None:
    """The intent made for our payment `payment_id`, when the answer to its creation was lost
    (a newest-first look through recent intents; Stripe's search would do the same)."""
    found = [i for i in payment_intents_list(limit=limit)
             if i.metadata.get("payment_id") == str(payment_id)]
    return found[0] if found else None


def payment_intents_list(*, limit: int = 100) -> list[Intent]:
    """The most recent intents (for reconciliation)."""
    page = _call(
        "listing payment intents", _client().v1.payment_intents.list, params={"limit": limit}
    )
    return [Intent.from_stripe(intent) for intent in page["data"]]


def webhook_event_construct(payload: bytes, signature: str) -> dict:
    """Verify the signature on the raw body (and its age); raises ValueError if either fails.
    Returns the event as plain dicts."""
    try:
        event = stripe.Webhook.construct_event(
            payload,
            signature,
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        )
    except (stripe.SignatureVerificationError, ValueError) as error:  # ValueError: not JSON
        raise ValueError(str(error)) from error
    return event.to_dict()
