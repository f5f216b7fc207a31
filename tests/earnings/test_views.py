"""Who sees what: a member her own earnings, a coordinator her cooperative's and its payouts,
staff everything; another cooperative's ledger, payout or CSV is a 404. Also the product
page's price breakdown and the impact figures, both from the ledger's own numbers."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from earnings import selectors, services
from earnings.models import Payout
from tests.earnings.conftest import piece
from tests.factories import CooperativeFactory, MakerFactory, UserFactory
from workspace.models import Coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold(maker, placed, shipped):
    other = MakerFactory(cooperative=maker.cooperative, display_name="Zehra")
    orders = [placed(piece(maker, "50.00", title="Kilim cushion")),
              placed(piece(other, "20.00", title="Tea towel"))]
    for order in orders:
        shipped(order.lines.get(), days_ago=30)
    return orders


@pytest.fixture
def other_cooperative_payout(placed, shipped):
    cooperative = CooperativeFactory()
    maker = MakerFactory(cooperative=cooperative)
    shipped(placed(piece(maker, "10.00")).lines.get(), days_ago=30)
    today = timezone.localdate()
    return services.payout_run(cooperative=cooperative, actor=None, bank_reference="OTHER",
                               period_start=today - timedelta(days=60), period_end=today).payout


def test_a_member_sees_her_own_earnings_only(client, member_user, sold):
    client.force_login(member_user)
    response = client.get("/en/workspace/earnings/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kilim cushion" in html and "Tea towel" not in html
    assert response.context["totals"].earned == Decimal("36.00")  # 50 − 10 % = 45; 80 % = 36
    assert "<svg" in html and "earnings-chart__owed" in html
    csv_response = client.get("/en/workspace/earnings/earnings.csv")
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
    assert [row["piece"] for row in rows] == ["Kilim cushion"]
    assert "cooperative_share" not in rows[0]


def test_a_member_cannot_see_payouts(client, member_user, sold):
    client.force_login(member_user)
    assert client.post("/en/workspace/earnings/payouts/", {}).status_code == 404


def test_a_coordinator_sees_each_maker_and_runs_a_payout(client, coordinator_user, sold):
    client.force_login(coordinator_user)
    html = client.get("/en/workspace/earnings/").content.decode()
    assert "Ayşe" in html and "Zehra" in html and "Run a payout" in html
    assert "PRIVATE" not in html
    today = timezone.localdate()
    response = client.post("/en/workspace/earnings/payouts/", {
        "period_start": (today - timedelta(days=40)).isoformat(),
        "period_end": today.isoformat(), "bank_reference": "EFT-77",
    }, follow=True)
    payout = Payout.objects.get()
    assert response.redirect_chain[-1][0] == f"/en/workspace/earnings/payouts/{payout.pk}/"
    assert payout.amount == Decimal("63.00") and payout.created_by == coordinator_user
    assert "Payout recorded" in response.content.decode()
    # The same period again: nothing changes, and she is told so.
    again = client.post("/en/workspace/earnings/payouts/", {
        "period_start": (today - timedelta(days=40)).isoformat(),
        "period_end": today.isoformat(), "bank_reference": "EFT-78",
    }, follow=True)
    assert "paid already" in again.content.decode() and Payout.objects.count() == 1


def test_a_refused_payout_says_why(client, coordinator_user, sold):
    client.force_login(coordinator_user)
    today = timezone.localdate()
    response = client.post("/en/workspace/earnings/payouts/", {
        "period_start": today.isoformat(), "period_end": today.isoformat(),
    })
    assert response.status_code == 200
    assert "give its reference" in response.content.decode()
    response = client.post("/en/workspace/earnings/payouts/", {
        "period_start": (today + timedelta(days=1)).isoformat(),
        "period_end": (today + timedelta(days=2)).isoformat(), "bank_reference": "X",
    })
    assert "today at the latest" in response.content.decode()
    assert not Payout.objects.exists()


def test_another_cooperatives_payout_and_csv_are_a_404(client, coordinator_user, sold,
                                                        other_cooperative_payout):
    client.force_login(coordinator_user)
    pk = other_cooperative_payout.pk
    assert client.get(f"/en/workspace/earnings/payouts/{pk}/").status_code == 404
    assert client.get(f"/en/workspace/earnings/payouts/{pk}/csv/").status_code == 404
    rows = client.get("/en/workspace/earnings/earnings.csv").content.decode()
    assert other_cooperative_payout.reference not in rows
    assert "T0" in rows  # her own orders are there


def test_a_coordinator_of_another_cooperative_sees_none_of_this_ledger(client, sold):
    stranger = UserFactory(username="stranger")
    Coordinator.objects.create(user=stranger, cooperative=CooperativeFactory())
    client.force_login(stranger)
    response = client.get("/en/workspace/earnings/")
    assert response.context["totals"].earned == Decimal("0.00")
    assert "Ayşe" not in response.content.decode()


def test_the_earnings_page_reads_right_to_left_in_arabic(client, member_user, sold):
    client.force_login(member_user)
    html = client.get("/ar/workspace/earnings/").content.decode()
    assert 'dir="rtl"' in html
    chart = client.get("/ar/workspace/earnings/").context["chart"]
    # The latest month stands at the reading start, the right.
    assert chart.bars[-1].x < chart.bars[0].x


def test_staff_reports_by_month_category_cooperative_and_maker(client, sold):
    staff = UserFactory(username="staff", is_staff=True)
    assert client.get("/en/dashboard/earnings/reports/").status_code == 302
    client.force_login(staff)
    for kind in ("month", "category", "cooperative", "maker"):
        response = client.get(f"/en/dashboard/earnings/reports/?by={kind}")
        assert response.status_code == 200, kind
        total = sum(row["gross"] for row in response.context["rows"])
        assert total == Decimal("70.00"), kind
    exported = client.get("/en/dashboard/earnings/reports/?by=maker&format=csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert {row["name"] for row in rows} == {"Ayşe", "Zehra"}
    assert {row["owed"] for row in rows} == {"45.00", "18.00"}  # both shares, unpaid
    assert client.get("/en/dashboard/earnings/payouts/").status_code == 200


def test_a_coordinator_is_not_staff_for_the_reports(client, coordinator_user):
    client.force_login(coordinator_user)
    assert client.get("/en/dashboard/earnings/reports/").status_code == 302


def test_the_product_page_shows_where_the_money_goes(client, maker):
    services.terms_set(cooperative=maker.cooperative, platform_fee_percent=Decimal("12.5"),
                       maker_share_percent=Decimal("75"), actor=None)
    product = piece(maker, "9.99")
    html = client.get(product.get_absolute_url()).content.decode()
    split = selectors.price_breakdown(price=Decimal("9.99"), currency="EUR",
                                      cooperative=maker.cooperative)
    assert (split.maker, split.cooperative, split.platform) == (
        Decimal("6.56"), Decimal("2.18"), Decimal("1.25"))
    assert "Where your money goes" in html
    assert "€6.56 goes to Ayşe, €2.18 to her cooperative and €1.25 to Ortak" in html
    assert "€4.90" in html  # standard shipping under the free threshold


def test_impact_figures_come_from_the_ledger_and_refresh_when_it_changes(
    client, sold, coordinator_user, django_capture_on_commit_callbacks
):
    figures = client.get("/en/").context["earnings_impact"]
    assert figures["paid_to_makers"] == Decimal("0.00") and figures["makers_sold"] == 2
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        services.payout_run(cooperative=sold[0].lines.get().cooperative, actor=None,
                            bank_reference="EFT-1", period_start=today - timedelta(days=60),
                            period_end=today)
    response = client.get("/en/")
    assert response.context["earnings_impact"]["paid_to_makers"] == Decimal("50.40")
    assert "€50.40" in response.content.decode()
    cooperative_page = client.get(sold[0].lines.get().cooperative.get_absolute_url())
    assert "€50.40" in cooperative_page.content.decode()
