"""Run the payout of every cooperative for a period (by default the previous calendar month).

Cooperatives with a Stripe connected account are paid by transfer; the others need their bank
transfer's reference, so they are listed to be paid from the workspace or with
`--bank-reference`. Running it again for the same period changes nothing.
"""

from datetime import date, timedelta

from django.core.management.base import BaseCommand

from cooperatives.models import Cooperative
from earnings import rails, services


class Command(BaseCommand):
    help = "Pay every cooperative what became payable in a period (default: last month)."

    def add_arguments(self, parser):
        parser.add_argument("--start", type=date.fromisoformat)
        parser.add_argument("--end", type=date.fromisoformat)
        parser.add_argument("--cooperative", help="its slug; every cooperative by default")
        parser.add_argument("--bank-reference", default="")

    def handle(self, *args, start=None, end=None, cooperative=None, bank_reference="", **options):
        if end is None:
            end = date.today().replace(day=1) - timedelta(days=1)
        if start is None:
            start = end.replace(day=1)
        cooperatives = Cooperative.objects.order_by("name")
        if cooperative:
            cooperatives = cooperatives.filter(slug=cooperative)
        for each in cooperatives:
            if rails.rail_for(each).code == "bank" and not bank_reference:
                self.stdout.write(f"{each.name}: paid by bank transfer, give --bank-reference.")
                continue
            try:
                result = services.payout_run(cooperative=each, period_start=start,
                                             period_end=end, actor=None,
                                             bank_reference=bank_reference)
            except services.EarningsError as error:
                self.stdout.write(f"{each.name}: {' '.join(error.messages)}")
                continue
            payout = result.payout
            state = "paid" if result.created else "already run, unchanged"
            self.stdout.write(f"{each.name}: {payout.amount} {payout.currency} {state} "
                              f"({payout.reference}).")
