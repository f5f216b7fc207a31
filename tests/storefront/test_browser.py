"""The storefront in headless Chromium: Arabic mirrors, small screens do not scroll sideways,
keyboard users can skip the header, filters fold away on phones, and the language switcher keeps
the visitor on the same page."""

import re

import pytest

from tests.factories import product_for_sale

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_arabic_mirrors_the_header_and_the_product_page(live_server, page, screenshot):
    product = product_for_sale(title="Mirror-work tote")
    for language, rtl in (("en", False), ("ar", True)):
        page.goto(f"{live_server.url}/{language}/shop/catalogue/")
        assert page.evaluate("getComputedStyle(document.documentElement).direction") == (
            "rtl" if rtl else "ltr"
        )
        wordmark, basket = box(page, ".wordmark"), box(page, ".basket-link")
        # The wordmark starts the line: on the left in English, on the right in Arabic.
        assert (wordmark["x"] > basket["x"]) is rtl
        screenshot(f"storefront-catalogue-{language}")

    page.goto(live_server.url + product.get_absolute_url().replace("/en/", "/ar/", 1))
    provenance = page.locator(".provenance")
    band = provenance.evaluate("e => getComputedStyle(e).borderRightWidth")
    assert band == "5px"  # border-inline-start lands on the right in Arabic
    screenshot("storefront-product-ar")


@pytest.mark.parametrize("width", [360, 390])
def test_small_screens_never_scroll_sideways(live_server, page, width):
    product = product_for_sale(title="A rather long product title for a small phone screen")
    page.set_viewport_size({"width": width, "height": 800})
    for url in (
        "/ar/shop/catalogue/",
        product.get_absolute_url(),
        product.maker.get_absolute_url(),
        product.maker.cooperative.get_absolute_url(),
        "/en/cooperatives/",
        "/en/shop/basket/",
    ):
        page.goto(live_server.url + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"


def test_skip_link_takes_keyboard_users_to_the_content(live_server, page):
    product_for_sale()
    page.goto(live_server.url + "/en/shop/catalogue/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    assert box(page, ".skip-link")["y"] >= 0  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_filters_fold_away_on_phones_and_stay_open_on_wide_screens(live_server, page):
    product_for_sale()
    page.goto(live_server.url + "/en/shop/catalogue/")
    assert page.locator("details.filters").evaluate("e => e.open") is False
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/en/shop/catalogue/")
    assert page.locator("details.filters").evaluate("e => e.open") is True


def test_language_switcher_keeps_the_visitor_on_the_same_product(live_server, page):
    product = product_for_sale(title="Silver filigree cuff")
    page.goto(live_server.url + product.get_absolute_url())
    page.locator(".language-switcher--header button[value=ar]").click()
    page.wait_for_url(re.compile(r"/ar/shop/catalogue/"))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "Silver filigree cuff"
