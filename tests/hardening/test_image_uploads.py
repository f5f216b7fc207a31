"""Every image upload path is bounded in bytes and pixels, decoded in full and stripped of its
metadata: Oscar's dashboard product images and Wagtail's images (single and multiple upload),
as the workspace's photos already were (tests/photos)."""

from io import BytesIO

import pytest
from django.urls import reverse
from oscar.core.loading import get_class
from PIL import Image
from wagtail.images import get_image_model

from tests.factories import UserFactory, product_for_sale
from tests.photos.samples import jpeg_from_a_phone, png_declaring, truncated_jpeg, upload

pytestmark = pytest.mark.django_db

ProductImageForm = get_class("dashboard.catalogue.forms", "ProductImageForm")
ProductImageFormSet = get_class("dashboard.catalogue.formsets", "ProductImageFormSet")


def _product_image_form(file):
    product = product_for_sale()
    return ProductImageForm(
        data={"images-0-product": product.pk, "images-0-display_order": 0},
        files={"images-0-original": file},
        prefix="images-0",
    )


def test_the_dashboards_image_formset_uses_the_shops_form():
    assert issubclass(ProductImageFormSet.form, ProductImageForm)


def test_the_dashboard_refuses_a_truncated_product_image():
    form = _product_image_form(upload(truncated_jpeg(), "cut.jpg"))
    assert not form.is_valid()
    assert "damaged or incomplete" in str(form.errors["original"])


def test_the_dashboard_refuses_a_144_megapixel_png_of_a_few_bytes():
    form = _product_image_form(upload(png_declaring(12_000, 12_000), "bomb.png", "image/png"))
    assert not form.is_valid()
    assert "too many pixels" in str(form.errors["original"])


def test_the_dashboard_refuses_a_product_image_over_the_byte_limit(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    form = _product_image_form(upload(jpeg_from_a_phone(), "big.jpg"))
    assert not form.is_valid()
    assert "too large" in str(form.errors["original"])


def test_a_dashboard_product_image_is_stored_without_its_metadata():
    form = _product_image_form(upload(jpeg_from_a_phone(), "phone.jpg"))
    assert form.is_valid(), form.errors
    image = form.save()
    with image.original.open("rb") as handle:
        stored = Image.open(BytesIO(handle.read()))
    assert not stored.getexif()
    assert stored.size == (200, 300)  # turned upright


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _wagtail_add(client, data: bytes, name: str):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Portrait", "file": upload(data, name), "collection": 1},
    )


def test_wagtail_refuses_a_truncated_image(editor_client):
    response = _wagtail_add(editor_client, truncated_jpeg(), "cut.jpg")
    assert response.status_code == 200
    assert "damaged or incomplete" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_wagtail_refuses_a_pixel_bomb(editor_client):
    response = _wagtail_add(editor_client, png_declaring(12_000, 12_000), "bomb.png")
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


def test_wagtails_multiple_upload_refuses_a_truncated_image(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload(truncated_jpeg(), "cut.jpg"), "collection": 1},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()


def test_a_wagtail_image_is_stored_without_its_metadata(editor_client):
    response = _wagtail_add(editor_client, jpeg_from_a_phone(), "phone.jpg")
    assert response.status_code == 302, response.content.decode()[-2000:]
    image = get_image_model().objects.get()
    with image.file.open("rb") as handle:
        stored = Image.open(BytesIO(handle.read()))
    assert not stored.getexif()
    assert (image.width, image.height) == (200, 300)
    assert image.file_size == image.file.size
