"""Demo content for the Wagtail pages (stories, fair-trade pages), called by `load_demo_shop`.

Idempotent: pages are found by slug under their parent and left alone if they exist, images by
title. Makers and products come from the demo shop by query (a maker is used only if she agreed
to show her story), so the stories follow whatever `load_demo_shop` created. Renditions the
templates use are generated here, so no visitor waits for them.
"""

import datetime
import io
import uuid

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model

from catalogue.thumbnails import picture_renditions
from stories import selectors
from stories.demo_content import FAIR_TRADE_INTRO, INFO_PAGES, STORIES, StoryData
from stories.models import (
    HomePage,
    InfoPage,
    StoryCooperative,
    StoryIndexPage,
    StoryMaker,
    StoryPage,
    StoryProduct,
)

# What the templates' `{% picture %}` tags ask for (catalogue.thumbnails.PICTURES).
STORY_IMAGE_RENDITIONS = (
    *picture_renditions("story_card", "page_hero"),
    selectors.SOCIAL_IMAGE,
)
BODY_IMAGE_RENDITIONS = tuple(picture_renditions("body_image", "gallery"))
SEED = 4242


def load_demo_content(*, stdout=None) -> None:
    """Add the demo stories and information pages. Idempotent."""

    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(text)

    home = HomePage.objects.first()
    if home is None:
        say("No home page: run the migrations first; stories not loaded.")
        return
    with transaction.atomic():
        index = _story_index(home)
        created = sum(1 for data in STORIES if _story(index, data))
        fair_trade, pages = _fair_trade_pages(home)
    _warm_renditions()
    from stories.demo_translations import load_page_translations

    load_page_translations()
    say(
        f"Stories: {created} new ({StoryPage.objects.live().count()} live); fair-trade pages: "
        f"{pages} new, at {fair_trade.url}"
    )


def _publish(page) -> None:
    page.save_revision().publish()


def _child(parent, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _story_index(home):
    index = _child(home, StoryIndexPage, "stories") or StoryIndexPage.objects.first()
    if index is None:
        index = StoryIndexPage(
            title="Stories",
            slug="stories",
            show_in_menus=True,
            intro=(
                "<p>The women behind the goods: how they learned their crafts, how their "
                "cooperatives work, and what goes into each piece.</p>"
            ),
            search_description="Stories of the women and cooperatives who make Ortak's goods.",
        )
        home.add_child(instance=index)
        _publish(index)
    return index


def _drawn_image(title: str, colourway: str, seed: int):
    from shop.demo import drawing

    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = drawing.draw_workshop(colourway, seed, width=1600, height=900)
        name = f"demo-story-{seed}.jpg"
        image = Image(title=title, file=ImageFile(io.BytesIO(data), name=name))
        image._set_image_file_metadata()
        image.save()
    return image


def _product_image(product):
    """The product's first photo as a Wagtail image, for galleries and image blocks."""
    Image = get_image_model()
    title = f"{product.get_title()} (product photo)"
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    photo = product.primary_image()
    original = getattr(photo, "original", None)
    if not original:
        return None
    try:
        with original.open("rb") as source:
            data = source.read()
    except (FileNotFoundError, OSError):
        return None
    image = Image(
        title=title, file=ImageFile(io.BytesIO(data), name=f"story-{product.slug}.jpg")
    )
    image._set_image_file_metadata()
    image.save()
    return image


def _makers(data: StoryData) -> list:
    from cooperatives.models import Maker

    consenting = Maker.objects.active().filter(consent_show_story=True)
    makers = [maker for slug in data.makers if (maker := consenting.filter(slug=slug).first())]
    if not makers:
        fallback = (
            consenting.filter(cooperative__slug=data.cooperative).order_by("display_name").first()
        )
        makers = [fallback] if fallback else []
    return makers


def _products(data: StoryData, makers: list) -> list:
    products = list(
        selectors.sellable_products()
        .filter(maker__in=makers)
        .order_by("date_created", "pk")[:3]
    )
    if len(products) < 2:
        for word in data.product_words:
            products += [
                product
                for product in selectors.sellable_products()
                .filter(maker__cooperative__slug=data.cooperative, title__icontains=word)
                .order_by("pk")[:2]
                if product not in products
            ]
    return products[:3]


def _story(index, data: StoryData) -> bool:
    if _child(index, StoryPage, data.slug) is not None:
        return False
    makers = _makers(data)
    if not makers:
        return False
    products = _products(data, makers)
    main_maker = makers[0]
    photos = [image for product in products if (image := _product_image(product))]
    seed = SEED + STORIES.index(data)

    body = [{"type": "paragraph", "value": data.paragraphs[0]}]
    body.append({"type": "quote", "value": {"quote": data.quote, "maker": main_maker.pk}})
    body += [{"type": "paragraph", "value": paragraph} for paragraph in data.paragraphs[1:]]
    if photos:
        body.insert(
            2,
            {
                "type": "image",
                "value": {
                    "image": photos[0].pk,
                    "caption": f"{products[0].get_title()}, made by {main_maker.public_name}.",
                    "attribution": "",
                },
            },
        )
    if len(photos) >= 2:
        body.append(gallery_block(photos, products))
    body += [{"type": "paragraph", "value": paragraph} for paragraph in data.closing]
    body.append({"type": "maker", "value": {"maker": main_maker.pk, "text": data.maker_note}})
    if products:
        body.append(
            {
                "type": "products",
                "value": {
                    "heading": f"Made by {main_maker.public_name} and her cooperative",
                    "products": [product.pk for product in products],
                },
            }
        )

    story = StoryPage(
        title=data.title,
        slug=data.slug,
        lead=data.lead,
        date=datetime.date.fromisoformat(data.date),
        author=data.author,
        hero_image=_drawn_image(f"Story: {data.title}", data.colourway, seed),
        body=body,
        search_description=data.lead[:255],
    )
    story.story_makers = [StoryMaker(maker=maker) for maker in makers]
    story.story_products = [StoryProduct(product=product) for product in products]
    story.story_cooperatives = [StoryCooperative(cooperative=main_maker.cooperative)]
    index.add_child(instance=story)
    _publish(story)
    return True


def gallery_block(photos: list, products: list) -> dict:
    """A gallery of the pieces' photos, captioned with their titles, in the list block's own
    format (an item with an id per image): only in that format does wagtail-localize offer the
    captions of a list for translation."""
    return {
        "type": "gallery",
        "value": {
            "images": [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {"image": photo.pk, "caption": product.get_title(), "attribution": ""},
                }
                for photo, product in zip(photos, products, strict=False)
            ]
        },
    }


def _paragraphs(paragraphs) -> list[dict]:
    return [{"type": "paragraph", "value": paragraph} for paragraph in paragraphs]


def _fair_trade_pages(home) -> tuple:
    created = 0
    fair_trade = _child(home, InfoPage, "fair-trade")
    if fair_trade is None:
        fair_trade = InfoPage(title="Fair trade", slug="fair-trade", show_in_menus=True)
        home.add_child(instance=fair_trade)
        created += 1
    if not fair_trade.body and fair_trade.hero_image_id is None:
        # New, or the empty section the migration made: give it the demo's words.
        fair_trade.intro = FAIR_TRADE_INTRO
        fair_trade.hero_image = _drawn_image(
            "Fair trade: a cooperative's workshop", "olive", SEED - 1
        )
        fair_trade.body = _paragraphs(
            [
                "<p>Every piece in the shop is made by a member of a women's cooperative and "
                "priced by that cooperative. The pages below explain how we work, and what we "
                "promise the makers and you.</p>"
            ]
        )
        _publish(fair_trade)
    for page in INFO_PAGES:
        if _child(fair_trade, InfoPage, page["slug"]) is not None:
            continue
        child = InfoPage(
            title=page["title"],
            slug=page["slug"],
            intro=page["intro"],
            show_in_menus=True,
            body=_paragraphs(page["paragraphs"]),
        )
        fair_trade.add_child(instance=child)
        _publish(child)
        created += 1
    return fair_trade, created


def _warm_renditions() -> None:
    """Generate now every rendition the story templates ask for (FACTS: seconds otherwise)."""
    from cooperatives.models import Cooperative, Maker

    Image = get_image_model()
    for image in Image.objects.filter(title__startswith="Story: "):
        image.get_renditions(*STORY_IMAGE_RENDITIONS)
    for image in Image.objects.filter(title__endswith="(product photo)"):
        image.get_renditions(*BODY_IMAGE_RENDITIONS)
    for page in InfoPage.objects.exclude(hero_image=None).select_related("hero_image"):
        page.hero_image.get_renditions(*picture_renditions("page_hero"), selectors.SOCIAL_IMAGE)
    home = HomePage.objects.exclude(hero_image=None).select_related("hero_image").first()
    if home is not None:
        home.hero_image.get_renditions(*picture_renditions("home_hero"), selectors.SOCIAL_IMAGE)
    makers = Maker.objects.filter(consent_show_photo=True).exclude(portrait=None)
    for maker in makers.select_related("portrait"):
        maker.portrait.get_renditions(selectors.PORTRAIT_IMAGE)
    for cooperative in Cooperative.objects.exclude(photo=None).select_related("photo"):
        cooperative.photo.get_renditions(selectors.PORTRAIT_IMAGE)
