"""The forked order models: lines that remember their maker, shipments that carry a carrier and a
tracking number, and a log of who moved each line along the fulfilment pipeline
(order/fulfilment.py holds the rules)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine, AbstractShippingEvent


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

    def set_status(self, new_status):
        # Oscar's own callers (its dashboard, its order cascade) go through the same rules,
        # audit and order status as everything else.
        from order.fulfilment import line_status_set

        line_status_set(line=self, status=new_status, actor=None)

    set_status.alters_data = True


class ShippingEvent(AbstractShippingEvent):
    """A parcel (or a delivery or return of one): which lines, by which carrier, and its number."""

    carrier = models.CharField(_("carrier"), max_length=32, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True)

    @property
    def carrier_name(self) -> str:
        from order.fulfilment import carrier_name

        return carrier_name(self.carrier)

    @property
    def tracking_url(self) -> str:
        from order.fulfilment import tracking_url

        return tracking_url(carrier=self.carrier, tracking_number=self.tracking_number)


class LineEvent(models.Model):
    """Who moved a line, when, from which status to which, and why: the order's audit trail."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status changed")
        SHIPMENT = "shipment", _("Shipped")
        CANCELLATION = "cancellation", _("Cancelled")

    order = models.ForeignKey(
        "order.Order", verbose_name=_("order"), on_delete=models.CASCADE,
        related_name="line_events",
    )
    line = models.ForeignKey(
        "order.Line", verbose_name=_("line"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    old_status = models.CharField(_("from"), max_length=100, blank=True)
    new_status = models.CharField(_("to"), max_length=100)
    shipping_event = models.ForeignKey(
        "order.ShippingEvent", verbose_name=_("shipment"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="line_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    date_created = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-date_created", "-pk"]
        verbose_name = _("line event")
        verbose_name_plural = _("line events")

    def __str__(self):
        return f"{self.line_id}: {self.old_status} → {self.new_status}"


from oscar.apps.order.models import *  # noqa: E402
