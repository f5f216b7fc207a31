"""A guest buys in a real browser: headless Chromium, the live test server, and localstripe's
Stripe.js card field (plain inputs named by their placeholders)."""

import re
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from checkout import gateway
from tests.checkout.helpers import ADDRESS, CARD_3DS, CARD_DECLINED, CARD_OK, shipping_country
from tests.factories import product_for_sale

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def to_payment_page(page, live_server, screenshot, name: str):
    shipping_country()
    product = product_for_sale(title="Embroidered cushion", price=Decimal("24.00"),
                               num_in_stock=3)
    page.goto(f"{live_server.url}{product.get_absolute_url()}")
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(f"{live_server.url}/en/shop/basket/")
    page.get_by_role("link", name=re.compile("checkout", re.I)).first.click()
    page.fill("#id_username", "guest@example.com")
    page.check("input[name=options][value=anonymous]")
    page.locator("form button[type=submit]").filter(has_text=re.compile("continue", re.I)) \
        .first.click()
    screenshot(f"{name}-0-address")
    page.fill("#id_first_name", ADDRESS["first_name"])
    page.fill("#id_last_name", ADDRESS["last_name"])
    page.fill("#id_line1", ADDRESS["line1"])
    page.fill("#id_line4", ADDRESS["line4"])
    page.fill("#id_postcode", ADDRESS["postcode"])
    if page.locator("select#id_country").count():  # hidden when only one country is offered
        page.select_option("select#id_country", ADDRESS["country"])
    page.locator("form button[type=submit]").filter(has_text=re.compile("continue", re.I)) \
        .first.click()
    screenshot(f"{name}-1-shipping-method")
    page.locator("form:has(input[name=method_code][value=standard]) button").click()
    page.wait_for_selector("input[placeholder=number]")
    return product


def fill_card(page, number: str):
    page.fill("input[placeholder=number]", number)
    page.fill("input[placeholder=exp_month]", "12")
    page.fill("input[placeholder=exp_year]", "34")
    page.fill("input[placeholder=cvc]", "123")
    page.fill("input[placeholder=postal_code]", "10115")


def test_guest_buys_with_a_card(page, live_server, screenshot):
    to_payment_page(page, live_server, screenshot, "checkout-ok")
    fill_card(page, CARD_OK)
    screenshot("checkout-ok-2-payment")

    page.click("#place-order")
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))

    order = Order.objects.get()
    assert order.number in page.content()
    screenshot("checkout-ok-3-thank-you")
    intent = gateway.payment_intent_retrieve(order.sources.get().reference)
    assert (intent.status, intent.amount) == ("succeeded", 2890)

    # Later, on another device: the guest finds her order by its number and email.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/shop/checkout/track/")
    page.get_by_label("Order number").fill(order.number)
    page.get_by_label("Email address you ordered with").fill("guest@example.com")
    page.get_by_role("button", name="Find my order").click()
    page.wait_for_url(re.compile(r"/order-status/"))
    assert "Embroidered cushion" in page.content()
    screenshot("checkout-ok-4-order-status")


def test_declined_card_shows_the_error_and_keeps_the_basket(page, live_server, screenshot):
    to_payment_page(page, live_server, screenshot, "checkout-declined")
    fill_card(page, CARD_DECLINED)

    page.click("#place-order")
    error = page.locator("#payment-error")
    error.wait_for(state="visible")

    assert "declined" in error.inner_text().lower()
    screenshot("checkout-declined-2-error")
    assert not Order.objects.exists()
    basket = Basket.objects.get()
    assert basket.status == "Open" and basket.num_items == 1
    # Another card on the same page then goes through.
    fill_card(page, CARD_OK)
    page.click("#place-order")
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))
    assert Order.objects.count() == 1


def test_3d_secure_is_completed_in_the_dialog(page, live_server, screenshot):
    to_payment_page(page, live_server, screenshot, "checkout-3ds")
    fill_card(page, CARD_3DS)

    page.click("#place-order")
    # localstripe asks once when the card is set up and once for the payment.
    complete = page.get_by_role("button", name="Complete authentication")
    for _ in range(2):
        try:
            complete.wait_for(timeout=10_000)
        except Exception:  # noqa: BLE001 - the dialog may come only once
            break
        screenshot("checkout-3ds-2-dialog")
        complete.click()
        if re.search(r"/checkout/thank-you/", page.url):
            break
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))

    order = Order.objects.get()
    assert order.number in page.content()
    screenshot("checkout-3ds-3-thank-you")
