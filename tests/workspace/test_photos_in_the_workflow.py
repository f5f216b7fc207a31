"""A phone photo with GPS in its EXIF goes through listing and approval: neither the stored
listing photo, nor the shop's product image, nor the thumbnails served carry any metadata."""

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalogue.thumbnails import make_thumbnail
from workspace import services
from workspace.selectors import workspace_for

from .conftest import ready_listing

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def gps_tagged_jpeg() -> bytes:
    image = Image.new("RGB", (1200, 800), (40, 120, 90))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to be upright
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (37.0, 3.0, 0.0), 3: "E", 4: (37.0, 22.0, 0.0)})
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    assert Image.open(BytesIO(buffer.getvalue())).getexif().get_ifd(GPS_IFD)
    return buffer.getvalue()


def assert_no_metadata(name: str) -> Image.Image:
    with default_storage.open(name, "rb") as handle:
        image = Image.open(BytesIO(handle.read()))
        image.load()
    assert not image.getexif(), name
    assert not image.getexif().get_ifd(GPS_IFD), name
    assert "exif" not in image.info and "xmp" not in image.info, name
    return image


def test_no_gps_in_any_stored_or_served_file(side_a):
    member, coordinator = workspace_for(side_a.member), workspace_for(side_a.coordinator)
    listing = ready_listing(side_a.member)
    errors = services.listing_add_photos(
        listing=listing, workspace=member,
        uploads=[SimpleUploadedFile("IMG_0001.jpg", gps_tagged_jpeg(), "image/jpeg")],
    )
    assert errors == []
    photo = listing.photos.order_by("pk").last()
    stored = assert_no_metadata(photo.image.name)
    assert stored.size[0] < stored.size[1]  # turned upright from its EXIF rotation

    services.listing_describe_photos(listing=listing, descriptions={photo.pk: "Upright"})
    listing = services.listing_submit(listing=listing, workspace=member)
    listing = services.listing_approve(listing=listing, workspace=coordinator)
    for image in listing.product.images.all():
        assert_no_metadata(image.original.name)
        for size in ("400x400", "800x800"):
            assert_no_metadata(make_thumbnail(image.original, size, crop=True).name)


def test_workspace_thumbnails_are_made_at_upload_not_on_a_page_view(side_a):
    from catalogue.thumbnails import thumbnail_name
    from workspace.services import WORKSPACE_THUMBNAILS

    listing = ready_listing(side_a.member)
    photo = listing.photos.get()
    for size, crop in WORKSPACE_THUMBNAILS:
        assert default_storage.exists(thumbnail_name(photo.image.name, size, crop))
