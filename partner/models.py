from django.db import models
from django.db.models import F, Q
from oscar.apps.partner.abstract_models import AbstractStockRecord


class StockRecord(AbstractStockRecord):
    """Oscar's stock record with the provenance rule and a floor and ceiling on allocations."""

    class Meta(AbstractStockRecord.Meta):
        constraints = [
            models.CheckConstraint(
                # NULLs pass a CHECK, as Oscar leaves both counters empty until stock is set.
                condition=Q(num_allocated__gte=0) & Q(num_allocated__lte=F("num_in_stock")),
                name="stockrecord_allocated_within_stock",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        from catalogue.provenance import validate_stockrecord_partner

        validate_stockrecord_partner(self)


from oscar.apps.partner.models import *  # noqa: E402
