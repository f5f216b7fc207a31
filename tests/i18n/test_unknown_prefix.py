"""An unknown language prefix falls back cleanly (issue 13, "Bad input"): the same page in the
visitor's language (cookie, browser, else English) when the shop has it, otherwise the shop's
404 page in that language; never a 500, never a page under a prefix that is not its language."""

import pytest
from django.conf import settings

from tests.factories import product_for_sale

pytestmark = pytest.mark.django_db


def get(client, url, cookie=None, accept=""):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    return client.get(url, HTTP_ACCEPT_LANGUAGE=accept)


@pytest.mark.parametrize(
    ("url", "cookie", "accept", "expected"),
    [
        ("/fr/", None, "ar", "/ar/"),
        ("/de/shop/catalogue/", "tr", "de", "/tr/shop/catalogue/"),
        ("/xx/stories/", None, "", "/en/stories/"),
        ("/xx/stories/feed/", None, "fr, ar;q=0.5", "/ar/stories/feed/"),
        ("/pt-br/fair-trade/", None, "pt-BR", "/en/fair-trade/"),
        ("/fr/shop/catalogue/?sort=price-asc", None, "tr", "/tr/shop/catalogue/?sort=price-asc"),
        ("/de/cooperatives/", "ar", "", "/ar/cooperatives/"),
    ],
)
def test_a_page_the_shop_has_is_served_in_the_visitors_language(
    client, url, cookie, accept, expected
):
    response = get(client, url, cookie=cookie, accept=accept)

    assert response.status_code == 302
    assert response["Location"] == expected
    assert client.get(expected).status_code == 200


def test_a_product_page_keeps_its_address(client):
    product = product_for_sale(title="Filigree rosette pendant", title_ar="قلادة وردة مخرّمة")
    path = f"shop/catalogue/{product.slug}_{product.pk}/"

    response = get(client, f"/es/{path}", accept="ar")

    assert response["Location"] == f"/ar/{path}"
    assert "قلادة وردة مخرّمة" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("url", "accept", "language", "heading"),
    [
        ("/fr/no-such-page/", "ar", "ar", "لم نجد هذه الصفحة"),
        ("/xx/stories/no-such-story/", "tr", "tr", "Bu sayfayı bulamadık"),
        ("/de/shop/nowhere/at/all/", "de", "en", "We could not find that page"),
    ],
)
def test_a_page_the_shop_does_not_have_is_a_404_in_the_visitors_language(
    client, url, accept, language, heading
):
    response = get(client, url, accept=accept)

    assert response.status_code == 404
    html = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert heading in html
    # Its links lead into the visitor's language.
    assert f'href="/{language}/shop/catalogue/"' in html


@pytest.mark.parametrize(
    "url",
    ["/fr", "/fr//", "/fr/%2e%2e/", "/zh-hant-tw/", "/fr/shop/catalogue/?q=%D8%A7", "/ab/cd/ef"],
)
def test_odd_prefixes_never_fail(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ar", follow=True)

    assert response.status_code in (200, 404)
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html


def test_the_shops_languages_and_other_paths_are_untouched(client):
    assert client.get("/en/").status_code == 200
    assert client.get("/ar/shop/catalogue/").status_code == 200
    # Not shaped like a language: Django's own prefixing, as before.
    response = client.get("/faq/", HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 302 and response["Location"] == "/tr/faq/"
