"""What the workspace's writes share: the stale-form error, the row lock, the step log."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from workspace.models import (
    Listing,
    ListingEvent,
)
from workspace.selectors import Workspace

MAX_PHOTOS = 8
WORKSPACE_THUMBNAILS = (("400x400", True), ("800x800", True))
INVITATION_DAYS = 14
# Letters and digits that cannot be confused when read out or typed on a phone (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
# The department a category sits in decides the product class (and so its attributes).
PRODUCT_CLASS_BY_DEPARTMENT = {
    "jewelry": "jewelry",
    "household-textiles": "textile",
    "clothing": "clothing",
    "accessories": "accessory",
}
# Fields whose change on a piece in the shop must be reviewed again. Stock is not among them.
REVIEWED_FIELDS = (
    "title", "category", "price", "colour", "size", "materials", "other_materials", "technique",
    "hours_to_make", "care_instructions", "description", "photos",
)


class StaleListing(Exception):
    """The listing changed since the form was shown (another tab or device)."""

    def __init__(self, listing: Listing):
        super().__init__(f"Listing {listing.pk} is at version {listing.version}")
        self.listing = listing


def step_log(listing: Listing, actor, action: str, note: str = "") -> ListingEvent:
    return ListingEvent.objects.create(listing=listing, actor=actor, action=action, note=note)


def listing_locked(listing: Listing) -> Listing:
    return Listing.objects.select_for_update().get(pk=listing.pk)


def coordinator_required(workspace: Workspace) -> None:
    if not workspace.is_coordinator:
        raise ValidationError(_("Only your cooperative's coordinator can do this."))
