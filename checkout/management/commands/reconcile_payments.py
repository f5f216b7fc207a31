from datetime import timedelta

from django.core.management.base import BaseCommand

from checkout.services import payments_reconcile


class Command(BaseCommand):
    help = (
        "Settle Stripe payments that were authorised or taken but have no order: place the "
        "order, or give the money back. The worker runs it every minute "
        "(checkout.tasks.reconcile_payments); run it by hand after an outage if you like."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-minutes", type=float, default=1,
            help="Leave younger payments alone: their customer may still be paying.",
        )

    def handle(self, *args, older_than_minutes, **options):
        for line in payments_reconcile(older_than=timedelta(minutes=older_than_minutes)):
            self.stdout.write(line)
