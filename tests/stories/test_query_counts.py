"""Pages cost a fixed number of queries, however many stories, makers and products there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MakerFactory, product_for_sale
from tests.stories.conftest import block, make_image, publish_story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rendered_not_cached(settings):
    """The counts of rendering each page, as a signed-in visitor or the first anonymous one
    gets it; a cached page costs none (tests/performance/test_page_cache.py)."""
    settings.PAGE_CACHE_SECONDS = 0


def count_queries(client, url, **params):
    client.get(url, params)  # warm caches that every page shares (site root, navigation)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def add_stories(story_index, count, start=0):
    for n in range(start, start + count):
        maker = MakerFactory(display_name=f"Weaver {n}")
        products = [product_for_sale(maker=maker, title=f"Kilim {n}-{i}") for i in range(2)]
        image = make_image(f"Hero {n}")
        publish_story(
            story_index,
            title=f"Searchable loom story {n}",
            makers=[maker],
            products=products,
            hero_image=image,
            body=[
                block("paragraph", "<p>A loom story.</p>"),
                block("image", {"image": image.pk, "caption": "Warp", "attribution": ""}),
                block("quote", {"quote": "Mine.", "maker": maker.pk, "attribution": ""}),
                block("products", {"heading": "", "products": [p.pk for p in products]}),
                block("maker", {"maker": maker.pk, "text": ""}),
            ],
        )


@pytest.fixture
def grown(client, story_index):
    """Counts for each page with 2 stories, then with 10: they must be the same."""

    def measure(url_for, **params):
        add_stories(story_index, 2)
        small = count_queries(client, url_for(), **params)
        add_stories(story_index, 8, start=2)
        large = count_queries(client, url_for(), **params)
        print(f"QUERIES {url_for()} {params}: 2 stories {small}, 10 stories {large}")
        return small, large

    return measure


def test_story_index_queries_do_not_grow(grown, django_assert_max_num_queries, client):
    small, large = grown(lambda: "/en/stories/")
    assert small == large
    with django_assert_max_num_queries(20):
        client.get("/en/stories/")


def test_home_page_queries_do_not_grow(grown, django_assert_max_num_queries, client):
    small, large = grown(lambda: "/en/")
    assert small == large
    with django_assert_max_num_queries(35):
        client.get("/en/")


def test_story_page_queries_do_not_grow(grown, django_assert_max_num_queries, client):
    small, large = grown(lambda: "/en/stories/searchable-loom-story-0/")
    assert small == large
    with django_assert_max_num_queries(45):
        client.get("/en/stories/searchable-loom-story-0/")


def test_search_queries_do_not_grow(django_assert_max_num_queries, client, story_index):
    # "weaver" finds makers and their products; "loom" finds every story.
    add_stories(story_index, 2)
    small = [count_queries(client, "/en/search/", q=q) for q in ("weaver", "loom")]
    add_stories(story_index, 8, start=2)
    large = [count_queries(client, "/en/search/", q=q) for q in ("weaver", "loom")]
    print(f"QUERIES search weaver/loom: 2 stories {small}, 10 stories {large}")
    assert small == large
    with django_assert_max_num_queries(30):
        response = client.get("/en/search/", {"q": "loom"})
    assert len(response.context["results"].stories) == 10


def test_product_page_stories_cost_a_fixed_number_of_queries(client, story_index):
    maker = MakerFactory()
    product = product_for_sale(maker=maker)
    publish_story(story_index, title="First", makers=[maker])
    first = count_queries(client, product.get_absolute_url())
    publish_story(story_index, title="Second", makers=[maker], products=[product])
    publish_story(story_index, title="Third", products=[product])
    assert count_queries(client, product.get_absolute_url()) == first
