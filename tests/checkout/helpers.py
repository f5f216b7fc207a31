"""Walk a customer through Oscar's checkout with Django's test client."""

import re

from django.test import Client
from django.urls import reverse

from checkout import gateway

CARD_OK = "4242424242424242"
CARD_DECLINED = "4000000000000341"
CARD_3DS = "4000002500003155"

ADDRESS = {
    "first_name": "Ayşe",
    "last_name": "Yılmaz",
    "line1": "Kuzeystraße 12",
    "line4": "Berlin",
    "postcode": "10115",
    "country": "DE",
    "phone_number": "",
}


def shipping_country():
    """Created by a data migration, but transactional tests flush the database after them."""
    from oscar.core.loading import get_model

    get_model("address", "Country").objects.get_or_create(
        iso_3166_1_a2="DE",
        defaults={"iso_3166_1_a3": "DEU", "iso_3166_1_numeric": "276", "name": "Germany",
                  "printable_name": "Germany", "is_shipping_country": True},
    )


def payment_method(card: str = CARD_OK) -> str:
    """What the browser's confirmCardSetup yields: a payment method for the card."""
    method = gateway._client().v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": card, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
        }
    )
    return method["id"]


def checkout_to_preview(client: Client, product, *, quantity=1, email="guest@example.com",
                        method="standard") -> str:
    """Basket → guest checkout → address → shipping method; returns the preview's fingerprint."""
    shipping_country()
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}
    )
    assert response.status_code == 302, response
    response = client.post(
        reverse("checkout:index"), {"username": email, "options": "anonymous"}
    )
    assert response.status_code == 302, response.content[:2000]
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response.status_code == 302, response.content.decode()[-3000:]
    response = client.post(reverse("checkout:shipping-method"), {"method_code": method})
    assert response.status_code == 302, response
    return preview_fingerprint(client)


def preview_fingerprint(client: Client) -> str:
    response = client.get(reverse("checkout:preview"))
    assert response.status_code == 200, response
    match = re.search(r'data-basket-fingerprint="([0-9a-f]{64})"', response.content.decode())
    assert match, response.content.decode()[-3000:]
    return match.group(1)


def pay(client: Client, *, fingerprint: str, card: str = CARD_OK, headers=None, **extra):
    """`headers=FETCH` sends what checkout.js sends with its fetch()."""
    data = {"action": "place_order", "payment_method": payment_method(card),
            "basket_fingerprint": fingerprint, **extra}
    return client.post(reverse("checkout:preview"), data, headers=headers or {})


FETCH = {"X-Requested-With": "XMLHttpRequest"}


def resume(client: Client, intent_id: str):
    """The browser is back from 3-D Secure and names its intent."""
    return client.post(reverse("checkout:preview"),
                       {"action": "place_order", "payment_intent": intent_id})


def authenticate(intent_id: str, client_secret: str, *, success: bool = True) -> None:
    """What localstripe's 3-D Secure dialog does when the customer clicks Complete/Fail."""
    import requests
    from django.conf import settings

    response = requests.post(
        f"{settings.STRIPE_API_BASE}/v1/payment_intents/{intent_id}/_authenticate",
        params={"success": "true" if success else "false"},
        json={"key": "pk_test_local", "client_secret": client_secret},
        timeout=5,
    )
    assert response.status_code == 200, response.text
