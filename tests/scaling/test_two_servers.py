"""A purchase across two web servers and a separate task worker, as behind a load balancer.

Two gunicorn servers (shop/gunicorn.conf.py) on two ports of 127.0.0.1 and one `run_worker`
process share the test database (PostgreSQL in CI, the SQLite file otherwise) and Redis when
REDIS_URL is set; localstripe sends its webhooks to the first server. One customer's requests
alternate between the servers at every step of the purchase, so the basket, the session, the
checkout's state and the payment must live in the shared stores, not in a process. Her
confirmation email is sent by the worker (the web servers only enqueue it).
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from order.models import Order
from shop.processes import process_groups_stop
from tests.factories import product_for_sale
from tests.live_database import test_database_url

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
WEBHOOK_SECRET = "whsec_two_servers"  # noqa: S105 (a test's own secret)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADDRESS = {"first_name": "Meryem", "last_name": "Aydın", "line1": "Gartenstraße 4",
           "line4": "Köln", "postcode": "50667", "country": "DE", "phone_number": ""}


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url}: the process serving it exited with {process.returncode}")
        try:
            requests.get(url, timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.3)
    pytest.fail(f"{url} did not answer")


class Stack:
    """localstripe, two web servers and a worker, each its own process group."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.processes: list[subprocess.Popen] = []
        self.ports = [_free_port(), _free_port()]
        stripe_port = _free_port()
        self.localstripe = f"http://127.0.0.1:{stripe_port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "shop.settings.dev",
            "DATABASE_URL": test_database_url(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{self.ports[0]}",
            "STRIPE_API_BASE": self.localstripe,
            "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "EMAIL_URL": "console://",
            "GUNICORN_ACCESS_LOG": "",
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "4",
        }
        for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "TEST_DB_NAME"):
            self.env.pop(name, None)
        self.stripe_port = stripe_port

    def spawn(self, name: str, command: list[str], **env) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(command, cwd=ROOT, env={**self.env, **env}, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def start(self) -> None:
        stripe = self.spawn("localstripe", [PY, "-c", (
            "from checkout.localstripe import serve; "
            f"serve(port={self.stripe_port}, webhook_url='http://127.0.0.1:{self.ports[0]}"
            f"/stripe/webhook/', webhook_secret='{WEBHOOK_SECRET}')")])
        _wait_for(f"{self.localstripe}/js.stripe.com/v3/", stripe)
        servers = [
            self.spawn(f"web-{port}", [PY, "-m", "gunicorn", "-c", "shop/gunicorn.conf.py",
                                       "shop.wsgi"], GUNICORN_BIND=f"127.0.0.1:{port}")
            for port in self.ports
        ]
        self.spawn("worker", [PY, "manage.py", "run_worker", "--no-reload", "--no-schedule"])
        for port, server in zip(self.ports, servers, strict=True):
            _wait_for(f"http://127.0.0.1:{port}/en/shop/", server)

    def stop(self) -> None:
        process_groups_stop(self.processes)

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")


class Customer:
    """One browser's cookies; each request goes to the next server in turn."""

    def __init__(self, stack: Stack):
        self.session = requests.Session()
        self.bases = [f"http://127.0.0.1:{port}" for port in stack.ports]
        self.served_by: list[str] = []

    def _base(self) -> str:
        base = self.bases[len(self.served_by) % 2]
        self.served_by.append(base)
        return base

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self._base() + path, timeout=90, **kwargs)

    def post(self, path: str, data: dict, referer: str = "", **headers) -> requests.Response:
        base = self._base()
        token = self.session.cookies.get("csrftoken", "")
        return self.session.post(
            base + path, data={"csrfmiddlewaretoken": token, **data},
            headers={"Referer": base + (referer or path), "X-CSRFToken": token, **headers},
            timeout=90,
        )


def test_a_purchase_alternating_between_two_servers_with_a_separate_worker():
    product = product_for_sale(title="Hand-knotted silk scarf", num_in_stock=3)
    with tempfile.TemporaryDirectory() as logs:
        stack = Stack(Path(logs))
        try:
            stack.start()
            customer = Customer(stack)

            page = customer.get(product.get_absolute_url())
            assert page.status_code == 200 and "Hand-knotted silk scarf" in page.text
            added = customer.post(f"/en/shop/basket/add/{product.pk}/", {"quantity": 1},
                                  referer=product.get_absolute_url())
            assert added.status_code == 200, added.status_code
            basket = customer.get("/en/shop/basket/")
            assert "Hand-knotted silk scarf" in basket.text, "the other server lost the basket"

            customer.post("/en/shop/checkout/",
                          {"username": "meryem@example.com", "options": "anonymous"})
            customer.post("/en/shop/checkout/shipping-address/", ADDRESS)
            customer.post("/en/shop/checkout/shipping-method/", {"method_code": "standard"})
            preview = customer.get("/en/shop/checkout/preview/")
            assert "Gartenstraße 4" in preview.text, "the other server lost the address"
            fingerprint = re.search(r'data-basket-fingerprint="([0-9a-f]{64})"', preview.text)
            assert fingerprint, "no payment form on the review page"

            method = requests.post(
                f"{stack.localstripe}/v1/payment_methods", auth=("sk_test_local", ""),
                data={"type": "card", "card[number]": "4242424242424242", "card[exp_month]": 12,
                      "card[exp_year]": 2034, "card[cvc]": "123"}, timeout=10,
            ).json()
            answer = customer.post("/en/shop/checkout/preview/", {
                "action": "place_order", "payment_method": method["id"],
                "basket_fingerprint": fingerprint.group(1),
            }, **{"X-Requested-With": "XMLHttpRequest"})
            result = answer.json()
            assert result.get("status") == "succeeded", result

            thank_you = customer.get(result["redirect"]) if result.get("redirect") else None
            order = Order.objects.get(guest_email="meryem@example.com")
            assert [line.product_id for line in order.lines.all()] == [product.pk]
            if thank_you is not None:
                assert order.number in thank_you.text
            assert set(customer.served_by) == set(customer.bases)

            intent = requests.get(
                f"{stack.localstripe}/v1/payment_intents", auth=("sk_test_local", ""),
                timeout=10,
            ).json()["data"]
            assert [(i["status"], i["amount"]) for i in intent] == [
                ("succeeded", int(order.total_incl_tax * 100))
            ]

            # The web servers only enqueued her confirmation: the worker sent it.
            deadline = time.monotonic() + 120
            while order.number not in stack.log("worker") and time.monotonic() < deadline:
                time.sleep(0.5)
            worker_output = stack.log("worker")
            assert order.number in worker_output, "the worker sent no confirmation email"
            assert "To: meryem@example.com" in worker_output
            for port in stack.ports:
                assert order.number not in stack.log(f"web-{port}")
        finally:
            stack.stop()
