"""Fixtures for the stories: the page tree as a fresh database has it, and a helper that writes
and publishes a story."""

import datetime
import io

import pytest
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Page

from stories.models import HomePage, InfoPage, StoryIndexPage, StoryMaker, StoryPage, StoryProduct
from tests.factories import MakerFactory, product_for_sale


@pytest.fixture
def home_page(db):
    return HomePage.objects.get()


@pytest.fixture
def story_index(home_page):
    """The story index a migration puts under the home page."""
    return StoryIndexPage.objects.child_of(home_page).get(slug="stories")


@pytest.fixture
def fair_trade(home_page):
    """The fair-trade section a migration puts under the home page, published once so that the
    search index has it."""
    page = InfoPage.objects.child_of(home_page).get(slug="fair-trade")
    page.intro = "How prices are set."
    page.save_revision().publish()
    return page


def make_image(title="Test image", colour=(200, 85, 61)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 900), colour).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.replace(' ', '-')}.jpg")
    )


@pytest.fixture
def image(db):
    return make_image()


def block(block_type, value):
    """A StreamField block in its stored (JSON) form."""
    return {"type": block_type, "value": value}


def publish_story(index, *, title, makers=(), products=(), body=None, hero_image=None, **fields):
    """Write a story under `index`, link it and publish it, as an editor would."""
    slug = fields.pop("slug", None) or slugify(title)[:50]
    story = StoryPage(
        title=title,
        slug=slug,
        lead=fields.pop("lead", f"The lead of {title}."),
        date=fields.pop("date", datetime.date(2026, 11, 1)),
        author=fields.pop("author", "Ortak editors"),
        body=body or [block("paragraph", f"<p>The body of {title}.</p>")],
        hero_image=hero_image,
        **fields,
    )
    story.story_makers = [StoryMaker(maker=maker) for maker in makers]
    story.story_products = [StoryProduct(product=product) for product in products]
    index.add_child(instance=story)
    story.save_revision().publish()
    story.refresh_from_db()
    return story


@pytest.fixture
def maker(db):
    return MakerFactory(
        display_name="Halime Demir",
        slug="halime",
        crafts="Silk embroidery",
        legal_name="PRIVATE-LEGAL-NAME-MARKER",
        phone="PRIVATE-PHONE-MARKER",
        nationality="PRIVATE-NATIONALITY-MARKER",
        address="PRIVATE-ADDRESS-MARKER",
    )


@pytest.fixture
def products(maker):
    return [
        product_for_sale(maker=maker, title="Pomegranate cushion", slug="pomegranate-cushion"),
        product_for_sale(maker=maker, title="Cypress table runner", slug="cypress-runner"),
    ]


@pytest.fixture
def tree_root(db):
    return Page.objects.get(depth=1)
