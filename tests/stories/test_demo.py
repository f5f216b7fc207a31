"""The demo stories: tied to consenting makers and their products, idempotent, renditions ready."""

import pytest

from stories.demo import load_demo_content
from stories.demo_content import STORIES
from stories.models import InfoPage, StoryPage
from tests.factories import CooperativeFactory, MakerFactory, product_for_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_makers():
    """The demo's cooperatives, each with one maker who agreed to show her story, one who did
    not, and a few products."""
    shy = []
    for slug in sorted({story.cooperative for story in STORIES}):
        cooperative = CooperativeFactory(slug=slug, name=slug.title())
        maker = MakerFactory(cooperative=cooperative, display_name=f"Storyteller {slug}")
        shy.append(
            MakerFactory(cooperative=cooperative, display_name="Aaa", consent_show_story=False)
        )
        for n in range(2):
            product_for_sale(maker=maker, title=f"{slug} piece {n}")
    return shy


def test_demo_content_is_tied_to_consenting_makers_and_idempotent(client, demo_makers):
    load_demo_content()
    # The English stories, every one also in Turkish and Arabic (wagtail-localize), as are the
    # fair-trade pages.
    english = StoryPage.objects.filter(locale__language_code="en")
    assert english.live().count() == len(STORIES) >= 8
    for language in ("tr", "ar"):
        translated = StoryPage.objects.live().filter(locale__language_code=language)
        assert translated.count() == len(STORIES)
        assert all(client.get(story.url).status_code == 200 for story in translated)
        info = InfoPage.objects.live().filter(locale__language_code=language)
        assert info.count() == 6
    for story in english:
        makers = [link.maker for link in story.story_makers.all()]
        assert makers and all(maker.consent_show_story for maker in makers)
        assert story.story_products.count() >= 2
        # The story card's `{% picture %}` renditions, made ahead (catalogue.thumbnails.PICTURES).
        assert story.hero_image.renditions.filter(filter_spec="format-avif|fill-320x200").exists()
        assert client.get(story.url).status_code == 200
    assert not StoryPage.objects.filter(story_makers__maker__in=demo_makers).exists()
    assert InfoPage.objects.filter(slug="fair-trade", locale__language_code="en").count() == 1
    assert InfoPage.objects.count() == 3 * 6
    assert client.get("/en/fair-trade/how-prices-are-set/").status_code == 200

    load_demo_content()
    assert StoryPage.objects.count() == 3 * len(STORIES)
    assert InfoPage.objects.count() == 3 * 6


def test_demo_content_without_a_shop_adds_only_the_information_pages(db):
    load_demo_content()
    assert StoryPage.objects.count() == 0
    assert InfoPage.objects.filter(locale__language_code="en").count() == 6
    # In English, Turkish and Arabic.
    assert InfoPage.objects.count() == 3 * 6


def test_a_gallery_as_the_demo_writes_it_shows_its_photos_and_offers_its_captions(client):
    from wagtail_localize.segments.extract import extract_segments

    from stories.demo import gallery_block
    from stories.models import StoryIndexPage
    from tests.stories.conftest import make_image, publish_story

    products = [product_for_sale(title="Silk kimono"), product_for_sale(title="Silk scarf")]
    photos = [make_image("First photo"), make_image("Second photo")]
    index = StoryIndexPage.objects.get(slug="stories", locale__language_code="en")

    story = publish_story(index, title="Remnants", body=[gallery_block(photos, products)])

    html = client.get(story.url).content.decode()
    gallery = html.split('class="block-gallery"', 1)[1].split("</ul>", 1)[0]
    assert gallery.count("<img") == 2
    assert "<figcaption>Silk kimono</figcaption>" in gallery
    captions = {segment.string.data for segment in extract_segments(story)
                if segment.path.endswith(".caption")}
    assert {"Silk kimono", "Silk scarf"} <= captions
