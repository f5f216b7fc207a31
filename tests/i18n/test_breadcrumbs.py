"""Breadcrumbs draw every page between the home page and the one being read, in the reader's
language, each linking under the reader's own prefix (issue 13, item 2): stories and
fair-trade pages (Wagtail), categories and products (Oscar)."""

import re
from html import unescape

import pytest
from oscar.core.loading import get_model
from wagtail.models import Locale

from stories.models import HomePage, InfoPage, StoryIndexPage
from tests.factories import product_for_sale
from tests.stories.conftest import publish_story

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

HOME = {"tr": "Ana sayfa", "ar": "الرئيسية"}
SHOP = {"tr": "Mağaza", "ar": "المتجر"}


def breadcrumbs(client, url: str) -> list[tuple[str, str | None]]:
    """(text, href) of each crumb, in order; href None for the current page."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
    assert nav, f"no breadcrumbs on {url}"
    crumbs = []
    for item in re.findall(r"<li[^>]*>(.*?)</li>", nav.group(0), re.S):
        link = re.search(r'href="([^"]*)"', item)
        text = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item))).strip()
        crumbs.append((text, link.group(1) if link else None))
    return crumbs


def translate(page, language: str, strings: dict):
    from stories.demo_translations import _translate

    _translate(page, Locale.objects.get(language_code=language), strings)


WORDS = {
    "tr": {
        "Stories": "Hikâyeler",
        "Indigo at dawn": "Şafakta çivit",
        "Fair trade": "Adil ticaret",
        "Our principles": "İlkelerimiz",
    },
    "ar": {
        "Stories": "قصص",
        "Indigo at dawn": "النيلة عند الفجر",
        "Fair trade": "التجارة العادلة",
        "Our principles": "مبادئنا",
    },
}


@pytest.fixture
def pages():
    """A translated story, an untranslated one, and a fair-trade page under its section, with
    the home page, the story index and the section translated as the demo translates them."""
    home = HomePage.objects.get(locale__language_code="en")
    index = StoryIndexPage.objects.child_of(home).get(slug="stories")
    fair_trade = InfoPage.objects.child_of(home).get(slug="fair-trade")
    story = publish_story(index, title="Indigo at dawn", lead="Indigo is slow.")
    publish_story(index, title="Untranslated tale", lead="Only in English.")
    principles = InfoPage(title="Our principles", slug="principles", intro="Ten of them.")
    fair_trade.add_child(instance=principles)
    principles.save_revision().publish()
    for language, words in WORDS.items():
        for page in (home, index, story, fair_trade, principles):
            translate(page, language, words)
    return {"story": story}


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_a_story_shows_home_stories_and_its_title(client, pages, language):
    words = WORDS[language]
    assert breadcrumbs(client, f"/{language}/stories/indigo-at-dawn/") == [
        (HOME[language], f"/{language}/"),
        (words["Stories"], f"/{language}/stories/"),
        (words["Indigo at dawn"], None),
    ]


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_an_untranslated_story_names_its_parents_in_the_reader_language(client, pages, language):
    assert breadcrumbs(client, f"/{language}/stories/untranslated-tale/") == [
        (HOME[language], f"/{language}/"),
        (WORDS[language]["Stories"], f"/{language}/stories/"),
        ("Untranslated tale", None),
    ]


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_a_fair_trade_page_shows_its_section(client, pages, language):
    words = WORDS[language]
    assert breadcrumbs(client, f"/{language}/fair-trade/principles/") == [
        (HOME[language], f"/{language}/"),
        (words["Fair trade"], f"/{language}/fair-trade/"),
        (words["Our principles"], None),
    ]


def test_english_breadcrumbs_stay_english(client, pages):
    assert breadcrumbs(client, "/en/fair-trade/principles/") == [
        ("Home", "/en/"),
        ("Fair trade", "/en/fair-trade/"),
        ("Our principles", None),
    ]


@pytest.fixture
def necklace():
    """A product in Jewelry › Necklaces (names in tr and ar from the migrations)."""
    product = product_for_sale(
        title="Filigree rosette pendant",
        title_tr="Telkari gül kolye ucu",
        title_ar="قلادة وردة مخرّمة",
    )
    ProductCategory.objects.create(
        product=product, category=Category.objects.get(code="jewelry/necklaces")
    )
    return product


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_a_category_shows_the_shop_and_its_parent(client, language):
    necklaces = Category.objects.get(code="jewelry/necklaces")
    jewelry = necklaces.get_parent()
    with_language = f"/{language}/shop/catalogue/category/"
    crumbs = breadcrumbs(client, f"{with_language}{necklaces.full_slug}_{necklaces.pk}/")
    assert crumbs == [
        (HOME[language], f"/{language}/"),
        (SHOP[language], f"/{language}/shop/catalogue/"),
        (getattr(jewelry, f"name_{language}"), f"{with_language}{jewelry.full_slug}_{jewelry.pk}/"),
        (getattr(necklaces, f"name_{language}"), None),
    ]


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_a_product_shows_the_shop_its_categories_and_its_title(client, necklace, language):
    necklaces = Category.objects.get(code="jewelry/necklaces")
    jewelry = necklaces.get_parent()
    with_language = f"/{language}/shop/catalogue/category/"
    crumbs = breadcrumbs(client, f"/{language}/shop/catalogue/{necklace.slug}_{necklace.pk}/")
    assert crumbs == [
        (HOME[language], f"/{language}/"),
        (SHOP[language], f"/{language}/shop/catalogue/"),
        (getattr(jewelry, f"name_{language}"), f"{with_language}{jewelry.full_slug}_{jewelry.pk}/"),
        (
            getattr(necklaces, f"name_{language}"),
            f"{with_language}{necklaces.full_slug}_{necklaces.pk}/",
        ),
        (getattr(necklace, f"title_{language}"), None),
    ]
