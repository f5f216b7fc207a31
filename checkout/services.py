"""Paying for a basket and placing its order: one intent, one order, or neither.

The same functions serve the customer's browser (checkout/views.py), Stripe's webhooks and the
`reconcile_payments` command, so an order is placed the same way whoever arrives first. The
payment is authorised (manual capture), the order is placed with its stock locked, and only
then is the money captured, inside the same transaction: if the order cannot be placed, the
authorisation is cancelled and no money moves.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
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
]
# Attempts not settled yet either way.
UNDER_WAY = [
    StripePayment.Status.STARTED,
    StripePayment.Status.NEEDS_ACTION,
    StripePayment.Status.AUTHORISED,
]
SETTLEABLE = {"requires_capture", "succeeded"}


class PaymentRefused(Exception):
    """The payment cannot go ahead; `str()` tells the customer why and that nothing was taken."""


@dataclass
class PaymentOutcome:
    payment: StripePayment
    order: Order | None = None
    client_secret: str = ""  # set when the customer must authenticate (3-D Secure)

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


# Starting and finishing a payment
# --------------------------------


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

    A second call for the same basket in the same state (double click, refresh, retry) finds
    the first attempt and never creates a second intent.
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

    try:
        with transaction.atomic():
            # One caller at a time per basket; the partial unique constraint backs this up
            # where the database has no row locks (SQLite).
            Basket.objects.select_for_update().filter(pk=basket.pk).first()
            live = StripePayment.objects.filter(basket=basket, status__in=LIVE).first()
            if live is not None and live.basket_fingerprint != fingerprint:
                if live.status == StripePayment.Status.PLACED:
                    raise PaymentRefused(_("This basket has already been ordered."))
                payment_release(live, reason="the basket changed")
                live = None
            if live is None:
                payment = StripePayment.objects.create(**fields)
                intent = gateway.payment_intent_create(
                    amount=payment.amount,
                    currency=payment.currency,
                    payment_method=payment_method_id,
                    customer_id=customer_id,
                    metadata={
                        "order_number": order_number,
                        "basket_id": str(basket.pk),
                        "payment_id": str(payment.pk),
                    },
                    # The basket, its state and this attempt: a retried request is one intent.
                    idempotency_key=f"ortak-{basket.pk}-{fingerprint[:32]}-{payment.pk}",
                )
                payment.payment_intent_id = intent.id
                payment.save(update_fields=["payment_intent_id", "updated"])
    except IntegrityError:
        live = StripePayment.objects.filter(basket=basket, status__in=LIVE).first()
        if live is None or live.basket_fingerprint != fingerprint:
            raise PaymentRefused(_("Please try again: your payment is being processed.")) from None
    except gateway.GatewayError as error:
        if error.declined:
            # The intent exists but failed; keep a record of the attempt for the audit trail.
            failed = StripePayment.objects.create(
                **fields,
                status=StripePayment.Status.FAILED,
                failure_message=str(error),
                payment_intent_id=error.intent_id or None,
            )
            email_payment_failed(failed)
        raise PaymentRefused(str(error)) from error
    if live is not None:
        # The same basket, already being paid for (a second click): settled outside the
        # basket lock, as placing the order takes other locks (PostgreSQL would deadlock).
        return payment_outcome_current(live)
    return payment_settle(payment, intent)


def payment_outcome_current(payment: StripePayment) -> PaymentOutcome:
    """Where an existing attempt stands, asking Stripe for news if it is not settled."""
    if payment.order_id:
        return PaymentOutcome(payment=payment, order=payment.order)
    try:
        intent = gateway.payment_intent_retrieve(payment.payment_intent_id)
    except gateway.GatewayError as error:
        raise PaymentRefused(str(error)) from error
    return payment_settle(payment, intent)


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
    """Decide from Stripe's own view of the intent: place the order, wait, or give up."""
    if payment.order_id:
        return PaymentOutcome(payment=payment, order=payment.order)
    if intent.status == "requires_action":
        if payment.status != StripePayment.Status.NEEDS_ACTION:
            payment.status = StripePayment.Status.NEEDS_ACTION
            payment.save(update_fields=["status", "updated"])
        return PaymentOutcome(payment=payment, client_secret=intent.client_secret)
    if intent.status not in SETTLEABLE:
        message = intent.error_message or _("Your card was declined.")
        payment_mark_failed(payment, message)
        if intent.status not in {"canceled", "requires_payment_method"}:
            payment_release(payment, reason="unusable intent", intent=intent)
        raise PaymentRefused(message)
    mismatch = intent_mismatch(payment, intent)
    if mismatch:
        logger.error("Payment %s: intent %s refused: %s", payment.pk, intent.id, mismatch)
        payment_release(payment, reason=mismatch, intent=intent)
        raise PaymentRefused(
            _("Your payment did not match your order and was cancelled. Nothing was taken.")
        )
    return PaymentOutcome(payment=payment, order=order_place_for_payment(payment, intent))


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


def order_place_for_payment(payment: StripePayment, intent: gateway.Intent):
    """Place the order for an authorised payment and capture it, or release the payment."""
    try:
        with transaction.atomic():
            locked = StripePayment.objects.select_for_update().get(pk=payment.pk)
            if locked.order_id:
                return locked.order
            basket = Basket.objects.get(pk=payment.basket_id)
            order = _order_create(locked, basket, intent)
            if intent.status == "requires_capture":
                # Captured inside the transaction: if Stripe refuses, the order is rolled back.
                gateway.payment_intent_capture(intent.id)
            locked.order = order
            locked.status = StripePayment.Status.PLACED
            locked.save(update_fields=["order", "status", "updated"])
    except Exception as error:
        payment.refresh_from_db()
        if payment.order_id:  # placed meanwhile by the browser or a webhook
            return payment.order
        if isinstance(error, UnableToPlaceOrder | gateway.GatewayError):
            message = str(error)
        elif isinstance(error, ValueError):  # Oscar: voucher used up, empty basket...
            message = _("%(reason)s. No payment was taken.") % {
                "reason": str(error).rstrip(".")
            }
        else:
            logger.exception("Payment %s: placing order %s failed", payment.pk,
                             payment.order_number)
            message = _("We could not place your order. No payment was taken.")
        payment_release(payment, reason=str(error))
        raise PaymentRefused(message) from error
    payment.refresh_from_db()
    basket.submit()
    email_order_placed(order, payment)
    return order


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


def payment_mark_failed(payment: StripePayment, message: str) -> None:
    """An attempt under way failed: say so once (a second look at it sends no second email)."""
    if payment.status not in UNDER_WAY:
        return
    payment.status = StripePayment.Status.FAILED
    payment.failure_message = message
    payment.save(update_fields=["status", "failure_message", "updated"])
    email_payment_failed(payment)


def payment_release(payment: StripePayment, *, reason: str, intent=None) -> None:
    """Give the customer's money back: cancel an authorisation, refund a capture."""
    if payment.order_id or not payment.payment_intent_id:
        return
    try:
        intent = intent or gateway.payment_intent_retrieve(payment.payment_intent_id)
        if intent.status == "succeeded":
            gateway.refund_create(
                intent_id=intent.id,
                amount=intent.amount,
                idempotency_key=f"release-{intent.id}",
            )
            status = StripePayment.Status.REFUNDED
        elif intent.status == "canceled":
            status = StripePayment.Status.CANCELLED
        else:
            gateway.payment_intent_cancel(intent.id)
            status = StripePayment.Status.CANCELLED
    except gateway.GatewayError:
        # Stays live: `reconcile_payments` finds it and tries again.
        logger.error("Payment %s: could not release intent %s (%s)", payment.pk,
                     payment.payment_intent_id, reason)
        return
    logger.warning("Payment %s: released intent %s: %s", payment.pk, intent.id, reason)
    StripePayment.objects.filter(pk=payment.pk, order__isnull=True).update(status=status)
    payment.status = status


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


def webhook_event_handle(event) -> str:
    """Handle one verified Stripe event, once; any order of arrival gives the same result."""
    data = event["data"]["object"]
    if data.get("object") == "payment_intent":
        intent_id = data.get("id") or ""
    else:  # charges and disputes name their intent
        intent_id = data.get("payment_intent") or ""
    # Recorded and handled together: if handling breaks, Stripe's retry finds no record and
    # tries again; a duplicate delivery waits for the first and is then turned away.
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = StripeWebhookEvent.objects.create(
                    event_id=event["id"], event_type=event["type"], payment_intent_id=intent_id
                )
        except IntegrityError:
            return "duplicate"
        payment = None
        if intent_id:
            payment = StripePayment.objects.filter(payment_intent_id=intent_id).first()
        if payment is None:
            outcome = "unknown payment"
        else:
            outcome = _webhook_dispatch(event["type"], payment, data)
        record.outcome = outcome[:255]
        record.save(update_fields=["outcome"])
    return outcome


def _webhook_dispatch(event_type: str, payment: StripePayment, data) -> str:
    if event_type in ("payment_intent.succeeded", "payment_intent.amount_capturable_updated"):
        # Ask Stripe rather than trust the event's snapshot: events may come out of order.
        try:
            intent = gateway.payment_intent_retrieve(payment.payment_intent_id)
            outcome = payment_settle(payment, intent)
        except (PaymentRefused, gateway.GatewayError) as error:
            return f"refused: {error}"
        return f"order {outcome.order.number}" if outcome.order else "waiting"
    if event_type == "payment_intent.payment_failed":
        if payment.order_id:
            return "ignored: order placed"
        error = data.get("last_payment_error") or {}
        payment_mark_failed(payment, error.get("message") or _("Your card was declined."))
        return "failed"
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


def payments_reconcile(*, older_than: timedelta = timedelta(minutes=10)) -> list[str]:
    """Settle money that has no order, for payments whose browser and webhooks were lost.

    - an attempt of ours whose intent is authorised or paid: place the order, or give the
      money back when it can no longer be placed;
    - an attempt still waiting for 3-D Secure after a day: cancel it;
    - an intent of ours at Stripe that we have no record of (the server stopped between
      creating it and writing it down): give the money back.

    Only what is older than `older_than` is touched, so payments in progress are left alone.
    """
    report = []
    cutoff = timezone.now() - older_than
    waiting = StripePayment.objects.filter(
        order__isnull=True,
        payment_intent_id__isnull=False,
        status__in=UNDER_WAY,
        updated__lte=cutoff,
    )
    for payment in waiting:
        try:
            intent = gateway.payment_intent_retrieve(payment.payment_intent_id)
        except gateway.GatewayError as error:
            report.append(f"{payment.payment_intent_id}: not reached ({error})")
            continue
        if intent.status == "requires_action" and payment.updated > timezone.now() - timedelta(
            days=1
        ):
            continue
        try:
            outcome = payment_settle(payment, intent)
        except PaymentRefused as error:
            report.append(f"{intent.id}: released ({error})")
        else:
            if outcome.order:
                report.append(f"{intent.id}: order {outcome.order.number}")
            else:
                payment_release(payment, reason="abandoned at 3-D Secure")
                report.append(f"{intent.id}: cancelled (abandoned at 3-D Secure)")
    known = set(StripePayment.objects.exclude(payment_intent_id=None)
                .values_list("payment_intent_id", flat=True))
    for intent in gateway.payment_intents_list():
        if (intent.id in known or "basket_id" not in intent.metadata
                or intent.status not in SETTLEABLE or intent.created > cutoff):
            continue
        orphan = StripePayment(payment_intent_id=intent.id)
        payment_release(orphan, reason="no record of this intent", intent=intent)
        report.append(f"{intent.id}: released (no record of this payment)")
    return report


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
