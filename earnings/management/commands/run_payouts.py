"""Run the payout of every cooperative for a period (by default the previous calendar month).

Cooperatives with a Stripe connected account are paid by transfer; the others need their bank
transfer's reference, so they are listed to be paid from the workspace or with
`--bank-reference`. Running it again for the same period changes nothing.
"""

from datetime import date

from django.core.management.base import BaseCommand

from cooperatives.models import Cooperative
from earnings import services


class Command(BaseCommand):
    help = "Pay every cooperative what became payable in a period (default: last month)."

    def add_arguments(self, parser):
        parser.add_argument("--start", type=date.fromisoformat)
        parser.add_argument("--end", type=date.fromisoformat)
        parser.add_argument("--cooperative", help="its slug; every cooperative by default")
        parser.add_argument("--bank-reference", default="")

    def handle(self, *args, start=None, end=None, cooperative=None, bank_reference="", **options):
        if end is None:
            start_default, end = services.previous_month(date.today())
            start = start or start_default
        if start is None:
            start = end.replace(day=1)
        cooperatives = Cooperative.objects.order_by("name")
        if cooperative:
            cooperatives = cooperatives.filter(slug=cooperative)
        for each, outcome in services.payouts_run_every(
            period_start=start, period_end=end, bank_reference=bank_reference,
            cooperatives=cooperatives,
        ):
            self.stdout.write(f"{each.name}: {outcome}.")
