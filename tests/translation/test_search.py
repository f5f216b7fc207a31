"""Search in every language (issue 13): Turkish folding, Arabic normalisation, plurals and
stems, a typo, ranking of title and category above the cooperative's name, "did you mean", and
every word the search box's hint suggests finds something."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from catalogue.search import product_search
from catalogue.selectors import sellable_products
from shop.search_text import fold, query_words
from stories.search import site_search

pytestmark = pytest.mark.django_db


def found(query: str) -> set[int]:
    return set(product_search(sellable_products(), query).products.values_list("pk", flat=True))


def test_folding_is_turkish_and_arabic_aware():
    assert fold("GÜMÜŞ") == fold("gümüş") == "gumus"
    assert fold("İSTANBUL") == fold("ıstanbul") == fold("Istanbul") == "istanbul"
    assert fold("فِضَّة") == fold("فضة") == fold("فضـــة") == "فضه"
    assert fold("أوشحة") == fold("اوشحه") == fold("إوشحة")
    assert query_words("scarves") == query_words("scarf") == ["scarf"]
    assert query_words("eşarplar") == query_words("Eşarp") == ["esarp"]
    assert query_words("الشالات") == query_words("شال")


def test_scarves_finds_the_scarves_and_the_shawls_not_the_kimono(catalogue):
    expected = {catalogue["scarf"].pk, catalogue["shawl"].pk}
    assert found("scarves") == expected
    assert found("scarf") == expected
    assert found("Scarves & shawls") == expected


def test_silver_finds_the_silver_not_the_towels_of_the_silver_cooperative(catalogue):
    assert found("silver") == {catalogue["pendant"].pk}
    # Her cooperative's name still finds its goods when nothing else does.
    zeytin = {catalogue[name].pk for name in ("scarf", "shawl", "kimono")}
    assert found("Zeytin") == zeytin


@pytest.mark.parametrize("query", ["فضة", "الفضة", "فِضَّة", "فضـة", "gümüş", "GÜMÜŞ", "gumus"])
def test_silver_in_arabic_and_turkish(catalogue, query):
    assert found(query) == {catalogue["pendant"].pk}


@pytest.mark.parametrize("query", ["eşarplar", "Eşarp", "ŞAL", "şallar", "أوشحة", "شالات", "وشاح"])
def test_scarves_in_turkish_and_arabic(catalogue, query):
    assert catalogue["scarf"].pk in found(query) or catalogue["shawl"].pk in found(query)
    assert catalogue["kimono"].pk not in found(query)


def test_a_typo_still_finds_and_offers_did_you_mean(catalogue):
    search = product_search(sellable_products(), "silvr")
    assert search.corrected and search.suggestion == "silver"
    assert set(search.products.values_list("pk", flat=True)) == {catalogue["pendant"].pk}
    search = product_search(sellable_products(), "pendent")
    assert catalogue["pendant"].pk in set(search.products.values_list("pk", flat=True))


def test_did_you_mean_is_shown_on_the_search_page_and_the_catalogue(client, catalogue):
    response = client.get(reverse("site-search"), {"q": "shawel"})
    assert response.status_code == 200
    assert response.context["results"].suggestion == "shawl"
    assert "shawl" in response.content.decode()
    response = client.get(reverse("catalogue:index"), {"q": "shawel"})
    assert response.context["suggestion"] == "shawl"
    assert [p.pk for p in response.context["products"]] != []


def test_title_and_category_rank_above_description(client, catalogue):
    response = client.get(reverse("site-search"), {"q": "silk"})
    products = response.context["results"].products
    assert products, "silk finds the shawl and the kimono"


def hint_words(language: str, message: str) -> list[str]:
    with translation.override(language):
        text = gettext(message)
    text = text.split(":", 1)[-1]
    # The sentence around the words: "Search …" in English, "ابحث عن …", "… arayın" in Turkish.
    parts = [part.strip(" .…") for part in re.split(r"[,،(–—)]", text)]
    words = [re.sub(r"^(Search|ابحث عن)\s+|\s+arayın$", "", part) for part in parts]
    return [word for word in words if word and len(word.split()) <= 2]


@pytest.mark.parametrize("language", ["en", "tr", "ar"])
def test_every_word_the_search_box_hint_suggests_finds_something(catalogue, language):
    words = hint_words(language, "Search scarves, silver, makers…")
    assert len(words) == 3, words
    for word in words:
        with translation.override(language):
            assert site_search(query=word).total, f"{word!r} ({language}) finds nothing"


@pytest.mark.parametrize("language", ["en", "tr", "ar"])
def test_the_empty_results_suggestions_find_something(catalogue, language):
    message = (
        "Nothing matched. Try another word — a craft (embroidery, weaving), a material (silk, "
        "silver) or a place."
    )
    with translation.override(language):
        text = gettext(message)
    inside = re.findall(r"\(([^)]*)\)", text)
    words = [word.strip() for group in inside for word in re.split(r"[,،]", group)]
    assert len(words) == 4, words
    for word in words:
        with translation.override(language):
            assert site_search(query=word).total, f"{word!r} ({language}) finds nothing"


@pytest.mark.parametrize(
    "query",
    ["!!!", "?.,;:«»", "\u064e\u064f\u0650\u0651", "ـــ", "x" * 500, "ş" * 500,
     "عربي " * 100],
)
def test_odd_queries_answer_without_an_error(client, catalogue, query):
    """(How fast is for `make bench`; a NUL byte is a 400, tests/hardening/test_bad_input.py.)"""
    response = client.get(reverse("site-search"), {"q": query})
    assert response.status_code == 200
    response = client.get(reverse("catalogue:index"), {"q": query})
    assert response.status_code == 200
