"""The ledger records every paid line, reverses refunds, cancellations and returns, and never
changes an entry; its parts always add up (hypothesis over random orders, splits, partial
refunds and fee changes)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from earnings import money, services
from earnings.models import EntryKind, LedgerEntry, Terms
from order import fulfilment
from tests.earnings.conftest import piece
from tests.factories import CooperativeFactory, MakerFactory

pytestmark = pytest.mark.django_db


def sums(queryset):
    row = queryset.aggregate(g=Sum("gross"), f=Sum("platform_fee"), c=Sum("cooperative_share"),
                             m=Sum("maker_share"))
    return money.Split(*(money.cents(row[k] or money.ZERO) for k in "gfcm"))


def test_a_paid_line_records_its_gross_fee_and_shares_at_the_cooperatives_terms(
    maker, placed, coordinator_user
):
    services.terms_set(cooperative=maker.cooperative, platform_fee_percent=Decimal("12"),
                       maker_share_percent=Decimal("75"), actor=coordinator_user)
    order = placed(piece(maker, "40.00"), quantity=2)
    (entry,) = LedgerEntry.objects.all()
    assert (entry.kind, entry.gross, entry.platform_fee, entry.maker_share,
            entry.cooperative_share) == (EntryKind.SALE, Decimal("80.00"), Decimal("9.60"),
                                         Decimal("52.80"), Decimal("17.60"))
    assert entry.order_number == order.number and entry.maker == maker
    assert (entry.platform_fee_percent, entry.maker_share_percent) == (Decimal("12.00"),
                                                                       Decimal("75.00"))
    assert entry.terms.changed_by == coordinator_user


def test_without_terms_the_shops_defaults_apply(maker, placed, settings):
    settings.EARNINGS_DEFAULT_PLATFORM_FEE_PERCENT = "10"
    settings.EARNINGS_DEFAULT_MAKER_SHARE_PERCENT = "80"
    placed(piece(maker, "10.00"))
    entry = LedgerEntry.objects.get()
    assert (entry.platform_fee, entry.maker_share, entry.cooperative_share) == (
        Decimal("1.00"), Decimal("7.20"), Decimal("1.80"))
    assert entry.terms is None


def test_recording_twice_writes_one_sale(maker, placed):
    order = placed(piece(maker))
    services.order_sync(order=order)
    services.order_sync(order=order)
    assert LedgerEntry.objects.count() == 1


def test_a_partial_then_full_refund_reverses_exactly_to_zero(maker, placed, refunded):
    order = placed(piece(maker, "33.33"), quantity=3)
    line = order.lines.get()
    refunded(line, 1)
    assert LedgerEntry.objects.filter(kind=EntryKind.REFUND).count() == 1
    assert sums(LedgerEntry.objects.all()) == money.split(
        Decimal("66.66"), platform_fee_percent=Decimal(10), maker_share_percent=Decimal(80))
    refunded(line, 2)
    assert sums(LedgerEntry.objects.all()).is_zero


def test_a_cancelled_line_is_reversed_as_a_cancellation(maker, placed,
                                                        django_capture_on_commit_callbacks):
    order = placed(piece(maker))
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment.line_cancel(line=order.lines.get(), reason="Damaged.", actor=None)
    kinds = list(LedgerEntry.objects.values_list("kind", flat=True))
    assert kinds == [EntryKind.SALE, EntryKind.CANCELLATION]
    assert sums(LedgerEntry.objects.all()).is_zero


def test_a_returned_line_is_reversed_as_a_return(maker, placed, shipped,
                                                 django_capture_on_commit_callbacks):
    order = placed(piece(maker))
    line = shipped(order.lines.get())
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment.line_status_set(line=line, status=fulfilment.LineStatus.RETURNED, actor=None)
    assert LedgerEntry.objects.filter(kind=EntryKind.RETURN).count() == 1
    assert sums(LedgerEntry.objects.all()).is_zero


def test_entries_are_never_changed_or_deleted(maker, placed):
    placed(piece(maker))
    entry = LedgerEntry.objects.get()
    entry.gross = Decimal("1.00")
    with pytest.raises(ValidationError, match="never changed"):
        entry.save()
    with pytest.raises(ValidationError, match="never deleted"):
        entry.delete()


def test_a_refund_larger_than_what_was_paid_is_refused(maker, placed):
    order = placed(piece(maker, "24.00"))
    with pytest.raises(services.EarningsError, match="more than was paid"):
        services.line_refund_record(line=order.lines.get(), refunded_total=Decimal("24.01"))
    assert LedgerEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("fee", "maker_share", "message"),
    [
        ("100.01", "80", "between 0 and 100"),
        ("-1", "80", "between 0 and 100"),
        ("10", "101", "less than or equal to 100"),
    ],
)
def test_a_fee_or_share_outside_0_to_100_is_refused(cooperative, fee, maker_share, message):
    with pytest.raises(services.EarningsError, match=message):
        services.terms_set(cooperative=cooperative, platform_fee_percent=Decimal(fee),
                           maker_share_percent=Decimal(maker_share), actor=None)
    assert not Terms.objects.exists()


def test_a_split_that_does_not_add_up_is_refused_by_the_model_and_the_database(cooperative):
    terms = Terms(cooperative=cooperative, platform_fee_percent=Decimal(10),
                  maker_share_percent=Decimal(70), cooperative_share_percent=Decimal(20))
    with pytest.raises(ValidationError, match="add up to 100 %"):
        terms.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        terms.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Terms.objects.create(cooperative=cooperative, platform_fee_percent=Decimal(101),
                             maker_share_percent=Decimal(80),
                             cooperative_share_percent=Decimal(20))


def test_a_fee_change_applies_from_its_date_and_keeps_who_changed_it(maker, placed,
                                                                     coordinator_user):
    services.terms_set(cooperative=maker.cooperative, platform_fee_percent=Decimal(10),
                       maker_share_percent=Decimal(80), actor=coordinator_user,
                       effective_from=timezone.now() - timedelta(days=30))
    placed(piece(maker, "100.00"))
    later = services.terms_set(cooperative=maker.cooperative, platform_fee_percent=Decimal(15),
                               maker_share_percent=Decimal(70), actor=coordinator_user)
    placed(piece(maker, "100.00"))
    first, second = LedgerEntry.objects.order_by("pk")
    assert (first.platform_fee, second.platform_fee) == (Decimal("10.00"), Decimal("15.00"))
    assert second.terms == later and later.changed_by == coordinator_user
    assert later.changed_at is not None


# Random orders, splits, fee changes and partial refunds
# ------------------------------------------------------

percents = st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=2)
lines_strategy = st.lists(
    st.tuples(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2),
        st.integers(min_value=1, max_value=4),
    ),
    min_size=1, max_size=3,
)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    items=lines_strategy, fee=percents, maker_share=percents, new_fee=percents,
    data=st.data(),
)
def test_ledger_invariants_over_random_orders_refunds_and_fee_changes(
    placed, refunded, items, fee, maker_share, new_fee, data
):
    cooperative = CooperativeFactory()
    maker = MakerFactory(cooperative=cooperative)
    services.terms_set(cooperative=cooperative, platform_fee_percent=fee,
                       maker_share_percent=maker_share, actor=None,
                       effective_from=timezone.now() - timedelta(days=1))
    order = placed(*[piece(maker, str(price)) for price, _quantity in items[:1]],
                   quantity=items[0][1])
    orders = [order] + [placed(piece(maker, str(price)), quantity=quantity)
                        for price, quantity in items[1:]]
    # The fee changes mid-way: lines sold before keep their percentages.
    services.terms_set(cooperative=cooperative, platform_fee_percent=new_fee,
                       maker_share_percent=maker_share, actor=None)
    for order in orders:
        line = order.lines.get()
        left = line.quantity
        for _step in range(data.draw(st.integers(min_value=0, max_value=3))):
            if not left:
                break
            quantity = data.draw(st.integers(min_value=1, max_value=left))
            refunded(line, quantity)
            left -= quantity
        entries = LedgerEntry.objects.filter(line=line)
        sale = entries.get(kind=EntryKind.SALE)
        assert sale.platform_fee_percent == fee
        net = sums(entries)
        # Every entry adds up, and what remains is the split of what stays paid.
        for entry in entries:
            assert entry.platform_fee + entry.cooperative_share + entry.maker_share == entry.gross
        kept = line.unit_price_incl_tax * left
        assert net == money.split(kept, platform_fee_percent=fee, maker_share_percent=maker_share)
        assert min(net.platform_fee, net.cooperative_share, net.maker_share) >= 0
        if left == 0:
            assert net.is_zero
    cooperative_total = sums(LedgerEntry.objects.filter(cooperative=cooperative))
    assert (cooperative_total.platform_fee + cooperative_total.cooperative_share
            + cooperative_total.maker_share) == cooperative_total.gross
