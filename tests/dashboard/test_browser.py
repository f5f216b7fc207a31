"""Shop staff in headless Chromium: Oscar's dashboard works with its own scripts (menus, tabs,
select2, the editor), a new product is put on sale from it, and a shopper finds it."""

import io
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from oscar.core.loading import get_model
from PIL import Image

from tests.factories import CooperativeFactory, MakerFactory, UserFactory, product_for_sale
from tests.provenance.test_rules import _place_order

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Product = get_model("catalogue", "Product")
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "a-long-test-password"  # tests.factories.UserFactory's


class Watcher:
    """What went wrong in the page: script errors, console errors, requests to other hosts."""

    def __init__(self, page, live_server_url):
        self.errors: list[str] = []
        self.foreign_requests: list[str] = []
        host = urlsplit(live_server_url).netloc
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.errors.append(f"{page.url}: console: {message.text}")
            ),
        )
        page.on(
            "request",
            lambda request: (
                urlsplit(request.url).scheme in ("http", "https")
                and urlsplit(request.url).netloc != host
                and self.foreign_requests.append(request.url)
            ),
        )


def shop_staff():
    user = UserFactory(username="selin", email="selin@example.com", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Shop staff")[0])
    return user


def sign_in(page, live_server, user, then: str, screenshot=None):
    """Through the dashboard's own sign-in page, where the dashboard sends a visitor."""
    page.goto(f"{live_server.url}{then}")
    page.wait_for_url(re.compile(r"/en/shop/dashboard/login/"))
    if screenshot:
        screenshot("dashboard-sign-in")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#dashboard_login_form [type=submit]").click()
    page.wait_for_url(re.compile(re.escape(then) + "$"))


def choose_in_select2(page, select_id: str, text: str):
    """Pick an option the way staff do: open Oscar's select2 box, type, click the match."""
    page.locator(f"#{select_id} + .select2-container").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def png(size=(120, 90), colour=(40, 70, 140)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_staff_put_a_new_product_on_sale_from_the_dashboard(live_server, page, screenshot):
    maker = MakerFactory(
        display_name="Zehra", cooperative=CooperativeFactory(partner__name="Mardin Weavers")
    )
    MakerFactory(
        display_name="Kamala", cooperative=CooperativeFactory(partner__name="Jaipur Printers")
    )
    staff = shop_staff()
    watcher = Watcher(page, live_server.url)
    page.set_viewport_size(DESKTOP)

    sign_in(page, live_server, staff, then="/en/shop/dashboard/", screenshot=screenshot)
    assert page.locator("link[href$='oscar/css/dashboard.css']").count() == 1
    assert page.evaluate("typeof window.jQuery") == "function"
    screenshot("dashboard-index")

    # The menus open (Bootstrap's dropdowns) and lead to the products.
    catalogue_menu = page.locator("#bottom_nav_bar .dropdown", has_text="Catalog")
    assert not catalogue_menu.locator(".dropdown-menu").is_visible()
    catalogue_menu.locator(".dropdown-toggle").click()
    products_item = catalogue_menu.locator(".dropdown-item", has_text="Products")
    products_item.wait_for(state="visible")
    screenshot("dashboard-menu-open")
    products_item.click()
    page.wait_for_url(re.compile(r"/en/shop/dashboard/catalogue/$"))

    choose_in_select2(page, "id_product_class", "Textile")
    page.locator("#create_product_with_class_form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/catalogue/products/create/textile/"))

    # Product details: title, the editor for the description, the maker and materials.
    page.locator("#id_title_en").fill("Indigo block-printed scarf")
    editor = page.frame_locator("#id_description_en_ifr").locator("body")
    editor.click()
    editor.press_sequentially("Printed by hand with carved wooden blocks.")
    choose_in_select2(page, "id_maker", "Zehra")
    choose_in_select2(page, "id_materials", "Silk")
    choose_in_select2(page, "id_materials", "Natural dyes")
    page.locator("#id_technique_en").fill("Block printing")
    materials_box = page.locator("#id_materials + .select2-container").bounding_box()
    technique_label = page.locator("label[for=id_technique_en]").bounding_box()
    assert materials_box["height"] < 120
    assert materials_box["y"] + materials_box["height"] <= technique_label["y"], "overlap"
    screenshot("dashboard-product-details")

    # Each section opens as a tab; the others close.
    for tab, pane in (
        ("Categories", "#product_category"),
        ("Images", "#product_images"),
        ("Stock and pricing", "#product_stock"),
    ):
        assert not page.locator(pane).is_visible(), pane
        page.locator("#product_update_tabs a", has_text=tab).click()
        page.locator(pane).wait_for(state="visible")
        assert not page.locator("#product_details").is_visible()

        if pane == "#product_category":
            choose_in_select2(page, "id_productcategory_set-0-category", "Household textiles")
        elif pane == "#product_images":
            page.locator("#id_images-0-original").set_input_files(
                {"name": "scarf.png", "mimeType": "image/png", "buffer": png()}
            )
            # Oscar's script previews the image and offers a slot for the next one.
            page.locator("#product_images img[src^='data:image/png']").first.wait_for()
        else:
            choose_in_select2(page, "id_stockrecords-0-partner", "Mardin Weavers")
            page.locator("#id_stockrecords-0-partner_sku").fill("MW-SCARF-1")
            page.locator("#id_stockrecords-0-num_in_stock").fill("4")
            page.locator("#id_stockrecords-0-price").fill("42.50")
        screenshot(f"dashboard-product-{pane.lstrip('#').replace('_', '-')}")

    page.locator("button[name=action][value=save]").click()
    page.wait_for_url(re.compile(r"/en/shop/dashboard/catalogue/(\?.*)?$"))
    screenshot("dashboard-product-saved")
    assert "Indigo block-printed scarf" in page.locator("table").first.inner_text()

    product = Product.objects.get(title="Indigo block-printed scarf")
    assert product.maker == maker
    assert {material.name for material in product.materials.all()} == {"Silk", "Natural dyes"}
    assert list(product.categories.values_list("slug", flat=True)) == ["household-textiles"]
    assert product.images.count() == 1
    record = product.stockrecords.get()
    assert (record.partner, record.price, record.num_in_stock) == (
        maker.cooperative.partner,
        Decimal("42.50"),
        4,
    )
    assert "wooden blocks" in product.description

    assert watcher.errors == []
    assert watcher.foreign_requests == []

    # A shopper finds it in the shop.
    page.goto(f"{live_server.url}/en/shop/catalogue/")
    assert page.locator(".site-header").count() == 1
    page.get_by_role("link", name=re.compile("Indigo block-printed scarf")).first.click()
    page.wait_for_url(re.compile(r"/en/shop/catalogue/indigo-block-printed-scarf"))
    assert page.get_by_role("heading", level=1).inner_text() == "Indigo block-printed scarf"
    assert "€42.50" in page.content()
    # The editor's HTML reads as plain paragraphs on the storefront.
    about = page.locator("section.prose", has_text="About this piece").inner_text()
    assert "Printed by hand with carved wooden blocks." in about and "<p>" not in about
    screenshot("dashboard-product-on-the-storefront")
    assert watcher.foreign_requests == []


def test_the_order_page_tabs_open(live_server, page, screenshot):
    order = _place_order(product_for_sale(title="Felted wool slippers", price=Decimal("31.00")))
    staff = shop_staff()
    watcher = Watcher(page, live_server.url)
    page.set_viewport_size(DESKTOP)

    sign_in(page, live_server, staff, then="/en/shop/dashboard/")
    page.locator("#bottom_nav_bar .dropdown-toggle", has_text="Fulfilment").click()
    page.locator("#bottom_nav_bar .dropdown-item", has_text="Orders").first.click()
    page.wait_for_url(re.compile(r"/en/shop/dashboard/orders/$"))
    page.get_by_role("link", name=order.number).first.click()
    page.wait_for_url(re.compile(rf"/orders/{order.number}/$"))
    assert "Felted wool slippers" in page.locator("#lines").inner_text()

    for tab in ("shipping", "payment", "notes"):
        page.locator(f'a[href="#{tab}"][data-toggle="tab"]').click()
        page.locator(f"#{tab}").wait_for(state="visible")
        assert not page.locator("#lines").is_visible()
    screenshot("dashboard-order-notes-tab")

    assert watcher.errors == []
    assert watcher.foreign_requests == []
