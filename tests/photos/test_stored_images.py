"""A picture already stored that cannot be decoded never breaks a page: Oscar's thumbnails and
Wagtail's renditions fall back to the placeholder, logged once per bad file. And thumbnails made
at listing approval are there before any customer asks for them."""

import logging
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.template import Context, Template, TemplateSyntaxError
from django.templatetags.static import static
from oscar.core.loading import get_model
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from catalogue import thumbnails
from catalogue.images import product_thumbnails_generate
from tests.factories import CooperativeFactory, MakerFactory, product_for_sale
from tests.photos.samples import encoded, photo_like, truncated_jpeg

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")
PLACEHOLDER_URL = static(thumbnails.PLACEHOLDER_STATIC_PATH)


@pytest.fixture(autouse=True)
def _nothing_reported_yet(monkeypatch):
    monkeypatch.setattr(thumbnails, "_reported_sources", set())


@pytest.fixture
def strict_thumbnails(settings):
    """Oscar's thumbnail tag swallows exceptions unless DEBUG: let them break the page here."""
    settings.OSCAR_THUMBNAIL_DEBUG = True


def product_with_image(data: bytes, name: str, **kwargs):
    product = product_for_sale(**kwargs)
    image = ProductImage(product=product, display_order=0)
    image.original.save(name, ContentFile(data), save=False)
    image.save()
    return product, image


def wagtail_image_gone_bad(name: str):
    """A Wagtail image stored whole (Wagtail reads it to learn its size), then damaged."""
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    image = get_image_model().objects.create(
        title=name, file=ImageFile(BytesIO(encoded(photo_like((640, 480)), "JPEG")), name=name)
    )
    with default_storage.open(image.file.name, "wb") as handle:
        handle.write(truncated_jpeg((640, 480)))
    assert not image.renditions.exists()
    return get_image_model().objects.get(pk=image.pk)


# --- Oscar's thumbnails ----------------------------------------------------------------------


def test_a_truncated_product_image_gives_the_placeholder_and_is_logged_once(caplog):
    _product, image = product_with_image(truncated_jpeg(), "truncated-once.jpg")
    thumbnailer = thumbnails.FileThumbnailer()
    with caplog.at_level(logging.WARNING, logger="catalogue.thumbnails"):
        first = thumbnailer.generate_thumbnail(image.original, size="400x400", crop="center")
        second = thumbnailer.generate_thumbnail(image.original, size="400x400", crop="center")
    assert (
        first == second == thumbnails.Thumbnail(url=PLACEHOLDER_URL, width=400, height=400, name="")
    )
    records = [record for record in caplog.records if record.name == "catalogue.thumbnails"]
    assert len(records) == 1
    assert records[0].levelname == "WARNING"
    assert image.original.name in records[0].getMessage()
    assert not default_storage.exists(
        thumbnails.thumbnail_name(image.original.name, "400x400", True)
    )


def test_a_missing_product_image_gives_the_placeholder():
    thumbnail = thumbnails.make_thumbnail("images/products/never-stored.jpg", "160x160", crop=True)
    assert thumbnail.url == PLACEHOLDER_URL


def test_the_placeholder_is_a_static_file():
    from django.contrib.staticfiles import finders

    assert finders.find(thumbnails.PLACEHOLDER_STATIC_PATH)


def test_storefront_pages_with_a_truncated_product_image_answer_and_show_the_placeholder(
    client, strict_thumbnails, caplog
):
    product, _image = product_with_image(
        truncated_jpeg(), "truncated-page.jpg", title="Woven basket"
    )
    pages = [
        product.get_absolute_url(),
        "/en/shop/catalogue/",
        "/en/",
        product.maker.get_absolute_url(),
        "/en/search/?q=basket",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert PLACEHOLDER_URL in response.content.decode(), url
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_good_product_image_still_gets_a_real_thumbnail(client, strict_thumbnails):
    product, image = product_with_image(encoded(photo_like((500, 500)), "JPEG"), "good.jpg")
    html = client.get(product.get_absolute_url()).content.decode()
    assert PLACEHOLDER_URL not in html
    assert default_storage.url(thumbnails.thumbnail_name(image.original.name, "800x800", True)) in (
        html
    )


# --- Thumbnails made at approval ---------------------------------------------------------------


def test_product_thumbnails_generate_makes_every_storefront_size_ahead(monkeypatch):
    product, image = product_with_image(encoded(photo_like((1200, 900)), "JPEG"), "ahead.jpg")
    source = image.original.name

    # Four sizes, each in AVIF, WebP and JPEG (the `<picture>` of catalogue.thumbnails).
    assert product_thumbnails_generate(product=product) == len(thumbnails.STOREFRONT_VARIANTS) == 12
    for size, crop, image_format in thumbnails.STOREFRONT_VARIANTS:
        target = thumbnails.thumbnail_name(source, size, crop, image_format)
        assert default_storage.exists(target), size
        with default_storage.open(target) as handle:
            decoded = Image.open(handle)
            assert decoded.size == thumbnails._box(size)
            assert decoded.format == thumbnails.FORMATS[image_format][0]
    assert product_thumbnails_generate(product=product) == 0

    # A page view after approval does not open the source photo.
    opened = []
    real_open = default_storage.open
    monkeypatch.setattr(
        default_storage, "open", lambda name, *args: opened.append(name) or real_open(name, *args)
    )
    for size, crop, image_format in thumbnails.STOREFRONT_VARIANTS:
        thumbnail = thumbnails.make_thumbnail(image.original, size, crop, image_format)
        assert thumbnail.name == thumbnails.thumbnail_name(source, size, crop, image_format)
    assert opened == []


def test_product_thumbnails_generate_covers_every_image_and_skips_a_bad_one():
    product, _good = product_with_image(encoded(photo_like((300, 300)), "PNG"), "first.png")
    bad = ProductImage(product=product, display_order=1)
    bad.original.save("second-truncated.jpg", ContentFile(truncated_jpeg()), save=False)
    bad.save()
    assert product_thumbnails_generate(product=product) == len(thumbnails.STOREFRONT_VARIANTS)


# --- Wagtail's renditions ------------------------------------------------------------------------


def test_wagtails_own_image_tag_fails_on_an_undecodable_original():
    """Why the shop's templates load `shop_images` instead of `wagtailimages_tags`: Wagtail
    handles a missing original (SourceImageIOError), not one that opens and fails to decode."""
    portrait = wagtail_image_gone_bad("wagtail-raises.jpg")
    template = Template("{% load wagtailimages_tags %}{% image portrait fill-160x160 %}")
    with pytest.raises(OSError, match="truncated"):
        template.render(Context({"portrait": portrait}))


def test_the_decode_safe_image_tag_gives_a_sized_placeholder_and_logs_once(caplog):
    portrait = wagtail_image_gone_bad("wagtail-placeholder.jpg")
    template = Template(
        "{% load shop_images %}"
        '{% image portrait fill-160x160 class="portrait" alt="" %}'
        "|{% image portrait width-320 as wide %}{{ wide.url }} {{ wide.width }}x{{ wide.height }}"
    )
    with caplog.at_level(logging.WARNING, logger="catalogue.thumbnails"):
        html = template.render(Context({"portrait": portrait}))
        template.render(Context({"portrait": portrait}))
    tag, wide = html.split("|")
    assert f'src="{PLACEHOLDER_URL}"' in tag
    assert 'width="160"' in tag and 'height="160"' in tag and 'class="portrait"' in tag
    assert wide == f"{PLACEHOLDER_URL} 320x240"
    assert not portrait.renditions.exists()
    assert len([record for record in caplog.records if record.name == "catalogue.thumbnails"]) == 1


def test_the_decode_safe_image_tag_renders_good_images_as_wagtail_does():
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    image = get_image_model().objects.create(
        title="good",
        file=ImageFile(BytesIO(encoded(photo_like((640, 480)), "JPEG")), name="ok.jpg"),
    )
    html = Template(
        "{% load shop_images %}{% image picture fill-160x160 %}"
        "{% srcset_image picture width-{200,400} sizes='100vw' %}{% picture picture width-200 %}"
    ).render(Context({"picture": image}))
    assert PLACEHOLDER_URL not in html
    assert image.renditions.count() == 3
    for rendition in image.renditions.all():
        assert rendition.url in html
    with pytest.raises(TemplateSyntaxError):
        Template("{% load shop_images %}{% image picture fill-1x1! %}")


def test_maker_and_cooperative_pages_answer_when_their_photos_cannot_be_decoded(client):
    cooperative = CooperativeFactory(photo=wagtail_image_gone_bad("cooperative-bad.jpg"))
    maker = MakerFactory(cooperative=cooperative, portrait=wagtail_image_gone_bad("maker-bad.jpg"))
    product_for_sale(maker=maker)
    for url in (
        maker.get_absolute_url(),
        cooperative.get_absolute_url(),
        "/en/cooperatives/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert PLACEHOLDER_URL in response.content.decode(), url
