"""The listing workflow: draft → submitted → approved, or returned with the coordinator's
reason and submitted again. Every step writes a `ListingEvent`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalogue.images import photo_clean
from catalogue.thumbnails import thumbnails_generate
from cooperatives.models import Maker
from workspace.models import (
    Listing,
    ListingAction,
    ListingPhoto,
    ListingStatus,
)
from workspace.selectors import Workspace
from workspace.services.common import (
    MAX_PHOTOS,
    REVIEWED_FIELDS,
    WORKSPACE_THUMBNAILS,
    StaleListing,
    coordinator_required,
    listing_locked,
    step_log,
)
from workspace.services.products import product_from_listing, thumbnails_quietly


@transaction.atomic
def listing_create(*, workspace: Workspace, maker: Maker) -> Listing:
    """A new draft for `maker`: herself, or one of her cooperative's makers for a coordinator."""
    if maker.cooperative_id != workspace.cooperative.pk or maker.is_archived:
        raise ValidationError(_("This maker is not one of your cooperative's."))
    if not workspace.is_coordinator and maker.pk != getattr(workspace.maker, "pk", None):
        raise ValidationError(_("You can only list your own pieces."))
    listing = Listing.objects.create(
        cooperative=workspace.cooperative, maker=maker, created_by=workspace.user
    )
    note = "" if maker.user_id == workspace.user.pk else maker.display_name
    step_log(listing, workspace.user, ListingAction.CREATED, note)
    return listing


def _after_edit_status(listing: Listing, workspace: Workspace, changed: set[str]) -> str:
    """What an edit does to the status.

    A member's change to a piece under review takes it back to her drafts; a change of price
    or words to a piece in the shop needs review again. A coordinator's edit keeps a piece
    under review (she approves it next) and puts an edited live piece in her queue.
    """
    if listing.status == ListingStatus.APPROVED and changed & set(REVIEWED_FIELDS):
        return ListingStatus.SUBMITTED if workspace.is_coordinator else ListingStatus.DRAFT
    if listing.status == ListingStatus.SUBMITTED and not workspace.is_coordinator:
        return ListingStatus.DRAFT
    return listing.status


@transaction.atomic
def listing_update(
    *,
    listing: Listing,
    workspace: Workspace,
    changes: dict,
    expected_version: int | None,
) -> Listing:
    """Save what she typed. Only the fields given change; a stale form changes nothing.

    `changes` maps field names to values; `materials` is a list of Material objects.
    Raises `StaleListing` when the listing moved on since `expected_version`.
    """
    current = listing_locked(listing)
    if expected_version is not None and current.version != expected_version:
        raise StaleListing(current)
    materials = changes.pop("materials", None)
    changed = {name for name, value in changes.items() if getattr(current, name) != value}
    for name in changed:
        setattr(current, name, changes[name])
    if materials is not None:
        old = set(current.materials.values_list("pk", flat=True))
        if old != {material.pk for material in materials}:
            changed.add("materials")
    if not changed:
        return current
    new_status = _after_edit_status(current, workspace, changed)
    current.status = new_status
    current.version = F("version") + 1
    current.full_clean(exclude=["version"])
    current.save()
    if materials is not None:
        current.materials.set(materials)
    current.refresh_from_db()
    reopened = new_status != listing.status and listing.status == ListingStatus.APPROVED
    step_log(current, workspace.user, ListingAction.REOPENED if reopened else ListingAction.SAVED)
    return current


@transaction.atomic
def listing_add_photos(*, listing: Listing, workspace: Workspace, uploads) -> list[str]:
    """Store each good photo; return a message for each one refused. A bad one loses no other.

    Photos are cleaned (rotated upright, metadata such as GPS removed, sized for the web) by
    `catalogue.images.photo_clean` before anything is stored.
    """
    current = listing_locked(listing)
    errors = []
    position = current.photos.count()
    added = 0
    for upload in uploads:
        if position >= MAX_PHOTOS:
            errors.append(
                ngettext(
                    "%(name)s was not added: a piece can have at most %(count)d photo.",
                    "%(name)s was not added: a piece can have at most %(count)d photos.",
                    MAX_PHOTOS,
                )
                % {"name": upload.name, "count": MAX_PHOTOS}
            )
            continue
        try:
            clean = photo_clean(upload=upload)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        photo = ListingPhoto.objects.create(
            listing=current, image=clean.content, position=position
        )
        # The sizes the workspace shows, made now rather than on the next page view.
        thumbnails_generate(source_name=photo.image.name, variants=WORKSPACE_THUMBNAILS)
        position += 1
        added += 1
    if added:
        current.status = _after_edit_status(current, workspace, {"photos"})
        current.version = F("version") + 1
        current.save(update_fields=["status", "version", "updated"])
        step_log(current, workspace.user, ListingAction.PHOTO_ADDED)
    return errors


@transaction.atomic
def listing_describe_photos(*, listing: Listing, descriptions: dict[int, str]) -> None:
    """The words for people who cannot see the photos. Not a reviewed change of the piece."""
    for photo in listing.photos.all():
        text = descriptions.get(photo.pk)
        if text is not None and text.strip() != photo.description:
            photo.description = text.strip()[:200]
            photo.save(update_fields=["description"])


@transaction.atomic
def listing_remove_photo(*, listing: Listing, workspace: Workspace, photo_id: int) -> None:
    current = listing_locked(listing)
    photo = current.photos.filter(pk=photo_id).first()
    if photo is None:
        return
    photo.image.delete(save=False)
    photo.delete()
    current.status = _after_edit_status(current, workspace, {"photos"})
    current.version = F("version") + 1
    current.save(update_fields=["status", "version", "updated"])
    step_log(current, workspace.user, ListingAction.PHOTO_REMOVED)


def listing_missing(listing: Listing) -> list[str]:
    """What still has to be filled in before the piece can be reviewed, in her words."""
    missing = []
    photos = list(listing.photos.all())
    if not photos:
        missing.append(_("Add at least one photo."))
    elif any(not photo.description for photo in photos):
        missing.append(_("Say in a few words what each photo shows."))
    if not listing.title:
        missing.append(_("Give the piece a name."))
    if listing.category_id is None:
        missing.append(_("Choose what it is."))
    if listing.price is None or listing.price <= 0:
        missing.append(_("Set a price above zero."))
    if listing.quantity is None:
        missing.append(_("Say how many you have ready."))
    if not listing.description:
        missing.append(_("Write a few words about the piece."))
    return missing


@transaction.atomic
def listing_submit(*, listing: Listing, workspace: Workspace) -> Listing:
    current = listing_locked(listing)
    if current.status == ListingStatus.SUBMITTED:
        raise ValidationError(_("This piece is already waiting for review."))
    if current.status == ListingStatus.APPROVED:
        raise ValidationError(
            _("This piece is already in the shop. Change something first, then send it again.")
        )
    missing = listing_missing(current)
    if missing:
        raise ValidationError(missing)
    was_returned = current.status == ListingStatus.RETURNED
    current.status = ListingStatus.SUBMITTED
    current.submitted_at = timezone.now()
    current.version = F("version") + 1
    current.save(update_fields=["status", "submitted_at", "version", "updated"])
    current.refresh_from_db()
    step_log(
        current,
        workspace.user,
        ListingAction.RESUBMITTED if was_returned else ListingAction.SUBMITTED,
    )
    return current


@transaction.atomic
def listing_return(*, listing: Listing, workspace: Workspace, reason: str) -> Listing:
    coordinator_required(workspace)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Tell her what to change, so she can fix it."))
    current = listing_locked(listing)
    if current.status != ListingStatus.SUBMITTED:
        raise ValidationError(_("Only a piece waiting for review can be returned."))
    current.status = ListingStatus.RETURNED
    current.return_reason = reason
    current.version = F("version") + 1
    current.save(update_fields=["status", "return_reason", "version", "updated"])
    current.refresh_from_db()
    step_log(current, workspace.user, ListingAction.RETURNED, reason)
    return current


@transaction.atomic
def listing_approve(*, listing: Listing, workspace: Workspace) -> Listing:
    """Put the piece in the shop (or update it there) exactly as she described it."""
    coordinator_required(workspace)
    current = listing_locked(listing)
    if current.status != ListingStatus.SUBMITTED:
        raise ValidationError(_("Only a piece waiting for review can be approved."))
    missing = listing_missing(current)
    if missing:
        raise ValidationError(missing)
    product = product_from_listing(current)
    current.product = product
    current.status = ListingStatus.APPROVED
    current.return_reason = ""
    current.version = F("version") + 1
    current.save(update_fields=["product", "status", "return_reason", "version", "updated"])
    current.refresh_from_db()
    step_log(current, workspace.user, ListingAction.APPROVED)
    # Resized once now, not on a customer's first view of the page.
    transaction.on_commit(lambda: thumbnails_quietly(product))
    return current
