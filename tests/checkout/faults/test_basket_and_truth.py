"""After a fault the customer lands on the truth: her order, or her basket as it was, with the
message meant for her; never an empty basket or a frozen one without a live payment."""

from datetime import timedelta

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from checkout import gateway, services
from checkout.models import StripePayment
from checkout.views import STRIPE_CUSTOMER_SESSION_KEY
from tests.checkout.helpers import FETCH, checkout_to_preview, pay
from tests.factories import product_for_sale

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside the request: nothing after it runs."""


def test_every_retry_after_a_lost_pay_answer_leads_to_the_order(client):
    """Before: 21 of 21 retries landed on an empty basket with nothing saying the order exists."""
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    assert pay(client, fingerprint=fingerprint).status_code == 200  # the answer never arrived
    order = Order.objects.get()

    retry = pay(client, fingerprint=fingerprint, headers=FETCH)  # "Pay" again
    reload_basket = client.get(reverse("basket:summary"))
    back_to_payment = client.get(reverse("checkout:preview"))

    assert retry.json() == {"status": "succeeded", "redirect": reverse("checkout:thank-you")}
    for page in (reload_basket, back_to_payment):
        assert page.status_code == 302 and page.url == reverse("checkout:thank-you")
    thanks = client.get(reverse("checkout:thank-you"))
    assert order.number in thanks.content.decode()
    assert Order.objects.count() == 1


def test_after_her_order_she_can_fill_a_new_basket_at_once(client):
    """Before: for an hour after an order, adding to the basket led to the thank-you page and
    added nothing (found by `make bench`, whose buyers shop twice)."""
    product, another = product_for_sale(num_in_stock=5), product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    pay(client, fingerprint=fingerprint)
    assert Order.objects.count() == 1

    added = client.post(reverse("basket:add", kwargs={"pk": another.pk}), {"quantity": 1},
                        HTTP_REFERER=another.get_absolute_url())

    assert added.status_code == 302 and added.url != reverse("checkout:thank-you")
    basket = client.get(reverse("basket:summary"))
    assert basket.status_code == 200
    assert another.title in basket.content.decode()


def test_an_order_placed_by_the_webhook_is_where_her_next_visit_leads(client):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    from tests.checkout.helpers import CARD_3DS, authenticate

    started = pay(client, fingerprint=fingerprint, card=CARD_3DS).json()
    authenticate(started["payment_intent"], started["client_secret"])
    services.payment_decide(StripePayment.objects.get().pk)  # the webhook, while she is away

    page = client.get(reverse("basket:summary"))

    assert page.status_code == 302 and page.url == reverse("checkout:thank-you")
    assert Order.objects.get().number in client.get(page.url).content.decode()


def test_sold_out_message_is_kept_for_the_page_she_lands_on(client):
    """Before: fetch() followed the redirect to the basket and used the message up."""
    product = product_for_sale(num_in_stock=1)
    fingerprint = checkout_to_preview(client, product)
    StockRecord.objects.filter(product=product).update(num_allocated=1)  # the race was lost

    answer = pay(client, fingerprint=fingerprint, headers=FETCH)

    assert answer.status_code == 200
    assert answer.json() == {"status": "redirect", "redirect": reverse("basket:summary")}
    basket_page = client.get(answer.json()["redirect"])
    assert "available" in basket_page.content.decode()  # Oscar's "no longer available"


def test_worker_killed_while_creating_the_intent_the_basket_thaws_on_her_next_visit(
    client, monkeypatch
):
    """Before: the basket stayed frozen for ever; she saw an empty basket."""
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)

    def killed(**kwargs):
        raise WorkerKilled

    monkeypatch.setattr(gateway, "payment_intent_create", killed)
    with pytest.raises(WorkerKilled):
        pay(client, fingerprint=fingerprint)
    monkeypatch.undo()
    assert Basket.objects.get().status == "Frozen"
    # Later (longer than creating an intent can take), she comes back.
    StripePayment.objects.update(created=StripePayment.objects.get().created - timedelta(
        minutes=5))

    page = client.get(reverse("basket:summary"))

    assert page.status_code == 200
    assert Basket.objects.get().status == "Open"
    assert product.get_title() in page.content.decode()
    assert StripePayment.objects.get().status == "cancelled"
    again = pay(client, fingerprint=checkout_to_preview_again(client))
    assert again.json()["status"] == "succeeded"


def checkout_to_preview_again(client) -> str:
    from tests.checkout.helpers import preview_fingerprint

    return preview_fingerprint(client)


def test_worker_killed_after_stripe_authorised_her_next_visit_finds_the_order(
    client, monkeypatch
):
    product = product_for_sale(num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    real = gateway.payment_intent_create

    def killed_after_stripe_acted(**kwargs):
        real(**kwargs)
        raise WorkerKilled

    monkeypatch.setattr(gateway, "payment_intent_create", killed_after_stripe_acted)
    with pytest.raises(WorkerKilled):
        pay(client, fingerprint=fingerprint)
    monkeypatch.undo()
    StripePayment.objects.update(created=StripePayment.objects.get().created - timedelta(
        minutes=5))

    page = client.get(reverse("basket:summary"))

    assert page.status_code == 302 and page.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    payment = StripePayment.objects.get()
    assert payment.order == order and payment.status == "placed"
    assert gateway.payment_intent_retrieve(payment.payment_intent_id).status == "succeeded"


def test_a_stripe_customer_that_stripe_forgot_is_recreated(client):
    """Before: she could not pay until she started a new session."""
    product = product_for_sale(num_in_stock=5)
    checkout_to_preview(client, product)
    session = client.session
    session[STRIPE_CUSTOMER_SESSION_KEY] = "cus_forgotten_by_stripe"
    session.save()

    page = client.get(reverse("checkout:preview"))

    assert page.status_code == 200
    assert 'data-setup-secret="seti_' in page.content.decode()
    assert client.session[STRIPE_CUSTOMER_SESSION_KEY] != "cus_forgotten_by_stripe"
    from tests.checkout.helpers import preview_fingerprint

    assert pay(client, fingerprint=preview_fingerprint(client)).json()["status"] == "succeeded"


def test_reconciliation_is_a_scheduled_task_of_the_worker(settings):
    assert settings.SCHEDULED_TASKS["checkout.tasks.reconcile_payments"] <= 60
