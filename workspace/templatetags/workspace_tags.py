"""Small pieces for the workspace's templates: photo thumbnails, status badges."""

import logging

from django import template

from catalogue.thumbnails import make_thumbnail
from workspace.models import ListingStatus

register = template.Library()
logger = logging.getLogger(__name__)

STATUS_BADGES = {
    ListingStatus.DRAFT: "badge-draft",
    ListingStatus.SUBMITTED: "badge-warning",
    ListingStatus.RETURNED: "badge-danger",
    ListingStatus.APPROVED: "badge-success",
}


@register.simple_tag
def photo_thumbnail(photo, size: str = "400x400"):
    """A square web-sized copy of a listing photo (made at upload), or None if it cannot be."""
    if photo is None or not photo.image:
        return None
    try:
        return make_thumbnail(photo.image, size, crop=True)
    except Exception:
        logger.warning("No thumbnail for listing photo %s", photo.pk, exc_info=True)
        return None


@register.simple_tag
def status_badge_class(status: str) -> str:
    return STATUS_BADGES.get(status, "")


@register.filter
def first_photo(listing):
    photos = list(listing.photos.all())
    return photos[0] if photos else None
