"""What photo_clean lets through, and what it turns away: decided by the decoded bytes, bounded
in bytes and pixels, with every kind of metadata gone from what it returns."""

from io import BytesIO

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from PIL import Image, ImageFile

from catalogue.images import CleanPhoto, photo_clean
from tests.photos.samples import (
    BLUE,
    RED,
    encoded,
    jpeg_from_a_phone,
    photo_like,
    png_declaring,
    truncated_jpeg,
    upload,
    webp_declaring,
)

NOT_A_PHOTO = "{name} is not a photo we can use. Send a JPEG, PNG, WebP or HEIC picture."
DAMAGED = (
    "{name} is damaged or incomplete, so it cannot be opened. "
    "Send the photo again, or take a new one."
)
TOO_MANY_PIXELS = (
    "{name} has too many pixels. Send a photo of at most 50 megapixels, "
    "or set the camera to a smaller size."
)


def reopened(photo: CleanPhoto) -> Image.Image:
    image = Image.open(BytesIO(photo.content.read()))
    photo.content.seek(0)
    return image


def refusal(data: bytes, name: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        photo_clean(upload=upload(data, name))
    return caught.value


def test_a_phone_jpeg_loses_its_gps_and_every_other_metadata_and_stands_upright():
    source = Image.open(BytesIO(jpeg_from_a_phone((300, 200))))
    assert source.getexif().get_ifd(0x8825), "the source carries a GPS position"

    photo = photo_clean(upload=upload(jpeg_from_a_phone((300, 200)), "IMG_0042.JPG"))

    image = reopened(photo)
    assert len(image.getexif()) == 0
    assert not image.getexif().get_ifd(0x8825)
    for key in ("exif", "xmp", "icc_profile", "comment", "photoshop", "adobe"):
        assert key not in image.info, key
    data = photo.content.read()
    assert b"Exif" not in data and b"Gaziantep" not in data and b"PhoneMaker" not in data
    # Orientation 6: shown turned 90° clockwise, so the stored top (red) is now on the right.
    assert (photo.width, photo.height) == image.size == (200, 300)
    assert _near(image.getpixel((150, 150)), RED)
    assert _near(image.getpixel((50, 150)), BLUE)
    assert photo.format == image.format == "JPEG"
    assert photo.content.name == "img_0042.jpg"


def test_a_png_with_transparency_stays_a_png_with_its_alpha():
    image = Image.new("RGBA", (120, 80), (156, 63, 36, 255))
    image.paste((0, 0, 0, 0), (0, 0, 60, 80))
    photo = photo_clean(upload=upload(encoded(image, "PNG"), "basket.png", "image/png"))
    result = reopened(photo)
    assert (photo.format, result.format, result.mode) == ("PNG", "PNG", "RGBA")
    assert result.getpixel((10, 10))[3] == 0 and result.getpixel((100, 10))[3] == 255
    assert photo.content.name == "basket.png"


def test_an_opaque_png_becomes_a_jpeg():
    data = encoded(photo_like((200, 150), "RGBA"), "PNG")  # an alpha channel, all opaque
    photo = photo_clean(upload=upload(data, "screenshot.png", "image/png"))
    assert photo.format == reopened(photo).format == "JPEG"
    assert photo.content.name == "screenshot.jpg"


def test_a_webp_stays_a_webp():
    data = encoded(photo_like((200, 150)), "WEBP", quality=80)
    photo = photo_clean(upload=upload(data, "scarf.webp", "image/webp"))
    assert photo.format == reopened(photo).format == "WEBP"
    assert (photo.width, photo.height) == (200, 150)
    assert photo.content.name == "scarf.webp"


def test_a_heic_from_an_iphone_becomes_a_jpeg():
    data = encoded(photo_like((320, 240)), "HEIF", quality=80)
    assert data[4:12] == b"ftypheic"
    photo = photo_clean(upload=upload(data, "IMG_1234.HEIC", "image/heic"))
    assert photo.format == reopened(photo).format == "JPEG"
    assert (photo.width, photo.height) == (320, 240)


def test_a_multi_picture_jpeg_from_a_phone_is_a_jpeg():
    first, second = photo_like((200, 150)), photo_like((100, 75))
    data = encoded(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(BytesIO(data)).format == "MPO"
    photo = photo_clean(upload=upload(data, "depth.jpg"))
    assert (photo.format, photo.width, photo.height) == ("JPEG", 200, 150)


def test_the_format_comes_from_the_bytes_not_the_name():
    data = encoded(photo_like((100, 100)), "WEBP")
    photo = photo_clean(upload=upload(data, "really-a-webp.jpg", "image/jpeg"))
    assert photo.format == "WEBP" and photo.content.name == "really-a-webp.webp"


def test_a_large_photo_is_stored_web_sized():
    data = encoded(photo_like((4000, 3000)), "JPEG", quality=85)
    photo = photo_clean(upload=upload(data, "big.jpg"))
    assert (photo.width, photo.height) == reopened(photo).size == (2400, 1800)


def test_the_longest_side_is_a_setting(settings):
    settings.IMAGE_UPLOAD_MAX_SIDE = 500
    photo = photo_clean(upload=upload(encoded(photo_like((800, 1200)), "PNG"), "tall.png"))
    assert (photo.width, photo.height) == (333, 500)


def test_a_truncated_jpeg_is_refused():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    error = refusal(truncated_jpeg(), "half.jpg")
    assert error.messages == [DAMAGED.format(name="half.jpg")]
    assert error.code == "photo_damaged"


def test_a_corrupt_png_is_refused():
    data = bytearray(encoded(photo_like((200, 150)), "PNG"))
    data[200:260] = b"\0" * 60  # inside the compressed pixels: the checksum no longer matches
    assert refusal(bytes(data), "broken.png").messages == [DAMAGED.format(name="broken.png")]


@pytest.mark.parametrize("width, height", [(30000, 30000), (8000, 8000)])
def test_a_pixel_bomb_is_refused_without_decoding_it(monkeypatch, width, height):
    """30000 × 30000 is over Pillow's own bomb limit; 8000 × 8000 (64 Mpx) only over ours."""
    data = png_declaring(width, height)
    assert len(data) < 100

    def no_decoding(self):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    error = refusal(data, "bomb.png")
    assert error.messages == [TOO_MANY_PIXELS.format(name="bomb.png")]
    assert error.code == "photo_too_many_pixels"


def test_a_webp_canvas_bomb_is_refused_before_libwebp_allocates_it(monkeypatch):
    """10000 × 10000 is under Pillow's bomb error, and libwebp allocates 400 MB buffers for the
    canvas as soon as Pillow opens the file: the header is checked before that."""
    from PIL import WebPImagePlugin

    def no_decoder(data):
        raise AssertionError("libwebp's decoder was created")

    monkeypatch.setattr(WebPImagePlugin._webp, "WebPAnimDecoder", no_decoder)
    error = refusal(webp_declaring(10000, 10000), "bomb.webp")
    assert error.messages == [TOO_MANY_PIXELS.format(name="bomb.webp")]


@pytest.mark.parametrize("mode, options", [("RGB", {}), ("RGBA", {}), ("RGB", {"lossless": True})])
def test_the_webp_header_is_read_as_pillow_reads_it(mode, options):
    from catalogue.images import _webp_canvas_size

    data = encoded(photo_like((321, 123), mode), "WEBP", **options)
    assert _webp_canvas_size(data) == Image.open(BytesIO(data)).size == (321, 123)
    assert _webp_canvas_size(webp_declaring(16000, 9000)) == (16000, 9000)


def test_the_pixel_limit_is_a_setting(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 10_000
    error = refusal(encoded(photo_like((101, 100)), "JPEG"), "a.jpg")
    assert "at most 0.01 megapixels" in error.messages[0]
    assert photo_clean(upload=upload(encoded(photo_like((100, 100)), "JPEG"), "b.jpg"))


@pytest.mark.parametrize(
    "data, name",
    [
        (encoded(Image.new("P", (40, 40)), "GIF"), "animation.gif"),
        (encoded(Image.new("RGB", (40, 40)), "GIF"), "renamed-gif.jpg"),
        (b"Not a picture at all, just words.\n" * 20, "notes.jpg"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "invoice.pdf"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', "logo.svg"),
        (encoded(Image.new("RGB", (40, 40)), "TIFF"), "scan.tiff"),
        (b"", "empty.jpg"),
    ],
)
def test_anything_but_a_jpeg_png_webp_or_heic_is_refused(data, name):
    error = refusal(data, name)
    assert error.messages == [NOT_A_PHOTO.format(name=name)]
    assert error.code == "photo_not_supported"


def test_a_file_over_the_byte_limit_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 20_000
    data = encoded(photo_like((600, 400)), "JPEG", quality=95)
    assert len(data) > 20_000
    error = refusal(data, "huge.jpg")
    assert error.code == "photo_too_large"
    assert error.messages == [
        f"huge.jpg is too large ({len(data) / 1024:.1f}\xa0KB). Send a photo of at most 19.5\xa0KB."
    ]


def test_a_file_that_understates_its_size_is_still_bounded(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 20_000
    data = encoded(photo_like((600, 400)), "JPEG", quality=95)

    class Lying(BytesIO):
        name = "lying.jpg"
        size = 10

    with pytest.raises(ValidationError) as caught:
        photo_clean(upload=Lying(data))
    assert caught.value.code == "photo_too_large"


def test_the_default_byte_limit_is_15_megabytes():
    class Declared(BytesIO):
        name = "video.mov"
        size = 15 * 1024 * 1024 + 1

    with pytest.raises(ValidationError) as caught:
        photo_clean(upload=Declared(b"never read"))
    assert caught.value.messages == [
        "video.mov is too large (15.0\xa0MB). Send a photo of at most 15.0\xa0MB."
    ]


def test_an_upload_already_read_by_a_form_is_read_from_the_start():
    uploaded = upload(encoded(photo_like((120, 90)), "JPEG"), "read.jpg")
    uploaded.read()
    assert photo_clean(upload=uploaded).width == 120


def test_it_will_not_run_if_truncated_images_are_let_through(monkeypatch):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ImproperlyConfigured):
        photo_clean(upload=upload(truncated_jpeg(), "half.jpg"))


def _near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))
