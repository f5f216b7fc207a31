"""Ortak's two ways to send a parcel: a flat rate per order, standard free above a threshold."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices


class FlatRate(Base):
    """One charge per order, whatever it holds; no tax is added on top (prices include it)."""

    charge = Decimal("0.00")
    free_over: Decimal | None = None

    def calculate(self, basket):
        charge = self.charge
        if self.free_over is not None and basket.total_incl_tax >= self.free_over:
            charge = Decimal("0.00")
        return prices.Price(
            currency=basket.currency, excl_tax=charge, incl_tax=charge, tax=Decimal("0.00")
        )


class Standard(FlatRate):
    code = "standard"
    name = _("Standard delivery")
    description = _("5–8 working days. Free for orders over €75.")

    charge = Decimal("4.90")
    free_over = Decimal("75.00")


class Express(FlatRate):
    code = "express"
    name = _("Express delivery")
    description = _("1–3 working days, tracked.")

    charge = Decimal("12.90")
