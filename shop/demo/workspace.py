"""The demo's cooperative workspace: a coordinator and two member logins per cooperative, and
listings in every state (draft, waiting for review, returned with a reason, in the shop).

The listings go through the workspace's own services, so the demo shows what members and
coordinators really produce. Their data is in `workspace.json` beside this file.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from catalogue.images import product_thumbnails_generate
from cooperatives.models import Cooperative, Maker
from shop.demo import drawing
from shop.demo.data import UPC_PREFIX
from workspace import services
from workspace.models import Coordinator, Listing, ListingStatus
from workspace.selectors import Workspace

Category = get_model("catalogue", "Category")
Material = get_model("catalogue", "Material")

DATA = json.loads((Path(__file__).with_name("workspace.json")).read_text(encoding="utf-8"))
SEED = 4100


def coordinator_email(cooperative_slug: str) -> str:
    return f"coordinator.{cooperative_slug.split('-')[0]}@ortak.example"


def member_logins(cooperative_slug: str | None = None) -> list[tuple[str, str]]:
    """(maker slug, email) of the demo member logins, of one cooperative or of all."""
    return [
        (maker_slug, email)
        for slug, members in DATA["members"].items()
        if cooperative_slug in (None, slug)
        for maker_slug, email in members
    ]


def load_workspace(*, cooperatives: dict[str, Cooperative], make_user, report) -> None:
    """Coordinators, members and listings; each is found first, so loading again adds nothing."""
    coordinators = {}
    for slug, cooperative in cooperatives.items():
        user = make_user(
            coordinator_email(slug),
            first_name=cooperative.contact_name.split()[0] if cooperative.contact_name else "",
            last_name="(coordinator)",
            groups=["Coordinators"],
        )
        Coordinator.objects.get_or_create(user=user, defaults={"cooperative": cooperative})
        coordinators[slug] = Workspace(
            user=user, cooperative=cooperative, maker=None, is_coordinator=True
        )
    makers = {}
    for slug, members in DATA["members"].items():
        if slug not in cooperatives:
            continue
        for maker_slug, email in members:
            maker = Maker.objects.filter(slug=maker_slug).first()
            if maker is None:
                continue
            user = make_user(email, first_name=maker.display_name, groups=["Members"])
            if maker.user_id is None and not Maker.objects.filter(user=user).exists():
                maker.user = user
                maker.save(update_fields=["user"])
            makers[maker_slug] = maker
    for index, data in enumerate(DATA["listings"]):
        maker = makers.get(data["maker"])
        if maker is None:
            continue
        if Listing.objects.filter(maker=maker, title=data["title"]).exists():
            continue
        _listing(data, maker, coordinators[maker.cooperative.slug], SEED + index)
        report.created["workspace listings"] += 1


def _listing(data: dict, maker: Maker, coordinator: Workspace, seed: int) -> Listing:
    member = Workspace(
        user=maker.user, cooperative=maker.cooperative, maker=maker, is_coordinator=False
    )
    listing = services.listing_create(workspace=member, maker=maker)
    picture = drawing.draw_product_views(data["drawing"], data["colourway"], seed, count=1)[0]
    services.listing_add_photos(
        listing=listing,
        workspace=member,
        uploads=[SimpleUploadedFile(f"{data['drawing'].split(':')[0]}.jpg", picture)],
    )
    listing.refresh_from_db()
    services.listing_describe_photos(
        listing=listing, descriptions={photo.pk: data["photo"] for photo in listing.photos.all()}
    )
    category_code = data["category"]
    changes = {
        "title": data["title"],
        "category": Category.objects.filter(code=category_code).first(),
        "price": Decimal(data["price"]) if data["price"] else None,
        "quantity": data["quantity"],
        "technique": data["technique"],
        "hours_to_make": data["hours"],
        "care_instructions": data["care"],
        "description": data["description"],
        "materials": list(Material.objects.filter(slug__in=data["materials"])),
    }
    listing = services.listing_update(
        listing=listing, workspace=member, changes=changes, expected_version=None
    )
    if data["state"] == ListingStatus.DRAFT:
        return listing
    listing = services.listing_submit(listing=listing, workspace=member)
    if data["state"] == ListingStatus.RETURNED:
        return services.listing_return(
            listing=listing, workspace=coordinator, reason=data["reason"]
        )
    if data["state"] == ListingStatus.APPROVED:
        listing = services.listing_approve(listing=listing, workspace=coordinator)
        # Marked as the demo's, like every demo product (see loader.foreign_shop_contents).
        type(listing.product).objects.filter(pk=listing.product_id).update(
            upc=f"{UPC_PREFIX}WS-{listing.pk}"
        )
        # The loader runs in one transaction; thumbnails are made now, not after it commits.
        product_thumbnails_generate(product=listing.product)
    return listing
