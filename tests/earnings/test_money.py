"""The arithmetic of the ledger, over random prices, percentages and refunds (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from earnings import money

prices = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("99999.99"), places=2)
percents = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=2)


@given(gross=prices, fee=percents, maker=percents)
def test_the_three_parts_always_add_up_to_the_gross(gross, fee, maker):
    parts = money.split(gross, platform_fee_percent=fee, maker_share_percent=maker)
    assert parts.platform_fee + parts.cooperative_share + parts.maker_share == gross
    for part in (parts.platform_fee, parts.cooperative_share, parts.maker_share):
        assert part >= 0
        assert part == part.quantize(money.CENT)


@given(gross=prices, fee=percents, maker=percents, data=st.data())
def test_partial_refunds_in_any_steps_leave_the_split_of_what_stays_paid(gross, fee, maker, data):
    percentages = {"platform_fee_percent": fee, "maker_share_percent": maker}
    sale = money.split(gross, **percentages)
    reversed_so_far = money.NOTHING
    refunded = Decimal("0.00")
    steps = data.draw(st.lists(prices, max_size=6))
    for step in steps:
        refunded = min(gross, refunded + step)
        due = money.reversal_due(gross=gross, refunded_total=refunded,
                                 already_reversed=reversed_so_far, **percentages)
        # Each reversing entry is itself a split that adds up.
        assert due.platform_fee + due.cooperative_share + due.maker_share == due.gross
        reversed_so_far = reversed_so_far + due
        net = sale + reversed_so_far
        assert net == money.split(gross - refunded, **percentages)
        assert min(net.platform_fee, net.cooperative_share, net.maker_share) >= 0
    # Refunding whatever is left always brings the line to exactly zero.
    due = money.reversal_due(gross=gross, refunded_total=gross,
                             already_reversed=reversed_so_far, **percentages)
    assert (sale + reversed_so_far + due).is_zero


def test_one_rounding_rule_half_up():
    assert money.cents(Decimal("0.005")) == Decimal("0.01")
    assert money.cents(Decimal("2.675")) == Decimal("2.68")
    parts = money.split(Decimal("9.99"), platform_fee_percent=Decimal("12.5"),
                        maker_share_percent=Decimal("75"))
    assert parts == money.Split(Decimal("9.99"), Decimal("1.25"), Decimal("2.18"),
                                Decimal("6.56"))


def test_a_refund_larger_than_the_sale_is_refused():
    with pytest.raises(ValueError, match="more than was paid"):
        money.reversal_due(gross=Decimal("10.00"), refunded_total=Decimal("10.01"),
                           already_reversed=money.NOTHING, platform_fee_percent=Decimal(10),
                           maker_share_percent=Decimal(80))
