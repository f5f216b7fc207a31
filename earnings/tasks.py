"""Payouts on the task queue: last month's Stripe transfers made (and failed ones retried) by
the worker, when the shop asks for automatic payouts (EARNINGS_AUTOMATIC_PAYOUTS)."""

from datetime import date

from django.utils import timezone
from django_tasks import task

from earnings import services


@task()
def payouts_run_due(period_start: str = "", period_end: str = "") -> list[str]:
    """Each cooperative's payout for the period (ISO dates; the previous month by default).
    Idempotent: a period already paid changes nothing, a failed transfer is retried with its
    idempotency key, so a scheduler running it every few hours never pays twice."""
    if period_start and period_end:
        start, end = date.fromisoformat(period_start), date.fromisoformat(period_end)
    else:
        start, end = services.previous_month(timezone.localdate())
    return [
        f"{cooperative.slug}: {outcome}"
        for cooperative, outcome in services.payouts_run_every(period_start=start, period_end=end)
    ]
