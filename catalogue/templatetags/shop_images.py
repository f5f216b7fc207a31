"""`{% load shop_images %}`: Wagtail's image tags, with a placeholder instead of a 500 for a
stored picture that can no longer be decoded (see `catalogue.thumbnails`). The shop's templates
load this library instead of `wagtailimages_tags`."""

from catalogue.thumbnails import register  # noqa: F401  (Django reads `register`)
