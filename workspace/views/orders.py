"""Orders to send (coordinators): her lines only, parcels, packing slips, cancelling a piece."""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workspace import selectors
from workspace.forms import (
    CancelLineForm,
    ShipForm,
)
from workspace.views.base import errors_shown, render_workspace, workspace_required


@workspace_required(coordinator=True)
def orders(request):
    show = request.GET.get("show", "to_ship")
    if show not in selectors.ORDER_VIEWS:
        show = "to_ship"
    return render_workspace(
        request,
        "workspace/orders.html",
        {"orders": selectors.orders_with_lines(request.workspace, show=show), "show": show},
    )


def _order_page(request, number: str, *, ship_form=None, status: int = 200):
    found = selectors.order_get(request.workspace, number=number)
    return render_workspace(
        request,
        "workspace/order_detail.html",
        {
            **found,
            "ship_form": ship_form or ShipForm(lines=found["to_ship"]),
            "cancel_form": CancelLineForm(),
        },
        status=status,
    )


@workspace_required(coordinator=True)
def order_detail(request, number: str):
    return _order_page(request, number)


@workspace_required(coordinator=True)
def packing_slip(request, number: str):
    found = selectors.order_get(request.workspace, number=number)
    return render_workspace(request, "workspace/packing_slip.html", found)


@require_POST
@workspace_required(coordinator=True)
def order_ship(request, number: str):
    from order import fulfilment

    found = selectors.order_get(request.workspace, number=number)
    form = ShipForm(request.POST, lines=found["to_ship"])
    if not form.is_valid():
        return _order_page(request, number, ship_form=form, status=400)
    chosen = [line for line in found["to_ship"] if line.pk in set(form.cleaned_data["lines"])]
    try:
        fulfilment.shipment_create(
            order=found["order"],
            lines=chosen,
            carrier=form.cleaned_data["carrier"],
            tracking_number=form.cleaned_data["tracking_number"],
            actor=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _order_page(request, number, ship_form=form, status=400)
    messages.success(request, _("Shipped. The customer gets an email with the tracking number."))
    return redirect("workspace:order-detail", number=number)


def _her_line(request, number: str, line_pk: int):
    found = selectors.order_get(request.workspace, number=number)
    for line in found["lines"]:
        if line.pk == line_pk:
            return line
    raise Http404


@require_POST
@workspace_required(coordinator=True)
def order_line_packing(request, number: str, line_pk: int):
    from order import fulfilment

    line = _her_line(request, number, line_pk)
    target = (
        fulfilment.LineStatus.PAID
        if line.status == fulfilment.LineStatus.PACKING
        else fulfilment.LineStatus.PACKING
    )
    try:
        fulfilment.line_status_set(line=line, status=target, actor=request.user)
    except ValidationError as error:
        errors_shown(request, error)
    return redirect("workspace:order-detail", number=number)


@require_POST
@workspace_required(coordinator=True)
def order_line_cancel(request, number: str, line_pk: int):
    from order import fulfilment

    line = _her_line(request, number, line_pk)
    form = CancelLineForm(request.POST)
    if form.is_valid():
        try:
            fulfilment.line_cancel(
                line=line, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            errors_shown(request, error)
        else:
            messages.success(
                request, _("Cancelled. The customer is refunded and told why.")
            )
    else:
        for message in form.errors.get("reason", []):
            messages.error(request, message)
    return redirect("workspace:order-detail", number=number)
