"""Payout runs: only what was sent long enough ago, once per period, on either rail, with a
CSV per run; and each bad request refused with a message saying why.

The Stripe Connect rail is tested with the real `stripe` client against a small local HTTP
server that records the requests and answers like Stripe's documented responses
(tests/earnings/stripe_recorder.py): localstripe has no Connect endpoints.
"""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from earnings import services
from earnings.models import LedgerEntry, Payout, PayoutAccount, PayoutItem
from tests.earnings.conftest import piece
from tests.earnings.stripe_recorder import StripeRecorder
from tests.factories import MakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorder(settings):
    with StripeRecorder() as server:
        settings.EARNINGS_STRIPE_API_BASE = server.url
        settings.STRIPE_SECRET_KEY = "sk_test_recorder"
        settings.STRIPE_MAX_NETWORK_RETRIES = 0
        settings.STRIPE_TIMEOUT_SECONDS = 5
        yield server


@pytest.fixture
def two_makers_sold(maker, placed, shipped, settings):
    """Ayşe sold two pieces and Zehra one, all sent 30 days ago; one more sent yesterday."""
    settings.EARNINGS_PAYOUT_DELAY_DAYS = 14
    other = MakerFactory(cooperative=maker.cooperative, display_name="Zehra")
    orders = [placed(piece(maker, "50.00")), placed(piece(maker, "30.00")),
              placed(piece(other, "20.00")), placed(piece(other, "99.00"))]
    for order in orders[:3]:
        shipped(order.lines.get(), days_ago=30)
    shipped(orders[3].lines.get(), days_ago=1)
    return orders


def period():
    today = timezone.localdate()
    return {"period_start": today - timedelta(days=60), "period_end": today}


def test_a_bank_payout_pays_what_was_sent_long_enough_ago(two_makers_sold, coordinator_user):
    cooperative = two_makers_sold[0].lines.get().cooperative
    result = services.payout_run(cooperative=cooperative, actor=coordinator_user,
                                 bank_reference="EFT-2026-001", **period())
    payout = result.payout
    assert result.created and payout.rail == Payout.Rail.BANK
    assert payout.status == Payout.Status.PAID and payout.reference == "EFT-2026-001"
    # 100.00 sold, 10 % fee: 90.00 for the cooperative and its makers; the piece sent
    # yesterday waits for the next run.
    assert payout.amount == Decimal("90.00")
    assert payout.items.count() == 3
    assert payout.created_by == coordinator_user and payout.created is not None
    assert LedgerEntry.objects.unpaid().count() == 1


def test_running_the_same_period_again_changes_nothing(two_makers_sold, coordinator_user):
    cooperative = two_makers_sold[0].lines.get().cooperative
    first = services.payout_run(cooperative=cooperative, actor=coordinator_user,
                                bank_reference="EFT-1", **period())
    again = services.payout_run(cooperative=cooperative, actor=coordinator_user,
                                bank_reference="EFT-OTHER", **period())
    assert not again.created and again.payout == first.payout
    assert Payout.objects.count() == 1 and PayoutItem.objects.count() == 3
    assert again.payout.reference == "EFT-1"


def test_an_overlapping_period_is_refused(two_makers_sold, coordinator_user):
    cooperative = two_makers_sold[0].lines.get().cooperative
    services.payout_run(cooperative=cooperative, actor=None, bank_reference="EFT-1", **period())
    today = timezone.localdate()
    with pytest.raises(services.EarningsError, match="overlaps"):
        services.payout_run(cooperative=cooperative, actor=None, bank_reference="EFT-2",
                            period_start=today - timedelta(days=5), period_end=today)
    assert Payout.objects.count() == 1


def test_nothing_to_pay_is_refused_and_no_transfer_is_made(maker, placed, recorder):
    PayoutAccount.objects.create(cooperative=maker.cooperative, stripe_account_id="acct_1")
    placed(piece(maker))  # paid, never sent
    with pytest.raises(services.EarningsError, match="Nothing to pay"):
        services.payout_run(cooperative=maker.cooperative, actor=None, **period())
    assert not Payout.objects.exists() and recorder.transfers == []


@pytest.mark.parametrize(
    ("days", "message"), [((1, 5), "start before it ends"), ((-1, -2), "today at the latest")]
)
def test_a_period_backwards_or_in_the_future_is_refused(cooperative, days, message):
    today = timezone.localdate()
    with pytest.raises(services.EarningsError, match=message):
        services.payout_run(cooperative=cooperative, actor=None, bank_reference="X",
                            period_start=today - timedelta(days=days[0]),
                            period_end=today - timedelta(days=days[1]))


def test_a_bank_payout_needs_the_transfers_reference(two_makers_sold):
    cooperative = two_makers_sold[0].lines.get().cooperative
    with pytest.raises(services.EarningsError, match="give its reference"):
        services.payout_run(cooperative=cooperative, actor=None, **period())
    assert not Payout.objects.exists()


def test_a_stripe_payout_is_one_transfer_with_an_idempotency_key_and_the_order_numbers(
    two_makers_sold, recorder
):
    cooperative = two_makers_sold[0].lines.get().cooperative
    PayoutAccount.objects.create(cooperative=cooperative, stripe_account_id="acct_coop")
    payout = services.payout_run(cooperative=cooperative, actor=None, **period()).payout
    (request,) = recorder.transfers
    assert request["headers"]["Idempotency-Key"] == f"ortak-payout-{payout.pk}"
    assert request["headers"]["Authorization"] == "Bearer sk_test_recorder"
    body = request["body"]
    assert (body["amount"], body["currency"], body["destination"]) == ("9000", "eur",
                                                                        "acct_coop")
    numbers = sorted(order.number for order in two_makers_sold[:3])
    assert body["metadata[order_numbers]"] == ",".join(numbers)
    assert body["metadata[payout_id]"] == str(payout.pk)
    assert payout.status == Payout.Status.PAID and payout.reference == "tr_test_0001"
    assert payout.rail == Payout.Rail.STRIPE
    # Again for the same period: nothing new is sent.
    services.payout_run(cooperative=cooperative, actor=None, **period())
    assert len(recorder.transfers) == 1


def test_a_refused_transfer_is_kept_and_retried_with_the_same_key(two_makers_sold, recorder):
    cooperative = two_makers_sold[0].lines.get().cooperative
    PayoutAccount.objects.create(cooperative=cooperative, stripe_account_id="acct_coop")
    recorder.refuse_with = "Insufficient funds in Stripe account."
    with pytest.raises(services.EarningsError, match="could not be made"):
        services.payout_run(cooperative=cooperative, actor=None, **period())
    payout = Payout.objects.get()
    assert payout.status == Payout.Status.FAILED and "Insufficient" in payout.failure
    recorder.refuse_with = ""
    result = services.payout_run(cooperative=cooperative, actor=None, **period())
    assert result.payout.pk == payout.pk and result.payout.status == Payout.Status.PAID
    keys = {request["headers"]["Idempotency-Key"] for request in recorder.transfers}
    assert keys == {f"ortak-payout-{payout.pk}"}


def test_a_refund_after_a_payout_is_taken_from_the_next_one(
    two_makers_sold, refunded, django_capture_on_commit_callbacks
):
    from order import fulfilment

    cooperative = two_makers_sold[0].lines.get().cooperative
    today = timezone.localdate()
    services.payout_run(cooperative=cooperative, actor=None, bank_reference="EFT-1",
                        period_start=today - timedelta(days=60),
                        period_end=today - timedelta(days=1))
    line = two_makers_sold[0].lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment.line_status_set(line=line, status=fulfilment.LineStatus.RETURNED, actor=None)
    with pytest.raises(services.EarningsError, match="Nothing to pay"):
        services.payout_run(cooperative=cooperative, actor=None, bank_reference="EFT-2",
                            period_start=today, period_end=today)


def test_the_payout_csv_has_one_row_per_maker(two_makers_sold, client, coordinator_user):
    cooperative = two_makers_sold[0].lines.get().cooperative
    payout = services.payout_run(cooperative=cooperative, actor=None, bank_reference="EFT-1",
                                 **period()).payout
    client.force_login(coordinator_user)
    response = client.get(f"/en/workspace/earnings/payouts/{payout.pk}/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["maker"] for row in rows] == ["Ayşe", "Zehra"]
    assert [row["maker_share"] for row in rows] == ["57.60", "14.40"]
    assert rows[0]["pieces"] == "2"
    assert "PRIVATE" not in response.content.decode()


def test_the_scheduled_payout_task_pays_by_transfer_once_and_leaves_bank_cooperatives(
    two_makers_sold, recorder, settings
):
    from earnings.tasks import payouts_run_due

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cooperative = two_makers_sold[0].lines.get().cooperative
    PayoutAccount.objects.create(cooperative=cooperative, stripe_account_id="acct_coop")
    bank_paid = MakerFactory().cooperative
    dates = {key: value.isoformat() for key, value in period().items()}

    first = payouts_run_due.enqueue(**dates)
    again = payouts_run_due.enqueue(**dates)

    assert first.status == "SUCCESSFUL" and again.status == "SUCCESSFUL"
    assert len(recorder.transfers) == 1  # the second run changed nothing
    payout = Payout.objects.get()
    assert (payout.cooperative, payout.status, payout.amount) == (
        cooperative, Payout.Status.PAID, Decimal("90.00"))
    assert f"{cooperative.slug}: 90.00 EUR paid (tr_test_0001)" in first.return_value
    assert f"{cooperative.slug}: 90.00 EUR already run, unchanged (tr_test_0001)" in (
        again.return_value)
    assert f"{bank_paid.slug}: paid by bank transfer: a reference is needed" in first.return_value


def test_the_default_payout_period_is_the_previous_calendar_month():
    assert services.previous_month(date(2026, 3, 15)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert services.previous_month(date(2027, 1, 1)) == (date(2026, 12, 1), date(2026, 12, 31))
