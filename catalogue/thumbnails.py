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
from oscar.core.thumbnails import AbstractThumbnailer
from PIL import Image, ImageOps
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.images.templatetags import wagtailimages_tags

logger = logging.getLogger(__name__)

THUMBNAIL_DIRECTORY = "thumbnails"
THUMBNAIL_QUALITY = 78
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


def thumbnail_name(source_name: str, size: str, crop: bool) -> str:
    digest = hashlib.sha1(  # noqa: S324 (a file name, not a secret)
        f"{source_name}|{size}|{crop}".encode()
    ).hexdigest()[:12]
    stem = PurePosixPath(source_name).stem[:40]
    return f"{THUMBNAIL_DIRECTORY}/{digest[:2]}/{stem}-{digest}.webp"


def make_thumbnail(source, size: str, crop: bool = False) -> Thumbnail:
    """The thumbnail of one stored image, made now if its file does not exist yet; the
    placeholder when the source cannot be decoded."""
    name = getattr(source, "name", None) or str(source)
    box_width, box_height = _box(size)
    target = thumbnail_name(name, size, crop)
    if not default_storage.exists(target):
        try:
            image = _open_source(name, largest_box=max(box_width, box_height))
            data = _encode(image, (box_width, box_height), crop)
        except DECODE_ERRORS as error:
            _report_undecodable(name, error)
            return placeholder_thumbnail(box_width, box_height)
        default_storage.save(target, ContentFile(data))
    return Thumbnail(
        url=default_storage.url(target), width=box_width, height=box_height, name=target
    )


def thumbnails_generate(*, source_name: str, variants: Iterable[tuple[str, bool]]) -> int:
    """Make the missing thumbnails of one stored image for `variants` ((size, crop) pairs),
    decoding the source once; return how many files were made (0 if it cannot be decoded)."""
    missing = [
        (size, crop, thumbnail_name(source_name, size, crop))
        for size, crop in variants
        if not default_storage.exists(thumbnail_name(source_name, size, crop))
    ]
    if not missing:
        return 0
    largest_box = max(max(_box(size)) for size, _crop, _target in missing)
    try:
        image = _open_source(source_name, largest_box=largest_box)
        encoded = [(target, _encode(image, _box(size), crop)) for size, crop, target in missing]
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


def _encode(image: Image.Image, box: tuple[int, int], crop: bool) -> bytes:
    if crop:
        image = ImageOps.fit(image, box, Image.Resampling.LANCZOS)
    else:
        image = image.copy()
        image.thumbnail(box, Image.Resampling.LANCZOS)
    buffer = BytesIO()
    image.save(buffer, "WEBP", quality=THUMBNAIL_QUALITY, method=4)
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
                default_storage.delete(thumbnail_name(name, size, crop))


# Sizes the storefront renders: catalogue cards, the product page, the basket.
CARD_SIZES = ("400x400", "800x800", "160x160", "100x100")
# Every storefront template asks for these sizes with crop="center".
STOREFRONT_VARIANTS = tuple((size, True) for size in CARD_SIZES)


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
