"""The database connection dies in the middle of a payment (pg_terminate_backend at the exact
step): the money Stripe took becomes an order without waiting for anyone, and the customer is
told "being confirmed", then shown her order. PostgreSQL only; CI runs these on PostgreSQL."""

from datetime import timedelta

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from oscar.core.loading import get_model

from checkout import gateway
from checkout.models import StripePayment
from tests.checkout.faults.conftest import CAPTURE
from tests.checkout.helpers import FETCH, checkout_to_preview, pay
from tests.checkout.test_concurrency import _postgres_only  # noqa: F401 (skips off PostgreSQL)
from tests.checkout.test_webhooks import event, post_event
from tests.factories import product_for_sale

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def terminate(pid: int) -> None:
    """Kill one backend from outside, as a failing network or a database restart would."""
    params = connection.get_connection_params()
    with psycopg.connect(host=params.get("host"), port=params.get("port"),
                         user=params.get("user"), dbname=params["dbname"],
                         autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_database_drops_while_the_capture_answer_is_in_flight(stripe_proxy, settings):
    """Before: money captured, no order, the webhook answered 500, the basket stayed frozen and
    she saw an empty basket until a cron job nobody scheduled placed the order 13 min later."""
    client = Client()
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    pid = backend_pid()  # the test client's requests run on this connection
    stripe_proxy.add("POST", CAPTURE, "callback", on_forward=lambda path: terminate(pid))

    answer = pay(client, fingerprint=fingerprint, headers=FETCH)

    connection.close()
    assert answer.json()["status"] == "pending", answer.content  # not "nothing was taken"
    assert answer.json()["redirect"] == reverse("checkout:payment-status")
    payment = StripePayment.objects.get()
    assert gateway.payment_intent_retrieve(payment.payment_intent_id).status == "succeeded"
    assert not Order.objects.exists()
    # Stripe's webhook meets the database while it is back: the order is placed at once...
    webhook = post_event(Client(), event("payment_intent.succeeded", {
        "object": "payment_intent", "id": payment.payment_intent_id}))
    assert webhook.status_code == 200
    order = Order.objects.get()
    # ...and her retry, reload or back-button lead to it, not to an empty basket.
    assert client.get(reverse("checkout:payment-status")).url == reverse("checkout:thank-you")
    basket = client.get(reverse("basket:summary"))
    assert basket.url == reverse("checkout:thank-you")
    assert order.number in client.get(basket.url).content.decode()


def test_captured_payment_without_order_or_webhook_becomes_an_order_by_the_worker(
    stripe_proxy, settings
):
    """The webhook is lost too (localstripe never retries a 500): the scheduled
    reconciliation, run by the real worker, places the order within a minute or two."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = Client()
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    pid = backend_pid()
    stripe_proxy.add("POST", CAPTURE, "callback", on_forward=lambda path: terminate(pid))
    pay(client, fingerprint=fingerprint, headers=FETCH)
    connection.close()
    assert not Order.objects.exists()
    StripePayment.objects.update(updated=StripePayment.objects.get().updated
                                 - timedelta(seconds=90))

    from shop.management.commands.run_worker import Scheduler

    Scheduler(django_settings.SCHEDULED_TASKS).run_due(now=10**9)
    call_command("run_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    result = DBTaskResult.objects.get(task_path="checkout.tasks.reconcile_payments")
    assert result.status == "SUCCESSFUL"
    order = Order.objects.get()
    payment = StripePayment.objects.get()
    assert (payment.order, payment.status) == (order, "placed")
    assert Basket.objects.get(pk=payment.basket_id).status == "Submitted"


def test_database_drops_before_the_intent_is_created_nothing_is_left_frozen(stripe_proxy):
    client = Client()
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    pid = backend_pid()
    stripe_proxy.add("POST", r"^/v1/payment_intents$", "callback",
                     on_forward=lambda path: terminate(pid))

    answer = pay(client, fingerprint=fingerprint, headers=FETCH)

    connection.close()
    assert answer.json()["status"] in ("pending", "succeeded"), answer.content
    payment = StripePayment.objects.get()
    StripePayment.objects.update(updated=payment.updated - timedelta(seconds=90))
    page = client.get(reverse("checkout:payment-status"))
    assert page.status_code == 302 and page.url == reverse("checkout:thank-you")
    assert Order.objects.count() == 1
