"""Two looks, one per audience: the storefront's pages stay inside the shop's base template,
Oscar's dashboard keeps Oscar's own (jQuery, Bootstrap, select2, its editor), and neither loads
a script or a stylesheet from another host."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import UserFactory, product_for_sale

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")

SHOP_HEADER = 'class="site-header"'
SHOP_STYLESHEET = "css/ortak.css"
OSCAR_JQUERY = "oscar/js/jquery/jquery.min.js"
DASHBOARD_ASSETS = (
    OSCAR_JQUERY,
    "oscar/js/bootstrap4/bootstrap.bundle.min.js",
    "oscar/js/select2/select2.min.js",
    "oscar/js/tinymce/tinymce.min.js",
    "oscar/js/oscar/dashboard.js",
    "oscar/css/dashboard.css",
)
# Links whose target the browser fetches and runs or applies as the page loads.
FETCHED_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "shortcut", "manifest"}


class _Assets(HTMLParser):
    """The URLs of the scripts, stylesheets, icons and inline style imports of a page."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])
        elif tag == "link" and attributes.get("href"):
            rels = set((attributes.get("rel") or "").lower().split())
            if rels & FETCHED_LINK_RELS:
                self.urls.append(attributes["href"])
        elif tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += re.findall(r"""@import\s+(?:url\()?["']?([^"')\s;]+)""", data)


def asset_urls(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return parser.urls


def external(urls, host="testserver") -> list[str]:
    """URLs that name another host (an absolute or protocol-relative URL)."""
    return [url for url in urls if urlsplit(url).netloc not in ("", host)]


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def product():
    product = product_for_sale(title="Indigo block-printed scarf")
    product.categories.add(Category.objects.get(slug="household-textiles", depth=1))
    return product


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get_or_create(name="Shop staff")[0])
    client.force_login(staff)
    return client


def storefront_pages(client, product) -> dict[str, str]:
    """Each kind of storefront page, by name, as an anonymous shopper then a customer sees it."""
    pages = {
        "home": get(client, "/en/"),
        "catalogue": get(client, "/en/shop/catalogue/"),
        "category": get(client, product.categories.get().get_absolute_url()),
        "product": get(client, product.get_absolute_url()),
        "search": get(client, "/en/shop/search/?q=scarf"),
        "sign-in": get(client, "/en/shop/accounts/login/"),
        "order tracking": get(client, reverse("checkout:track-order")),
    }
    pages["basket, empty"] = get(client, "/en/shop/basket/")
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert response.status_code == 302
    pages["basket"] = get(client, "/en/shop/basket/")
    pages["checkout start"] = get(client, reverse("checkout:index"))

    not_found = client.get("/en/shop/catalogue/no-such-piece_999999/")
    assert not_found.status_code == 404
    pages["not found"] = not_found.content.decode()

    client.force_login(UserFactory())
    pages["account"] = get(client, reverse("customer:profile-view"))
    pages["account orders"] = get(client, reverse("customer:order-list"))
    pages["account addresses"] = get(client, reverse("customer:address-list"))
    return pages


def dashboard_pages(client) -> dict[str, str]:
    """The dashboard's index and every page its menus link to."""
    index = get(client, reverse("dashboard:index"))
    pages = {reverse("dashboard:index"): index}
    links = set(re.findall(r'href="(/en/shop/dashboard/[^"#?]*)"', index))
    links.add(
        reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": "textile"})
    )
    for url in sorted(links - set(pages)):
        pages[url] = get(client, url)
    return pages


def test_storefront_pages_keep_the_shops_base_template(client, product):
    for name, html in storefront_pages(client, product).items():
        assert SHOP_HEADER in html, name
        assert SHOP_STYLESHEET in html, name
        assert 'class="site-footer"' in html, name
        # Oscar's own storefront look stays out.
        assert "oscar/css/styles.css" not in html, name
        assert "bootstrap" not in html, name


def test_the_dashboard_has_oscars_base_template_and_scripts(staff_client):
    html = get(staff_client, reverse("dashboard:index"))
    for asset in DASHBOARD_ASSETS:
        assert asset in html, asset
    assert "oscar.dashboard.init(" in html
    assert SHOP_HEADER not in html
    assert SHOP_STYLESHEET not in html


def test_the_product_form_has_every_section_and_materials_in_a_select(staff_client):
    html = get(
        staff_client,
        reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": "textile"}),
    )
    for section in ("product_details", "product_category", "product_images", "product_stock"):
        assert f'href="#{section}" data-toggle="tab"' in html, section
        assert f'id="{section}"' in html, section
    # A multiple select, which Oscar's dashboard script turns into a select2 box.
    assert re.search(r'<select name="materials"[^>]*multiple', html)
    assert 'type="checkbox" name="materials"' not in html


def test_no_page_loads_a_script_or_stylesheet_from_another_host(client, product):
    # A superuser, so the menus link to every part of the dashboard.
    superuser = Client()
    superuser.force_login(UserFactory(is_staff=True, is_superuser=True))
    pages = {**storefront_pages(client, product), **dashboard_pages(superuser)}
    assert len(pages) > 30
    for name, html in pages.items():
        urls = asset_urls(html)
        assert urls, name
        assert not external(urls), (name, external(urls))
