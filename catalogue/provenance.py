"""The provenance rules in one place.

- A product offered for sale (public) has a maker who is not archived.
- Its cooperative follows from the maker; every stock record's partner is that cooperative's.
- An order line keeps a snapshot of maker and cooperative as they were when it was sold.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def product_maker(product):
    """A variant (child product) is made by its parent's maker unless it names its own."""
    if product.maker_id is not None:
        return product.maker
    if product.is_child and product.parent_id is not None:
        return product.parent.maker
    return None


def validate_product_provenance(product) -> None:
    maker = product_maker(product)
    if product.is_public and not product.is_parent and maker is None:
        raise ValidationError(
            {"maker": _("Choose the maker of this product before offering it for sale.")}
        )
    if maker is None:
        return
    if product.is_public and maker.is_archived:
        raise ValidationError(
            {"maker": _("%(maker)s is archived; choose a current maker.") % {"maker": maker}}
        )
    if product.pk is None:
        return
    expected_partner_id = maker.cooperative.partner_id
    other_partners = (
        product.stockrecords.exclude(partner_id=expected_partner_id)
        .select_related("partner")
        .values_list("partner__name", flat=True)
    )
    if other_partners:
        raise ValidationError(
            {
                "maker": _(
                    "%(maker)s belongs to %(cooperative)s, but this product is stocked by "
                    "%(partners)s. Choose a maker of that cooperative, or move the stock."
                )
                % {
                    "maker": maker.display_name,
                    "cooperative": maker.cooperative.name,
                    "partners": ", ".join(sorted(set(other_partners))),
                }
            }
        )


def validate_stockrecord_partner(stockrecord) -> None:
    product = stockrecord.product
    maker = product_maker(product) if product is not None else None
    if maker is None or stockrecord.partner_id is None:
        return
    cooperative = maker.cooperative
    if stockrecord.partner_id != cooperative.partner_id:
        raise ValidationError(
            {
                "partner": _(
                    "This product is made by %(maker)s of %(cooperative)s, so only "
                    "%(cooperative)s can stock it."
                )
                % {"maker": maker.display_name, "cooperative": cooperative.name}
            }
        )


def line_provenance_snapshot(product) -> dict:
    """The maker and cooperative fields an order line keeps from the moment of sale."""
    maker = product_maker(product) if product is not None else None
    if maker is None:
        return {}
    cooperative = maker.cooperative
    return {
        "maker": maker,
        "maker_name": maker.public_name,
        "cooperative": cooperative,
        "cooperative_name": cooperative.name,
    }
