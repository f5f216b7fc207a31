"""The line pipeline: every allowed step works, every other is refused; the order's status
follows its lines; shipments hold one cooperative's unsent pieces and consume their stock."""

import itertools

import pytest
from oscar.core.loading import get_model

from order.fulfilment import (
    ALLOWED,
    FulfilmentError,
    LineStatus,
    OrderStatus,
    line_cancel,
    line_status_set,
    order_status,
    order_status_from,
    shipment_create,
    status_label,
    tracking_url,
)
from tests.factories import product_for_sale
from tests.fulfilment.conftest import order_place

LineEvent = get_model("order", "LineEvent")
ShippingEvent = get_model("order", "ShippingEvent")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

STATUSES = list(ALLOWED)
# How a line gets from Paid to each status, through the public API.
ROUTE = {
    LineStatus.PAID: [],
    LineStatus.PACKING: [LineStatus.PACKING],
    LineStatus.SHIPPED: [LineStatus.SHIPPED],
    LineStatus.DELIVERED: [LineStatus.SHIPPED, LineStatus.DELIVERED],
    LineStatus.CANCELLED: [LineStatus.CANCELLED],
    LineStatus.RETURNED: [LineStatus.SHIPPED, LineStatus.RETURNED],
}


def move(line, status, actor=None):
    if status == LineStatus.SHIPPED:
        shipment_create(order=line.order, lines=[line], carrier="ptt",
                        tracking_number="KP123456789TR", actor=actor)
    elif status == LineStatus.CANCELLED:
        line_cancel(line=line, reason="The dye ran in the wash.", actor=actor)
    else:
        line_status_set(line=line, status=status, actor=actor)
    line.refresh_from_db()


def test_new_orders_start_paid():
    order = order_place(product_for_sale())
    assert order.status == OrderStatus.PAID
    assert order.lines.get().status == LineStatus.PAID


@pytest.mark.parametrize(("current", "wanted"), list(itertools.product(STATUSES, STATUSES)))
def test_every_allowed_step_works_and_every_other_is_refused(current, wanted, staff):
    order = order_place(product_for_sale())
    line = order.lines.get()
    for step in ROUTE[current]:
        move(line, step, actor=staff)
    assert line.status == current
    events_before = LineEvent.objects.count()

    if wanted in ALLOWED[current]:
        move(line, wanted, actor=staff)
        assert line.status == wanted
        event = LineEvent.objects.filter(line=line).first()
        assert (event.old_status, event.new_status, event.actor) == (current, wanted, staff)
        order.refresh_from_db()
        assert order.status == order_status(order)
    else:
        with pytest.raises(FulfilmentError):
            move(line, wanted, actor=staff)
        line.refresh_from_db()
        assert line.status == current
        assert LineEvent.objects.count() == events_before


def test_unknown_status_is_refused():
    line = order_place(product_for_sale()).lines.get()
    with pytest.raises(FulfilmentError):
        line_status_set(line=line, status="Lost", actor=None)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([LineStatus.PAID, LineStatus.PAID], OrderStatus.PAID),
        ([LineStatus.PAID, LineStatus.PACKING], OrderStatus.PACKING),
        ([LineStatus.SHIPPED, LineStatus.PAID], OrderStatus.PARTLY_SHIPPED),
        ([LineStatus.SHIPPED, LineStatus.PACKING, LineStatus.CANCELLED],
         OrderStatus.PARTLY_SHIPPED),
        ([LineStatus.SHIPPED, LineStatus.DELIVERED], OrderStatus.SHIPPED),
        ([LineStatus.DELIVERED, LineStatus.DELIVERED], OrderStatus.DELIVERED),
        ([LineStatus.DELIVERED, LineStatus.CANCELLED], OrderStatus.DELIVERED),
        ([LineStatus.CANCELLED, LineStatus.PAID], OrderStatus.PARTLY_CANCELLED),
        ([LineStatus.CANCELLED, LineStatus.CANCELLED], OrderStatus.CANCELLED),
        ([LineStatus.RETURNED, LineStatus.CANCELLED], OrderStatus.RETURNED),
        ([LineStatus.RETURNED, LineStatus.SHIPPED], OrderStatus.SHIPPED),
    ],
)
def test_order_status_is_derived_from_its_lines(statuses, expected):
    assert order_status_from(statuses) == expected


def test_order_status_follows_a_mixed_order_and_records_each_change(mixed_order, staff):
    first, second, other = mixed_order.lines.order_by("pk")
    move(other, LineStatus.PACKING, actor=staff)
    mixed_order.refresh_from_db()
    assert mixed_order.status == OrderStatus.PACKING

    shipment_create(order=mixed_order, lines=[other], carrier="dhl",
                    tracking_number="1234567890", actor=staff)
    mixed_order.refresh_from_db()
    assert mixed_order.status == OrderStatus.PARTLY_SHIPPED

    line_cancel(line=second, reason="Broken in the workshop.", actor=staff)
    shipment_create(order=mixed_order, lines=[first], carrier="ptt",
                    tracking_number="KP000000001TR", actor=staff)
    mixed_order.refresh_from_db()
    assert mixed_order.status == OrderStatus.SHIPPED
    for line in (first, other):
        line_status_set(line=line, status=LineStatus.DELIVERED, actor=staff)
    mixed_order.refresh_from_db()
    assert mixed_order.status == OrderStatus.DELIVERED
    assert list(mixed_order.status_changes.order_by("pk").values_list("new_status", flat=True)) \
        == ["Packing", "Partly shipped", "Shipped", "Delivered"]


def test_partial_shipment_of_one_cooperatives_lines(mixed_order, staff):
    first, second, other = mixed_order.lines.order_by("pk")
    record = StockRecord.objects.get(pk=first.stockrecord_id)
    assert (record.num_in_stock, record.num_allocated) == (5, 1)

    event = shipment_create(order=mixed_order, lines=[first], carrier="yurtici",
                            tracking_number="YK-2026-0001", actor=staff)

    assert (event.carrier, event.tracking_number) == ("yurtici", "YK-2026-0001")
    assert event.event_type.name == "Shipped"
    assert [(q.line_id, q.quantity) for q in event.line_quantities.all()] == [(first.pk, 1)]
    statuses = dict(mixed_order.lines.values_list("pk", "status"))
    assert statuses == {first.pk: "Shipped", second.pk: "Paid", other.pk: "Paid"}
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (4, 0)
    first.refresh_from_db()
    assert first.num_allocated == 0
    assert event.tracking_url.startswith("https://www.yurticikargo.com/")
    assert "YK-2026-0001" in event.tracking_url
    assert LineEvent.objects.get(line=first).shipping_event == event

    shipment_create(order=mixed_order, lines=[second], carrier="other",
                    tracking_number="ABC-1234", actor=staff)
    assert ShippingEvent.objects.filter(order=mixed_order).count() == 2


def test_shipping_a_line_twice_is_refused(mixed_order, staff):
    first, second, _other = mixed_order.lines.order_by("pk")
    shipment_create(order=mixed_order, lines=[first], carrier="ptt",
                    tracking_number="KP000000001TR", actor=staff)
    with pytest.raises(FulfilmentError):
        shipment_create(order=mixed_order, lines=[first, second], carrier="ptt",
                        tracking_number="KP000000002TR", actor=staff)
    second.refresh_from_db()
    assert second.status == LineStatus.PAID
    assert ShippingEvent.objects.count() == 1


def test_a_line_of_another_cooperative_is_refused(mixed_order, staff):
    first, _second, other = mixed_order.lines.order_by("pk")
    with pytest.raises(FulfilmentError, match="one cooperative"):
        shipment_create(order=mixed_order, lines=[first, other], carrier="aras",
                        tracking_number="1234567890", actor=staff)
    assert set(mixed_order.lines.values_list("status", flat=True)) == {"Paid"}
    assert ShippingEvent.objects.count() == 0


def test_a_line_of_another_order_is_refused(mixed_order, staff):
    stranger = order_place(product_for_sale()).lines.get()
    with pytest.raises(FulfilmentError):
        shipment_create(order=mixed_order, lines=[stranger], carrier="ups",
                        tracking_number="1Z999AA10123456784", actor=staff)
    stranger.refresh_from_db()
    assert stranger.status == LineStatus.PAID


@pytest.mark.parametrize(
    ("carrier", "number"),
    [
        ("ptt", ""),
        ("ptt", "   "),
        ("ptt", "A" * 200),
        ("ptt", "<script>alert(1)</script>"),
        ("ptt", '12345"><img src=x>'),
        ("ptt", "12"),
        ("nobody", "1234567890"),
    ],
)
def test_bad_tracking_numbers_and_carriers_are_refused_with_nothing_changed(
    mixed_order, staff, carrier, number
):
    first = mixed_order.lines.order_by("pk").first()
    record = StockRecord.objects.get(pk=first.stockrecord_id)
    with pytest.raises(FulfilmentError):
        shipment_create(order=mixed_order, lines=[first], carrier=carrier,
                        tracking_number=number, actor=staff)
    first.refresh_from_db()
    assert first.status == LineStatus.PAID
    assert ShippingEvent.objects.count() == 0 and LineEvent.objects.count() == 0
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (5, 1)


def test_cancelling_a_shipped_line_is_refused(mixed_order, staff):
    first = mixed_order.lines.order_by("pk").first()
    move(first, LineStatus.SHIPPED, actor=staff)
    with pytest.raises(FulfilmentError):
        line_cancel(line=first, reason="Too late.", actor=staff)
    first.refresh_from_db()
    assert first.status == LineStatus.SHIPPED


def test_cancelling_needs_a_reason(mixed_order, staff):
    first = mixed_order.lines.order_by("pk").first()
    with pytest.raises(FulfilmentError):
        line_cancel(line=first, reason="  ", actor=staff)


def test_cancelling_an_unpaid_line_releases_its_stock(mixed_order, staff):
    first = mixed_order.lines.order_by("pk").first()
    line_cancel(line=first, reason="Sold at the market by mistake.", actor=staff)
    record = StockRecord.objects.get(pk=first.stockrecord_id)
    assert (record.num_in_stock, record.num_allocated) == (5, 0)
    event = LineEvent.objects.get(line=first)
    assert (event.kind, event.actor, event.note) == (
        "cancellation", staff, "Sold at the market by mistake.")


def test_oscar_set_status_goes_through_the_same_rules(mixed_order):
    first = mixed_order.lines.order_by("pk").first()
    first.set_status(LineStatus.PACKING)
    assert LineEvent.objects.get(line=first).new_status == LineStatus.PACKING
    with pytest.raises(FulfilmentError):
        first.set_status(LineStatus.DELIVERED)


def test_labels_and_links():
    assert status_label("Partly shipped") == "Partly shipped"
    assert tracking_url(carrier="other", tracking_number="ABC-1234") == ""
    assert tracking_url(carrier="ups", tracking_number="1Z999") == \
        "https://www.ups.com/track?tracknum=1Z999"
