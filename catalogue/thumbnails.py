"""Product thumbnails kept as files next to the media, with no database look-ups.

Oscar's default thumbnailer (sorl-thumbnail) records every thumbnail in a key-value table and
asks it on each render: one query per image on a cold cache. Here the thumbnail's name is
derived from the source name and the options, so a render costs one file-system check, and the
file is generated on first use (the demo loader and uploads generate the common sizes ahead).
"""

import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from oscar.core.thumbnails import AbstractThumbnailer
from PIL import Image, ImageOps

THUMBNAIL_DIRECTORY = "thumbnails"
THUMBNAIL_QUALITY = 78


@dataclass(frozen=True)
class Thumbnail:
    url: str
    width: int
    height: int
    name: str


def _parse_size(size: str) -> tuple[int | None, int | None]:
    width, _, height = size.partition("x")
    return (int(width) if width else None, int(height) if height else None)


def thumbnail_name(source_name: str, size: str, crop: bool) -> str:
    digest = hashlib.sha1(  # noqa: S324 (a file name, not a secret)
        f"{source_name}|{size}|{crop}".encode()
    ).hexdigest()[:12]
    stem = PurePosixPath(source_name).stem[:40]
    return f"{THUMBNAIL_DIRECTORY}/{digest[:2]}/{stem}-{digest}.webp"


def make_thumbnail(source, size: str, crop: bool = False) -> Thumbnail:
    name = getattr(source, "name", None) or str(source)
    width, height = _parse_size(size)
    target = thumbnail_name(name, size, crop)
    box_width, box_height = width or height or 0, height or width or 0
    if not default_storage.exists(target):
        with default_storage.open(name, "rb") as handle:
            image = Image.open(handle)
            image = ImageOps.exif_transpose(image).convert("RGB")
            if crop:
                image = ImageOps.fit(image, (box_width, box_height), Image.Resampling.LANCZOS)
            else:
                image.thumbnail((box_width, box_height), Image.Resampling.LANCZOS)
            buffer = BytesIO()
            image.save(buffer, "WEBP", quality=THUMBNAIL_QUALITY, method=4)
        default_storage.save(target, ContentFile(buffer.getvalue()))
    return Thumbnail(
        url=default_storage.url(target), width=box_width, height=box_height, name=target
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
