"""The storefront's images: product thumbnails as files, and pictures that never break a page.

Product thumbnails are kept as files next to the media, with no database look-ups.

Oscar's default thumbnailer (sorl-thumbnail) records every thumbnail in a key-value table and
asks it on each render: one query per image on a cold cache. Here the thumbnail's name is
derived from the source name and the options, so a render costs one file-system check, and the
file is generated on first use (the demo loader and listing approval generate the storefront's
sizes ahead, see `thumbnails_generate`).

A stored picture that cannot be decoded (truncated, corrupt, missing) never breaks a page: its
thumbnail is a static placeholder, and the bad source is logged once per process. Oscar's
`{% oscar_thumbnail %}` gets that from `FileThumbnailer`. Wagtail's `{% image %}` catches only a
missing file (SourceImageIOError); a file that opens but does not decode raises from the tag and
the page answers 500. This module is also the template library that stands in for
`wagtailimages_tags` (TEMPLATES' "libraries" option): Wagtail's own tags, whose image nodes give
the same placeholder, sized as the rendition would have been, where the original cannot be decoded.
"""

import hashlib
import logging
import struct
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from django import template
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from oscar.core.thumbnails import AbstractThumbnailer
from PIL import Image, ImageOps
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.images.templatetags import wagtailimages_tags

logger = logging.getLogger(__name__)

THUMBNAIL_DIRECTORY = "thumbnails"
THUMBNAIL_QUALITY = 78
# Per format: Pillow's encoder name, its options, the file extension and the MIME type. AVIF at
# a lower quality number looks like WebP at 78 and weighs about the same or less; speed 8 keeps
# encoding a few times faster than the default for a barely larger file.
FORMATS = {
    "avif": ("AVIF", {"quality": 55, "speed": 8}, "avif", "image/avif"),
    "webp": ("WEBP", {"quality": THUMBNAIL_QUALITY, "method": 4}, "webp", "image/webp"),
    "jpeg": ("JPEG", {"quality": THUMBNAIL_QUALITY, "optimize": True, "progressive": True},
             "jpg", "image/jpeg"),
}
PLACEHOLDER_STATIC_PATH = "img/photo-placeholder.svg"

# What opening and decoding a stored file can raise: missing or truncated (OSError, which
# includes Pillow's UnidentifiedImageError), broken headers or chunks (SyntaxError, ValueError,
# EOFError, struct.error, depending on the format's plugin), or a decompression bomb.
DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    Image.DecompressionBombError,
)


@dataclass(frozen=True)
class Thumbnail:
    url: str
    width: int
    height: int
    name: str


def _parse_size(size: str) -> tuple[int | None, int | None]:
    width, _, height = size.partition("x")
    return (int(width) if width else None, int(height) if height else None)


def _box(size: str) -> tuple[int, int]:
    width, height = _parse_size(size)
    return width or height or 0, height or width or 0


def thumbnail_name(source_name: str, size: str, crop: bool, image_format: str = "webp") -> str:
    # WebP names are those of before other formats existed, so stored thumbnails stay valid.
    key = f"{source_name}|{size}|{crop}" + ("" if image_format == "webp" else f"|{image_format}")
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]  # noqa: S324 (a file name, not a secret)
    stem = PurePosixPath(source_name).stem[:40]
    extension = FORMATS[image_format][2]
    return f"{THUMBNAIL_DIRECTORY}/{digest[:2]}/{stem}-{digest}.{extension}"


def make_thumbnail(source, size: str, crop: bool = False, image_format: str = "webp") -> Thumbnail:
    """The thumbnail of one stored image, made now if its file does not exist yet; the
    placeholder when the source cannot be decoded."""
    name = getattr(source, "name", None) or str(source)
    box_width, box_height = _box(size)
    target = thumbnail_name(name, size, crop, image_format)
    if not default_storage.exists(target):
        try:
            image = _open_source(name, largest_box=max(box_width, box_height))
            data = _encode(image, (box_width, box_height), crop, image_format)
        except DECODE_ERRORS as error:
            _report_undecodable(name, error)
            return placeholder_thumbnail(box_width, box_height)
        default_storage.save(target, ContentFile(data))
    return Thumbnail(
        url=default_storage.url(target), width=box_width, height=box_height, name=target
    )


def thumbnails_generate(
    *, source_name: str, variants: Iterable[tuple[str, bool] | tuple[str, bool, str]]
) -> int:
    """Make the missing thumbnails of one stored image for `variants` ((size, crop) pairs, WebP,
    or (size, crop, format) triples), decoding the source once; return how many files were made
    (0 if it cannot be decoded)."""
    missing = []
    for size, crop, *image_format in variants:
        image_format = image_format[0] if image_format else "webp"
        target = thumbnail_name(source_name, size, crop, image_format)
        if not default_storage.exists(target):
            missing.append((size, crop, image_format, target))
    if not missing:
        return 0
    largest_box = max(max(_box(size)) for size, *_rest in missing)
    try:
        image = _open_source(source_name, largest_box=largest_box)
        encoded = [
            (target, _encode(image, _box(size), crop, image_format))
            for size, crop, image_format, target in missing
        ]
    except DECODE_ERRORS as error:
        _report_undecodable(source_name, error)
        return 0
    for target, data in encoded:
        default_storage.save(target, ContentFile(data))
    return len(encoded)


def placeholder_thumbnail(width: int, height: int) -> Thumbnail:
    return Thumbnail(url=static(PLACEHOLDER_STATIC_PATH), width=width, height=height, name="")


def _open_source(name: str, *, largest_box: int) -> Image.Image:
    """The stored image, decoded in full and turned upright."""
    with default_storage.open(name, "rb") as handle:
        image = Image.open(handle)
        if largest_box:
            # A JPEG decodes at 1/2, 1/4 or 1/8 scale when that still covers the largest box.
            image.draft("RGB", (largest_box, largest_box))
        image.load()
    return ImageOps.exif_transpose(image).convert("RGB")


def _encode(
    image: Image.Image, box: tuple[int, int], crop: bool, image_format: str = "webp"
) -> bytes:
    if crop:
        image = ImageOps.fit(image, box, Image.Resampling.LANCZOS)
    else:
        image = image.copy()
        image.thumbnail(box, Image.Resampling.LANCZOS)
    encoder, options, _extension, _mime = FORMATS[image_format]
    buffer = BytesIO()
    image.save(buffer, encoder, **options)
    return buffer.getvalue()


_reported_sources: set[str] = set()
_reported_lock = threading.Lock()


def _report_undecodable(name: str, error: BaseException) -> None:
    """Log a bad source once per process, not on every page that shows it."""
    with _reported_lock:
        if name in _reported_sources:
            return
        _reported_sources.add(name)
    logger.warning(
        "Image %s could not be read or resized (%s: %s); pages show a placeholder instead.",
        name,
        type(error).__name__,
        error,
    )


class FileThumbnailer(AbstractThumbnailer):
    def generate_thumbnail(self, source, **options):
        crop = bool(options.get("crop"))
        return make_thumbnail(source, options["size"], crop=crop)

    def delete_thumbnails(self, source):
        # Names are derived from the source and the size; the common sizes are listed here.
        name = getattr(source, "name", None) or str(source)
        for size in CARD_SIZES:
            for crop in (False, True):
                for image_format in FORMATS:
                    default_storage.delete(thumbnail_name(name, size, crop, image_format))


# Sizes the storefront renders: catalogue cards, the product page, the basket.
CARD_SIZES = ("400x400", "800x800", "160x160", "100x100")
# Every storefront template asks for these sizes with crop="center", in every format of
# `{% product_picture %}` (AVIF and WebP sources, a JPEG fallback).
PICTURE_FORMATS = ("avif", "webp", "jpeg")
STOREFRONT_VARIANTS = tuple(
    (size, True, image_format) for size in CARD_SIZES for image_format in PICTURE_FORMATS
)


# Every `{% picture %}` of the storefront's templates: its filter patterns exactly as written
# there (tests/performance/test_page_weight.py compares them), so that the renditions can be
# generated ahead (the demo loader, stories/demo.py) rather than on a visitor's first view.
PICTURES = {
    "home_hero": "format-{avif,webp,jpeg} fill-{480x270,960x540,1600x900}",
    "page_hero": "format-{avif,webp,jpeg} fill-{480x210,960x420,1600x700}",
    "story_card": "format-{avif,webp,jpeg} fill-{320x200,640x400}",
    "gallery": "format-{avif,webp,jpeg} fill-{300x300,600x600}",
    "body_image": "format-{avif,webp,jpeg} width-{480,1000}",
}


def picture_renditions(*names: str) -> list[str]:
    """The Wagtail filter specs that the named `PICTURES` render, as the tag expands them."""
    return [spec for name in names for spec in Filter().expand_spec(PICTURES[name])]


# Wagtail's {% image %}, {% srcset_image %} and {% picture %}, safe from undecodable originals.

register = template.Library()
register.tags.update(wagtailimages_tags.register.tags)
register.filters.update(wagtailimages_tags.register.filters)


class DecodeSafeImage:
    """A Wagtail image whose renditions are placeholders when its original cannot be decoded.

    Every other attribute is the image's own.
    """

    def __init__(self, image: AbstractImage):
        self._image = image

    def __getattr__(self, name):
        return getattr(self._image, name)

    def get_rendition(self, filter: Filter | str) -> AbstractRendition:
        try:
            return self._image.get_rendition(filter)
        except InvalidFilterSpecError:
            raise  # a mistake in a template, not a bad picture
        except DECODE_ERRORS as error:
            _report_undecodable(self._image.file.name, error)
            return placeholder_rendition(self._image, filter)

    def get_renditions(self, *filters: Filter | str) -> dict[str, AbstractRendition]:
        try:
            return self._image.get_renditions(*filters)
        except InvalidFilterSpecError:
            raise  # a mistake in a template, not a bad picture
        except DECODE_ERRORS as error:
            _report_undecodable(self._image.file.name, error)
            renditions = (placeholder_rendition(self._image, filter) for filter in filters)
            return {rendition.filter_spec: rendition for rendition in renditions}


def placeholder_rendition(image: AbstractImage, filter: Filter | str) -> AbstractRendition:
    """An unsaved rendition showing the static placeholder at the size the filter would give
    (computed from the image's stored width and height, without opening the file)."""
    if isinstance(filter, str):
        filter = Filter(spec=filter)
    try:
        width, height = filter.get_transform(image).size
    except (ValueError, TypeError, ZeroDivisionError):
        width, height = image.width, image.height
    rendition = image.get_rendition_model()(
        image=image, filter_spec=filter.spec, width=width, height=height
    )
    rendition.file.name = PLACEHOLDER_STATIC_PATH
    rendition.file.storage = staticfiles_storage
    return rendition


class _DecodeSafeNodeMixin:
    def validate_image(self, context):
        image = super().validate_image(context)
        return DecodeSafeImage(image) if image else image


class DecodeSafeImageNode(_DecodeSafeNodeMixin, wagtailimages_tags.ImageNode):
    pass


class DecodeSafeSrcsetImageNode(_DecodeSafeNodeMixin, wagtailimages_tags.SrcsetImageNode):
    pass


class DecodeSafePictureNode(_DecodeSafeNodeMixin, wagtailimages_tags.PictureNode):
    pass


_DECODE_SAFE_NODES = {
    wagtailimages_tags.ImageNode: DecodeSafeImageNode,
    wagtailimages_tags.SrcsetImageNode: DecodeSafeSrcsetImageNode,
    wagtailimages_tags.PictureNode: DecodeSafePictureNode,
}


def _decode_safe_image_tag(parser, token):
    node = wagtailimages_tags.image(parser, token)  # Wagtail's own parsing and errors
    return _DECODE_SAFE_NODES[type(node)](
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )


for _tag_name in ("image", "srcset_image", "picture"):
    register.tag(_tag_name, _decode_safe_image_tag)


# {% product_picture %}: an Oscar product image as <picture>, AVIF and WebP with a JPEG fallback.


@register.simple_tag
def product_picture(source, *, widths: str, sizes: str, alt: str = "", **attributes) -> str:
    """A product photo in `widths` (square, comma-separated pixel widths: "160,400,800") as
    `<picture>` with AVIF and WebP sources and a JPEG `<img>` whose `sizes` says how wide the
    browser will show it, so a phone fetches the small file in the format it reads best.

    Every width must be one of `CARD_SIZES`: those are generated ahead in every format
    (`thumbnails_generate` with `STOREFRONT_VARIANTS`, at approval and in the demo loader).
    Other keyword arguments become attributes of the `<img>` (loading, decoding, fetchpriority,
    class); `width` and `height` are those of the middle width.
    """
    name = getattr(source, "name", None) or str(source)
    prepared = _prepared_picture(name, str(widths), sizes)
    extra = _attributes(attributes)
    if prepared is None:  # the source cannot be decoded
        middle = _middle(str(widths))
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}"{}>',
            placeholder_thumbnail(middle, middle).url, middle, middle, alt, extra,
        )
    sources, fallback, middle = prepared
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}>'
        "</picture>",
        sources, fallback, _srcset(name, str(widths), "jpeg"), sizes, middle, middle, alt, extra,
    )


def _middle(widths: str) -> int:
    pixels = sorted(int(width) for width in widths.split(","))
    return pixels[len(pixels) // 2]


def _srcset(name: str, widths: str, image_format: str) -> str:
    base = _media_base_url()
    return ", ".join(
        f"{base}{thumbnail_name(name, f'{width}x{width}', True, image_format)} {width}w"
        for width in sorted(int(width) for width in widths.split(","))
    )


def _media_base_url() -> str:
    """Where thumbnails are served: names are plain ASCII paths, so joining them to the
    storage's address once is what `storage.url()` would do for each, at a fraction of the cost
    (a product card used to spend more time building nine URLs than rendering the rest)."""
    return default_storage.url(f"{THUMBNAIL_DIRECTORY}/x")[: -len(f"{THUMBNAIL_DIRECTORY}/x")]


# The parts of a picture that depend only on its source, widths and sizes, kept per process:
# a catalogue page renders 24 cards, each of them on every request. Only found files are kept
# (a thumbnail is never deleted while its product image exists: see FileThumbnailer).
_PICTURES_KEPT = 20_000
_prepared: dict[tuple[str, str, str, str], tuple[str, str, int]] = {}
_prepared_lock = threading.Lock()


def _prepared_picture(name: str, widths: str, sizes: str) -> tuple[str, str, int] | None:
    # The storage's address is part of the key: the markup holds it, and a process may change
    # storage (the media tests switch between S3 and the shop's disk).
    key = (_media_base_url(), name, widths, sizes)
    found = _prepared.get(key)
    if found is not None:
        return found
    pixels = sorted(int(width) for width in widths.split(","))
    largest = thumbnail_name(name, f"{pixels[-1]}x{pixels[-1]}", True, "jpeg")
    if not default_storage.exists(largest):
        # A source that predates a size or format: its files are made now, decoding it once.
        variants = [(f"{width}x{width}", True, fmt) for width in pixels for fmt in PICTURE_FORMATS]
        thumbnails_generate(source_name=name, variants=variants)
        if not default_storage.exists(largest):
            return None
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((FORMATS[fmt][3], _srcset(name, widths, fmt), sizes) for fmt in PICTURE_FORMATS
         if fmt != "jpeg"),
    )
    middle = _middle(widths)
    fallback = _media_base_url() + thumbnail_name(name, f"{middle}x{middle}", True, "jpeg")
    with _prepared_lock:
        if len(_prepared) >= _PICTURES_KEPT:
            _prepared.clear()
        _prepared[key] = (sources, fallback, middle)
    return _prepared[key]


def _attributes(attributes: dict) -> str:
    return format_html_join(
        "", ' {}="{}"', ((key.replace("_", "-"), value) for key, value in attributes.items())
    )
