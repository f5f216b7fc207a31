"""A cached page in a real browser: its scripts run under the policy (the nonce in the body is
the one the header names) and its forms post with the visitor's own CSRF token."""

import re
import urllib.request

import pytest

from tests.factories import product_for_sale

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_cached_product_page_works_for_the_next_visitor(live_server, page):
    product = product_for_sale(title="Silver filigree cuff")
    url = live_server.url + product.get_absolute_url()
    with urllib.request.urlopen(url, timeout=30) as first:  # noqa: S310 (the live server)
        assert first.headers["X-Page-Cache"] == "stored"  # another visitor: the page is kept

    answer = page.goto(url)
    assert answer.headers["x-page-cache"] == "hit"
    # Her own CSRF token: adding to the basket works, and then her pages are her own.
    page.locator("form[action*='/basket/add/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("[data-basket-count]").first.get_attribute("data-basket-count") == "1"
    # The language switcher posts too, from a page now rendered for her.
    page.locator(".language-switcher--header button[value=ar]").click()
    page.wait_for_url(re.compile(r"/ar/shop/catalogue/"))
    assert page.evaluate("document.documentElement.dir") == "rtl"
