import os

from django.conf import settings
from django.core.management.base import BaseCommand

from checkout.localstripe import serve


class Command(BaseCommand):
    help = (
        "Run localstripe on 127.0.0.1 with its state in memory (for `make run`), sending its "
        "signed webhooks to the shop."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8420)
        parser.add_argument(
            "--webhook-url",
            default=os.environ.get("STRIPE_WEBHOOK_URL", "http://127.0.0.1:8000/stripe/webhook/"),
            help="Where the shop's webhook listens ('' for none).",
        )

    def handle(self, *args, port, webhook_url, **options):
        self.stdout.write(f"localstripe on http://127.0.0.1:{port} (state in memory)")
        if webhook_url:
            self.stdout.write(f"  webhooks to {webhook_url}")
        serve(port=port, webhook_url=webhook_url, webhook_secret=settings.STRIPE_WEBHOOK_SECRET)
