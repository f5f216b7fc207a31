"""Background work of the checkout: reconciliation, every minute (settings.SCHEDULED_TASKS).

Nothing waits for cron: `manage.py run_worker` (started by `make run`; one per production
deployment with the scheduler) enqueues it, so a payment whose browser, webhook or database
connection was lost becomes an order, or is given back, within a minute or two.
"""

from django_tasks import task

from checkout.services import payments_reconcile


@task()
def reconcile_payments() -> list[str]:
    """Idempotent: two runs at once decide each payment once, under its row lock."""
    return payments_reconcile()
