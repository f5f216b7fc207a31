"""Writes of the workspace: the listing workflow, the products it makes, stock, invitations.

A listing moves draft → submitted → approved, or submitted → returned (with the coordinator's
reason) → submitted again. Approving creates or updates the shop's product with the same rules
the dashboard follows (`catalogue.provenance`). Editing the price or words of a piece that is in
the shop sends it through review again (the shop keeps the approved version meanwhile); changing
how many are in stock does not. Every step writes a `ListingEvent`.

Split by concern; every public name is importable from here.
"""

from workspace.services.common import (
    CODE_ALPHABET,
    CODE_LENGTH,
    INVITATION_DAYS,
    MAX_PHOTOS,
    PRODUCT_CLASS_BY_DEPARTMENT,
    REVIEWED_FIELDS,
    WORKSPACE_THUMBNAILS,
    StaleListing,
)
from workspace.services.invitations import (
    format_code,
    invitation_accept,
    invitation_create,
    invitation_find,
    sign_in_name_normalise,
)
from workspace.services.listings import (
    listing_add_photos,
    listing_approve,
    listing_create,
    listing_describe_photos,
    listing_missing,
    listing_remove_photo,
    listing_return,
    listing_submit,
    listing_update,
)
from workspace.services.stock import listing_available, listing_set_stock, stock_adjust

__all__ = [
    "CODE_ALPHABET", "CODE_LENGTH", "INVITATION_DAYS", "MAX_PHOTOS", "PRODUCT_CLASS_BY_DEPARTMENT",
    "REVIEWED_FIELDS", "WORKSPACE_THUMBNAILS", "StaleListing", "format_code", "invitation_accept",
    "invitation_create", "invitation_find", "sign_in_name_normalise", "listing_add_photos",
    "listing_approve", "listing_create", "listing_describe_photos", "listing_missing",
    "listing_remove_photo", "listing_return", "listing_submit", "listing_update",
    "listing_available", "listing_set_stock", "stock_adjust",
]
