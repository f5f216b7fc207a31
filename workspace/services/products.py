"""Approving a listing makes or updates the shop's product exactly as she described it, with the
same provenance rules as Oscar's dashboard (`catalogue.provenance`).
"""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.images import product_thumbnails_generate
from workspace.models import (
    Listing,
)
from workspace.services.common import PRODUCT_CLASS_BY_DEPARTMENT

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
AttributeOption = get_model("catalogue", "AttributeOption")
StockRecord = get_model("partner", "StockRecord")


def thumbnails_quietly(product) -> None:
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


def product_from_listing(listing: Listing):
    product = listing.product or Product(structure=Product.STANDALONE)
    is_new = product.pk is None
    # Her words go into the language she writes in (recorded on her maker profile), whatever
    # language the approving coordinator's workspace is in; translations sit beside them.
    language = listing.maker.original_language or settings.LANGUAGE_CODE
    description = _description(listing)
    with translation.override(language):
        product.title = listing.title
        product.description = description
        product.technique = listing.technique
        product.care_instructions = listing.care_instructions
    product.original_language = language
    product.maker = listing.maker
    product.hours_to_make = listing.hours_to_make
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
