"""Photos members send from their phones, made safe before the shop stores them.

A phone sends HEIC, or a JPEG that carries where it was taken (GPS) and the phone's details in
its EXIF; a file's name and the browser's content type say nothing reliable about the bytes.
`photo_clean` is the one door every uploaded photo goes through: it is bounded in bytes and in
pixels before anything is decoded, decoded in full (so a truncated or corrupt file is refused now,
not on a customer's page later), turned upright, stripped of every metadata block and re-encoded
web sized. `product_thumbnails_generate` makes the storefront's thumbnails when a listing is
approved, so no customer's request has to resize a photo.
"""

import logging
import math
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from catalogue import thumbnails

logger = logging.getLogger(__name__)

# HEIC/HEIF is what iPhones (and many Android phones) save by default.
register_heif_opener()

DEFAULT_MAX_BYTES = 15 * 1024 * 1024
# 50 Mpx lets through the 48 and 50 Mpx modes of current phone cameras; Pillow's own
# decompression-bomb warning starts at 89 Mpx.
DEFAULT_MAX_PIXELS = 50_000_000
# Stored originals are web sized: the largest storefront image is 800 px, so 2400 px leaves
# room for zoom and for sizes a later design may want.
DEFAULT_MAX_SIDE = 2400

JPEG_QUALITY = 85
WEBP_QUALITY = 85

# Pillow's plugins tried on an upload: nothing else is even attempted (GIF, TIFF, SVG, PDF…).
OPENED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
# What those plugins report. Phones often write multi-picture JPEGs (a depth map or a preview
# after the photo), which Pillow's JPEG plugin reports as MPO; the first picture is the photo.
ACCEPTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "HEIF"})

# What Pillow raises for a file it recognised but cannot decode: truncated data is an OSError,
# broken headers or chunks are SyntaxError, ValueError, EOFError or struct.error depending on
# the plugin.
DECODE_ERRORS = thumbnails.DECODE_ERRORS

SRGB_PROFILE = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class CleanPhoto:
    content: ContentFile  # re-encoded bytes, .name set ("<stem>.jpg", ".webp" or ".png")
    width: int
    height: int
    format: str  # "JPEG", "WEBP" or "PNG": what was written


def photo_clean(*, upload: Any) -> CleanPhoto:
    """Validate one uploaded file and return a safe, re-encoded copy of the photo.

    `upload` is a Django UploadedFile or any file object with .name, .size and .read. Raises
    ValidationError, with a message in the active language that names the file, when it is too
    large, not a JPEG/PNG/WebP/HEIC picture, too many pixels, or truncated or corrupt.
    """
    name = PurePath(str(getattr(upload, "name", "") or "")).name or _("This file")
    max_bytes = getattr(settings, "IMAGE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)
    max_pixels = getattr(settings, "IMAGE_UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS)
    max_side = getattr(settings, "IMAGE_UPLOAD_MAX_SIDE", DEFAULT_MAX_SIDE)
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        raise ImproperlyConfigured(
            "PIL.ImageFile.LOAD_TRUNCATED_IMAGES is on: truncated photos would pass as whole."
        )

    data = _read_at_most(upload, name=name, max_bytes=max_bytes)
    declared = _webp_canvas_size(data)
    if declared and declared[0] * declared[1] > max_pixels:
        raise _too_many_pixels(name, max_pixels)
    try:
        image = Image.open(BytesIO(data), formats=OPENED_FORMATS)
    except UnidentifiedImageError:
        raise _not_a_photo(name) from None
    except Image.DecompressionBombError:
        raise _too_many_pixels(name, max_pixels) from None
    except DECODE_ERRORS as error:
        raise _damaged(name) from error
    if image.format not in ACCEPTED_FORMATS:
        raise _not_a_photo(name)

    # The header's size, checked before a single pixel is allocated.
    width, height = image.size
    if width * height > max_pixels:
        raise _too_many_pixels(name, max_pixels)

    if image.format in ("JPEG", "MPO"):
        # Decode a large JPEG at 1/2, 1/4 or 1/8 scale when that still covers the stored size.
        scale = max_side / max(width, height)
        if scale < 1:
            image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
    try:
        image.load()
    except Image.DecompressionBombError:
        raise _too_many_pixels(name, max_pixels) from None
    except DECODE_ERRORS as error:
        raise _damaged(name) from error

    return _reencode(image, source_format=image.format, name=name, max_side=max_side)


def product_thumbnails_generate(*, product: Any) -> int:
    """Make the storefront's thumbnails for every image of an Oscar product, ahead of any page
    view, and return how many files were made (0 when they all exist).

    Called when a listing is approved so that no customer's request resizes a photo. A source
    that cannot be decoded is logged (by catalogue.thumbnails) and skipped: its pages show the
    placeholder.
    """
    made = 0
    for product_image in product.get_all_images():
        if product_image.original:
            made += thumbnails.thumbnails_generate(
                source_name=product_image.original.name, variants=thumbnails.STOREFRONT_VARIANTS
            )
    return made


def _read_at_most(upload: Any, *, name: str, max_bytes: int) -> bytes:
    declared_size = getattr(upload, "size", None)
    if declared_size is not None and declared_size > max_bytes:
        raise _too_large(name, declared_size, max_bytes)
    try:
        upload.seek(0)  # a form's own validation may have read it already
    except (AttributeError, OSError, ValueError):
        pass
    # Read one byte more than allowed, so a file whose .size understates it is caught too.
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    if not data:
        raise _not_a_photo(name)
    return data


def _webp_canvas_size(data: bytes) -> tuple[int, int] | None:
    """The canvas size a WebP header declares. libwebp allocates canvas-sized buffers as soon as
    Pillow opens the file, and Pillow checks only its own, higher, limit before that."""
    if len(data) < 30 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    chunk = data[12:16]
    if chunk == b"VP8X":
        width, height = data[24:27], data[27:30]
        return int.from_bytes(width, "little") + 1, int.from_bytes(height, "little") + 1
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        width, height = data[26:28], data[28:30]
        return int.from_bytes(width, "little") & 0x3FFF, int.from_bytes(height, "little") & 0x3FFF
    return None


def _reencode(image: Image.Image, *, source_format: str, name: str, max_side: int) -> CleanPhoto:
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    # Turned upright after the resize: exif_transpose copies the image, better a small one.
    image = ImageOps.exif_transpose(image)

    transparent = _has_transparency(image)
    if transparent:
        output_format = "PNG" if source_format == "PNG" else "WEBP"
    else:
        output_format = "WEBP" if source_format == "WEBP" else "JPEG"
    image = _to_srgb(image, mode="RGBA" if transparent else "RGB")
    # Pillow writes the source's ICC profile, XMP and more back out from .info unless told
    # otherwise: a photo leaves here with pixels only.
    image.info = {}

    buffer = BytesIO()
    if output_format == "JPEG":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif output_format == "WEBP":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        image.save(buffer, "PNG")
    extension = {"JPEG": "jpg", "WEBP": "webp", "PNG": "png"}[output_format]
    stem = slugify(PurePath(name).stem)[:60] or "photo"
    return CleanPhoto(
        content=ContentFile(buffer.getvalue(), name=f"{stem}.{extension}"),
        width=image.width,
        height=image.height,
        format=output_format,
    )


def _has_transparency(image: Image.Image) -> bool:
    """Whether any pixel is see-through: an alpha channel that is all opaque does not count."""
    if not image.has_transparency_data:
        return False
    alpha = image.convert("RGBA").getchannel("A")
    return alpha.getextrema()[0] < 255


def _to_srgb(image: Image.Image, *, mode: str) -> Image.Image:
    """Convert to RGB or RGBA in sRGB, using the photo's ICC profile when it has one (phones
    shoot in Display P3; dropping the profile without converting would dull the colours)."""
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        # 16-bit greyscale PNG: scale to 8 bits rather than let values clip to white.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert(mode)
    elif image.mode == "RGBA" and mode == "RGB":
        image = image.convert("RGB")
    icc_profile = image.info.get("icc_profile")
    if icc_profile:
        try:
            source_profile = ImageCms.ImageCmsProfile(BytesIO(icc_profile))
            return ImageCms.profileToProfile(image, source_profile, SRGB_PROFILE, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            logger.info("Colour profile not usable; converting without it.")
    return image if image.mode == mode else image.convert(mode)


def _too_large(name: str, size: int, limit: int) -> ValidationError:
    return ValidationError(
        _("%(name)s is too large (%(size)s). Send a photo of at most %(limit)s."),
        code="photo_too_large",
        params={"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
    )


def _too_many_pixels(name: str, limit: int) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s has too many pixels. Send a photo of at most %(limit)s megapixels, "
            "or set the camera to a smaller size."
        ),
        code="photo_too_many_pixels",
        params={"name": name, "limit": _megapixels(limit)},
    )


def _megapixels(pixels: int) -> str:
    megapixels = pixels / 1_000_000
    return number_format(int(megapixels) if megapixels.is_integer() else round(megapixels, 2))


def _not_a_photo(name: str) -> ValidationError:
    return ValidationError(
        _("%(name)s is not a photo we can use. Send a JPEG, PNG, WebP or HEIC picture."),
        code="photo_not_supported",
        params={"name": name},
    )


def _damaged(name: str) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s is damaged or incomplete, so it cannot be opened. "
            "Send the photo again, or take a new one."
        ),
        code="photo_damaged",
        params={"name": name},
    )
