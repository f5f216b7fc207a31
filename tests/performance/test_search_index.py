"""Search and facets from an index (issue 14, item 3), the same on SQLite and PostgreSQL.

The search reads a full-text index (FTS5 on SQLite, GIN-indexed tsvectors on PostgreSQL) kept in
step by every edit; facet counts come from the products' facet keys. The suite runs on both
databases (DATABASE_URL), so each test here is a parity test. How fast is for `make bench`:
these tests assert what is found, what is counted and how many queries a page costs.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.search import product_search, search_texts_rebuild
from catalogue.selectors import BrowseFilters, product_browse, sellable_products
from catalogue.tasks import product_index_update
from tests.factories import CooperativeFactory, MakerFactory, product_for_sale

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Material = get_model("catalogue", "Material")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductFacet = get_model("catalogue", "ProductFacet")
ProductSearchText = get_model("catalogue", "ProductSearchText")


def found(query: str) -> set[int]:
    return set(product_search(sellable_products(), query).products.values_list("pk", flat=True))


def titles(result) -> list[str]:
    return [product.title for product in result.products]


@pytest.fixture
def shop():
    """Two cooperatives, three makers, jewelry and textiles in nested categories."""
    needle = CooperativeFactory(name="Gaziantep Needle", slug="gaziantep-needle")
    loom = CooperativeFactory(name="Mardin Loom", slug="mardin-loom")
    amina = MakerFactory(cooperative=needle, display_name="Amina", slug="amina")
    leyla = MakerFactory(cooperative=needle, display_name="Leyla", slug="leyla")
    hatice = MakerFactory(cooperative=loom, display_name="Hatice", slug="hatice")
    silver = Material.objects.get(slug="silver")
    cotton = Material.objects.get(slug="cotton")
    silk = Material.objects.get(slug="silk")
    necklaces = Category.objects.get(code="jewelry/necklaces")
    scarves = Category.objects.get(code="clothing/scarves-shawls")
    made = {}
    for key, title, maker, category, materials, price in (
        ("pendant", "Filigree rosette pendant", hatice, necklaces, [silver], "120"),
        ("chain", "Braided silver chain", hatice, necklaces, [silver], "80"),
        ("scarf", "Block-printed cotton scarf", amina, scarves, [cotton], "30"),
        ("shawl", "Indigo silk shawl", leyla, scarves, [silk], "90"),
        ("stole", "Silk and cotton stole", amina, scarves, [silk, cotton], "60"),
    ):
        product = product_for_sale(title=title, maker=maker, price=Decimal(price))
        product.materials.add(*materials)
        ProductCategory.objects.create(product=product, category=category)
        made[key] = product
    made.update(amina=amina, leyla=leyla, hatice=hatice, necklaces=necklaces, scarves=scarves)
    return made


def test_prefix_words_in_any_order_and_every_word_required(shop):
    assert found("silk") == {shop["shawl"].pk, shop["stole"].pk}
    assert found("sil") == {shop["shawl"].pk, shop["stole"].pk, shop["chain"].pk,
                            shop["pendant"].pk}  # "silk" and "silver" (its material)
    assert found("cotton silk") == {shop["stole"].pk}
    assert found("silk cotton") == {shop["stole"].pk}
    assert found("silk pendant") == set()


def test_index_syntax_in_a_query_is_only_words(shop):
    for query in ['"silk', "silk*", "silk OR cotton", "NEAR(silk cotton)", "{owner}: silk",
                  "silk:*", "silk & !cotton", "si'lk", "-silk", "silk^"]:
        # Each is read as its words; none is an error, and "OR" is a word like any other.
        product_search(sellable_products(), query).products.count()
    assert found("silk*") == found("silk") == found('"silk')
    assert found("silk:*") == found("silk")


def test_the_search_reads_the_full_text_index(shop):
    with CaptureQueriesContext(connection) as queries:
        assert found("indigo") == {shop["shawl"].pk}
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    operator = "@@" if connection.vendor == "postgresql" else "catalogue_productsearch_fts MATCH"
    assert operator in sql
    # The full-text index itself follows the search text: one entry per product.
    table = (
        "catalogue_productsearchtext WHERE tier3_words IS NOT NULL"
        if connection.vendor == "postgresql"
        else "catalogue_productsearch_fts"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (constant)
        assert cursor.fetchone()[0] == ProductSearchText.objects.count() == Product.objects.count()


def test_edits_reach_the_index_and_the_facets(shop):
    shawl = shop["shawl"]
    shawl.title = "Madder-dyed silk shawl"
    shawl.save()
    assert found("madder") == {shawl.pk}
    assert found("indigo") == set()
    shawl.materials.add(Material.objects.get(slug="cotton"))
    assert shawl.pk in found("cotton silk")
    shop["hatice"].is_archived = True
    shop["hatice"].save()
    assert found("pendant") == set()
    result = product_browse(filters=BrowseFilters())
    assert "Mardin Loom" not in {row["label"] for row in result.facets["cooperative"]}
    shop["scarf"].delete()
    assert found("block") == set()
    assert not ProductFacet.objects.filter(product_id=shop["scarf"].pk).exists()


def test_rebuilding_is_idempotent(shop):
    def state():
        keys = sorted(ProductFacet.objects.values_list(
            "product_id", "facet", "cooperative_id", "maker_id", "material_id", "category_id"))
        texts = sorted(ProductSearchText.objects.values_list("product_id", "primary", "owner"))
        return keys, texts, found("silk"), found("hatice"), found("mardin")

    before = state()
    product_index_update.enqueue([shop["stole"].pk, shop["pendant"].pk])
    product_index_update.enqueue([shop["stole"].pk, shop["pendant"].pk])
    search_texts_rebuild()
    assert state() == before


def test_facet_counts_equal_counting_the_products_themselves(shop):
    """The maintained keys give the counts a scan of the products would give."""
    filters = BrowseFilters(material="silk")
    result = product_browse(filters=filters)
    assert sorted(titles(result)) == ["Indigo silk shawl", "Silk and cotton stole"]
    silk = sellable_products().filter(materials__slug="silk")
    by_maker = dict(silk.values_list("maker__slug").annotate(count=Count("pk", distinct=True)))
    assert {row["value"]: row["count"] for row in result.facets["maker"]} == by_maker
    by_material: dict[str, int] = {}
    for product in sellable_products().prefetch_related("materials"):
        for material in product.materials.all():
            by_material[material.slug] = by_material.get(material.slug, 0) + 1
    # The material facet leaves its own filter out: every material, counted over every product.
    assert {row["value"]: row["count"] for row in result.facets["material"]} == by_material
    assert {row["value"]: row["count"] for row in result.facets["cooperative"]} == {
        "gaziantep-needle": 2}


def test_a_category_page_holds_the_goods_of_its_subcategories(shop):
    clothing = Category.objects.get(code="clothing")
    result = product_browse(filters=BrowseFilters(), category=clothing)
    assert sorted(titles(result)) == [
        "Block-printed cotton scarf", "Indigo silk shawl", "Silk and cotton stole"]
    result = product_browse(filters=BrowseFilters(query="silk"), category=clothing)
    assert sorted(titles(result)) == ["Indigo silk shawl", "Silk and cotton stole"]
    result = product_browse(filters=BrowseFilters(query="silver"), category=clothing)
    assert titles(result) == []


def test_search_ranks_title_and_category_above_the_cooperative(shop):
    loom_towel = product_for_sale(
        title="Striped towel", description="Woven beside the silk looms.", maker=shop["hatice"])
    result = product_browse(filters=BrowseFilters(query="silk", sort="relevance"))
    assert loom_towel.title not in titles(result)  # found by a better tier
    result = product_browse(filters=BrowseFilters(query="mardin", sort="relevance"))
    assert set(titles(result)) == {"Filigree rosette pendant", "Braided silver chain",
                                   "Striped towel"}


def _products(count: int, start: int = 0) -> None:
    cooperatives = [CooperativeFactory() for _ in range(2)]
    makers = [MakerFactory(cooperative=cooperatives[i % 2]) for i in range(4)]
    necklaces = Category.objects.get(code="jewelry/necklaces")
    silver = Material.objects.get(slug="silver")
    for number in range(start, start + count):
        product = product_for_sale(
            title=f"Silver filigree earrings no. {number}", maker=makers[number % 4],
            price=Decimal("20") + number,
        )
        product.materials.add(silver)
        ProductCategory.objects.create(product=product, category=necklaces)


def _queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


SEARCHES = {
    "catalogue search": ("catalogue:index", {"q": "filigree"}),
    "catalogue search and filters": (
        "catalogue:index", {"q": "silver earrings", "material": "silver", "in_stock": "on"}),
    "catalogue typo": ("catalogue:index", {"q": "filigre"}),
    "catalogue facets": ("catalogue:index", {"material": "silver", "price_min": "10"}),
    "site search": ("site-search", {"q": "filigree"}),
}


def test_search_and_facet_queries_are_the_same_at_10_and_200_products(client):
    def measure() -> dict[str, int]:
        counts = {}
        for name, (url_name, params) in SEARCHES.items():
            url = reverse(url_name)
            # First: per-process caches (header, the vocabulary of "did you mean").
            client.get(url, params)
            counts[name] = _queries(client, url, params)
        return counts

    _products(10)
    small = measure()
    _products(190, start=10)
    assert measure() == small, "queries per page with 10 products, then with 200"
