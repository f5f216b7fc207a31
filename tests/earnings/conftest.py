"""Cooperatives, makers and paid orders for the earnings tests.

Orders are placed by the shop's order creator (`tests.factories.order_place`), as paid orders
are; the ledger writes once the order's transaction commits, so each helper runs the commit
callbacks.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from earnings.models import LedgerEntry
from order import fulfilment
from tests.factories import (
    CooperativeFactory,
    MakerFactory,
    UserFactory,
    order_place,
    product_for_sale,
)
from workspace.models import Coordinator

LineEvent = get_model("order", "LineEvent")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")


@pytest.fixture
def cooperative(db):
    return CooperativeFactory()


@pytest.fixture
def member_user(db):
    return UserFactory(username="ayse")


@pytest.fixture
def maker(cooperative, member_user):
    return MakerFactory(cooperative=cooperative, display_name="Ayşe", user=member_user)


@pytest.fixture
def coordinator_user(cooperative):
    user = UserFactory(username="coordinator")
    Coordinator.objects.create(user=user, cooperative=cooperative)
    return user


@pytest.fixture
def placed(django_capture_on_commit_callbacks):
    """place(*products, quantity=1) -> a paid order, its ledger written."""

    def place(*products, quantity=1):
        with django_capture_on_commit_callbacks(execute=True):
            return order_place(*products, quantity=quantity)

    return place


@pytest.fixture
def refunded(django_capture_on_commit_callbacks):
    """refund(line, quantity) records a refund as checkout.services.order_refund does (a
    "Refunded" payment event with the line's quantity), without calling Stripe."""

    def refund(line, quantity):
        event_type, _created = PaymentEventType.objects.get_or_create(name="Refunded")
        with django_capture_on_commit_callbacks(execute=True):
            event = PaymentEvent.objects.create(
                order=line.order, event_type=event_type,
                amount=line.unit_price_incl_tax * quantity, reference="re_test",
            )
            PaymentEventQuantity.objects.create(event=event, line=line, quantity=quantity)
        return event

    return refund


@pytest.fixture
def shipped(django_capture_on_commit_callbacks):
    """ship(line, days_ago=30): the line sent (and delivered) that many days ago."""

    def ship(line, days_ago=30, *, deliver=True):
        with django_capture_on_commit_callbacks(execute=True):
            fulfilment.shipment_create(order=line.order, lines=[line], carrier="ptt",
                                       tracking_number=f"TRACK{line.pk:06d}", actor=None)
            if deliver:
                line.refresh_from_db()
                fulfilment.line_status_set(line=line, status=fulfilment.LineStatus.DELIVERED,
                                           actor=None)
        # Back in time as a whole: the order and its sale too (a test's shortcut; the shop
        # itself never updates an entry).
        LineEvent.objects.filter(line=line).update(
            date_created=timezone.now() - timedelta(days=days_ago)
        )
        placed_at = timezone.now() - timedelta(days=days_ago + 2)
        line.order.__class__.objects.filter(pk=line.order_id).update(date_placed=placed_at)
        LedgerEntry.objects.filter(line=line).update(created=placed_at)
        line.refresh_from_db()
        return line

    return ship


def piece(maker, price="24.00", **kwargs):
    return product_for_sale(maker=maker, price=Decimal(price), num_in_stock=50, **kwargs)
