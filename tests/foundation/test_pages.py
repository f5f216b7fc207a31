"""The main pages render the shop's goods, the basket takes them, and the number of SQL queries
per page stays fixed however large the catalogue grows."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import CooperativeFactory, MakerFactory, product_for_sale

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")


def jewelry():
    return Category.objects.get(slug="jewelry", depth=1)


def make_products(count, start=0):
    cooperatives = [CooperativeFactory() for _ in range(2)]
    makers = [MakerFactory(cooperative=cooperatives[i % 2]) for i in range(4)]
    products = []
    for number in range(start, start + count):
        product = product_for_sale(
            title=f"Silver filigree earrings no. {number}",
            maker=makers[number % 4],
            price=Decimal("20") + number,
        )
        product.categories.add(jewelry())
        products.append(product)
    return products


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def test_home_page_shows_new_goods_and_the_header(client):
    product = make_products(3)[0]
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert product.title in html
    assert "Jewelry" in html  # header categories


def test_category_page_lists_its_goods_with_their_makers(client):
    products = make_products(3)
    response = client.get(jewelry().get_absolute_url())
    html = response.content.decode()
    for product in products:
        assert product.title in html
        assert product.maker.public_name in html


def test_product_page_shows_price_and_who_made_it(client):
    product = make_products(1)[0]
    html = client.get(product.get_absolute_url()).content.decode()
    assert product.title in html
    assert "€20.00" in html
    assert product.maker.public_name in html
    assert product.maker.cooperative.name in html
    assert product.maker.get_absolute_url() in html


def test_adding_to_the_basket_shows_it_in_the_basket(client):
    product = make_products(1)[0]
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2}, follow=True
    )
    assert response.status_code == 200
    basket_page = client.get(reverse("basket:summary")).content.decode()
    assert product.title in basket_page
    assert response.wsgi_request.basket.num_items == 2


PAGES = {
    "home": lambda products: "/en/",
    "catalogue": lambda products: reverse("catalogue:index"),
    "category": lambda products: jewelry().get_absolute_url(),
    "product": lambda products: products[0].get_absolute_url(),
    "maker": lambda products: products[0].maker.get_absolute_url(),
    "cooperative": lambda products: products[0].maker.cooperative.get_absolute_url(),
}
# Ceilings measured on this code; a change that needs more should say why.
QUERY_CEILINGS = {
    "home": 20, "catalogue": 20, "category": 22, "product": 22, "maker": 16, "cooperative": 16,
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_queries_per_page_do_not_grow_with_the_catalogue(client, page, settings):
    # The page as rendered (signed in, a basket, the first visitor); a cached page costs no
    # query at all (tests/performance/test_page_cache.py).
    settings.PAGE_CACHE_SECONDS = 0
    products = make_products(10)
    client.get(PAGES[page](products))  # warm per-process caches (header, content types)
    small, _ = count_queries(client, PAGES[page](products))

    make_products(190, start=10)
    client.get(PAGES[page](products))  # warm again: new products make the cached header stale
    large, _ = count_queries(client, PAGES[page](products))

    assert large == small, f"{page}: {small} queries with 10 products, {large} with 200"
    assert small <= QUERY_CEILINGS[page], f"{page}: {small} queries"


def test_basket_queries_do_not_grow_with_its_lines(client):
    products = make_products(6)

    def basket_queries(count):
        for product in products[:count]:
            client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
        queries, response = count_queries(client, reverse("basket:summary"))
        for product in products[:count]:
            assert product.maker.public_name in response.content.decode()
        return queries

    one = basket_queries(1)
    client.cookies.clear()
    six = basket_queries(6)
    assert six <= one, f"{one} queries for one line, {six} for six"


def test_a_prolific_makers_page_shows_24_pieces_and_links_to_the_rest(client):
    maker = MakerFactory(slug="prolific")
    for number in range(30):
        product_for_sale(title=f"Bead necklace {number}", maker=maker)
    response = client.get(maker.get_absolute_url())
    assert len(response.context["products"]) == 24
    assert f'{reverse("catalogue:index")}?maker=prolific' in response.content.decode()
