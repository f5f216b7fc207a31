"""Writes to cooperatives and makers."""

from django.db import transaction
from oscar.core.loading import get_model

from cooperatives.models import Maker

Product = get_model("catalogue", "Product")
Line = get_model("order", "Line")


@transaction.atomic
def maker_remove(*, maker: Maker) -> str:
    """Delete a maker, or archive her when she has products or sales to keep their provenance.

    Archiving takes her products off sale; sold order lines keep her name either way.
    Returns "archived" or "deleted".
    """
    has_history = (
        Product.objects.filter(maker=maker).exists() or Line.objects.filter(maker=maker).exists()
    )
    if has_history:
        maker.is_archived = True
        maker.save(update_fields=["is_archived"])
        Product.objects.filter(maker=maker, is_public=True).update(is_public=False)
        return "archived"
    maker.delete()
    return "deleted"
