"""The switcher always goes to the same page in the chosen language; signing in and registering
keep the language the customer was reading."""

import pytest
from django.conf import settings

from tests.factories import UserFactory, product_for_sale

pytestmark = pytest.mark.django_db

SWITCH = "/i18n/setlang/"


def switch(client, next_url, language, cookie=None, accept="en"):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    return client.post(
        SWITCH, {"next": next_url, "language": language}, HTTP_ACCEPT_LANGUAGE=accept
    )


@pytest.mark.parametrize(
    ("page", "cookie", "accept", "language", "expected"),
    [
        # The page is Arabic, the cookie and the browser say English: Django alone did nothing.
        ("/ar/shop/catalogue/", "en", "en", "tr", "/tr/shop/catalogue/"),
        ("/ar/shop/basket/", "en", "en", "en", "/en/shop/basket/"),
        (
            "/tr/shop/catalogue/?sort=price-asc#list",
            "ar",
            "ar",
            "en",
            "/en/shop/catalogue/?sort=price-asc#list",
        ),
        ("/en/", "tr", "tr", "ar", "/ar/"),
        ("/en/workspace/sign-in/", "ar", "ar", "tr", "/tr/workspace/sign-in/"),
    ],
)
def test_the_switcher_goes_to_the_same_page_in_the_chosen_language(
    client, page, cookie, accept, language, expected
):
    response = switch(client, page, language, cookie=cookie, accept=accept)

    assert response.status_code == 302
    assert response["Location"] == expected
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language


def test_a_product_page_switches_to_the_same_product(client):
    product = product_for_sale()
    arabic = f"/ar/shop/catalogue/{product.slug}_{product.pk}/"
    assert client.get(arabic).status_code == 200

    response = switch(client, arabic, "tr", cookie="en")

    assert response["Location"] == f"/tr/shop/catalogue/{product.slug}_{product.pk}/"
    assert client.get(response["Location"]).status_code == 200


def test_an_address_elsewhere_is_not_followed(client):
    response = switch(client, "https://elsewhere.example/ar/", "tr")

    assert not response["Location"].startswith("https://elsewhere.example")


def test_an_unknown_language_changes_nothing(client):
    response = switch(client, "/ar/shop/catalogue/", "xx", cookie="en")

    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_signing_in_from_arabic_stays_in_arabic(client):
    user = UserFactory(email="reader@example.com")
    user.set_password("a long passphrase 2026")
    user.save()

    response = client.post(
        "/ar/shop/accounts/login/",
        {
            "login_submit": "1",
            "login-username": "reader@example.com",
            "login-password": "a long passphrase 2026",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/ar/")


def test_the_sign_in_link_brings_her_back_to_the_page_she_was_reading(client):
    html = client.get("/ar/shop/catalogue/").content.decode()

    assert 'href="/ar/shop/accounts/login/?next=/ar/shop/catalogue/"' in html


def test_registering_from_turkish_stays_in_turkish(client):
    response = client.post(
        "/tr/shop/accounts/login/",
        {
            "registration_submit": "1",
            "registration-email": "new.reader@example.com",
            "registration-password1": "a long passphrase 2026",
            "registration-password2": "a long passphrase 2026",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/tr/")
