"""Oscar's dashboard order page, with its line actions sent through order/fulfilment.py.

Oscar finds this module through the forked `dashboard` app's label (see dashboard/apps.py), so
only the order detail view changes: "Change line status", "Create shipping event" and "Change
order status" obey the fulfilment rules and record who acted. Everything else is Oscar's.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.apps.dashboard.orders.views import OrderDetailView as CoreOrderDetailView
from oscar.core.loading import get_model

from order import fulfilment

ShippingEventType = get_model("order", "ShippingEventType")
LineEvent = get_model("order", "LineEvent")


class OrderDetailView(CoreOrderDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["carriers"] = fulfilment.CARRIERS
        context["line_events"] = LineEvent.objects.filter(order=self.object).select_related(
            "line", "actor", "shipping_event"
        )
        return context

    def change_line_statuses(self, request, order, lines, quantities):
        new_status = request.POST.get("new_status", "").strip()
        reason = request.POST.get("reference", "").strip()
        done, errors = [], []
        for line in lines:
            try:
                if new_status == fulfilment.LineStatus.CANCELLED:
                    fulfilment.line_cancel(
                        line=line, reason=reason or _("Cancelled by the shop."), actor=request.user
                    )
                elif new_status == fulfilment.LineStatus.SHIPPED:
                    raise fulfilment.FulfilmentError(
                        _("Use “Create shipping event” with the type Shipped, the carrier and "
                          "the tracking number.")
                    )
                else:
                    fulfilment.line_status_set(
                        line=line, status=new_status, actor=request.user, note=reason
                    )
            except fulfilment.FulfilmentError as error:
                errors.append(f"#{line.pk}: {' '.join(error.messages)}")
            else:
                done.append(line)
        if errors:
            messages.error(request, "\n".join(errors))
        if done:
            messages.info(
                request,
                ngettext(
                    "%(count)d line is now %(status)s.",
                    "%(count)d lines are now %(status)s.",
                    len(done),
                )
                % {"count": len(done), "status": fulfilment.status_label(new_status)},
            )
        return self.reload_page()

    def create_shipping_event(self, request, order, lines, quantities):
        event_type = ShippingEventType.objects.filter(
            code=request.POST.get("shipping_event_type", "")
        ).first()
        if event_type is None:
            messages.error(request, _("Choose the kind of shipping event."))
            return self.reload_page()
        reference = request.POST.get("reference", "").strip()
        try:
            pairs = zip(lines, quantities, strict=True)
            if any(quantity != line.quantity for line, quantity in pairs):
                raise fulfilment.FulfilmentError(
                    _("A piece ships, arrives or comes back whole: keep each line's quantity.")
                )
            if event_type.name == fulfilment.SHIPPING_EVENT_SHIPPED:
                fulfilment.shipment_create(
                    order=order, lines=list(lines), carrier=request.POST.get("carrier", ""),
                    tracking_number=reference, actor=request.user,
                )
            else:
                status = {
                    fulfilment.SHIPPING_EVENT_DELIVERED: fulfilment.LineStatus.DELIVERED,
                    fulfilment.SHIPPING_EVENT_RETURNED: fulfilment.LineStatus.RETURNED,
                }.get(event_type.name)
                if status is None:
                    raise fulfilment.FulfilmentError(_("This kind of event is not used here."))
                for line in lines:
                    fulfilment.line_status_set(
                        line=line, status=status, actor=request.user, note=reference
                    )
        except fulfilment.FulfilmentError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Shipping event created"))
        return self.reload_page()

    def change_order_status(self, request, order):
        messages.error(
            request,
            _("An order's status follows its lines: change the status of its lines instead."),
        )
        return self.reload_page()

