"""Stock from the cooperative's side: what is ready to sell, what runs low, and every change
with who, when and why."""

import pytest
from django.urls import reverse

from tests.factories import StockRecordFactory
from workspace.models import StockAdjustment, StockReason

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def adjust(client, record, **data):
    return client.post(
        reverse("workspace:stock-adjust", kwargs={"pk": record.pk}),
        {"reason": StockReason.NEW_BATCH, **data},
        follow=True,
    )


def test_a_coordinator_adds_a_new_batch_and_it_is_recorded(client, side_a):
    record = StockRecordFactory(product__maker=side_a.maker, num_in_stock=3, num_allocated=1)
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    page = adjust(client, record, available="6", note="Ten more from the spring workshop")
    assert page.status_code == 200
    record.refresh_from_db()
    assert record.num_in_stock == 7 and record.net_stock_level == 6
    adjustment = StockAdjustment.objects.get()
    assert (adjustment.before, adjustment.after) == (2, 6)
    assert adjustment.actor == side_a.coordinator and adjustment.reason == "new_batch"
    assert "Ten more from the spring workshop" in page.content.decode()


def test_below_zero_and_no_reason_are_refused_and_change_nothing(client, side_a):
    record = StockRecordFactory(product__maker=side_a.maker, num_in_stock=3)
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    page = adjust(client, record, available="-2")
    assert "How many must be zero or more." in page.content.decode()
    page = adjust(client, record, available="2", reason="")
    assert page.status_code == 200
    record.refresh_from_db()
    assert record.num_in_stock == 3 and not StockAdjustment.objects.exists()


def test_the_low_stock_list_shows_only_what_runs_low(client, side_a, side_b):
    StockRecordFactory(product__maker=side_a.maker, product__title="Plenty", num_in_stock=9)
    StockRecordFactory(product__maker=side_a.maker, product__title="Last one", num_in_stock=1)
    StockRecordFactory(product__maker=side_a.other_maker, product__title="Gone", num_in_stock=0)
    StockRecordFactory(product__maker=side_b.maker, product__title="Theirs", num_in_stock=0)
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    page = client.get(reverse("workspace:stock") + "?low=1").content.decode()
    assert "Last one" in page and "Gone" in page and "Sold out" in page
    assert "Plenty" not in page and "Theirs" not in page


def test_a_member_sees_and_changes_only_her_own_stock(client, side_a):
    mine = StockRecordFactory(product__maker=side_a.maker, product__title="Mine", num_in_stock=2)
    StockRecordFactory(product__maker=side_a.other_maker, product__title="Hers", num_in_stock=2)
    client.login(username=side_a.member.username, password=PASSWORD)
    page = client.get(reverse("workspace:stock")).content.decode()
    assert "Mine" in page and "Hers" not in page
    adjust(client, mine, available="0", reason=StockReason.DAMAGED)
    mine.refresh_from_db()
    assert mine.num_in_stock == 0


def test_a_sold_out_piece_says_so_in_the_shop(client, side_a):
    record = StockRecordFactory(product__maker=side_a.maker, num_in_stock=1)
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    adjust(client, record, available="0", reason=StockReason.DAMAGED)
    client.logout()
    page = client.get(record.product.get_absolute_url()).content.decode()
    assert "stock--out" in page
