"""Bad input in every language (issue 13, "Bad input"): a search of only punctuation, only
diacritics or 500 characters answers normally in English, Turkish and Arabic; text of the other
direction typed into a search field, and shown back, keeps its own direction."""

import pytest

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    "!!!",
    "?.,;:«»",
    "…—–-/\\|",
    "\u064b \u064c \u064d",  # Arabic tanween marks alone, spaced
    "\u064e\u064f\u0650\u0651\u0652",  # harakat and shadda with no letter
    "\u0301",  # a combining acute accent alone
    "\u0301 \u0307\u0308",
    "ـــ",  # tatweel
    "x" * 500,
    "ş" * 500,
    "ع" * 500,
    ("İı " * 167)[:500],
]


@pytest.mark.parametrize("language", ["en", "tr", "ar"])
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_answer_normally_in_every_language(client, catalogue, language, query):
    for path in (f"/{language}/search/", f"/{language}/shop/catalogue/"):
        response = client.get(path, {"q": query})
        assert response.status_code == 200, (path, query)
        html = response.content.decode()
        assert f'<html lang="{language}"' in html


@pytest.mark.parametrize(
    ("language", "query"),
    [("en", "فضة"), ("tr", "فضة"), ("ar", "silver"), ("ar", "gümüş")],
)
def test_text_of_the_other_direction_is_isolated_where_it_is_shown_back(
    client, catalogue, language, query
):
    html = client.get(f"/{language}/search/", {"q": query}).content.decode()

    # Both search fields take their direction from what is typed in them...
    assert f'id="site-search-q" type="search" name="q" value="{query}" dir="auto"' in html
    page_field = f'id="search-page-q" type="search" name="q" value="{query}" maxlength="200"'
    assert f'{page_field} dir="auto"' in html
    # ...and the heading that repeats the query isolates it.
    heading = html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert f"<bdi>{query}</bdi>" in heading
