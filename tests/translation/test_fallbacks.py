"""The catalogue in the reader's language (issue 13, item 1 and "Bad input"): a translation where
there is one, otherwise the original, never an empty string; the maker's own words quoted as
she wrote them with the translation beside; the editing forms show every language."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from tests.factories import MakerFactory, product_for_sale

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def in_language(language: str, url_name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(url_name, kwargs=kwargs)


def test_product_page_reads_in_the_language_with_fallback_to_the_original(client):
    product = product_for_sale(
        title="Filigree rosette pendant",
        title_tr="Telkari gül kolye ucu",
        description="<p>Petals of twisted wire.</p>",
        care_instructions="Polish gently.",
        care_instructions_ar="لمّعيها برفق.",
    )
    url = product.get_absolute_url()
    tr = page(client, url.replace("/en/", "/tr/"))
    assert "Telkari gül kolye ucu" in tr
    assert "Petals of twisted wire." in tr  # no Turkish description: the original
    ar = page(client, url.replace("/en/", "/ar/"))
    assert "Filigree rosette pendant" in ar  # no Arabic title: the original, not ""
    assert "لمّعيها برفق." in ar
    assert "Polish gently." not in ar


def test_the_original_language_comes_before_english():
    product = product_for_sale(
        title="Cushion (English translation)",
        title_tr="Yastık (her own words)",
        original_language="tr",
    )
    product.title_en = "Cushion (English translation)"
    with translation.override("ar"):
        assert product.title == "Yastık (her own words)"
    with translation.override("en"):
        assert product.title == "Cushion (English translation)"


def test_a_text_in_only_one_language_is_never_empty():
    product = product_for_sale(title_ar="وشاح", title="")
    product.title_en = None
    for language in ("en", "tr", "ar"):
        with translation.override(language):
            assert product.title == "وشاح"


def test_category_page_filters_and_navigation_in_turkish_and_arabic(client):
    necklaces = Category.objects.get(code="jewelry/necklaces")
    product = product_for_sale(title="Pendant")
    ProductCategory.objects.create(product=product, category=necklaces)
    with translation.override("tr"):
        tr_url = necklaces.get_absolute_url()
    html = page(client, tr_url)
    assert "Kolyeler" in html and "Takı" in html  # heading, breadcrumbs, header navigation
    response = client.get(in_language("tr", "catalogue:index"))
    labels = {row["label"] for row in response.context["facets"]["category"]}
    assert labels == {"Kolyeler"}
    response = client.get(in_language("ar", "catalogue:index"))
    assert {row["label"] for row in response.context["facets"]["category"]} == {"قلادات"}
    assert "مجوهرات" in response.content.decode()


def test_materials_filter_options_are_translated(client):
    product = product_for_sale(title="Pendant")
    product.materials.add(get_model("catalogue", "Material").objects.get(slug="silver"))
    response = client.get(in_language("ar", "catalogue:index"))
    assert {row["label"] for row in response.context["facets"]["material"]} == {"فضة"}
    response = client.get(in_language("tr", "catalogue:index"))
    assert {row["label"] for row in response.context["facets"]["material"]} == {"Gümüş"}


def test_her_words_are_quoted_as_written_with_the_translation_beside(client):
    maker = MakerFactory(
        story_tr="Nakışı annemden öğrendim.",
        story_en="I learned embroidery from my mother.",
        original_language="tr",
        consent_show_story=True,
    )
    html = page(client, in_language("en", "cooperatives:maker-detail", slug=maker.slug))
    assert "Nakışı annemden öğrendim." in html  # her words, always
    assert "I learned embroidery from my mother." in html  # the translation, beside
    assert html.index("Nakışı annemden") < html.index("I learned embroidery")
    html = page(client, in_language("tr", "cooperatives:maker-detail", slug=maker.slug))
    assert "Nakışı annemden öğrendim." in html
    assert "I learned embroidery from my mother." not in html


def test_cooperative_summary_in_the_language(client):
    maker = MakerFactory()
    cooperative = maker.cooperative
    cooperative.summary_ar = "نساء يطرّزن معًا."
    cooperative.save()
    html = page(client, in_language("ar", "cooperatives:cooperative-detail", slug=cooperative.slug))
    assert "نساء يطرّزن معًا." in html


@pytest.mark.parametrize(
    ("path", "landing"),
    [
        ("/xx/", "/en/"),
        ("/xx/shop/catalogue/", "/en/shop/catalogue/"),
        ("/zz-qq/stories/", "/en/stories/"),
        ("/en-xx/", "/en/"),
    ],
)
def test_an_unknown_language_prefix_falls_back_to_the_same_page(client, path, landing):
    """The same page in the visitor's language (here English); more in
    tests/i18n/test_unknown_prefix.py, the 404 for a page the shop lacks among them."""
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == landing


def test_dashboard_product_form_edits_every_language():
    from dashboard.catalogue.forms import ProductForm

    fields = ProductForm.Meta.fields
    for name in ("title", "description", "care_instructions", "technique"):
        assert {f"{name}_en", f"{name}_tr", f"{name}_ar"} <= set(fields)
        assert name not in fields
    assert "original_language" in fields


def test_approved_listing_is_recorded_in_her_language(settings):
    from workspace.models import Listing
    from workspace.services.products import product_from_listing

    maker = MakerFactory(original_language="ar")
    listing = Listing.objects.create(
        cooperative=maker.cooperative,
        maker=maker,
        title="وشاح مطرز",
        description="طرّزته في الشتاء.",
        category=Category.objects.get(code="clothing/scarves-shawls"),
        price=Decimal("30"),
        quantity=1,
    )
    with translation.override("en"):  # the coordinator approves from an English workspace
        product = product_from_listing(listing)
    product.refresh_from_db()
    assert product.original_language == "ar"
    assert product.title_ar == "وشاح مطرز" and not product.title_en
    with translation.override("en"):
        assert product.title == "وشاح مطرز"
