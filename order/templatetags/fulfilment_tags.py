"""What the customer's order pages show of fulfilment: each line's status and its parcel."""

from dataclasses import dataclass

from django import template
from oscar.core.loading import get_model

from order import fulfilment

register = template.Library()


@dataclass
class LineProgress:
    line: object
    status: str
    status_label: str
    shipment: object | None  # the line's parcel (ShippingEvent), once it is shipped


@register.filter
def status_label(status: str) -> str:
    return fulfilment.status_label(status)


@register.simple_tag
def order_progress(order) -> list[LineProgress]:
    """Each line with its status and parcel, in two queries whatever the number of lines."""
    ShippingEventQuantity = get_model("order", "ShippingEventQuantity")
    parcels = {}
    for quantity in (
        ShippingEventQuantity.objects.filter(
            event__order=order, event__event_type__name=fulfilment.SHIPPING_EVENT_SHIPPED
        ).select_related("event").order_by("event__date_created", "pk")
    ):
        parcels[quantity.line_id] = quantity.event
    return [
        LineProgress(
            line=line,
            status=line.status or fulfilment.LineStatus.PAID,
            status_label=fulfilment.status_label(line.status or fulfilment.LineStatus.PAID),
            shipment=parcels.get(line.pk),
        )
        for line in order.lines.all()
    ]
