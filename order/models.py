from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine


class Line(AbstractLine):
    """An order line that remembers who made the piece and where, as it was when it sold.

    The foreign keys go empty if a maker or cooperative is ever removed; the names stay.
    """

    maker = models.ForeignKey(
        "cooperatives.Maker",
        verbose_name=_("maker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
    )
    maker_name = models.CharField(_("maker's name at the time of sale"), max_length=80, blank=True)
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
    )
    cooperative_name = models.CharField(
        _("cooperative's name at the time of sale"), max_length=120, blank=True
    )


from oscar.apps.order.models import *  # noqa: E402
