"""A shopper follows a piece back to its maker: catalogue → filter by cooperative → product →
the maker's page → another of her pieces."""

import re
from decimal import Decimal

import pytest

from tests.factories import CooperativeFactory, MakerFactory, product_for_sale

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_catalogue_to_maker_and_her_other_work(live_server, page, screenshot):
    mardin = CooperativeFactory(name="Mardin Telkari Women", slug="mardin-telkari")
    gaziantep = CooperativeFactory(name="Gaziantep Needle Circle", slug="gaziantep-needle")
    hatice = MakerFactory(cooperative=mardin, display_name="Hatice", slug="hatice")
    product_for_sale(title="Filigree drop earrings", maker=hatice, price=Decimal("86"))
    product_for_sale(title="Filigree ring", maker=hatice, price=Decimal("54"))
    product_for_sale(
        title="Embroidered pouch",
        maker=MakerFactory(cooperative=gaziantep, display_name="Amina", slug="amina"),
    )

    page.goto(live_server.url + "/en/shop/catalogue/")
    assert "Embroidered pouch" in page.content()
    page.goto(live_server.url + "/en/shop/catalogue/?cooperative=mardin-telkari")
    screenshot("provenance-filtered")
    assert "Embroidered pouch" not in page.content()

    page.get_by_role("link", name=re.compile("Filigree drop earrings")).first.click()
    page.wait_for_url(re.compile(r"/catalogue/filigree-drop-earrings"))
    made_by = page.locator("text=Mardin Telkari Women").first
    assert made_by.is_visible()
    screenshot("provenance-product")

    page.get_by_role("link", name="Hatice").first.click()
    page.wait_for_url(re.compile(r"/en/makers/hatice/"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hatice")
    screenshot("provenance-maker")

    page.get_by_role("link", name=re.compile("Filigree ring")).first.click()
    page.wait_for_url(re.compile(r"/catalogue/filigree-ring"))
    assert page.get_by_role("heading", level=1).inner_text() == "Filigree ring"
