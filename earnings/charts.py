"""Charts drawn on the server as SVG: no script, no library, no network, readable on a phone.

`month_chart` turns a monthly series (earnings/selectors.by_month) into bar geometry the
template `earnings/includes/month_chart.html` draws: one bar per month, the paid part solid,
the owed part lighter on top. In a right-to-left language time runs from right to left, as
the reader reads, so the bars are placed mirrored here (the text is never mirrored).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, translation

WIDTH = 360
HEIGHT = 200
TOP = 12
BOTTOM = 26  # room for the month labels
SIDE = 44  # room for the amount labels
GRIDLINES = 4


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    paid_y: float
    paid_height: float
    owed_y: float
    owed_height: float
    label: str
    label_x: float
    month: object
    earned: Decimal
    paid: Decimal
    owed: Decimal


@dataclass(frozen=True)
class Gridline:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    gridlines: list[Gridline]
    axis_x: float  # where the amount labels are anchored
    axis_anchor: str  # "end" left-to-right (labels before the plot), "start" right-to-left
    baseline: float
    label_y: float
    plot_start: float
    plot_end: float
    is_empty: bool


def _nice_ceiling(value: Decimal) -> Decimal:
    """A round top for the scale (1, 2, 2.5 or 5 times a power of ten) at or above `value`."""
    if value <= 0:
        return Decimal(10)
    exponent = len(str(int(value))) - 1
    power = Decimal(10) ** exponent
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= power * step:
            return power * step
    return power * 10


def month_chart(series: list[dict], *, currency: str) -> Chart:
    rtl = translation.get_language_bidi()
    top_value = _nice_ceiling(max((row["earned"] for row in series), default=Decimal(0)))
    plot_height = HEIGHT - TOP - BOTTOM
    plot_start, plot_end = (SIDE, WIDTH - 4) if not rtl else (4, WIDTH - SIDE)
    slot = (plot_end - plot_start) / max(len(series), 1)
    bar_width = slot * 0.62
    baseline = HEIGHT - BOTTOM

    def height_of(amount: Decimal) -> float:
        return float(max(amount, Decimal(0)) / top_value) * plot_height

    labels = [formats.date_format(row["month"], "M") for row in series]
    # Long month names (Arabic's are full words) would overlap: then every other month is
    # named, counting back from the latest; the table beside the chart names them all.
    every = 2 if max((len(label) for label in labels), default=0) > 4 else 1
    bars = []
    for index, row in enumerate(series):
        position = index if not rtl else len(series) - 1 - index
        x = plot_start + slot * position + (slot - bar_width) / 2
        paid_height = height_of(row["paid"])
        owed_height = height_of(row["owed"])
        bars.append(Bar(
            x=round(x, 2), width=round(bar_width, 2),
            paid_y=round(baseline - paid_height, 2), paid_height=round(paid_height, 2),
            owed_y=round(baseline - paid_height - owed_height, 2),
            owed_height=round(owed_height, 2),
            label=labels[index] if (len(series) - 1 - index) % every == 0 else "",
            label_x=round(x + bar_width / 2, 2),
            month=row["month"], earned=row["earned"], paid=row["paid"], owed=row["owed"],
        ))
    gridlines = []
    for step in range(GRIDLINES + 1):
        amount = top_value * step / GRIDLINES
        gridlines.append(Gridline(
            y=round(baseline - plot_height * step / GRIDLINES, 2),
            label=formats.number_format(amount.quantize(Decimal(1)), use_l10n=True,
                                        force_grouping=True),
        ))
    return Chart(
        width=WIDTH, height=HEIGHT, bars=bars, gridlines=gridlines,
        axis_x=plot_start - 6 if not rtl else plot_end + 6,
        axis_anchor="end" if not rtl else "start",
        baseline=baseline, label_y=HEIGHT - 8, plot_start=plot_start, plot_end=plot_end,
        is_empty=not any(row["earned"] for row in series),
    )


def share_bars(rows: list[dict], *, value: str) -> list[dict]:
    """Widths in percent of the largest, for bars drawn in HTML (which follow the page's
    direction by themselves)."""
    largest = max((row[value] for row in rows), default=Decimal(0))
    if largest <= 0:
        return [{**row, "width": 0} for row in rows]
    return [{**row, "width": float(max(row[value], Decimal(0)) * 100 / largest)} for row in rows]
