"""`make soak`: buyers pay while visitors browse and parts fail at random; then a ledger check.

Not a timed test: a few minutes of mixed load against the real stack on 127.0.0.1 only —
two gunicorn servers (shop/gunicorn.conf.py) sharing PostgreSQL and Redis, the task worker
(`run_worker`, which reconciles payments every minute), localstripe sending its webhooks, and
fault injectors in front of Stripe (tests/checkout/faults/proxy.py) and Redis. Every few seconds
one fault, chosen at random: the capture's answer lost (twice), the capture refused, Stripe
silent for a while, a database connection killed (`pg_terminate_backend`), Redis stopped for
10 s. Buyers walk the whole checkout over HTTP, as the payment page's JavaScript does; visitors
read pages, and their p95 is reported (readers must not be starved by payments).

At the end, with the faults stopped and reconciliation run, the ledger check:
- every captured intent has exactly one order, and every order one captured intent;
- no order has a refunded or cancelled intent (the soak refunds nothing on purpose);
- no basket is frozen without a live payment.
It exits 1 if any of these fails.

Uses its own PostgreSQL database (SOAK_DATABASE_URL, default .../ortak_soak, recreated) and
Redis database 7 (never flushed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT))

from shop.processes import process_groups_stop  # noqa: E402
from tests.checkout.faults.proxy import StripeFaultProxy, TcpRelay  # noqa: E402

ADDRESS = {"first_name": "Ayşe", "last_name": "Yılmaz", "line1": "Kuzeystraße 12",
           "line4": "Berlin", "postcode": "10115", "country": "DE", "phone_number": ""}
CAPTURE = r"^/v1/payment_intents/pi_\w+/capture"
REFUSAL = (b'{"error": {"type": "invalid_request_error", "code": '
           b'"payment_intent_unexpected_state", "message": "Could not be captured."}}')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not start")


class Stack:
    def __init__(self, database_url: str):
        self.processes: list[subprocess.Popen] = []
        self.database_url = database_url
        self.stripe_port = free_port()
        self.ports = [free_port(), free_port()]
        self.localstripe = f"http://127.0.0.1:{self.stripe_port}"
        self.redis = TcpRelay("127.0.0.1", 6379)
        self.env = dict(os.environ)
        self.env.update(
            DJANGO_SETTINGS_MODULE="shop.settings.dev",
            DATABASE_URL=database_url,
            REDIS_URL=f"redis://127.0.0.1:{self.redis.port}/7",
            ALLOWED_HOSTS="127.0.0.1",
            STRIPE_WEBHOOK_SECRET="whsec_soak",  # noqa: S106
            STRIPE_TIMEOUT_SECONDS="3",
            LOG_LEVEL="ERROR",
            GUNICORN_ACCESS_LOG="",
        )
        self.env.pop("STRIPE_SECRET_KEY", None)

    def manage(self, *args, **env):
        return subprocess.run([PY, "manage.py", *args], cwd=ROOT, check=True,
                              env={**self.env, **env}, capture_output=True, text=True).stdout

    def prepare(self, *, load: bool = True) -> dict:
        name = self.database_url.rsplit("/", 1)[1]
        if not load:
            return self.products()
        admin = self.database_url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
        print("migrating and loading the demo shop (about a minute)…", flush=True)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo_shop", "--quiet")
        return self.products()

    def products(self) -> list:
        script = (
            "import json, random; from partner.models import StockRecord;"
            "from catalogue.models import Product;"
            "random.seed(7);"
            "[StockRecord.objects.filter(pk=r.pk).update(num_in_stock=random.choice([2, 5, 40]),"
            " num_allocated=0) for r in StockRecord.objects.all()];"
            "print(json.dumps([[p.pk, p.get_absolute_url()] for p in "
            "Product.objects.filter(stockrecords__isnull=False).exclude(maker=None)[:12]]))"
        )
        return json.loads(self.manage("shell", "-c", script).strip().splitlines()[-1])

    def start(self) -> StripeFaultProxy:
        self.spawn([PY, "-c", (
            "from checkout.localstripe import serve; "
            f"serve(port={self.stripe_port}, webhook_url='http://127.0.0.1:{self.ports[0]}"
            "/stripe/webhook/', webhook_secret='whsec_soak')")])
        wait_for(f"{self.localstripe}/js.stripe.com/v3/")
        proxy = StripeFaultProxy(self.localstripe)
        self.env["STRIPE_API_BASE"] = proxy.url
        for port in self.ports:
            self.spawn([PY, "-m", "gunicorn", "-c", "shop/gunicorn.conf.py", "shop.wsgi"],
                       GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="2")
        self.spawn([PY, "manage.py", "run_worker", "--no-reload", "-v0"])
        for port in self.ports:
            wait_for(f"http://127.0.0.1:{port}/en/shop/")
        return proxy

    def spawn(self, command, **env):
        self.processes.append(subprocess.Popen(command, cwd=ROOT, env={**self.env, **env},
                                               start_new_session=True))

    def stop(self):
        process_groups_stop(self.processes, timeout=20)
        self.redis.stop()


class Buyer:
    def __init__(self, base: str, localstripe: str, products: list, stats: Counter, number: int):
        self.base, self.localstripe, self.products = base, localstripe, products
        self.stats, self.number = stats, number

    def post(self, session, path, data, **headers):
        token = session.cookies.get("csrftoken", "")
        return session.post(self.base + path, data={"csrfmiddlewaretoken": token, **data},
                            headers={"Referer": self.base + path, "X-CSRFToken": token,
                                     **headers}, timeout=90)

    def buy_once(self) -> str:
        session = requests.Session()
        pk, url = random.choice(self.products)
        session.get(self.base + url, timeout=30)
        self.post(session, f"/en/shop/basket/add/{pk}/", {"quantity": 1})
        self.post(session, "/en/shop/checkout/",
                  {"username": f"soak{self.number}@example.com", "options": "anonymous"})
        self.post(session, "/en/shop/checkout/shipping-address/", ADDRESS)
        self.post(session, "/en/shop/checkout/shipping-method/", {"method_code": "standard"})
        page = session.get(self.base + "/en/shop/checkout/preview/", timeout=60)
        match = re.search(r'data-basket-fingerprint="([0-9a-f]{64})"', page.text)
        if not match:
            return "no payment page" if page.status_code == 200 else f"page {page.status_code}"
        card = random.choices(["4242424242424242", "4000000000000341"], [9, 1])[0]
        method = requests.post(f"{self.localstripe}/v1/payment_methods", auth=("sk_test_local", ""),
                               data={"type": "card", "card[number]": card, "card[exp_month]": 12,
                                     "card[exp_year]": 2034, "card[cvc]": "123"}, timeout=10)
        answer = self.post(session, "/en/shop/checkout/preview/", {
            "action": "place_order", "payment_method": method.json()["id"],
            "basket_fingerprint": match.group(1)}, **{"X-Requested-With": "XMLHttpRequest"})
        if "json" not in answer.headers.get("content-type", ""):
            return f"not json {answer.status_code}"
        result = answer.json()
        deadline = time.monotonic() + 150
        while result.get("status") == "pending" and time.monotonic() < deadline:
            time.sleep(2)  # what the status page does, by refreshing itself
            polled = session.get(self.base + "/en/shop/checkout/payment-status/",
                                 headers={"X-Requested-With": "XMLHttpRequest"}, timeout=60)
            result = polled.json() if "json" in polled.headers.get("content-type", "") else {
                "status": "pending"}
        return result.get("status", "?")

    def run(self, until: float):
        while time.monotonic() < until:
            try:
                outcome = self.buy_once()
            except requests.RequestException as error:
                outcome = f"network {type(error).__name__}"
            self.stats[outcome] += 1


def visitor(base: str, urls: list[str], until: float, timings: list, errors: Counter):
    session = requests.Session()
    while time.monotonic() < until:
        url = random.choice(urls)
        started = time.perf_counter()
        try:
            status = session.get(base + url, timeout=60).status_code
        except requests.RequestException:
            status = 0
        timings.append(time.perf_counter() - started)
        errors[status] += 1


def faults(stack: Stack, proxy: StripeFaultProxy, until: float, log: Counter):
    import psycopg

    name = stack.database_url.rsplit("/", 1)[1]
    while time.monotonic() < until:
        time.sleep(random.uniform(4, 9))
        fault = random.choice(["lost capture", "refused capture", "silent stripe",
                               "database killed", "redis stopped"])
        log[fault] += 1
        if fault == "lost capture":
            proxy.add("POST", CAPTURE, "lose_answer", times=2, hold=5)
        elif fault == "refused capture":
            proxy.add("POST", CAPTURE, "refuse", times=1, status=400, body=REFUSAL)
        elif fault == "silent stripe":
            proxy.add(".*", r"^/v1/", "hang", times=6, hold=8)
        elif fault == "database killed":
            with psycopg.connect(stack.database_url.rsplit("/", 1)[0] + "/postgres",
                                 autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                    "AND pid <> pg_backend_pid() AND state <> 'idle'", [name])
        else:
            stack.redis.stop()
            time.sleep(10)
            stack.redis.start()


def ledger_check(stack: Stack) -> list[str]:
    """The three promises, checked against Stripe's state and the database."""
    stack.env["STRIPE_API_BASE"] = stack.localstripe
    os.environ.update(stack.env)
    import django

    django.setup()
    from django.conf import settings
    from oscar.core.loading import get_model

    from checkout import gateway, services
    from checkout.models import StripePayment

    settings.STRIPE_API_BASE = stack.localstripe
    Basket = get_model("basket", "Basket")
    Order = get_model("order", "Order")
    problems = []
    intents = gateway.payment_intents_list(limit=10000)
    refunds = requests.get(f"{stack.localstripe}/v1/refunds", params={"limit": 10000},
                           auth=("sk_test_local", ""), timeout=30).json()["data"]
    refunded = {r["payment_intent"] for r in refunds}
    for intent in intents:
        orders = Order.objects.filter(sources__reference=intent.id).count()
        if intent.status == "succeeded" and intent.id not in refunded and orders != 1:
            problems.append(f"captured {intent.id} has {orders} orders")
        if orders and (intent.status != "succeeded" or intent.id in refunded):
            problems.append(f"order for {intent.id} whose intent is {intent.status}"
                            f"{' (refunded)' if intent.id in refunded else ''}")
    for basket in Basket.objects.filter(status=Basket.FROZEN):
        if not StripePayment.objects.filter(basket=basket, status__in=services.LIVE).exists():
            problems.append(f"basket {basket.pk} frozen without a live payment")
    print(f"ledger: {len(intents)} intents, "
          f"{sum(i.status == 'succeeded' for i in intents)} captured, "
          f"{len(refunded)} refunded (releases), {Order.objects.count()} orders, "
          f"payments {dict(Counter(StripePayment.objects.values_list('status', flat=True)))}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=4)
    parser.add_argument("--buyers", type=int, default=8)
    parser.add_argument("--visitors", type=int, default=16)
    parser.add_argument("--skip-load", action="store_true",
                        help="Reuse the soak database as the last run left it.")
    parser.add_argument("--no-faults", action="store_true",
                        help="Load only: pages' p95 during a burst of checkouts (a benchmark).")
    arguments = parser.parse_args()
    database_url = os.environ.get("SOAK_DATABASE_URL",
                                  "postgres://postgres@127.0.0.1:5432/ortak_soak")
    stack = Stack(database_url)
    products = stack.prepare(load=not arguments.skip_load)
    try:
        proxy = stack.start()
    except BaseException:
        stack.stop()
        raise
    try:
        bases = [f"http://127.0.0.1:{port}" for port in stack.ports]
        until = time.monotonic() + arguments.minutes * 60
        stats: Counter = Counter()
        timings: list = []
        statuses: Counter = Counter()
        fault_log: Counter = Counter()
        urls = ["/en/shop/catalogue/", *[url for _, url in products[:6]]]
        threads = [threading.Thread(target=Buyer(bases[i % 2], stack.localstripe, products,
                                                 stats, i).run, args=(until,))
                   for i in range(arguments.buyers)]
        threads += [threading.Thread(target=visitor, args=(bases[i % 2], urls, until, timings,
                                                           statuses))
                    for i in range(arguments.visitors)]
        if not arguments.no_faults:
            threads.append(threading.Thread(target=faults, args=(stack, proxy, until, fault_log),
                                            daemon=True))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=arguments.minutes * 60 + 300)
        timings.sort()
        print(f"checkouts: {dict(stats)}")
        print(f"faults: {dict(fault_log)}")
        if timings:
            print(f"visitors: {len(timings)} pages, median "
                  f"{statistics.median(timings) * 1000:.0f} ms, p95 "
                  f"{timings[int(len(timings) * 0.95) - 1] * 1000:.0f} ms, "
                  f"statuses {dict(statuses)}")
        print("reconciling what the faults left (as the worker does every minute)…", flush=True)
        time.sleep(5)
        stack.manage("reconcile_payments", "--older-than-minutes", "0",
                     STRIPE_API_BASE=stack.localstripe)
        problems = ledger_check(stack)  # before localstripe stops: it keeps Stripe's state
    finally:
        stack.stop()
        proxy.close()
    for problem in problems:
        print("LEDGER:", problem)
    print("ledger check:", "clean" if not problems else f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
