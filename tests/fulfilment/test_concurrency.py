"""Two people pressing "shipped" (or "shipped" and "cancel") on the same piece at once: it
ships once, its stock moves once, the customer gets one email.

These need PostgreSQL's row locks; CI runs them on PostgreSQL with `-m postgres`.
"""

import threading

import pytest
from django.core import mail
from django.db import connection
from oscar.core.loading import get_model

from order.fulfilment import FulfilmentError, LineStatus, line_cancel, shipment_create

# The same guard as checkout's concurrency tests: row locks are PostgreSQL's.
from tests.checkout.test_concurrency import _postgres_only  # noqa: F401
from tests.factories import UserFactory, product_for_sale
from tests.fulfilment.conftest import order_place

ShippingEvent = get_model("order", "ShippingEvent")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def all_at_once(actions) -> list:
    barrier = threading.Barrier(len(actions))
    outcomes: list = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            outcomes[index] = action()
        except FulfilmentError as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_ten_people_shipping_the_same_piece_ship_it_once():
    order = order_place(product_for_sale(num_in_stock=3))
    line = order.lines.get()
    staff = UserFactory(is_staff=True)
    mail.outbox.clear()

    outcomes = all_at_once([
        lambda number=number: shipment_create(
            order=order, lines=[line], carrier="ptt", tracking_number=f"KP{number:09d}TR",
            actor=staff)
        for number in range(10)
    ])

    assert sum(isinstance(outcome, FulfilmentError) for outcome in outcomes) == 9
    assert ShippingEvent.objects.count() == 1
    record = StockRecord.objects.get(pk=line.stockrecord_id)
    assert (record.num_in_stock, record.num_allocated) == (2, 0)
    assert len(mail.outbox) == 1


def test_shipping_and_cancelling_at_once_does_one_of_them():
    order = order_place(product_for_sale(num_in_stock=3))
    line = order.lines.get()
    staff = UserFactory(is_staff=True)

    outcomes = all_at_once([
        lambda: shipment_create(order=order, lines=[line], carrier="dhl",
                                tracking_number="1234567890", actor=staff),
        lambda: line_cancel(line=line, reason="Not finished in time.", actor=staff),
    ])

    assert sum(isinstance(outcome, FulfilmentError) for outcome in outcomes) == 1
    line.refresh_from_db()
    record = StockRecord.objects.get(pk=line.stockrecord_id)
    if line.status == LineStatus.SHIPPED:
        assert (record.num_in_stock, record.num_allocated) == (2, 0)
    else:
        assert line.status == LineStatus.CANCELLED
        assert (record.num_in_stock, record.num_allocated) == (3, 0)
        assert ShippingEvent.objects.count() == 0
