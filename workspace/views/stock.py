"""Sales and stock: what sold, what is ready to sell, and changes to it."""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workspace import selectors, services
from workspace.forms import (
    StockAdjustForm,
)
from workspace.views.base import errors_shown, render_workspace, workspace_required


@workspace_required
def sales(request):
    lines = selectors.sales(request.workspace)
    return render_workspace(
        request,
        "workspace/sales.html",
        {"lines": lines[:200], "total": lines.aggregate(total=Sum("line_price_incl_tax"))["total"]},
    )


@workspace_required
def stock(request):
    low_only = request.GET.get("low") == "1"
    return render_workspace(
        request,
        "workspace/stock.html",
        {
            "records": selectors.stock_records(request.workspace, low_only=low_only)[:300],
            "low_only": low_only,
            "low_stock": selectors.LOW_STOCK,
            "form": StockAdjustForm(),
            "adjustments": selectors.stock_adjustments(request.workspace)[:20],
        },
    )


@require_POST
@workspace_required
def stock_adjust(request, pk: int):
    record = selectors.stock_record_get(request.workspace, pk=pk)
    form = StockAdjustForm(request.POST)
    if form.is_valid():
        try:
            services.stock_adjust(
                workspace=request.workspace, stockrecord=record, **form.cleaned_data
            )
        except ValidationError as error:
            errors_shown(request, error)
        else:
            messages.success(
                request,
                _("“%(title)s”: %(count)d ready to sell. Customers see it now.")
                % {"title": record.product.title, "count": form.cleaned_data["available"]},
            )
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
    return redirect(f"{reverse('workspace:stock')}#stock-{record.pk}")
