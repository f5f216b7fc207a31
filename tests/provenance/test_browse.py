"""Catalogue browsing from the database: filters, facets and sorting, as a shopper uses them."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import CooperativeFactory, MakerFactory, product_for_sale

pytestmark = pytest.mark.django_db

Material = get_model("catalogue", "Material")


@pytest.fixture
def shop():
    gaziantep = CooperativeFactory(name="Gaziantep Needle", slug="gaziantep-needle")
    mardin = CooperativeFactory(name="Mardin Silver", slug="mardin-silver")
    amina = MakerFactory(cooperative=gaziantep, display_name="Amina", slug="amina")
    hatice = MakerFactory(cooperative=mardin, display_name="Hatice", slug="hatice")
    silver, _ = Material.objects.get_or_create(slug="silver", defaults={"name": "Silver"})
    cotton, _ = Material.objects.get_or_create(slug="cotton", defaults={"name": "Cotton"})
    cushion = product_for_sale(title="Pomegranate cushion", maker=amina, price=Decimal("40"))
    cushion.materials.add(cotton)
    earrings = product_for_sale(title="Filigree earrings", maker=hatice, price=Decimal("95"))
    earrings.materials.add(silver)
    scarf = product_for_sale(title="Olive scarf", maker=amina, price=Decimal("25"), num_in_stock=0)
    scarf.materials.add(cotton)
    return {"amina": amina, "hatice": hatice, "cushion": cushion, "earrings": earrings,
            "scarf": scarf}


def titles(response):
    return [product.title for product in response.context["products"]]


def test_filter_by_cooperative_shows_only_its_goods_and_counts_the_others(client, shop):
    response = client.get(reverse("catalogue:index"), {"cooperative": "mardin-silver"})
    assert titles(response) == ["Filigree earrings"]
    cooperatives = {row["label"]: row["count"] for row in response.context["facets"]["cooperative"]}
    assert cooperatives == {"Gaziantep Needle": 2, "Mardin Silver": 1}


def test_filter_by_maker_material_and_price(client, shop):
    url = reverse("catalogue:index")
    assert sorted(titles(client.get(url, {"maker": "amina"}))) == [
        "Olive scarf", "Pomegranate cushion"]
    assert titles(client.get(url, {"material": "silver"})) == ["Filigree earrings"]
    assert titles(client.get(url, {"price_min": "30", "price_max": "60"})) == [
        "Pomegranate cushion"]
    assert titles(client.get(url, {"in_stock": "on", "maker": "amina"})) == [
        "Pomegranate cushion"]


def test_sorting_by_price(client, shop):
    url = reverse("catalogue:index")
    assert titles(client.get(url, {"sort": "price-low"})) == [
        "Olive scarf", "Pomegranate cushion", "Filigree earrings"]
    assert titles(client.get(url, {"sort": "price-high"}))[0] == "Filigree earrings"


def test_bad_filter_values_keep_the_page_and_say_what_was_wrong(client, shop):
    response = client.get(reverse("catalogue:index"), {"price_min": "abc", "sort": "nonsense"})
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert response.context["form"].errors


def test_products_of_archived_makers_and_drafts_are_not_listed(client, shop):
    shop["hatice"].is_archived = True
    shop["hatice"].save()
    shop["scarf"].is_public = False
    shop["scarf"].save()
    assert titles(client.get(reverse("catalogue:index"))) == ["Pomegranate cushion"]


def test_search_words_match_maker_and_cooperative_names(client, shop):
    url = reverse("catalogue:index")
    assert titles(client.get(url, {"q": "hatice"})) == ["Filigree earrings"]
    assert sorted(titles(client.get(url, {"q": "needle"}))) == [
        "Olive scarf", "Pomegranate cushion"]
