"""`manage.py load_demo_shop`: a browsable demo shop with a login for every role."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import NoReverseMatch, reverse

from shop.demo.data import DEMO_PASSWORD, MAKERS


class Command(BaseCommand):
    help = (
        "Load the demo shop: cooperatives, makers, products with pictures, and a login for each "
        "role. Safe to run again. Refuses a database that holds a real shop unless --add."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--products", type=int, default=60, help="How many products (default 60)."
        )
        parser.add_argument(
            "--makers",
            type=int,
            default=len(MAKERS),
            help=f"How many makers (default {len(MAKERS)}).",
        )
        parser.add_argument(
            "--add",
            action="store_true",
            help="Load the demo even though the database holds products or orders of its own.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, successfully, if the shop already has any product.",
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo under production settings; every login then gets a random "
            "password, printed once.",
        )

    def handle(self, *args, products, makers, add, if_empty, quiet, allow_production, **options):
        # Under production settings the demo's logins (a superuser among them) would open the
        # shop to anyone who read the README: refused unless asked by name, and then each login
        # gets a random password of its own.
        production = getattr(settings, "IS_PRODUCTION", False)
        if production and not allow_production:
            raise CommandError(
                "These are production settings: the demo shop creates staff logins. "
                "Pass --allow-production to load it anyway (with random passwords)."
            )
        from oscar.core.loading import get_model

        from shop.demo.loader import (
            DemoRefused,
            demo_logins,
            foreign_shop_contents,
            load_demo_shop,
        )

        quiet = quiet or options["verbosity"] == 0
        # `make run` passes --if-empty: a shop with products is left as it is; when it is the
        # demo shop, its logins are printed again.
        if if_empty and get_model("catalogue", "Product").objects.exists():
            if not quiet:
                self.stdout.write("The shop already has products; the demo was not loaded.")
                if not foreign_shop_contents() and not production:
                    self._print_logins(demo_logins())
            return
        if products < 0:
            raise CommandError("--products must be 0 or more.")
        started = time.monotonic()
        write = None if quiet else self._write
        try:
            report = load_demo_shop(
                products=products,
                makers=makers,
                add=add,
                write=write,
                interactive=self.stdout.isatty(),
                random_passwords=production,
            )
        except (DemoRefused, ValueError) as error:
            raise CommandError(str(error)) from error

        from stories.demo import load_demo_content

        load_demo_content(stdout=None if quiet else self.stdout)
        if quiet:
            return
        elapsed = time.monotonic() - started
        created = ", ".join(f"{count} {name}" for name, count in report.created.items() if count)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo shop ready in {elapsed:.1f} s: "
                + (f"created {created}." if created else "nothing new to create.")
            )
        )
        self._print_logins(report.logins, passwords=report.passwords if production else None)

    def _write(self, text: str) -> None:
        self.stdout.write(text, ending="")
        self.stdout.flush()

    def _print_logins(self, logins, passwords: dict[str, str] | None = None) -> None:
        """The logins as a table; with `passwords` (random ones, production), a column of them,
        printed this once and never again."""
        if passwords is None:
            rows = [("Role", "Login (email)", "Where")]
            rows += [(login.role, login.email, login.note) for login in logins]
        else:
            rows = [("Role", "Login (email)", "Password (shown once)", "Where")]
            rows += [
                (login.role, login.email, passwords.get(login.email, "(unchanged)"), login.note)
                for login in logins
            ]
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        rule = "+" + "+".join("-" * (width + 2) for width in widths) + "+"

        def line(row) -> str:
            cells = (f" {cell:<{width}} " for cell, width in zip(row, widths, strict=True))
            return "|" + "|".join(cells) + "|"

        self.stdout.write("")
        if passwords is None:
            self.stdout.write(f"Demo logins, all with the password: {DEMO_PASSWORD}")
        else:
            self.stdout.write("Demo logins, each with its own random password (shown once):")
        self.stdout.write(rule)
        self.stdout.write(line(rows[0]))
        self.stdout.write(rule)
        for row in rows[1:]:
            self.stdout.write(line(row))
        self.stdout.write(rule)
        places = []
        for label, name in (
            ("Shop", "catalogue:index"),
            ("Workspace (members, coordinators)", "workspace:home"),
            ("Oscar dashboard (staff)", "dashboard:index"),
            ("Wagtail admin", "wagtailadmin_home"),
        ):
            try:
                places.append(f"{label}: {reverse(name)}")
            except NoReverseMatch:
                continue
        self.stdout.write(" · ".join(places))
