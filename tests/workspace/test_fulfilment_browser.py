"""A customer buys from two cooperatives in one order; each coordinator sends her own piece from
her workspace on a phone; the customer follows each parcel in her account and by email."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

# Checkout's private localstripe and its settings: the customer pays with a card.
from tests.checkout.conftest import _stripe_settings, localstripe_url  # noqa: F401
from tests.checkout.helpers import ADDRESS, CARD_OK, shipping_country
from tests.checkout.test_checkout_browser import fill_card
from tests.factories import UserFactory, product_for_sale
from workspace.models import Coordinator

from .test_workspace_browser import PASSWORD, PHONE, assert_accessible, sign_in

Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_cooperatives_ship_one_order_and_the_customer_follows_it(
    live_server, browser, screenshot_dir
):
    shipping_country()
    cushion = product_for_sale(title="Olive cushion", price=Decimal("39.00"))
    ring = product_for_sale(title="Silver ring", price=Decimal("48.00"))
    coordinators = {}
    for name, product in (("coordinator-a", cushion), ("coordinator-b", ring)):
        user = UserFactory(username=name, first_name=name.title())
        Coordinator.objects.create(user=user, cooperative=product.maker.cooperative)
        coordinators[name] = user
    UserFactory(username="clara", email="clara@example.org", first_name="Clara")
    base = live_server.url

    def shot(page, name):
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(screenshot_dir / f"fulfilment-{name}.png"), full_page=True)

    # The customer buys both pieces in one order, signed in, with a card.
    customer_context = browser.new_context(viewport=PHONE)
    her = customer_context.new_page()
    her.set_default_timeout(15_000)
    her.goto(f"{base}/en/shop/accounts/login/")
    her.fill("#id_login-username", "clara@example.org")
    her.fill("#id_login-password", PASSWORD)
    her.click("button[name=login_submit]")
    for product in (cushion, ring):
        her.goto(f"{base}{product.get_absolute_url()}")
        her.locator("#add_to_basket_form button[type=submit]").click()
        her.wait_for_load_state()
    her.goto(f"{base}/en/shop/checkout/")
    her.fill("#id_first_name", ADDRESS["first_name"])
    her.fill("#id_last_name", ADDRESS["last_name"])
    her.fill("#id_line1", ADDRESS["line1"])
    her.fill("#id_line4", ADDRESS["line4"])
    her.fill("#id_postcode", ADDRESS["postcode"])
    if her.locator("select#id_country").count():
        her.select_option("select#id_country", ADDRESS["country"])
    her.locator("form button[type=submit]").filter(has_text=re.compile("continue", re.I)) \
        .first.click()
    her.locator("form:has(input[name=method_code][value=standard]) button").click()
    her.wait_for_selector("input[placeholder=number]")
    fill_card(her, CARD_OK)
    her.click("#place-order")
    her.wait_for_url(re.compile(r"/checkout/thank-you/"))
    order = Order.objects.get()
    assert order.lines.count() == 2 and order.status == "Paid"
    mail.outbox.clear()

    # Coordinator A sends her piece with a tracking number.
    context_a = browser.new_context(viewport=PHONE)
    coordinator_a = context_a.new_page()
    sign_in(coordinator_a, base, "en", "coordinator-a")
    coordinator_a.goto(f"{base}/en/workspace/orders/")
    assert "Olive cushion" in coordinator_a.content()
    assert "Silver ring" not in coordinator_a.content()
    coordinator_a.click(f"a[href$='/workspace/orders/{order.number}/']")
    assert ADDRESS["line1"] in coordinator_a.content()
    assert_accessible(coordinator_a, "order to send")
    coordinator_a.select_option("select[name=carrier]", "dhl")
    coordinator_a.fill("input[name=tracking_number]", "JD014600003828")
    shot(coordinator_a, "1-coordinator-a-order")
    coordinator_a.click("form[action$='/ship/'] button[type=submit]")
    coordinator_a.wait_for_selector(".alert-success")
    shot(coordinator_a, "2-coordinator-a-sent")
    order.refresh_from_db()
    assert order.status == "Partly shipped"
    shipped_emails = [message for message in mail.outbox if "JD014600003828" in message.body]
    assert len(shipped_emails) == 1 and shipped_emails[0].to == ["clara@example.org"]
    assert "Olive cushion" in shipped_emails[0].body

    # The customer sees it in her account: partly shipped, with the tracking number.
    her.goto(f"{base}/en/shop/accounts/orders/{order.number}/")
    page_text = her.content()
    assert "Partly shipped" in page_text and "JD014600003828" in page_text
    shot(her, "3-customer-partly-shipped")

    # Coordinator B sees only her piece, and sends it.
    context_b = browser.new_context(viewport=PHONE)
    coordinator_b = context_b.new_page()
    sign_in(coordinator_b, base, "en", "coordinator-b")
    coordinator_b.goto(f"{base}/en/workspace/orders/{order.number}/")
    content = coordinator_b.content()
    assert "Silver ring" in content and "Olive cushion" not in content
    coordinator_b.select_option("select[name=carrier]", "ptt")
    coordinator_b.fill("input[name=tracking_number]", "KP123456789TR")
    coordinator_b.click("form[action$='/ship/'] button[type=submit]")
    coordinator_b.wait_for_selector(".alert-success")
    order.refresh_from_db()
    assert order.status == "Shipped"
    her.goto(f"{base}/en/shop/accounts/orders/{order.number}/")
    assert "KP123456789TR" in her.content()
    shot(her, "4-customer-shipped")
    for context in (customer_context, context_a, context_b):
        context.close()


@pytest.fixture
def screenshot_dir():
    from tests.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
