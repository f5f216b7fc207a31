"""Fulfilment: how each order line moves from paid to the customer's door, in one place.

Each cooperative packs and ships its own lines, so the pipeline is per line and the order's
status is derived from its lines (never set by hand). Every change locks the rows it touches,
runs in one transaction, is logged as a `LineEvent` (who, when, from what to what) and
refreshes `Order.status`. Oscar's dashboard goes through these same functions
(`Line.set_status` and the small view fork in dashboard/orders/views.py).

This module is imported by the settings (for Oscar's status pipelines), so models are looked
up inside the functions, never at import time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from order.models import Line, Order, ShippingEvent

logger = logging.getLogger("order.fulfilment")


class LineStatus:
    """A line's status: stored as these English words (Oscar's pipelines are keyed by them)."""

    PAID = "Paid"
    PACKING = "Packing"
    SHIPPED = "Shipped"
    DELIVERED = "Delivered"
    CANCELLED = "Cancelled"
    RETURNED = "Returned"

    LABELS = {
        PAID: _("Paid"),
        PACKING: _("Packing"),
        SHIPPED: _("Shipped"),
        DELIVERED: _("Delivered"),
        CANCELLED: _("Cancelled"),
        RETURNED: _("Returned"),
    }


class OrderStatus:
    """An order's status, derived from its lines by `order_status`."""

    PAID = LineStatus.PAID
    PACKING = LineStatus.PACKING
    PARTLY_SHIPPED = "Partly shipped"
    SHIPPED = LineStatus.SHIPPED
    DELIVERED = LineStatus.DELIVERED
    PARTLY_CANCELLED = "Partly cancelled"
    CANCELLED = LineStatus.CANCELLED
    RETURNED = LineStatus.RETURNED

    LABELS = {
        **LineStatus.LABELS,
        PARTLY_SHIPPED: _("Partly shipped"),
        PARTLY_CANCELLED: _("Partly cancelled"),
    }


# Where each line status may go next. Shipped needs a shipment (carrier and tracking number,
# `shipment_create`) and Cancelled needs a reason and a refund (`line_cancel`); the others are
# plain status changes (`line_status_set`). Packing → Paid undoes a mistaken "packing".
ALLOWED: dict[str, set[str]] = {
    LineStatus.PAID: {LineStatus.PACKING, LineStatus.SHIPPED, LineStatus.CANCELLED},
    LineStatus.PACKING: {LineStatus.SHIPPED, LineStatus.CANCELLED, LineStatus.PAID},
    LineStatus.SHIPPED: {LineStatus.DELIVERED, LineStatus.RETURNED},
    LineStatus.DELIVERED: {LineStatus.RETURNED},
    LineStatus.CANCELLED: set(),
    LineStatus.RETURNED: set(),
}
SHIPPABLE = {LineStatus.PAID, LineStatus.PACKING}

# Oscar's settings, generated from the rules above (shop/settings/base.py imports these).
LINE_STATUS_PIPELINE = {status: tuple(sorted(after)) for status, after in ALLOWED.items()}
# The order's status follows its lines: Oscar's "change order status" offers nothing, while
# its order list can still filter by every status.
ORDER_STATUS_PIPELINE: dict[str, tuple] = dict.fromkeys(OrderStatus.LABELS, ())
INITIAL_LINE_STATUS = LineStatus.PAID
INITIAL_ORDER_STATUS = OrderStatus.PAID

SHIPPING_EVENT_SHIPPED = "Shipped"
SHIPPING_EVENT_DELIVERED = "Delivered"
SHIPPING_EVENT_RETURNED = "Returned"
# Line statuses that are recorded as Oscar shipping events too.
SHIPPING_EVENT_FOR_STATUS = {
    LineStatus.DELIVERED: SHIPPING_EVENT_DELIVERED,
    LineStatus.RETURNED: SHIPPING_EVENT_RETURNED,
}


@dataclass(frozen=True)
class Carrier:
    name: str
    tracking_url: str = ""  # with {number}; empty when the carrier has no tracking page


CARRIERS: dict[str, Carrier] = {
    "ptt": Carrier("PTT Kargo", "https://gonderitakip.ptt.gov.tr/Track/Verify?q={number}"),
    "yurtici": Carrier(
        "Yurtiçi Kargo",
        "https://www.yurticikargo.com/tr/online-servisler/gonderi-sorgula?code={number}",
    ),
    "aras": Carrier("Aras Kargo", "https://kargotakip.araskargo.com.tr/mainpage.aspx?code={number}"),
    "dhl": Carrier("DHL", "https://www.dhl.com/global-en/home/tracking.html?tracking-id={number}"),
    "ups": Carrier("UPS", "https://www.ups.com/track?tracknum={number}"),
    "indiapost": Carrier(
        "India Post",
        "https://www.indiapost.gov.in/_layouts/15/dop.portal.tracking/trackconsignment.aspx"
        "?consignmentnumber={number}",
    ),
    "other": Carrier(_("Other carrier")),
}
# Letters, digits and dashes, 4 to 40 of them: every carrier above fits, markup never does.
TRACKING_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{3,39}$")
REASON_MAX_LENGTH = 500


class FulfilmentError(ValidationError):
    """This step is not allowed; the message says why, in the reader's language."""


# Reading
# -------


def status_label(status: str) -> str:
    """The translated name of a line or order status ('' stays '')."""
    label = OrderStatus.LABELS.get(status or "")
    return str(label) if label is not None else (status or "")


def carrier_name(code: str) -> str:
    carrier = CARRIERS.get(code or "")
    return str(carrier.name) if carrier else (code or "")


def tracking_url(*, carrier: str, tracking_number: str) -> str:
    """The carrier's page for this parcel, or '' when there is none."""
    known = CARRIERS.get(carrier or "")
    if known is None or not known.tracking_url or not tracking_number:
        return ""
    return known.tracking_url.format(number=quote(tracking_number, safe=""))


def order_status(order: Order) -> str:
    """The order's status from its lines' (an `OrderStatus` constant; `status_label` names it).

    Lines still to be sent decide between Paid and Packing; once any is sent, shipping
    progress is what the customer needs to know; cancelled and returned lines count only when
    nothing else is left.
    """
    statuses = order.lines.values_list("status", flat=True)
    return order_status_from([status or LineStatus.PAID for status in statuses])


def order_status_from(statuses: list[str]) -> str:
    active = [s for s in statuses if s not in (LineStatus.CANCELLED, LineStatus.RETURNED)]
    if not statuses:
        return OrderStatus.PAID
    if not active:
        if all(s == LineStatus.CANCELLED for s in statuses):
            return OrderStatus.CANCELLED
        return OrderStatus.RETURNED
    sent = [s for s in active if s in (LineStatus.SHIPPED, LineStatus.DELIVERED)]
    if not sent:
        if LineStatus.CANCELLED in statuses:
            return OrderStatus.PARTLY_CANCELLED
        if LineStatus.PACKING in active:
            return OrderStatus.PACKING
        return OrderStatus.PAID
    if len(sent) < len(active):
        return OrderStatus.PARTLY_SHIPPED
    if all(s == LineStatus.DELIVERED for s in active):
        return OrderStatus.DELIVERED
    return OrderStatus.SHIPPED


# Writing
# -------


def line_status_set(
    *, line: Line, status: str, actor: AbstractBaseUser | None, note: str = ""
) -> Line:
    """Move one line to Packing, back to Paid, to Delivered or to Returned.

    Shipped and Cancelled have their own functions (`shipment_create`, `line_cancel`): they
    need a tracking number or a reason, and move stock and money.
    """
    if status not in ALLOWED:
        raise FulfilmentError(_("“%(status)s” is not a line status.") % {"status": status})
    if status == LineStatus.SHIPPED:
        raise FulfilmentError(
            _("A piece is shipped by recording its parcel, with the carrier and tracking number.")
        )
    if status == LineStatus.CANCELLED:
        raise FulfilmentError(_("A piece is cancelled with a reason, which refunds the customer."))
    with transaction.atomic():
        order, (locked,) = _locked(line.order_id, [line.pk])
        _transition_check(locked, status)
        old_status = locked.status
        locked.status = status
        locked.save(update_fields=["status"])
        shipping_event = None
        if status in SHIPPING_EVENT_FOR_STATUS:
            shipping_event = _shipping_event_record(
                order, [locked], event_name=SHIPPING_EVENT_FOR_STATUS[status], notes=note
            )
        _event_record(locked, kind="status", old_status=old_status, new_status=status,
                      actor=actor, note=note, shipping_event=shipping_event)
        _order_status_refresh(order)
    _line_status_signal(locked, old_status, status)
    line.status = locked.status
    return locked


def shipment_create(
    *,
    order: Order,
    lines: Iterable[Line],
    carrier: str,
    tracking_number: str,
    actor: AbstractBaseUser | None,
) -> ShippingEvent:
    """One cooperative sends some or all of its paid lines of this order in one parcel.

    Stock allocated at checkout is consumed, and the customer gets one "shipped" email for
    the parcel, after the transaction commits.
    """
    tracking_number = (tracking_number or "").strip().replace(" ", "")
    if carrier not in CARRIERS:
        raise FulfilmentError(_("Choose the carrier from the list (or “other”)."))
    if not TRACKING_NUMBER.match(tracking_number):
        raise FulfilmentError(
            _("A tracking number is 4 to 40 letters, digits or dashes, as the carrier gave it.")
        )
    line_ids = sorted({line.pk for line in lines})
    if not line_ids:
        raise FulfilmentError(_("Choose the pieces that are in this parcel."))
    with transaction.atomic():
        order, locked = _locked(order.pk, line_ids)
        if len(locked) != len(line_ids):
            raise FulfilmentError(_("Some of these pieces are not part of this order."))
        if len({line.partner_id for line in locked}) != 1:
            raise FulfilmentError(
                _("One parcel holds the pieces of one cooperative: ship each cooperative’s "
                  "pieces separately.")
            )
        for line in locked:
            if (line.status or LineStatus.PAID) not in SHIPPABLE:
                raise FulfilmentError(
                    _("“%(title)s” cannot be shipped: it is %(status)s.")
                    % {"title": line.title, "status": status_label(line.status)}
                )
        event = _shipping_event_record(
            order, locked, event_name=SHIPPING_EVENT_SHIPPED,
            notes=f"{carrier_name(carrier)} {tracking_number}",
            carrier=carrier, tracking_number=tracking_number,
        )
        old_statuses = {line.pk: line.status for line in locked}
        for line in locked:
            _allocation_consume(line)
            old_status = line.status
            line.status = LineStatus.SHIPPED
            line.save(update_fields=["status"])
            _event_record(line, kind="shipment", old_status=old_status,
                          new_status=LineStatus.SHIPPED, actor=actor, shipping_event=event)
        _order_status_refresh(order)
        transaction.on_commit(lambda: email_shipped(event))
    for line in locked:
        _line_status_signal(line, old_statuses[line.pk], LineStatus.SHIPPED)
    return event


def line_cancel(*, line: Line, reason: str, actor: AbstractBaseUser | None) -> None:
    """Cancel a piece that has not been sent: refund it through Stripe (with the shipping
    charge when no piece of the order is left to send), put it back on sale, tell the customer
    and keep the reason for staff."""
    from checkout import services as checkout_services

    reason = (reason or "").strip()
    if not reason:
        raise FulfilmentError(_("Say why the piece is cancelled: the customer will read it."))
    if len(reason) > REASON_MAX_LENGTH:
        raise FulfilmentError(
            _("Keep the reason under %(count)d characters.") % {"count": REASON_MAX_LENGTH}
        )
    with transaction.atomic():
        order, (locked,) = _locked(line.order_id, [line.pk])
        _transition_check(locked, LineStatus.CANCELLED)
        quantity = locked.quantity - checkout_services.refunded_quantities(order).get(locked.pk, 0)
        refunded = None
        if _paid_through_stripe(order) and quantity > 0:
            # The last piece left to send: nothing will be sent, so shipping goes back too.
            last = not order.lines.exclude(pk=locked.pk).exclude(
                status=LineStatus.CANCELLED).exists()
            try:
                # Last of the checks: Stripe's refund cannot be rolled back with the rest.
                event = checkout_services.order_refund(
                    order=order, quantities=None if last else {locked: quantity}, restock=True,
                    notify=False,
                )
            except checkout_services.PaymentRefused as error:
                raise FulfilmentError(str(error)) from error
            refunded = event.amount
        elif locked.stockrecord_id and locked.num_allocated:
            locked.cancel_allocation(locked.num_allocated)
        old_status = locked.status
        locked.status = LineStatus.CANCELLED
        locked.save(update_fields=["status"])
        _event_record(locked, kind="cancellation", old_status=old_status,
                      new_status=LineStatus.CANCELLED, actor=actor, note=reason)
        _order_status_refresh(order)
        transaction.on_commit(
            lambda: email_line_cancelled(locked, reason=reason, refunded=refunded)
        )
    _line_status_signal(locked, old_status, LineStatus.CANCELLED)
    line.status = locked.status


# Inside the transaction
# ----------------------


def _locked(order_id: int, line_ids: list[int]):
    """The order row, then its lines in id order, locked until the transaction ends (one fixed
    order for every caller, so two members of staff cannot deadlock)."""
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    order = Order.objects.select_for_update().get(pk=order_id)
    lines = list(
        Line.objects.select_for_update().filter(order=order, pk__in=line_ids).order_by("pk")
    )
    return order, lines


def _transition_check(line, status: str) -> None:
    current = line.status or LineStatus.PAID
    if status not in ALLOWED.get(current, set()):
        raise FulfilmentError(
            _("“%(title)s” is %(current)s and cannot become %(status)s.")
            % {"title": line.title, "current": status_label(current),
               "status": status_label(status)}
        )


def _shipping_event_record(order, lines, *, event_name: str, notes: str = "", carrier: str = "",
                           tracking_number: str = ""):
    from oscar.core.loading import get_model

    ShippingEvent = get_model("order", "ShippingEvent")
    ShippingEventType = get_model("order", "ShippingEventType")
    ShippingEventQuantity = get_model("order", "ShippingEventQuantity")
    event_type, _created = ShippingEventType.objects.get_or_create(
        name=event_name, defaults={"code": event_name.lower()}
    )
    event = ShippingEvent.objects.create(
        order=order, event_type=event_type, notes=notes[:1000], carrier=carrier,
        tracking_number=tracking_number,
    )
    for line in lines:
        ShippingEventQuantity.objects.create(event=event, line=line, quantity=line.quantity)
    return event


def _allocation_consume(line) -> None:
    """The piece leaves the cooperative: its allocation becomes a sale (Oscar's two-stage stock)."""
    if not line.stockrecord_id or line.allocation_cancelled or not line.num_allocated:
        return
    from oscar.apps.partner.exceptions import InvalidStockAdjustment

    try:
        line.consume_allocation(min(line.quantity, line.num_allocated))
    except InvalidStockAdjustment as error:
        raise FulfilmentError(
            _("The stock of “%(title)s” is lower than what this order holds: correct the stock "
              "first.") % {"title": line.title}
        ) from error


def _event_record(line, *, kind: str, old_status: str, new_status: str, actor, note: str = "",
                  shipping_event=None) -> None:
    from oscar.core.loading import get_model

    LineEvent = get_model("order", "LineEvent")
    LineEvent.objects.create(
        order_id=line.order_id, line=line, kind=kind, old_status=old_status or "",
        new_status=new_status, shipping_event=shipping_event,
        actor=actor if actor is not None and actor.is_authenticated else None, note=note,
    )


def _order_status_refresh(order) -> None:
    from oscar.core.loading import get_model

    OrderStatusChange = get_model("order", "OrderStatusChange")
    new_status = order_status(order)
    if new_status != order.status:
        OrderStatusChange.objects.create(
            order=order, old_status=order.status, new_status=new_status
        )
        order.status = new_status
        order.save(update_fields=["status"])


def _line_status_signal(line, old_status: str, new_status: str) -> None:
    from oscar.apps.order.signals import order_line_status_changed

    order_line_status_changed.send(
        sender=line, line=line, old_status=old_status, new_status=new_status
    )


def _paid_through_stripe(order) -> bool:
    from checkout.models import StripePayment

    return StripePayment.objects.filter(order=order).exists()


# Emails
# ------


def order_language(order: Order) -> str:
    """The language the customer shopped in, else the shop's default."""
    from django.conf import settings

    from checkout.models import StripePayment

    language = (
        StripePayment.objects.filter(order=order).values_list("language", flat=True).first()
    )
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def email_shipped(event: ShippingEvent) -> None:
    from checkout.services import _email_send, _status_path

    order = event.order
    with translation.override(order_language(order)):
        context = {
            "order": order,
            "shipment": event,
            "lines": list(event.lines.order_by("pk")),
            "carrier_name": carrier_name(event.carrier),
            "tracking_number": event.tracking_number,
            "tracking_url": event.tracking_url,
            "status_path": _status_path(order),
        }
        _email_send("ORDER_SHIPPED", order=order, context=context)


def email_line_cancelled(line: Line, *, reason: str, refunded: Decimal | None) -> None:
    from checkout.services import _email_send, _status_path

    order = line.order
    with translation.override(order_language(order)):
        context = {
            "order": order,
            "line": line,
            "reason": reason,
            "refunded": refunded,
            "status_path": _status_path(order),
        }
        _email_send("LINE_CANCELLED", order=order, context=context)
