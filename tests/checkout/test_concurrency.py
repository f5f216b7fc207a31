"""The last item sells once and a single-use voucher is used once, whatever the concurrency.

These need PostgreSQL's row locks (SQLite serialises whole-database writes instead); CI runs
them on PostgreSQL with `-m postgres`.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from checkout import gateway
from checkout.models import StripePayment
from tests.checkout.helpers import checkout_to_preview, pay
from tests.factories import product_for_sale

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Voucher = get_model("voucher", "Voucher")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "SKIPPED: CONCURRENCY NOT TESTED - needs PostgreSQL row locks; run with "
            "DATABASE_URL=postgres://... pytest -m postgres (CI does)"
        )


def buy_all_at_once(buyers: list[tuple[Client, str]]) -> list:
    """Every buyer presses Pay at the same moment, each on her own connection."""
    barrier = threading.Barrier(len(buyers))
    answers: list = [None] * len(buyers)

    def buy(index: int, client: Client, fingerprint: str) -> None:
        try:
            barrier.wait()
            answers[index] = pay(client, fingerprint=fingerprint)
        finally:
            connection.close()

    threads = [threading.Thread(target=buy, args=(i, c, f)) for i, (c, f) in enumerate(buyers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def test_twenty_buyers_of_the_last_item_make_one_order():
    product = product_for_sale(num_in_stock=1)
    buyers = []
    for number in range(20):
        client = Client()
        buyers.append((client, checkout_to_preview(client, product,
                                                    email=f"buyer{number}@example.com")))

    answers = buy_all_at_once(buyers)

    won = [a for a in answers if a.status_code == 200]
    lost = [a for a in answers if a.status_code == 400]
    assert len(won) == 1 and won[0].json()["status"] == "succeeded"
    assert len(lost) == 19
    assert all("sold out" in a.json()["message"] for a in lost), [a.json() for a in lost]
    assert Order.objects.count() == 1
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (1, 1)
    # Money: one captured payment; every loser's authorisation cancelled (or never made).
    intents = gateway.payment_intents_list()
    assert [i.status for i in intents].count("succeeded") == 1
    assert {i.status for i in intents} <= {"succeeded", "canceled"}
    winner = StripePayment.objects.get(status="placed")
    assert winner.order == Order.objects.get()


def test_single_use_voucher_is_used_once():
    from oscar.test.factories import (
        BenefitFactory,
        ConditionalOfferFactory,
        ConditionFactory,
        RangeFactory,
    )

    everything = RangeFactory(includes_all_products=True)
    offer = ConditionalOfferFactory(
        offer_type="Voucher",
        condition=ConditionFactory(range=everything, type="Count", value=1),
        benefit=BenefitFactory(range=everything, type="Percentage", value=Decimal("10")),
    )
    voucher = Voucher.objects.create(
        name="Welcome", code="WELCOME10", usage=Voucher.SINGLE_USE,
        start_datetime="2020-01-01T00:00Z", end_datetime="2099-01-01T00:00Z",
    )
    voucher.offers.add(offer)
    buyers = []
    for number in range(5):
        client = Client()
        product = product_for_sale(num_in_stock=5, price=Decimal("50.00"))
        from django.urls import reverse

        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
        response = client.post(reverse("basket:vouchers-add"), {"code": "WELCOME10"})
        assert response.status_code == 302
        buyers.append((client, checkout_to_preview(client, product,
                                                    email=f"voucher{number}@example.com")))

    answers = buy_all_at_once(buyers)

    assert [a.status_code for a in answers].count(200) == 1, [a.content for a in answers]
    refused = [a.json()["message"] for a in answers if a.status_code == 400]
    assert len(refused) == 4
    assert all("already been used. No payment was taken" in m for m in refused), refused
    assert Order.objects.count() == 1
    voucher.refresh_from_db()
    assert voucher.num_orders == 1
    assert [i.status for i in gateway.payment_intents_list()].count("succeeded") == 1


def test_two_clicks_at_once_make_one_intent_and_one_order():
    product = product_for_sale(num_in_stock=5)
    first = Client()
    fingerprint = checkout_to_preview(first, product)
    second = Client()  # the same browser: same session, same basket
    second.cookies = first.cookies

    answers = buy_all_at_once([(first, fingerprint), (second, fingerprint)])

    assert Order.objects.count() == 1
    assert len(gateway.payment_intents_list()) == 1
    assert StripePayment.objects.count() == 1
    assert any(a.status_code == 200 and a.json()["status"] == "succeeded" for a in answers)
    # The other click either sees the same order or finds the checkout already finished.
    assert all(a.status_code in (200, 302) for a in answers), [a.status_code for a in answers]
