"""Site search, the stories feed and sitemap.xml."""

import xml.etree.ElementTree as ET  # noqa: S405 (our own responses)

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CooperativeFactory, MakerFactory, product_for_sale
from tests.stories.conftest import block, publish_story

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_search_finds_a_product_by_its_makers_name_and_shows_her(client, maker, products):
    response = client.get("/en/search/", {"q": "Halime"})
    assert response.status_code == 200
    results = response.context["results"]
    assert {p.title for p in results.products} == {"Pomegranate cushion", "Cypress table runner"}
    assert [m.display_name for m in results.makers] == ["Halime Demir"]
    html = response.content.decode()
    assert 'id="results-products"' in html and 'id="results-makers"' in html
    # The maker is shown on each product hit.
    assert html.count(f'href="{maker.get_absolute_url()}"') >= 3


def test_search_finds_a_story_by_its_words_and_groups_results(
    client, story_index, maker, fair_trade
):
    publish_story(
        story_index,
        title="Indigo at dawn",
        makers=[maker],
        body=[block("paragraph", "<p>The vats are fermented with madder and wheat bran.</p>")],
    )
    response = client.get("/en/search/", {"q": "fermented madder"})
    results = response.context["results"]
    assert [story.title for story in results.stories] == ["Indigo at dawn"]
    assert results.products == [] and results.makers == []
    html = response.content.decode()
    assert 'id="results-stories"' in html and "Indigo at dawn" in html

    pages = client.get("/en/search/", {"q": "prices"}).context["results"].pages
    assert [page.title for page in pages] == ["Fair trade"]


def test_search_finds_cooperatives(client):
    CooperativeFactory(name="Kilim Sisters", region="Mardin")
    results = client.get("/en/search/", {"q": "mardin"}).context["results"]
    assert [c.name for c in results.cooperatives] == ["Kilim Sisters"]


def test_search_never_matches_or_shows_private_fields(client, maker, products):
    for marker in ("PRIVATE-LEGAL-NAME-MARKER", "PRIVATE-PHONE-MARKER", "PRIVATE-ADDRESS-MARKER",
                   "PRIVATE-NATIONALITY-MARKER", "LEGAL-NAME"):
        response = client.get("/en/search/", {"q": marker})
        assert response.context["results"].total == 0
    html = client.get("/en/search/", {"q": "Halime"}).content.decode()
    assert "PRIVATE-" not in html


def test_search_respects_story_and_first_name_consent(client):
    MakerFactory(
        display_name="M.", first_name="Zeynep", consent_show_first_name=False,
        consent_show_story=False, story="weaves carpets in secret",
    )
    assert client.get("/en/search/", {"q": "Zeynep"}).context["results"].total == 0
    assert client.get("/en/search/", {"q": "secret"}).context["results"].total == 0


def test_search_handles_odd_input(client):
    for query in ("", "   ", '"', "*", "a" * 5000, "NOT", "OR AND", "(", "ü ğ ş", "'; --"):
        response = client.get("/en/search/", {"q": query})
        assert response.status_code == 200
    html = client.get("/en/search/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_search_writes_nothing(client, maker, products, story_index):
    publish_story(story_index, title="Indigo at dawn", makers=[maker])
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/search/", {"q": "Halime indigo"})
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(
        ("INSERT", "UPDATE", "DELETE"))]
    # Only the session may be written (a logged-out visitor has none).
    assert writes == []


def test_feed_is_valid_rss_listing_stories(client, story_index, maker):
    for n in range(3):
        publish_story(story_index, title=f"Story number {n}", makers=[maker])
    response = client.get("/en/stories/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314
    items = root.findall("./channel/item")
    assert len(items) == 3
    links = {item.findtext("link") for item in items}
    assert "http://testserver/en/stories/story-number-0/" in links
    assert client.get("/tr/stories/feed/").status_code == 200

    atom = client.get("/en/stories/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(atom.content).findall("{http://www.w3.org/2005/Atom}entry")  # noqa: S314
    assert len(entries) == 3


def test_sitemap_lists_pages_and_shop_pages_without_private_data(
    client, story_index, maker, products
):
    story = publish_story(story_index, title="Indigo at dawn", makers=[maker])
    hidden = product_for_sale(maker=maker, title="Not yet", slug="not-yet", is_public=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314
    locations = {url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")}
    assert f"http://testserver{story.url}" in locations
    assert "http://testserver/en/" in locations
    assert "http://testserver/tr/stories/indigo-at-dawn/" in locations
    assert f"http://testserver{products[0].get_absolute_url()}" in locations
    assert f"http://testserver{maker.get_absolute_url()}" in locations
    assert f"http://testserver{maker.cooperative.get_absolute_url()}" in locations
    assert not any(hidden.slug in location for location in locations)
    text = response.content.decode()
    assert "PRIVATE-" not in text and "image" not in text
