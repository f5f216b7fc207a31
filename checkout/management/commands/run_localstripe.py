from django.core.management.base import BaseCommand

from checkout.localstripe import serve


class Command(BaseCommand):
    help = "Run localstripe on 127.0.0.1 with its state in memory (for `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8420)

    def handle(self, *args, port, **options):
        self.stdout.write(f"localstripe on http://127.0.0.1:{port} (state in memory)")
        serve(port=port)
