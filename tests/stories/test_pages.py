"""The page types render, link both ways with the shop, and survive what editors and the shop do
to the things they link to."""

import json

import pytest
from django.urls import reverse

from stories.models import StoryPage
from tests.factories import MakerFactory
from tests.stories.conftest import block, publish_story

pytestmark = pytest.mark.django_db


def test_home_page_shows_hero_products_stories_and_real_impact_figures(
    client, story_index, products, maker
):
    publish_story(story_index, title="Threads of the Euphrates", makers=[maker])
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Made by women" in html
    assert "Pomegranate cushion" in html
    assert "Threads of the Euphrates" in html
    impact = response.context["impact"]
    assert impact == {"makers": 1, "cooperatives": 1, "items_sold": 0}


def test_story_index_and_story_page_render(client, story_index, maker, products, image):
    story = publish_story(
        story_index,
        title="Threads of the Euphrates",
        makers=[maker],
        products=products,
        hero_image=image,
        body=[
            block("paragraph", "<p>She learnt <b>tatreez</b> from her grandmother.</p>"),
            block("quote", {"quote": "Each stitch is a place.", "maker": maker.pk}),
            block("image", {"image": image.pk, "caption": "Her frame", "attribution": ""}),
            block(
                "gallery",
                {
                    "images": [
                        {"image": image.pk, "caption": "One", "attribution": ""},
                        {"image": image.pk, "caption": "Two", "attribution": ""},
                    ]
                },
            ),
            block("products", {"heading": "Her pieces", "products": [p.pk for p in products]}),
            block("maker", {"maker": maker.pk, "text": "She runs the dye workshop."}),
        ],
    )
    index_html = client.get("/en/stories/").content.decode()
    assert "Threads of the Euphrates" in index_html
    response = client.get(story.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert story.url == "/en/stories/threads-of-the-euphrates/"
    for text in ("tatreez", "Each stitch is a place.", "Her frame", "Her pieces",
                 "She runs the dye workshop.", "Pomegranate cushion", "Halime Demir"):
        assert text in html
    assert '<meta property="og:image" content="http://testserver/media/images/' in html
    assert '<meta property="og:image:width" content="1200">' in html
    canonical = "http://testserver/en/stories/threads-of-the-euphrates/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert "PRIVATE-" not in html
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "Article" and data["headline"] == "Threads of the Euphrates"
    assert data["about"] == [{"@type": "Person", "name": "Halime Demir"}]
    assert data["image"].startswith("http://testserver/media/images/")


def test_page_urls_follow_the_language_prefix(client, story_index, maker):
    publish_story(story_index, title="A story", makers=[maker])
    assert client.get("/tr/stories/a-story/").status_code == 200
    assert client.get("/ar/stories/").status_code == 200


def test_info_pages_under_fair_trade(client, fair_trade):
    from stories.models import InfoPage

    child = InfoPage(title="How prices are set", slug="prices", intro="Hours and materials.")
    fair_trade.add_child(instance=child)
    child.save_revision().publish()
    html = client.get("/en/fair-trade/").content.decode()
    assert "How prices are set" in html
    assert client.get("/en/fair-trade/prices/").status_code == 200


def test_product_maker_and_cooperative_pages_link_back_to_their_stories(
    client, story_index, maker, products
):
    about_product = publish_story(story_index, title="A cushion's journey", products=products[:1])
    about_maker = publish_story(story_index, title="Halime's frame", makers=[maker])
    other = publish_story(story_index, title="Someone else", makers=[MakerFactory()])

    product_html = client.get(products[0].get_absolute_url()).content.decode()
    assert about_product.url in product_html and about_maker.url in product_html
    assert other.url not in product_html

    second_product_html = client.get(products[1].get_absolute_url()).content.decode()
    assert about_maker.url in second_product_html
    assert about_product.url not in second_product_html

    maker_html = client.get(maker.get_absolute_url()).content.decode()
    assert about_maker.url in maker_html and other.url not in maker_html

    cooperative_html = client.get(maker.cooperative.get_absolute_url()).content.decode()
    assert about_maker.url in cooperative_html and other.url not in cooperative_html


def test_story_hides_an_unpublished_product_and_survives_deleted_links(
    client, story_index, maker, products
):
    story = publish_story(
        story_index,
        title="Hidden pieces",
        makers=[maker],
        products=products,
        body=[
            block("products", {"heading": "", "products": [p.pk for p in products]}),
            block("quote", {"quote": "My own words.", "maker": maker.pk, "attribution": ""}),
            block("maker", {"maker": maker.pk, "text": "About her."}),
        ],
    )
    products[0].is_public = False
    products[0].save()
    html = client.get(story.url).content.decode()
    assert "Pomegranate cushion" not in html
    assert "Cypress table runner" in html

    # Deleting the product and the maker deletes only the link rows.
    for product in products:
        product.stockrecords.all().delete()
        product.delete()
    maker.delete()
    response = client.get(story.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hidden pieces" in html and "My own words." in html
    assert "Halime" not in html
    assert StoryPage.objects.get(pk=story.pk).story_makers.count() == 0


def test_a_new_site_has_the_stories_and_fair_trade_sections(client, home_page):
    """The header links to both, so migrations create them before any content exists."""
    from wagtail.models import Page

    assert client.get("/en/stories/").status_code == 200
    assert client.get("/en/fair-trade/").status_code == 200
    assert all(not problems for problems in Page.find_problems())


def test_menu_tag_lists_top_level_pages_in_menus(rf, story_index, fair_trade):
    from django.template import Context, Template

    request = rf.get("/en/")
    html = Template("{% load story_tags %}{% site_menu %}").render(Context({"request": request}))
    assert "/en/stories/" in html and "/en/fair-trade/" in html


def test_search_url_name():
    assert reverse("site-search") == "/en/search/"


def test_home_page_features_the_stories_editors_chose(client, home_page, story_index, maker):
    from stories.models import HomePageFeaturedStory

    older = publish_story(story_index, title="An older story", makers=[maker])
    for n in range(3):
        publish_story(story_index, title=f"Newer story {n}", makers=[maker], date="2026-11-20")
    assert older.title not in [s.title for s in client.get("/en/").context["featured_stories"]]
    HomePageFeaturedStory.objects.create(page=home_page, story=older, sort_order=0)
    featured = client.get("/en/").context["featured_stories"]
    assert [story.title for story in featured] == ["An older story"]
