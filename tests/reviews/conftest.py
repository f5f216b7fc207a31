"""A customer with an account whose piece was delivered, and the staff who moved it there."""

import pytest

from order.fulfilment import LineStatus, line_status_set, shipment_create
from tests.factories import UserFactory, product_for_sale
from tests.provenance.test_rules import _place_order


def order_for(user, product):
    """An order of one piece placed with her account (as checkout does for a signed-in buyer)."""
    order = _place_order(product)
    order.user = user
    order.save()
    return order


def deliver(order, actor):
    """Ship every line of the order in one parcel, then mark them delivered."""
    lines = list(order.lines.all())
    shipment_create(order=order, lines=lines, carrier="ptt", tracking_number="KP123456789TR",
                    actor=actor)
    for line in lines:
        line_status_set(line=line, status=LineStatus.DELIVERED, actor=actor)
    return lines


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def buyer(db):
    return UserFactory(username="ayse", email="ayse@example.com", first_name="Ayşe")


@pytest.fixture
def piece(db):
    return product_for_sale(title="Telkari pendant")


@pytest.fixture
def delivered_order(buyer, piece, staff):
    order = order_for(buyer, piece)
    deliver(order, staff)
    return order
