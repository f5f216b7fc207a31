"""Redis is an accelerator: with it gone the shop serves every page, sessions and baskets
survive, and a payment under way ends as it would have (Redis on 127.0.0.1:6379, database 7,
behind a relay the tests stop; nothing else touches that Redis)."""

import logging
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from checkout.models import StripePayment
from shop.settings.environment import redis_from_environment
from tests.checkout.faults.conftest import CAPTURE
from tests.checkout.faults.proxy import TcpRelay
from tests.checkout.helpers import FETCH, checkout_to_preview, pay
from tests.factories import product_for_sale

Order = get_model("order", "Order")


@pytest.fixture
def redis(settings):
    """The shop's production cache and session settings, through a relay that can stop."""
    relay = TcpRelay("127.0.0.1", 6379)
    settings.CACHES, settings.SESSION_ENGINE = redis_from_environment(
        f"redis://127.0.0.1:{relay.port}/7")
    yield relay
    relay.stop()


def redis_is_there() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not redis_is_there(), reason="needs Redis on 127.0.0.1:6379"),
]


def test_redis_stops_during_the_capture_the_customer_sees_her_order(redis, stripe_proxy):
    """Before: order placed and captured, and she was shown the error page and an empty
    basket."""
    client = Client()
    product = product_for_sale(price=Decimal("15.00"), num_in_stock=5)
    fingerprint = checkout_to_preview(client, product)
    cache.set("ortak-test-probe", 1)
    assert cache.get("ortak-test-probe") == 1  # Redis is really in use
    stripe_proxy.add("POST", CAPTURE, "callback", on_forward=lambda path: redis.stop())

    answer = pay(client, fingerprint=fingerprint, headers=FETCH)

    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "succeeded"
    thanks = client.get(answer.json()["redirect"])
    assert thanks.status_code == 200
    order = Order.objects.get()
    assert order.number in thanks.content.decode()
    assert StripePayment.objects.get().status == "placed"
    basket = client.get(reverse("basket:summary"))
    assert basket.status_code == 302 and basket.url == reverse("checkout:thank-you")


def test_with_redis_down_pages_answer_and_sessions_and_baskets_survive(
    redis, django_user_model, caplog
):
    """Before: 449 of 456 requests answered 500, anonymous visitors included."""
    product = product_for_sale(num_in_stock=5)
    visitor = Client()
    visitor.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})
    member = Client()
    user = django_user_model.objects.create_user("ayse", "ayse@example.com", "pw-long-enough")
    member.force_login(user)

    redis.stop()
    with caplog.at_level(logging.ERROR, logger="shop.cache"):
        pages = [visitor.get(url) for url in (
            reverse("catalogue:index"), product.get_absolute_url(), reverse("basket:summary"))]
        account = member.get(reverse("customer:profile-view"))

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert product.get_title() in pages[-1].content.decode()  # the basket survived
    assert account.status_code == 200  # still signed in: sessions are in the database
    reports = [r for r in caplog.records if r.name == "shop.cache"]
    assert 1 <= len(reports) <= 2  # logged once per interval, not once per request
    # Redis comes back: the cache is used again.
    redis.start()
    cache.set("ortak-test-probe", 2)
    assert cache.get("ortak-test-probe") == 2


def test_redis_settings_are_an_accelerator():
    caches, sessions = redis_from_environment("redis://127.0.0.1:6379/0")
    assert sessions == "django.contrib.sessions.backends.cached_db"
    assert caches["default"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert caches["default"]["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
