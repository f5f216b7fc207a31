"""Paying for a basket and placing its order: one intent, one order, or neither.

The same functions serve the customer's browser (checkout/views.py), Stripe's webhooks and the
scheduled reconciliation (checkout/tasks.py), so an order is placed the same way whoever
arrives first. The payment is authorised (manual capture), the order is placed with its stock
locked, and only then is the money captured, under the payment's row lock: if the order cannot
be placed, the authorisation is cancelled and no money moves. What happens when Stripe, the
database or Redis fails in the middle is in README.md ("Payments when something fails").
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from checkout import gateway
from checkout.models import StripePayment, StripeWebhookEvent

logger = logging.getLogger("checkout.stripe")

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
CommunicationEventType = get_model("communication", "CommunicationEventType")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Applicator = get_class("offer.applicator", "Applicator")
Dispatcher = get_class("communication.utils", "Dispatcher")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")
stock_shortfall = get_class("order.utils", "stock_shortfall")
Repository = get_class("shipping.repository", "Repository")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")

SOURCE_TYPE = "Stripe"
EVENT_PAID = "Paid"
EVENT_REFUNDED = "Refunded"
EVENT_DISPUTED = "Disputed"
ADDRESS_FIELDS = [
    "title", "first_name", "last_name", "line1", "line2", "line3", "line4", "state",
    "postcode", "phone_number", "notes",
]
# Attempts that may still become, or already are, an order.
LIVE = [
    StripePayment.Status.STARTED,
    StripePayment.Status.NEEDS_ACTION,
    StripePayment.Status.AUTHORISED,
    StripePayment.Status.PLACED,
    StripePayment.Status.CAPTURE_PENDING,
]
# Attempts not settled yet either way.
UNDER_WAY = [
    StripePayment.Status.STARTED,
    StripePayment.Status.NEEDS_ACTION,
    StripePayment.Status.AUTHORISED,
]
# Decided: no order, the money goes (or went) back.
RELEASED = [
    StripePayment.Status.RELEASING,
    StripePayment.Status.CANCELLED,
    StripePayment.Status.REFUNDED,
]
SETTLEABLE = {"requires_capture", "succeeded"}


class PaymentRefused(Exception):
    """The payment cannot go ahead; `str()` tells the customer why and that nothing was taken."""


@dataclass
class PaymentOutcome:
    payment: StripePayment
    order: Order | None = None
    client_secret: str = ""  # set when the customer must authenticate (3-D Secure)
    # Not decided yet (Stripe's answer lost or Stripe unreachable): "being confirmed".
    pending: bool = False
    refusal: str = ""  # the decision was "no order"; what the customer reads

    @property
    def needs_action(self) -> bool:
        return self.order is None and bool(self.client_secret)


# Basket, totals and fingerprint
# ------------------------------


def basket_prepared(basket, *, user, request=None):
    """Prices and offers applied, as the customer saw them (a frozen basket has neither)."""
    # Oscar applies voucher offers only for a user object, an anonymous one included.
    user = user or AnonymousUser()
    basket.strategy = Selector().strategy(request=request, user=user)
    Applicator().apply(basket, user, request)
    return basket


def order_totals(basket, shipping_method):
    shipping_charge = shipping_method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, shipping_charge)
    return shipping_charge, total


def basket_fingerprint(basket, *, shipping_method_code: str, total_incl_tax: Decimal) -> str:
    """What the customer agreed to pay for, as one hash: any change gives another one."""
    parts = [f"basket:{basket.pk}", f"shipping:{shipping_method_code}", f"total:{total_incl_tax}"]
    for line in sorted(basket.all_lines(), key=lambda line: line.pk):
        parts.append(
            f"line:{line.product_id}:{line.stockrecord_id}:{line.quantity}:"
            f"{line.unit_effective_price}"
        )
    for voucher in basket.vouchers.order_by("pk"):
        parts.append(f"voucher:{voucher.code}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def address_to_json(address) -> dict:
    data = {field: str(getattr(address, field, "") or "") for field in ADDRESS_FIELDS}
    data["country_id"] = address.country_id
    return data


def address_from_json(data: dict):
    return ShippingAddress(**data)


# Starting a payment, and the one decision per payment
# ----------------------------------------------------
#
# Whether a payment ends as an order, a cancellation or a refund is decided in one place,
# `payment_decide`, under the payment's row lock, from Stripe's state of the intent (asked again
# whenever an answer was lost). The decision is written down before any money moves back, so
# whoever comes second (the browser, a webhook, reconciliation) finds it and follows it:
# an order stays an order (its capture is finished), a release stays a release (the
# authorisation is cancelled or the money refunded), never the other way round.


def payment_start(
    *,
    basket,
    user,
    guest_email: str,
    language: str,
    shipping_address,
    shipping_method,
    order_number: str,
    payment_method_id: str,
    customer_id: str,
    agreed_fingerprint: str,
) -> PaymentOutcome:
    """Authorise the basket's total with the card the browser tokenised, then place the order.

    The attempt is written down, and the basket frozen, in one transaction before Stripe is
    called: a worker killed during the call leaves a record that reconciliation (or the
    customer's next visit) settles, never a frozen basket without a payment. A second call for
    the same basket in the same state (double click, refresh, retry) finds the first attempt
    and never creates a second intent.
    """
    if not payment_method_id.startswith("pm_"):
        raise PaymentRefused(_("Your card details did not reach us. No payment was taken."))
    shipping_charge, total = order_totals(basket, shipping_method)
    fingerprint = basket_fingerprint(
        basket, shipping_method_code=shipping_method.code, total_incl_tax=total.incl_tax
    )
    if fingerprint != agreed_fingerprint:
        raise PaymentRefused(
            _(
                "Your basket changed since this page was opened (perhaps in another tab). "
                "No payment was taken; please check the new total and pay again."
            )
        )
    short = stock_shortfall(basket)
    if short:
        raise PaymentRefused(
            _("Sorry, %(products)s sold out. No payment was taken.")
            % {"products": ", ".join(short)}
        )
    fields = {
        "basket": basket,
        "basket_fingerprint": fingerprint,
        "order_number": order_number,
        "amount": gateway.amount_in_minor_units(total.incl_tax, total.currency),
        "currency": total.currency,
        "user": user if user and user.is_authenticated else None,
        "guest_email": guest_email or "",
        "language": language,
        "shipping_address": address_to_json(shipping_address) if shipping_address else {},
        "shipping_method_code": shipping_method.code,
    }
    superseded = None
    try:
        with transaction.atomic():
            # One caller at a time per basket; the partial unique constraint backs this up
            # where the database has no row locks (SQLite).
            Basket.objects.select_for_update().filter(pk=basket.pk).first()
            live = StripePayment.objects.filter(basket=basket, status__in=LIVE).first()
            if live is not None and live.basket_fingerprint != fingerprint:
                superseded = _release_decide(live.pk, reason="the basket changed")
                if superseded is None:
                    raise PaymentRefused(_("This basket has already been ordered."))
                live = None
            if live is None:
                payment = StripePayment.objects.create(**fields)
                basket.freeze()
    except IntegrityError:
        live = StripePayment.objects.filter(basket=basket, status__in=LIVE).first()
        if live is None or live.basket_fingerprint != fingerprint:
            raise PaymentRefused(_("Please try again: your payment is being processed.")) from None
    if superseded is not None:
        payment_release_finish(superseded)
    if live is not None:
        # The same basket, already being paid for (a second click).
        return payment_outcome_current(live)
    return _intent_create_and_decide(payment, payment_method_id, customer_id)


def _intent_create_and_decide(payment: StripePayment, payment_method_id: str,
                              customer_id: str) -> PaymentOutcome:
    try:
        intent = gateway.payment_intent_create(
            amount=payment.amount,
            currency=payment.currency,
            payment_method=payment_method_id,
            customer_id=customer_id,
            metadata={
                "order_number": payment.order_number,
                "basket_id": str(payment.basket_id),
                "payment_id": str(payment.pk),
            },
            # This attempt: the client's retry (and any retry of ours) is the same intent.
            idempotency_key=f"ortak-payment-{payment.pk}",
        )
    except gateway.GatewayError as error:
        if error.declined:
            _nothing_taken(payment.pk, str(error), intent_id=error.intent_id,
                           status=StripePayment.Status.FAILED)
            raise PaymentRefused(str(error)) from error
        if not error.unknown:
            # Refused, or never sent: Stripe holds nothing for this attempt.
            _nothing_taken(payment.pk, str(error), status=StripePayment.Status.CANCELLED)
            raise PaymentRefused(str(error)) from error
        # Sent, and the answer lost: Stripe may have authorised the card. Ask it.
        return payment_outcome_current(payment)
    # Written down at once, apart from the decision: if the database fails during the
    # decision, the intent is still known (and reconciliation need not search for it).
    StripePayment.objects.filter(pk=payment.pk, payment_intent_id=None).update(
        payment_intent_id=intent.id)
    return payment_decide(payment.pk, intent=intent)


def payment_outcome_current(payment: StripePayment) -> PaymentOutcome:
    """Where an attempt stands, asking Stripe when it is not settled; when Stripe cannot be
    asked, the attempt is pending (never "nothing was taken" without Stripe saying so)."""
    try:
        return payment_decide(payment.pk)
    except gateway.GatewayError:
        logger.warning("Payment %s: Stripe not reachable; pending", payment.pk)
        return PaymentOutcome(payment=StripePayment.objects.get(pk=payment.pk), pending=True)


def payment_resume(*, basket_id: int, intent_id: str) -> PaymentOutcome:
    """The browser is back from 3-D Secure. Trust nothing it sends but the intent id, and only
    if that intent belongs to this customer's submitted basket."""
    payment = StripePayment.objects.filter(
        basket_id=basket_id, payment_intent_id=intent_id
    ).first()
    if payment is None:
        raise PaymentRefused(_("That payment does not belong to your basket. Nothing was taken."))
    return payment_outcome_current(payment)


def payment_settle(payment: StripePayment, intent: gateway.Intent) -> PaymentOutcome:
    """Decide with an intent the caller just had from Stripe (kept for callers by this name)."""
    return payment_decide(payment.pk, intent=intent)


def payment_decide(payment_id: int, *, intent: gateway.Intent | None = None) -> PaymentOutcome:
    """The one decision: an order, a wait, or the money given back; see the section's comment.

    Raises PaymentRefused (with what the customer should read) when the payment ends without an
    order, and GatewayError when Stripe cannot be asked (nothing is decided then).
    """
    payment = StripePayment.objects.select_related("order").get(pk=payment_id)
    if payment.order_id and payment.status == StripePayment.Status.PLACED:
        return PaymentOutcome(payment=payment, order=payment.order)
    if not payment.payment_intent_id:
        if intent is None:
            # The answer to the intent's creation was lost: Stripe may have made it.
            intent = gateway.payment_intent_find(payment_id=payment.pk)
        if intent is None:
            return _never_created(payment)
    elif intent is None or intent.id != payment.payment_intent_id:
        intent = gateway.payment_intent_retrieve(payment.payment_intent_id)
    after: list = []
    with transaction.atomic():
        locked = StripePayment.objects.select_for_update().get(
            pk=payment_id
        )
        if not locked.payment_intent_id:
            if intent.metadata.get("payment_id") != str(locked.pk):
                raise PaymentRefused(_("That payment does not belong to your basket."))
            locked.payment_intent_id = intent.id
            locked.save(update_fields=["payment_intent_id", "updated"])
        outcome = _decision(locked, intent, after)
    for step in after:
        step()
    if outcome.refusal:
        raise PaymentRefused(outcome.refusal)
    return outcome


def _decision(payment: StripePayment, intent: gateway.Intent, after: list) -> PaymentOutcome:
    """Under the payment's row lock: follow the decision made, or make it from `intent`."""
    Status = StripePayment.Status
    if payment.order_id:
        if payment.status == Status.CAPTURE_PENDING:
            # The order stands whatever Stripe answers now; a refusal is retried and logged.
            payment.status = _capture(payment, intent) or Status.CAPTURE_PENDING
            payment.save(update_fields=["status", "updated"])
        return PaymentOutcome(payment=payment, order=payment.order)
    if payment.status in RELEASED:
        # Decided already: no order. Make sure the money is back, whatever the intent says.
        after.append(lambda: payment_release_finish(payment.pk))
        return PaymentOutcome(payment=payment, refusal=payment.failure_message
                              or _("Your payment was cancelled. Nothing was taken."))
    if intent.status in ("requires_action", "requires_confirmation"):
        if payment.status != Status.NEEDS_ACTION:
            payment.status = Status.NEEDS_ACTION
            payment.save(update_fields=["status", "updated"])
        return PaymentOutcome(payment=payment, client_secret=intent.client_secret)
    if intent.status == "processing":
        return PaymentOutcome(payment=payment, pending=True)
    if intent.status not in SETTLEABLE:  # requires_payment_method, canceled: nothing taken
        message = intent.error_message or _("Your card was declined. No payment was taken.")
        status = Status.CANCELLED if intent.status == "canceled" else Status.FAILED
        if payment.status != status:
            newly_failed = payment.status in UNDER_WAY
            payment.status = status
            payment.failure_message = message
            payment.save(update_fields=["status", "failure_message", "updated"])
            basket_thaw_if_payments_over(payment.basket_id)
            if newly_failed:
                after.append(lambda: email_payment_failed(payment))
        return PaymentOutcome(payment=payment, refusal=payment.failure_message or message)
    # Authorised (requires_capture) or taken (succeeded): this payment's order, or a release.
    mismatch = intent_mismatch(payment, intent)
    if not mismatch and StripePayment.objects.filter(
        basket_id=payment.basket_id, status__in=LIVE
    ).exclude(pk=payment.pk).exists():
        mismatch = "another payment is live for this basket"
    if mismatch:
        logger.error("Payment %s: intent %s refused: %s", payment.pk, intent.id, mismatch)
        return _release_in_lock(payment, after, reason=mismatch, message=_(
            "Your payment did not match your order and was cancelled. Nothing was taken."))
    savepoint = transaction.savepoint()
    try:
        basket = Basket.objects.get(pk=payment.basket_id)
        order = _order_create(payment, basket, intent)
        basket.submit()
    except DatabaseError as error:
        if isinstance(error, IntegrityError):
            transaction.savepoint_rollback(savepoint)
            return _release_in_lock(payment, after, reason=str(error), message=_(
                "We could not place your order. No payment was taken."))
        raise  # the database itself failed: nothing is decided; asked again later
    except Exception as error:
        transaction.savepoint_rollback(savepoint)
        if isinstance(error, UnableToPlaceOrder):
            message = str(error)
        elif isinstance(error, ValueError):  # Oscar: voucher used up, empty basket...
            message = _("%(reason)s. No payment was taken.") % {"reason": str(error).rstrip(".")}
        else:
            logger.exception("Payment %s: placing order %s failed", payment.pk,
                             payment.order_number)
            message = _("We could not place your order. No payment was taken.")
        return _release_in_lock(payment, after, reason=str(error), message=message)
    status = _capture(payment, intent)
    if status is None:
        # Stripe refused the capture and holds only an authorisation: no order after all.
        transaction.savepoint_rollback(savepoint)
        payment.order = None
        return _release_in_lock(payment, after, reason="capture refused", message=_(
            "Your bank did not let the payment go through, so no order was placed. Nothing "
            "was taken: the amount held on your card is released."))
    payment.order = order
    payment.status = status
    payment.save(update_fields=["order", "status", "updated"])
    transaction.savepoint_commit(savepoint)
    after.append(lambda: email_order_placed(order, payment))
    return PaymentOutcome(payment=payment, order=order)


def _capture(payment: StripePayment, intent: gateway.Intent) -> str | None:
    """Capture the order's money; the payment's status afterwards: placed, capture pending
    (Stripe's answer lost: reconciliation captures again, idempotently), or None when Stripe
    refused and still holds only an authorisation, which can be released."""
    Status = StripePayment.Status
    if intent.status == "succeeded":
        return Status.PLACED
    try:
        gateway.payment_intent_capture(intent.id)
        return Status.PLACED
    except gateway.GatewayError as error:
        # A lost answer or a refusal? Only Stripe's state says which.
        try:
            now = gateway.payment_intent_retrieve(intent.id)
        except gateway.GatewayError:
            now = None
        if now is not None and now.status == "succeeded":
            return Status.PLACED
        if now is not None and not error.unknown and now.status == "requires_capture":
            logger.error("Payment %s: Stripe refused to capture %s", payment.pk, intent.id)
            return None
        logger.error("Payment %s: capture of %s not confirmed (%s)", payment.pk, intent.id,
                     now.status if now else "Stripe unreachable")
        return Status.CAPTURE_PENDING


def _never_created(payment: StripePayment) -> PaymentOutcome:
    """Stripe has no intent for this attempt. Once its creation cannot still be under way, the
    attempt is over: nothing was taken, and the basket is the customer's again."""
    if timezone.now() - payment.created < intent_creation_window():
        return PaymentOutcome(payment=payment, pending=True)
    _nothing_taken(payment.pk, _("We could not reach our payment provider. No payment was "
                                 "taken and your basket is saved; please try again."),
                   status=StripePayment.Status.CANCELLED)
    payment.refresh_from_db()
    raise PaymentRefused(payment.failure_message)


def intent_creation_window() -> timedelta:
    """How long creating an intent can take at most (every try timing out), plus a margin."""
    from django.conf import settings

    tries = 1 + settings.STRIPE_MAX_NETWORK_RETRIES
    return timedelta(seconds=settings.STRIPE_TIMEOUT_SECONDS * tries + 10)


def _nothing_taken(payment_id: int, message: str, *, status: str, intent_id: str = "") -> None:
    """Stripe holds nothing for this attempt (declined, refused, or never reached)."""
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().get(pk=payment_id)
        if payment.order_id or payment.status not in UNDER_WAY:
            return
        payment.status = status
        payment.failure_message = message
        if intent_id and not payment.payment_intent_id:
            payment.payment_intent_id = intent_id
        payment.save()
        basket_thaw_if_payments_over(payment.basket_id)
    if status == StripePayment.Status.FAILED:
        email_payment_failed(payment)


def intent_mismatch(payment: StripePayment, intent: gateway.Intent) -> str:
    """Why this intent cannot pay for this attempt's order ('' when it can)."""
    if intent.id != payment.payment_intent_id:
        return "another intent"
    if intent.amount != payment.amount or intent.currency != payment.currency.upper():
        return f"amount {intent.amount} {intent.currency} != {payment.amount} {payment.currency}"
    if intent.metadata.get("order_number") != payment.order_number:
        return "order number differs"
    if intent.metadata.get("basket_id") != str(payment.basket_id):
        return "basket differs"
    return ""


def basket_thaw_if_payments_over(basket_id: int | None) -> bool:
    """A basket frozen for payments that are all over is the customer's again."""
    if basket_id is None or StripePayment.objects.filter(
        basket_id=basket_id, status__in=LIVE
    ).exists():
        return False
    return bool(Basket.objects.filter(pk=basket_id, status=Basket.FROZEN)
                .update(status=Basket.OPEN))


def _order_create(payment: StripePayment, basket, intent: gateway.Intent):
    basket = basket_prepared(basket, user=payment.user)
    for voucher in basket.vouchers.all():
        # A voucher used up meanwhile drops out of the prices: say so, not "basket changed".
        available, reason = voucher.is_available_to_user(user=payment.user or AnonymousUser())
        if not available:
            raise UnableToPlaceOrder(
                _("%(reason)s. No payment was taken.") % {"reason": str(reason).rstrip(".")}
            )
    shipping_address = None
    if payment.shipping_address:
        shipping_address = address_from_json(payment.shipping_address)
    shipping_method = Repository().get_method_by_code(
        basket, payment.shipping_method_code, shipping_addr=shipping_address
    )
    if shipping_method is None:
        raise UnableToPlaceOrder(_("That shipping method is no longer offered."))
    shipping_charge, total = order_totals(basket, shipping_method)
    fingerprint = basket_fingerprint(
        basket, shipping_method_code=shipping_method.code, total_incl_tax=total.incl_tax
    )
    if fingerprint != payment.basket_fingerprint or (
        gateway.amount_in_minor_units(total.incl_tax, total.currency) != intent.amount
    ):
        raise UnableToPlaceOrder(
            _(
                "Your basket changed while you were paying. No payment was taken; please "
                "check your basket and pay again."
            )
        )
    if shipping_address is not None:
        shipping_address.save()
    extra = {"guest_email": payment.guest_email} if payment.user is None else {}
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=shipping_method,
        shipping_charge=shipping_charge,
        user=payment.user or AnonymousUser(),
        shipping_address=shipping_address,
        order_number=payment.order_number,
        **extra,
    )
    source_type, _created = SourceType.objects.get_or_create(name=SOURCE_TYPE)
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency=total.currency,
        amount_allocated=total.incl_tax,
        amount_debited=total.incl_tax,
        reference=intent.id,
    )
    _payment_event_record(order, EVENT_PAID, total.incl_tax, intent.id,
                          {line: line.quantity for line in order.lines.all()})
    return order


def _payment_event_record(order, event_name, amount, reference, quantities):
    event_type, _created = PaymentEventType.objects.get_or_create(name=event_name)
    event = PaymentEvent.objects.create(
        order=order, event_type=event_type, amount=amount, reference=reference
    )
    for line, quantity in quantities.items():
        if quantity:
            PaymentEventQuantity.objects.create(event=event, line=line, quantity=quantity)
    return event


def payment_release(payment: StripePayment, *, reason: str, intent=None) -> None:
    """Decide to give the customer's money back (unless an order was placed), then do it."""
    if _release_decide(payment.pk, reason=reason) is not None:
        payment_release_finish(payment.pk)
    payment.refresh_from_db()


def _release_decide(payment_id: int, *, reason: str) -> int | None:
    """Record the decision "no order" under the row lock; None when an order was placed."""
    with transaction.atomic():
        payment = StripePayment.objects.select_for_update().get(pk=payment_id)
        if payment.order_id:
            return None
        if payment.status not in RELEASED:
            payment.status = StripePayment.Status.RELEASING
            payment.failure_message = payment.failure_message or _(
                "Your payment was cancelled. Nothing was taken.")
            payment.save(update_fields=["status", "failure_message", "updated"])
            logger.warning("Payment %s: released (%s)", payment.pk, reason)
        basket_thaw_if_payments_over(payment.basket_id)
    return payment_id


def _release_in_lock(payment: StripePayment, after: list, *, reason: str,
                     message: str) -> PaymentOutcome:
    logger.warning("Payment %s: released (%s)", payment.pk, reason)
    payment.status = StripePayment.Status.RELEASING
    payment.failure_message = message
    payment.save(update_fields=["order", "status", "failure_message", "updated"])
    basket_thaw_if_payments_over(payment.basket_id)
    after.append(lambda: payment_release_finish(payment.pk))
    return PaymentOutcome(payment=payment, refusal=message)


def payment_release_finish(payment_id: int) -> str:
    """Carry out a release decided earlier: cancel the authorisation or refund the capture.
    Safe to repeat (reconciliation repeats it until Stripe has done it)."""
    payment = StripePayment.objects.get(pk=payment_id)
    if payment.order_id or payment.status not in RELEASED or not payment.payment_intent_id:
        if payment.status == StripePayment.Status.RELEASING and not payment.payment_intent_id:
            StripePayment.objects.filter(pk=payment.pk, order__isnull=True).update(
                status=StripePayment.Status.CANCELLED)
        return payment.status
    try:
        status = _intent_release(gateway.payment_intent_retrieve(payment.payment_intent_id))
    except gateway.GatewayError:
        logger.error("Payment %s: could not release intent %s yet", payment.pk,
                     payment.payment_intent_id)
        return payment.status  # stays releasing: reconciliation tries again
    if payment.status == StripePayment.Status.RELEASING or (
        status == StripePayment.Status.REFUNDED
    ):
        StripePayment.objects.filter(pk=payment.pk, order__isnull=True).update(status=status)
    return status


def _intent_release(intent: gateway.Intent) -> str:
    """Give back what an intent holds; the payment's final status. Raises GatewayError."""
    if intent.status == "succeeded":
        gateway.refund_create(intent_id=intent.id, amount=intent.amount,
                              idempotency_key=f"release-{intent.id}")
        return StripePayment.Status.REFUNDED
    if intent.status != "canceled":
        gateway.payment_intent_cancel(intent.id)
    return StripePayment.Status.CANCELLED


# Refunds
# -------


def order_refund(
    *, order, quantities: dict | None = None, restock: bool = True, notify: bool = True
) -> PaymentEvent:
    """Refund the whole order (quantities=None) or some of its lines through Stripe.

    `quantities` maps order lines to how many of each are refunded. Shipping is refunded only
    with the whole order. `notify=False` when the caller tells the customer itself (a piece
    cancelled by its cooperative: one email saying why and how much comes back).
    """
    with transaction.atomic():
        # Two members of staff refunding at once would both see the same "left to refund".
        order = Order.objects.select_for_update().get(pk=order.pk)
        event, amount, payment = _order_refund_locked(order, quantities, restock)
    if notify:
        email_order_refunded(order, payment, amount)
    return event


def _order_refund_locked(order, quantities, restock):
    payment = StripePayment.objects.filter(order=order).first()
    if payment is None:
        raise PaymentRefused(_("This order was not paid through Stripe."))
    already = refunded_quantities(order)
    if quantities is None:
        quantities = {line: line.quantity - already.get(line.pk, 0) for line in order.lines.all()}
        amount = order.total_incl_tax - refunded_amount(order)
    else:
        amount = Decimal("0.00")
        for line, quantity in quantities.items():
            if quantity < 0 or quantity > line.quantity - already.get(line.pk, 0):
                raise PaymentRefused(_("You cannot refund more than was bought."))
            amount += line.unit_price_incl_tax * quantity
    if amount <= 0:
        raise PaymentRefused(_("Nothing is left to refund on this order."))
    if amount > order.total_incl_tax - refunded_amount(order):
        raise PaymentRefused(_("That is more than is left to refund on this order."))
    minor = gateway.amount_in_minor_units(amount, order.currency)
    done = sum(already.values())
    refund_id = gateway.refund_create(
        intent_id=payment.payment_intent_id,
        amount=minor,
        idempotency_key=f"refund-{order.number}-{done}-{minor}",
    )
    event = _payment_event_record(order, EVENT_REFUNDED, amount, refund_id, quantities)
    source = order.sources.filter(reference=payment.payment_intent_id).first()
    if source is not None:
        source.refund(amount, reference=refund_id)
    if restock:
        for line, quantity in quantities.items():
            _line_restock(line, quantity)
    if refunded_amount(order) >= order.total_incl_tax:
        StripePayment.objects.filter(pk=payment.pk).update(status=StripePayment.Status.REFUNDED)
    return event, amount, payment


def refunded_quantities(order) -> dict[int, int]:
    refunded: dict[int, int] = {}
    for quantity in PaymentEventQuantity.objects.filter(
        event__order=order, event__event_type__name=EVENT_REFUNDED
    ):
        refunded[quantity.line_id] = refunded.get(quantity.line_id, 0) + quantity.quantity
    return refunded


def refunded_amount(order) -> Decimal:
    return sum(
        (event.amount for event in order.payment_events.filter(event_type__name=EVENT_REFUNDED)),
        Decimal("0.00"),
    )


def _line_restock(line, quantity: int) -> None:
    """Goods that come back are for sale again: release what is still allocated, or put
    shipped goods back in stock."""
    record = line.stockrecord
    if record is None or quantity <= 0:
        return
    record = type(record).objects.select_for_update().get(pk=record.pk)
    still_allocated = min(quantity, line.num_allocated or 0)
    if still_allocated:
        record.cancel_allocation(still_allocated)
        line.num_allocated = (line.num_allocated or 0) - still_allocated
        line.save(update_fields=["num_allocated"])
    if quantity - still_allocated:
        record.num_in_stock = (record.num_in_stock or 0) + quantity - still_allocated
        record.save(update_fields=["num_in_stock"])


# Webhooks and reconciliation
# ---------------------------


PAYMENT_INTENT_EVENTS = {
    "payment_intent.succeeded",
    "payment_intent.amount_capturable_updated",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.requires_action",
    "payment_intent.processing",
}


class WebhookUnhandled(Exception):
    """Stripe could not be asked about the event's intent: answer an error so Stripe retries."""


def webhook_event_parse(event) -> tuple[str, str, dict, str]:
    """The event's id, type, object and intent id; ValueError when a signed event is malformed
    (the view answers 400: Stripe, or whoever signed it, sent something we cannot use)."""
    if not isinstance(event, dict):
        raise ValueError("not an object")
    event_id, event_type = event.get("id"), event.get("type")
    data = (event.get("data") or {}).get("object") if isinstance(event.get("data"), dict) else None
    if not isinstance(event_id, str) or not 0 < len(event_id) <= 255:
        raise ValueError("missing or over-long event id")
    if not isinstance(event_type, str) or not 0 < len(event_type) <= 100:
        raise ValueError("missing or over-long event type")
    if not isinstance(data, dict):
        raise ValueError("no data.object")
    if data.get("object") == "payment_intent":
        intent_id = data.get("id")
    else:  # charges and disputes name their intent
        intent_id = data.get("payment_intent") or ""
    if not isinstance(intent_id, str) or len(intent_id) > 255:
        raise ValueError("over-long or malformed intent id")
    return event_id, event_type, data, intent_id


def webhook_event_handle(event) -> str:
    """Handle one verified Stripe event, once; any order of arrival gives the same result."""
    event_id, event_type, data, intent_id = webhook_event_parse(event)
    if event_type in PAYMENT_INTENT_EVENTS:
        return _webhook_payment_intent(event_id, event_type, intent_id)
    # Recorded and handled together: if handling breaks, Stripe's retry finds no record and
    # tries again; a duplicate delivery waits for the first and is then turned away.
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = StripeWebhookEvent.objects.create(
                    event_id=event_id, event_type=event_type, payment_intent_id=intent_id
                )
        except IntegrityError:
            return "duplicate"
        payment = None
        if intent_id:
            payment = StripePayment.objects.filter(payment_intent_id=intent_id).first()
        if payment is None:
            outcome = "unknown payment"
        else:
            outcome = _webhook_dispatch(event_type, payment, data)
        record.outcome = outcome[:255]
        record.save(update_fields=["outcome"])
    return outcome


def _webhook_payment_intent(event_id: str, event_type: str, intent_id: str) -> str:
    """Whatever the event says, the decision is made from Stripe's state of the intent, asked
    again (events come late, out of order, and a `payment_failed` may be wrong)."""
    record, created = StripeWebhookEvent.objects.get_or_create(
        event_id=event_id, defaults={"event_type": event_type, "payment_intent_id": intent_id}
    )
    if not created and record.outcome:
        return "duplicate"
    payment = StripePayment.objects.filter(payment_intent_id=intent_id).first()
    if payment is None:
        payment = _payment_of_unrecorded_intent(intent_id)
    if payment is None:
        outcome = "unknown payment"
    elif event_type == "payment_intent.payment_failed" and payment.order_id:
        outcome = "ignored: order placed"
    else:
        try:
            decided = payment_decide(payment.pk)
        except PaymentRefused as refusal:
            outcome = f"refused: {refusal}"
        except gateway.GatewayError as error:
            raise WebhookUnhandled(str(error)) from error
        else:
            if decided.order:
                outcome = f"order {decided.order.number}"
            else:
                outcome = "waiting"
    StripeWebhookEvent.objects.filter(pk=record.pk).update(outcome=outcome[:255])
    return outcome


def _payment_of_unrecorded_intent(intent_id: str) -> StripePayment | None:
    """An intent whose creation's answer never reached us names our payment in its metadata."""
    if not intent_id:
        return None
    try:
        intent = gateway.payment_intent_retrieve(intent_id)
    except gateway.GatewayError:
        return None
    payment_id = intent.metadata.get("payment_id", "")
    if not payment_id.isdigit():
        return None
    return StripePayment.objects.filter(pk=int(payment_id), payment_intent_id=None).first()


def _webhook_dispatch(event_type: str, payment: StripePayment, data) -> str:
    """Charges and disputes: recorded on the order (payment intents go to the decision)."""
    if event_type == "charge.refunded":
        return _webhook_charge_refunded(payment, data)
    if event_type == "charge.dispute.created":
        if payment.order_id:
            order = payment.order
            order.notes.create(
                note_type="System",
                message=f"Stripe dispute {data.get('id')}: {data.get('reason', '')}",
            )
            _payment_event_record(
                order, EVENT_DISPUTED,
                Decimal(data.get("amount", 0)) / 100, data.get("id", ""), {},
            )
            return "dispute noted"
        return "dispute without order"
    return "ignored"


def _webhook_charge_refunded(payment: StripePayment, charge) -> str:
    """A refund made in Stripe's dashboard shows up on the order too (ours are recorded when
    made, and recognised here by their refund ids)."""
    if not payment.order_id:
        return "no order"
    order = payment.order
    known = set(order.payment_events.filter(event_type__name=EVENT_REFUNDED)
                .values_list("reference", flat=True))
    total_refunded = Decimal(charge.get("amount_refunded", 0)) / 100
    recorded = refunded_amount(order)
    if total_refunded <= recorded:
        return "already recorded"
    refunds = (charge.get("refunds") or {}).get("data") or []
    reference = next((r["id"] for r in refunds if r.get("id") not in known), charge.get("id"))
    _payment_event_record(order, EVENT_REFUNDED, total_refunded - recorded, reference, {})
    if total_refunded >= order.total_incl_tax:
        StripePayment.objects.filter(pk=payment.pk).update(status=StripePayment.Status.REFUNDED)
    return "refund recorded"


def payments_reconcile(*, older_than: timedelta = timedelta(seconds=60),
                       abandon_after: timedelta = timedelta(days=1)) -> list[str]:
    """Settle every payment that the browser and the webhooks left unsettled; run by the worker
    every minute (checkout.tasks.reconcile_payments) and safe to run twice at once.

    - our attempts under way, with an order awaiting its capture, or being released:
      decided (or their decision carried out) from Stripe's state of the intent;
    - an attempt whose intent's creation was never confirmed: its intent found and decided,
      or the attempt closed once Stripe cannot still be making it;
    - an attempt still waiting for 3-D Secure after `abandon_after`: cancelled;
    - any recent intent at Stripe holding money without an order of ours (a wrong
      `payment_failed`, an attempt already closed, or no record at all): decided or released.

    Only what is older than `older_than` is touched, so payments in progress are left alone.
    """
    Status = StripePayment.Status
    report: list[str] = []
    now = timezone.now()
    cutoff = now - older_than
    unsettled = StripePayment.objects.filter(
        status__in=[*UNDER_WAY, Status.CAPTURE_PENDING, Status.RELEASING], updated__lte=cutoff
    ).order_by("pk")
    seen: set[str] = set()
    for payment in unsettled:
        if payment.status == Status.RELEASING:
            report.append(f"{payment.payment_intent_id or payment.pk}: "
                          f"{payment_release_finish(payment.pk)}")
            seen.add(payment.payment_intent_id or "")
            continue
        if payment.status == Status.NEEDS_ACTION and payment.updated > now - abandon_after:
            continue
        report.append(_reconcile_one(payment, abandoned=payment.status == Status.NEEDS_ACTION))
        seen.add(payment.payment_intent_id or "")
    try:
        intents = gateway.payment_intents_list()
    except gateway.GatewayError as error:
        report.append(f"Stripe not reached ({error})")
        return report
    by_intent = {p.payment_intent_id: p for p in StripePayment.objects.filter(
        payment_intent_id__in=[i.id for i in intents])}
    for intent in intents:
        if (intent.id in seen or "basket_id" not in intent.metadata
                or intent.status not in SETTLEABLE or intent.created > cutoff):
            continue
        payment = by_intent.get(intent.id)
        if payment is None:
            payment_id = intent.metadata.get("payment_id", "")
            payment = StripePayment.objects.filter(
                pk=int(payment_id) if payment_id.isdigit() else 0, payment_intent_id=None
            ).first()
        if payment is not None:
            if (payment.order_id and intent.status == "succeeded"
                    and payment.status != Status.CAPTURE_PENDING):
                continue  # an order with its money: nothing to settle
            report.append(_reconcile_one(payment, intent=intent))
            continue
        try:
            _intent_release(intent)
        except gateway.GatewayError as error:
            report.append(f"{intent.id}: not released yet ({error})")
            continue
        logger.warning("Intent %s released: no record of this payment", intent.id)
        report.append(f"{intent.id}: released (no record of this payment)")
    return report


def _reconcile_one(payment: StripePayment, *, intent: gateway.Intent | None = None,
                   abandoned: bool = False) -> str:
    label = payment.payment_intent_id or (intent.id if intent else f"payment {payment.pk}")
    if abandoned:
        payment_release(payment, reason="abandoned at 3-D Secure")
        return f"{label}: cancelled (abandoned at 3-D Secure)"
    try:
        outcome = payment_decide(payment.pk, intent=intent)
    except PaymentRefused as refusal:
        return f"{label}: released ({refusal})"
    except gateway.GatewayError as error:
        return f"{label}: not reached ({error})"
    except DatabaseError:
        logger.exception("Payment %s: reconciliation failed", payment.pk)
        return f"{label}: database error"
    if outcome.order:
        return f"{label}: order {outcome.order.number}"
    return f"{label}: waiting"


# Emails
# ------


def _email_send(code: str, *, context: dict, order=None, email: str = "", user=None) -> None:
    # A mail server that is down must not turn a placed, paid order into an error page.
    try:
        _email_dispatch(code, context=context, order=order, email=email, user=user)
    except Exception:
        logger.exception("Could not send the %s email", code)


def _email_dispatch(code: str, *, context: dict, order=None, email: str = "", user=None):
    dispatcher = Dispatcher(logger=logger)
    messages = dispatcher.get_messages(code, context)
    if order is not None:
        OrderDispatcher(logger=logger).dispatch_order_messages(order, messages, code)
    elif user is not None:
        dispatcher.dispatch_user_messages(user, messages)
    elif email:
        dispatcher.dispatch_anonymous_messages(email, messages)


def email_order_placed(order, payment: StripePayment) -> None:
    # In the language the customer shopped in, whoever (browser or webhook) placed the order.
    with translation.override(payment.language or "en"):
        context = {"order": order, "lines": order.lines.all(), "status_path": _status_path(order)}
        _email_send("ORDER_PLACED", order=order, context=context)


def email_payment_failed(payment: StripePayment) -> None:
    with translation.override(payment.language or "en"):
        context = {"payment": payment, "amount": Decimal(payment.amount) / 100,
                   "currency": payment.currency}
        _email_send("PAYMENT_FAILED", user=payment.user, email=payment.guest_email,
                    context=context)


def email_order_refunded(order, payment: StripePayment, amount: Decimal) -> None:
    with translation.override(payment.language or "en"):
        context = {"order": order, "amount": amount, "status_path": _status_path(order)}
        _email_send("ORDER_REFUNDED", order=order, context=context)


def _status_path(order) -> str:
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )
