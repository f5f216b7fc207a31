"""The checkout's "Who are you?" step tells nobody whether an address has an account, and a new
customer who wants one loses neither her basket nor her purchase: she goes on as a guest while
the email that creates her account goes out; once she follows it, her order is in it."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.helpers import ADDRESS, pay, preview_fingerprint, shipping_country
from tests.emails.conftest import follow, shop_links
from tests.factories import UserFactory, product_for_sale

pytestmark = pytest.mark.django_db

User = get_user_model()
Order = get_model("order", "Order")
SITE_URL = "https://shop.ortak.test"
PASSWORD = "a-long-new-password-9"


def _gateway(client, product, email, option):
    shipping_country()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})
    return client.post(reverse("checkout:index"), {"username": email, "options": option})


def _basket_lines(client) -> list[tuple[str, int]]:
    basket = client.get(reverse("basket:summary")).context["basket"]
    return [(line.product.title, line.quantity) for line in basket.all_lines()]


@pytest.mark.parametrize("option", ["new", "anonymous"])
def test_the_gateway_answers_alike_for_a_known_and_an_unknown_address(option):
    UserFactory(email="known@example.com")
    product = product_for_sale(title="Oya scarf", num_in_stock=5)
    known, unknown = Client(), Client()
    answers = [_gateway(known, product, "known@example.com", option),
               _gateway(unknown, product, "unknown@example.com", option)]

    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0].url == answers[1].url == reverse("checkout:shipping-address")
    pages = [known.get(answers[0].url).content.decode().replace("known@", "X@"),
             unknown.get(answers[1].url).content.decode().replace("unknown@", "X@")]
    assert "already exists" not in pages[0]
    assert _basket_lines(known) == _basket_lines(unknown) == [("Oya scarf", 2)]
    if option == "new":
        assert "follow its link to create your account" in pages[0]
        assert "follow its link to create your account" in pages[1]
        assert sorted(message.to[0] for message in mail.outbox) == [
            "known@example.com", "unknown@example.com"]
    else:
        assert mail.outbox == []


def test_a_new_customer_pays_as_a_guest_then_her_link_makes_the_order_hers(client):
    product = product_for_sale(title="Telkari pendant", num_in_stock=5)
    response = _gateway(client, product, "gul@example.com", "new")
    assert response.status_code == 302
    [confirmation] = mail.outbox
    mail.outbox.clear()

    # The purchase goes on as a guest's, the basket as it was.
    assert client.post(reverse("checkout:shipping-address"), ADDRESS).status_code == 302
    client.post(reverse("checkout:shipping-method"), {"method_code": "standard"})
    assert pay(client, fingerprint=preview_fingerprint(client)).json()["status"] == "succeeded"
    order = Order.objects.get()
    assert order.user is None and order.guest_email == "gul@example.com"
    assert [line.quantity for line in order.lines.all()] == [2]

    # Her link, in the same browser after paying: she chooses her password, and she has an
    # account holding the order.
    [link] = [link for link in dict.fromkeys(shop_links(confirmation, SITE_URL))
              if "/register/confirm/" in link]
    form = follow(client, link)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    assert not User.objects.filter(email="gul@example.com").exists()
    path = link.removeprefix(SITE_URL)
    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD},
                           secure=True)
    assert response.status_code == 302 and response.url == "/en/shop/accounts/"
    user = User.objects.get(email="gul@example.com")
    assert user.check_password(PASSWORD)
    order.refresh_from_db()
    assert order.user == user
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert page.status_code == 200 and "Telkari pendant" in page.content.decode()


def test_a_password_the_validators_refuse_is_asked_again(client):
    product = product_for_sale(num_in_stock=5)
    _gateway(client, product, "gul@example.com", "new")
    [link] = [link for link in dict.fromkeys(shop_links(mail.outbox[0], SITE_URL))
              if "/register/confirm/" in link]
    response = client.post(link.removeprefix(SITE_URL),
                           {"new_password1": "123", "new_password2": "123"}, secure=True)
    assert response.status_code == 200 and 'name="new_password1"' in response.content.decode()
    assert not User.objects.filter(email="gul@example.com").exists()
