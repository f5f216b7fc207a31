"""A member sees her earnings chart on a 360-px phone; her coordinator runs a payout and
downloads its CSV: once in English and once in Arabic. axe-core checks each page, and the
screenshots (var/screenshots/earnings-*) are for a person to look at."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation
from oscar.core.loading import get_model

from earnings import services
from order import fulfilment
from tests.factories import (
    CooperativeFactory,
    MakerFactory,
    UserFactory,
    order_place,
    product_for_sale,
)
from tests.workspace.test_workspace_browser import PHONE, assert_accessible, sign_in
from workspace.models import Coordinator

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Order = get_model("order", "Order")
LineEvent = get_model("order", "LineEvent")


@pytest.fixture
def screenshot_dir():
    from tests.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def sold(product, *, days_ago: int, quantity: int = 1, deliver: bool = True):
    """A sale placed `days_ago`, sent two days later (the ledger records it on commit)."""
    with transaction.atomic():
        order = order_place(product, quantity=quantity)
        Order.objects.filter(pk=order.pk).update(
            date_placed=timezone.now() - timedelta(days=days_ago)
        )
    line = order.lines.get()
    fulfilment.shipment_create(order=order, lines=[line], carrier="ptt",
                               tracking_number=f"TRACK{line.pk:06d}", actor=None)
    if deliver:
        line.refresh_from_db()
        fulfilment.line_status_set(line=line, status=fulfilment.LineStatus.DELIVERED, actor=None)
    LineEvent.objects.filter(line=line).update(
        date_created=timezone.now() - timedelta(days=max(days_ago - 2, 0))
    )
    return order


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_member_sees_her_chart_coordinator_pays_out_and_downloads_the_csv(
    live_server, browser, screenshot_dir, lang
):
    cooperative = CooperativeFactory(name="Zeytin test cooperative")
    coordinator = UserFactory(username="coordinator", first_name="Hatice")
    Coordinator.objects.create(user=coordinator, cooperative=cooperative)
    member = UserFactory(username="amal", first_name="Amal")
    member.groups.add(Group.objects.get(name="Members"))
    amal = MakerFactory(cooperative=cooperative, user=member, display_name="Amal")
    nour = MakerFactory(cooperative=cooperative, display_name="Nour")
    services.terms_set(cooperative=cooperative, platform_fee_percent=Decimal("10"),
                       maker_share_percent=Decimal("80"), actor=coordinator,
                       effective_from=timezone.now() - timedelta(days=400))
    cushion = product_for_sale(maker=amal, title="Olive branch cushion", price=Decimal("42.00"),
                               num_in_stock=40)
    runner = product_for_sale(maker=amal, title="Table runner", price=Decimal("65.00"),
                              num_in_stock=40)
    scarf = product_for_sale(maker=nour, title="Silk scarf", price=Decimal("38.00"),
                             num_in_stock=40)
    for days_ago, product in [(300, cushion), (250, runner), (190, cushion), (160, scarf),
                              (130, runner), (95, cushion), (70, scarf), (40, runner),
                              (33, cushion), (20, scarf), (5, cushion)]:
        sold(product, days_ago=days_ago)
    # Earlier months were paid already; the last ones are owed.
    today = timezone.localdate()
    services.payout_run(cooperative=cooperative, actor=coordinator, bank_reference="EFT-OLD",
                        period_start=today - timedelta(days=365),
                        period_end=today - timedelta(days=100))
    base = live_server.url

    def phone():
        context = browser.new_context(viewport=PHONE, locale="ar" if lang == "ar" else "en-GB",
                                      accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        return context, page, errors

    def shot(page, name):
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(screenshot_dir / f"earnings-{lang}-{name}.png"), full_page=True)

    # The member: her chart, her pieces, her table.
    member_context, her, her_errors = phone()
    sign_in(her, base, lang, "amal")
    her.goto(f"{base}/{lang}/workspace/earnings/")
    chart = her.locator("svg.earnings-chart__svg")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] <= PHONE["width"]
    assert her.locator(".earnings-chart__paid").count() >= 3
    assert her.locator(".earnings-chart__owed").count() >= 1
    assert "Nour" not in her.content() and "Silk scarf" not in her.content()
    assert her.locator(".earnings-bars__name", has_text="Olive branch cushion").is_visible()
    # Nothing overflows the phone's width, in either direction.
    assert her.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(her, "member earnings")
    shot(her, "member")
    assert not her_errors
    member_context.close()

    # The coordinator: every maker, then a payout by bank transfer, then its CSV.
    context, page, errors = phone()
    sign_in(page, base, lang, "coordinator")
    page.goto(f"{base}/{lang}/workspace/earnings/")
    assert page.locator(".earnings-bars__name", has_text="Nour").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, "coordinator earnings")
    shot(page, "coordinator")
    page.fill("input[name=period_start]", (today - timedelta(days=99)).isoformat())
    page.fill("input[name=period_end]", today.isoformat())
    page.fill("input[name=bank_reference]", "EFT-2026-12")
    page.click(".earnings-payout-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/{lang}/workspace/earnings/payouts/\d+/$"))
    assert "EFT-2026-12" in page.content()
    assert_accessible(page, "payout")
    shot(page, "payout")
    with page.expect_download() as download_info:
        page.click("[data-testid=payout-csv]")
    rows = list(csv.DictReader(io.StringIO(
        download_info.value.path().read_text(encoding="utf-8"))))
    assert {row["maker"] for row in rows} == {"Amal", "Nour"}
    assert all(row["reference"] == "EFT-2026-12" for row in rows)
    # Everything sent since the last payout (95 to 20 days ago); the piece sold 5 days ago
    # waits until it has been sent 14 days.
    assert sum(Decimal(row["gross"]) for row in rows) == Decimal("225.00")
    assert not errors
    context.close()

    # The product page says where the money goes, at 360 px.
    context, page, errors = phone()
    with translation.override(lang):
        page.goto(f"{base}{cushion.get_absolute_url()}")
    assert page.locator("[data-testid=money-split]").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator(".money-split").screenshot(
        path=str(screenshot_dir / f"earnings-{lang}-product-split.png"))
    context.close()
