from django.core.management.base import BaseCommand

from checkout.services import payments_reconcile


class Command(BaseCommand):
    help = (
        "Settle Stripe payments that were authorised or taken but have no order: place the "
        "order, or give the money back. Run it every few minutes (cron) and after an outage."
    )

    def handle(self, *args, **options):
        for line in payments_reconcile():
            self.stdout.write(line)
