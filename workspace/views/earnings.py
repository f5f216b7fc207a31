"""Earnings (members and coordinators): what she earned, per month and per piece, paid and
owed; for a coordinator her cooperative's, per maker, and its payout runs; each as a chart,
with the table and a CSV beside it. Reads go through `earnings.selectors` with her workspace,
writes through `earnings.services`."""

import csv

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.templatetags.currency_filters import currency

from earnings import charts, rails, selectors, services
from earnings.forms import PayoutForm
from workspace.views.base import errors_shown, int_or_404, render_workspace, workspace_required


def _share(workspace) -> str:
    return "payable" if workspace.is_coordinator else "maker_share"


@workspace_required
def earnings(request, form=None):
    workspace = request.workspace
    entries = selectors.entries_for(workspace)
    share = _share(workspace)
    months = selectors.by_month(entries, share=share)
    currency = _currency()
    context = {
        "totals": selectors.totals(entries, share=share),
        "chart": charts.month_chart(months, currency=currency),
        "months": list(reversed(months)),
        "currency": currency,
        "terms": services.terms_in_force(cooperative=workspace.cooperative),
    }
    if workspace.is_coordinator:
        payouts = list(selectors.payouts_for(workspace)[:24])
        context.update(
            makers=charts.share_bars(selectors.by_maker(entries), value="maker_earned"),
            payouts=payouts,
            payout_form=form or PayoutForm(initial=PayoutForm.initial_for(
                payouts[0] if payouts else None)),
            pays_by_bank=rails.rail_for(workspace.cooperative).code == "bank",
            payout_delay_days=settings.EARNINGS_PAYOUT_DELAY_DAYS,
        )
    else:
        context["pieces"] = charts.share_bars(selectors.by_piece(entries), value="earned")
    return render_workspace(request, "workspace/earnings.html", context)


@workspace_required
def earnings_csv(request):
    """Every entry behind her page: one row per sale or reversal (no customer, ever)."""
    workspace = request.workspace
    entries = (
        selectors.entries_for(workspace)
        .select_related("line", "payout_item__payout")
        .order_by("created", "pk")
    )
    response = _csv_response(f"earnings-{workspace.cooperative.slug}-{timezone.localdate()}")
    writer = csv.writer(response)
    header = ["date", "order", "piece", "kind", "pieces", "gross", "platform_fee"]
    if workspace.is_coordinator:
        header += ["maker", "cooperative_share"]
    header += ["maker_share", "paid_on"]
    writer.writerow(header)
    for entry in entries:
        row = [entry.created.date().isoformat(), entry.order_number, entry.line.title, entry.kind,
               entry.quantity, entry.gross, entry.platform_fee]
        if workspace.is_coordinator:
            row += [entry.line.maker_name, entry.cooperative_share]
        payout = getattr(getattr(entry, "payout_item", None), "payout", None)
        paid_on = payout.paid_at.date().isoformat() if payout and payout.paid_at else ""
        writer.writerow(row + [entry.maker_share, paid_on])
    return response


@require_POST
@workspace_required(coordinator=True)
def payout_run(request):
    form = PayoutForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
        return earnings(request, form=form)
    try:
        result = services.payout_run(
            cooperative=request.workspace.cooperative, actor=request.user, **form.cleaned_data
        )
    except services.EarningsError as error:
        errors_shown(request, error)
        return earnings(request, form=form)
    if result.created:
        messages.success(request, _("Payout recorded: %(amount)s for %(start)s – %(end)s.") % {
            "amount": currency(result.payout.amount, result.payout.currency),
            "start": date_format(result.payout.period_start),
            "end": date_format(result.payout.period_end)})
    else:
        messages.info(request, _("This period was paid already: nothing changed."))
    return redirect("workspace:payout-detail", pk=result.payout.pk)


@workspace_required(coordinator=True)
def payout_detail(request, pk):
    payout = selectors.payout_get(request.workspace, pk=int_or_404(pk))
    rows = selectors.payout_rows(payout)
    return render_workspace(request, "workspace/earnings_payout.html", {
        "payout": payout, "rows": charts.share_bars(rows, value="maker_share"),
    })


@workspace_required(coordinator=True)
def payout_csv(request, pk):
    payout = selectors.payout_get(request.workspace, pk=int_or_404(pk))
    return payout_csv_response(payout)


def payout_csv_response(payout) -> HttpResponse:
    """One row per maker of the run (also the staff report's download)."""
    response = _csv_response(
        f"payout-{payout.cooperative.slug}-{payout.period_start}-{payout.period_end}"
    )
    writer = csv.writer(response)
    writer.writerow(["maker", "pieces", "orders", "gross", "platform_fee", "cooperative_share",
                     "maker_share", "currency", "period_start", "period_end", "reference",
                     "order_numbers"])
    for row in selectors.payout_rows(payout):
        writer.writerow([row["name"], row["pieces"], row["orders"], row["gross"],
                         row["platform_fee"], row["cooperative_share"], row["maker_share"],
                         payout.currency, payout.period_start, payout.period_end,
                         payout.reference, row["order_numbers"]])
    return response


def _csv_response(name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _currency() -> str:
    return settings.OSCAR_DEFAULT_CURRENCY
