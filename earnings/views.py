"""The staff's earnings pages, in Oscar's dashboard: sales by month, category, cooperative
and maker, paid out and owed, every payout run, every change of terms; each exportable as CSV.
Members and coordinators read theirs in the workspace (workspace/views/earnings.py)."""

import csv

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from earnings import charts, selectors
from earnings.models import Payout, Terms

REPORT_TITLES = {
    "month": _("by month"),
    "category": _("by category"),
    "cooperative": _("by cooperative"),
    "maker": _("by maker"),
}
COLUMNS = ["pieces", "gross", "platform_fee", "cooperative_share", "maker_share", "paid_out",
           "owed"]


@staff_member_required(login_url="customer:login")
def reports(request):
    kind = request.GET.get("by", "month")
    if kind not in selectors.REPORT_KINDS:
        kind = "month"
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    rows = selectors.report(kind, year=year)
    keys = {"month": ["month"], "category": ["category"], "cooperative": ["cooperative__name"],
            "maker": ["cooperative__name", "name"]}[kind]
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="sales-by-{kind}-{year or "all"}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow([*keys, *COLUMNS])
        for row in rows:
            writer.writerow([row[key] for key in keys] + [row[column] for column in COLUMNS])
        return response
    currency = selectors.settings.OSCAR_DEFAULT_CURRENCY
    totals = {column: sum(row[column] for row in rows) for column in COLUMNS}
    chart = None
    if kind == "month":
        chart = charts.month_chart(
            selectors.by_month(selectors.LedgerEntry.objects.all(), share="payable"),
            currency=currency,
        )
    return render(request, "earnings/dashboard/reports.html", {
        "kind": kind, "kinds": REPORT_TITLES, "kind_title": REPORT_TITLES[kind], "year": year,
        "rows": charts.share_bars(
            [{**row, "label": " · ".join(str(row[key]) for key in keys)} for row in rows],
            value="gross",
        ),
        "totals": totals, "currency": currency, "chart": chart,
        "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
    })


@staff_member_required(login_url="customer:login")
def payouts(request):
    return render(request, "earnings/dashboard/payouts.html", {
        "payouts": Payout.objects.select_related("cooperative", "created_by")[:200],
        "terms": Terms.objects.select_related("cooperative", "changed_by")[:200],
    })


@staff_member_required(login_url="customer:login")
def payout_csv(request, pk: int):
    from workspace.views.earnings import payout_csv_response

    return payout_csv_response(get_object_or_404(Payout, pk=pk))
