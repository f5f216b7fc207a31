"""Shop staff ship one cooperative's pieces from Oscar's dashboard in Chromium, and the customer
follows the parcel on her guest order page."""

import re

import pytest

from tests.dashboard.test_browser import DESKTOP, Watcher, shop_staff, sign_in
from tests.factories import product_for_sale
from tests.fulfilment.conftest import order_place

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_ship_from_the_dashboard_and_the_customer_follows_the_parcel(
    live_server, page, screenshot
):
    first = product_for_sale(title="Telkari pendant")
    second = product_for_sale(title="Silver ring", maker=first.maker)
    other = product_for_sale(title="Mirror-work pouch")
    order = order_place(first, second, other)
    lines = {line.product_id: line for line in order.lines.all()}
    watcher = Watcher(page, live_server.url)
    page.set_viewport_size(DESKTOP)

    detail = f"/en/shop/dashboard/orders/{order.number}/"
    sign_in(page, live_server, shop_staff(), then=detail)
    for product in (first, second):
        page.locator(f'input[name="selected_line"][value="{lines[product.pk].pk}"]').check()
    page.locator("#shipping_event_check").check()
    page.locator("#shipping_event_type_select").select_option("shipped")
    page.locator("#carrier_select").select_option("yurtici")
    page.locator("#reference_input").fill("YK-2026-0042")
    page.get_by_role("button", name="Go!").click()
    page.wait_for_url(re.compile(re.escape(detail) + "$"))

    assert "Shipping event created" in page.content()
    history = page.locator("#fulfilment-history").inner_text()
    assert "YK-2026-0042" in history and "Telkari pendant" in history
    screenshot("fulfilment-dashboard-shipped")

    page.context.clear_cookies()
    keys = f"{order.number}/{order.verification_hash()}/"
    page.goto(f"{live_server.url}/en/shop/accounts/order-status-form/{keys}")
    page.locator("#id_email").fill("guest@example.com")
    page.locator("#id_email").press("Enter")
    page.wait_for_url(re.compile(re.escape(f"/en/shop/accounts/order-status/{keys}") + "$"))
    text = page.locator(".order-summary").inner_text()
    assert "Partly shipped" in text
    links = page.get_by_role("link", name="YK-2026-0042")
    assert links.count() == 2  # one parcel, shown with each of its two pieces
    assert links.first.get_attribute("href").startswith("https://www.yurticikargo.com/")
    assert lines[other.pk].title in text
    screenshot("fulfilment-guest-order-page")
    assert watcher.errors == []
