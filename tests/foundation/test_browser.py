"""A shopper in headless Chromium: home page → a product → into the basket."""

import re
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from tests.factories import product_for_sale

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Category = get_model("catalogue", "Category")


def test_home_to_product_to_basket(live_server, page, screenshot):
    product = product_for_sale(title="Pomegranate cushion cover", price=Decimal("38.00"))
    product.categories.add(Category.objects.get(slug="household-textiles", depth=1))

    page.goto(live_server.url + "/en/")
    screenshot("foundation-home")
    page.get_by_role("link", name=re.compile("Pomegranate cushion cover")).first.click()
    page.wait_for_url(re.compile(r"/en/shop/catalogue/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Pomegranate cushion cover"
    assert "€38.00" in page.content()
    screenshot("foundation-product")

    page.get_by_role("button", name=re.compile("Add to (basket|cart)", re.I)).click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/en/shop/basket/")
    assert "Pomegranate cushion cover" in page.content()
    screenshot("foundation-basket")
