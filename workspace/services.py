"""Writes of the workspace: the listing workflow, stock, invitations.

A listing moves draft → submitted → approved, or submitted → returned (with the coordinator's
reason) → submitted again. Approving creates or updates the shop's product with the same rules
the dashboard follows (`catalogue.provenance`). Editing the price or words of a piece that is in
the shop sends it through review again (the shop keeps the approved version meanwhile); changing
how many are in stock does not. Every step writes a `ListingEvent`.
"""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.core.loading import get_model

from catalogue.images import photo_clean, product_thumbnails_generate
from catalogue.thumbnails import thumbnails_generate
from cooperatives.models import Maker
from workspace.models import (
    Invitation,
    Listing,
    ListingAction,
    ListingEvent,
    ListingPhoto,
    ListingStatus,
    StockAdjustment,
    StockReason,
)
from workspace.selectors import Workspace

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
AttributeOption = get_model("catalogue", "AttributeOption")
StockRecord = get_model("partner", "StockRecord")

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


def _log(listing: Listing, actor, action: str, note: str = "") -> ListingEvent:
    return ListingEvent.objects.create(listing=listing, actor=actor, action=action, note=note)


def _locked(listing: Listing) -> Listing:
    return Listing.objects.select_for_update().get(pk=listing.pk)


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
    _log(listing, workspace.user, ListingAction.CREATED, note)
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
    current = _locked(listing)
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
    _log(current, workspace.user, ListingAction.REOPENED if reopened else ListingAction.SAVED)
    return current


@transaction.atomic
def listing_add_photos(*, listing: Listing, workspace: Workspace, uploads) -> list[str]:
    """Store each good photo; return a message for each one refused. A bad one loses no other.

    Photos are cleaned (rotated upright, metadata such as GPS removed, sized for the web) by
    `catalogue.images.photo_clean` before anything is stored.
    """
    current = _locked(listing)
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
        _log(current, workspace.user, ListingAction.PHOTO_ADDED)
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
    current = _locked(listing)
    photo = current.photos.filter(pk=photo_id).first()
    if photo is None:
        return
    photo.image.delete(save=False)
    photo.delete()
    current.status = _after_edit_status(current, workspace, {"photos"})
    current.version = F("version") + 1
    current.save(update_fields=["status", "version", "updated"])
    _log(current, workspace.user, ListingAction.PHOTO_REMOVED)


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
    current = _locked(listing)
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
    _log(
        current,
        workspace.user,
        ListingAction.RESUBMITTED if was_returned else ListingAction.SUBMITTED,
    )
    return current


@transaction.atomic
def listing_return(*, listing: Listing, workspace: Workspace, reason: str) -> Listing:
    _require_coordinator(workspace)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Tell her what to change, so she can fix it."))
    current = _locked(listing)
    if current.status != ListingStatus.SUBMITTED:
        raise ValidationError(_("Only a piece waiting for review can be returned."))
    current.status = ListingStatus.RETURNED
    current.return_reason = reason
    current.version = F("version") + 1
    current.save(update_fields=["status", "return_reason", "version", "updated"])
    current.refresh_from_db()
    _log(current, workspace.user, ListingAction.RETURNED, reason)
    return current


@transaction.atomic
def listing_approve(*, listing: Listing, workspace: Workspace) -> Listing:
    """Put the piece in the shop (or update it there) exactly as she described it."""
    _require_coordinator(workspace)
    current = _locked(listing)
    if current.status != ListingStatus.SUBMITTED:
        raise ValidationError(_("Only a piece waiting for review can be approved."))
    missing = listing_missing(current)
    if missing:
        raise ValidationError(missing)
    product = _product_from_listing(current)
    current.product = product
    current.status = ListingStatus.APPROVED
    current.return_reason = ""
    current.version = F("version") + 1
    current.save(update_fields=["product", "status", "return_reason", "version", "updated"])
    current.refresh_from_db()
    _log(current, workspace.user, ListingAction.APPROVED)
    # Resized once now, not on a customer's first view of the page.
    transaction.on_commit(lambda: _thumbnails_quietly(product))
    return current


def _thumbnails_quietly(product) -> None:
    try:
        product_thumbnails_generate(product=product)
    except Exception:  # the page still works: the thumbnailer makes what is missing
        logger.exception("Could not make thumbnails for product %s", product.pk)


def _product_class(category) -> "ProductClass":
    department = category.get_ancestors_and_self()[0].slug
    slug = PRODUCT_CLASS_BY_DEPARTMENT.get(department)
    product_class = ProductClass.objects.filter(slug=slug).first() if slug else None
    return product_class or ProductClass.objects.order_by("pk").first()


def _description(listing: Listing) -> str:
    """Her words; materials not in the list follow them, in the shop's own language (the
    language of its catalogue, whoever approves)."""
    text = listing.description.strip()
    if listing.other_materials:
        with translation.override(settings.LANGUAGE_CODE):
            text += "\n\n" + _("Also made with: %(materials)s") % {
                "materials": listing.other_materials
            }
    return text


def _product_from_listing(listing: Listing):
    product = listing.product or Product(structure=Product.STANDALONE)
    is_new = product.pk is None
    product.title = listing.title
    product.description = _description(listing)
    product.maker = listing.maker
    product.technique = listing.technique
    product.hours_to_make = listing.hours_to_make
    product.care_instructions = listing.care_instructions
    product.product_class = _product_class(listing.category)
    product.is_public = True
    if is_new:
        product.slug = slugify(listing.title)[:120] or f"piece-{listing.pk}"
    product.full_clean(exclude=["slug", "upc", "code"] if not is_new else ["upc", "code"])
    product.save()
    product.materials.set(listing.materials.all())
    ProductCategory.objects.filter(product=product).exclude(category=listing.category).delete()
    ProductCategory.objects.get_or_create(product=product, category=listing.category)
    _set_attributes(product, listing)
    _set_images(product, listing)
    _set_stock(product, listing, is_new=is_new)
    return product


def _set_attributes(product, listing: Listing) -> None:
    for code in ("colour", "size"):
        value = getattr(listing, code)
        attribute = product.get_product_class().attributes.filter(code=code).first()
        if attribute is None:
            continue
        if attribute.type == attribute.OPTION:
            option = AttributeOption.objects.filter(
                group=attribute.option_group, option__iexact=value
            ).first()
            value = option
        if value:
            attribute.save_value(product, value)
        else:
            attribute.save_value(product, None)


def _set_images(product, listing: Listing) -> None:
    """The shop shows her photos in her order, with her words for people who cannot see them.

    Product images are copies under Oscar's image folder, named after the listing photo they
    came from (`lp<id>-…`), so approving again adds new photos and drops removed ones only.
    """
    existing = {}
    for image in ProductImage.objects.filter(product=product):
        marker = image.original.name.rsplit("/", 1)[-1].split("-", 1)[0]
        existing.setdefault(marker, image)
    for order, photo in enumerate(listing.photos.order_by("position", "pk")):
        marker = f"lp{photo.pk}"
        image = existing.pop(marker, None)
        if image is None:
            image = ProductImage(product=product)
            with photo.image.open("rb") as handle:
                content = ContentFile(handle.read())
            extension = photo.image.name.rsplit(".", 1)[-1]
            name = f"{marker}-{slugify(listing.title)[:40] or 'photo'}.{extension}"
            image.original.save(name, content, save=False)
        image.caption = photo.description
        image.display_order = order
        image.save()
    for image in existing.values():
        image.delete()


def _set_stock(product, listing: Listing, *, is_new: bool) -> None:
    partner = listing.cooperative.partner
    record = StockRecord.objects.filter(product=product, partner=partner).first()
    if record is None:
        record = StockRecord(
            product=product,
            partner=partner,
            partner_sku=f"WS-{listing.pk}",
            num_in_stock=listing.quantity or 0,
        )
    record.price = listing.price
    record.price_currency = settings.OSCAR_DEFAULT_CURRENCY
    record.full_clean()
    record.save()


@transaction.atomic
def listing_set_stock(*, listing: Listing, workspace: Workspace, available: int) -> Listing:
    """How many are ready to sell now. Takes effect at once, with no review."""
    if available is None or available < 0:
        raise ValidationError(_("How many must be zero or more."))
    current = _locked(listing)
    if current.product_id is not None:
        record = StockRecord.objects.filter(
            product_id=current.product_id, partner=current.cooperative.partner
        ).first()
        if record is not None:
            stock_adjust(
                workspace=workspace, stockrecord=record, available=available,
                reason=StockReason.CORRECTION,
            )
    before = current.quantity
    current.quantity = available
    current.version = F("version") + 1
    current.save(update_fields=["quantity", "version", "updated"])
    current.refresh_from_db()
    _log(current, workspace.user, ListingAction.STOCK_CHANGED, f"{before} → {available}")
    return current


@transaction.atomic
def stock_adjust(
    *, workspace: Workspace, stockrecord, available: int, reason: str, note: str = ""
) -> StockAdjustment:
    """Set how many of a piece customers can buy now, and record who, when and why.

    Pieces sold but not yet sent stay counted in the stock record (Oscar's allocation), so
    customers can buy exactly `available`.
    """
    if available is None or available < 0:
        raise ValidationError(_("How many must be zero or more."))
    if reason not in StockReason.values:
        raise ValidationError(_("Say why the number changes."))
    record = StockRecord.objects.select_for_update().select_related("product").get(
        pk=stockrecord.pk
    )
    if record.partner_id != workspace.cooperative.partner_id or (
        not workspace.is_coordinator and record.product.maker_id != workspace.maker.pk
    ):
        raise ValidationError(_("This piece is not one of yours."))
    allocated = record.num_allocated or 0
    before = (record.num_in_stock or 0) - allocated
    record.num_in_stock = allocated + available
    record.save(update_fields=["num_in_stock", "date_updated"])
    return StockAdjustment.objects.create(
        cooperative=workspace.cooperative,
        stockrecord=record,
        actor=workspace.user,
        reason=reason,
        note=note.strip()[:200],
        before=before,
        after=available,
    )


def listing_available(listing: Listing) -> int | None:
    """What customers can buy now: the stock record's free stock, or her count before approval."""
    if listing.product_id is None:
        return listing.quantity
    for record in listing.product.stockrecords.all():
        if record.partner_id == listing.cooperative.partner_id:
            return max((record.num_in_stock or 0) - (record.num_allocated or 0), 0)
    return listing.quantity


def _require_coordinator(workspace: Workspace) -> None:
    if not workspace.is_coordinator:
        raise ValidationError(_("Only your cooperative's coordinator can do this."))


# Invitations and accounts


def sign_in_name_normalise(value: str) -> str:
    """One spelling of a sign-in name: emails in lower case, phone numbers without spaces or
    dashes; any other user name as it is."""
    value = value.strip()
    if "@" in value:
        return value.lower()
    compact = "".join(ch for ch in value if ch not in " -().")
    if compact.removeprefix("+").isdigit():
        return compact
    return value


def _hash(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch in CODE_ALPHABET)
    return hashlib.sha256(normalised.encode()).hexdigest()


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


@transaction.atomic
def invitation_create(
    *, workspace: Workspace, maker: Maker | None = None, display_name: str = "", crafts: str = ""
) -> tuple[Invitation, str]:
    """A one-time code for a member; a new maker is made when she is not listed yet.

    Returns the invitation and the code, which is shown once and never stored.
    """
    _require_coordinator(workspace)
    if maker is None:
        display_name = display_name.strip()
        if not display_name:
            raise ValidationError(_("Write the name she wants customers to see."))
        maker = Maker(
            cooperative=workspace.cooperative,
            display_name=display_name,
            slug=_unique_maker_slug(display_name),
            crafts=crafts.strip() or "-",
        )
        maker.full_clean()
        maker.save()
    elif maker.cooperative_id != workspace.cooperative.pk:
        raise ValidationError(_("This maker is not one of your cooperative's."))
    if maker.user_id is not None:
        raise ValidationError(_("%(name)s already has an account.") % {"name": maker.display_name})
    # Earlier codes for her stop working: only the newest one she was sent opens the door.
    Invitation.objects.filter(maker=maker, used_at__isnull=True).update(
        expires_at=timezone.now()
    )
    code = "".join(secrets.choice(CODE_ALPHABET) for _index in range(CODE_LENGTH))
    invitation = Invitation.objects.create(
        cooperative=workspace.cooperative,
        maker=maker,
        secret_hash=_hash(code),
        created_by=workspace.user,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    return invitation, code


def _unique_maker_slug(name: str) -> str:
    base = slugify(name, allow_unicode=False)[:80] or "maker"
    slug, number = base, 1
    while Maker.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def invitation_find(*, code: str) -> Invitation | None:
    """The usable invitation for a code, or None (wrong, used or expired: the same answer)."""
    invitation = (
        Invitation.objects.select_related("maker", "cooperative")
        .filter(secret_hash=_hash(code))
        .first()
    )
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, code: str, sign_in_name: str, password: str):
    """Make her account from the invitation and link it to her maker record; returns the user."""
    invitation = invitation_find(code=code)
    if invitation is None:
        raise ValidationError(_("This code does not work. Ask your coordinator for a new one."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    maker = Maker.objects.select_for_update().get(pk=invitation.maker_id)
    if invitation.used_at is not None or maker.user_id is not None:
        raise ValidationError(_("This code was already used. Sign in instead."))
    User = get_user_model()
    username = sign_in_name_normalise(sign_in_name)
    if User.objects.filter(username__iexact=username).exists() or (
        "@" in username and User.objects.filter(email__iexact=username).exists()
    ):
        raise ValidationError(_("Someone already signs in with this. Choose another."))
    user = User(
        username=username,
        email=username if "@" in username else "",
        first_name=maker.display_name[:150],
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    members, _created = Group.objects.get_or_create(name="Members")
    user.groups.add(members)
    maker.user = user
    maker.save(update_fields=["user"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user
