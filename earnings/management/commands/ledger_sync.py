"""Write whatever the ledger is missing: a sale for each placed order's lines, reversals for
refunds, cancellations and returns. Idempotent; the order signals normally do this at once."""

from django.core.management.base import BaseCommand
from oscar.core.loading import get_model

from earnings import services


class Command(BaseCommand):
    help = "Bring the earnings ledger up to date with every order (safe to run any time)."

    def handle(self, *args, **options):
        Line = get_model("order", "Line")
        written = 0
        for line in Line.objects.filter(cooperative__isnull=False).iterator():
            before = line.ledger_entries.count()
            services.line_sync(line=line)
            written += line.ledger_entries.count() - before
        self.stdout.write(f"{written} ledger entries written.")
