"""Every page carries a Content-Security-Policy that allows what the page uses and nothing
more (Stripe only on the payment page, inline script only with the request's nonce) and a
Permissions-Policy; in a real browser, the pages break no part of it."""

import re
from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from shop.csp import ShopCSPMiddleware
from tests.factories import UserFactory, product_for_sale

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


def test_storefront_pages_allow_only_the_shop_and_a_nonce(client):
    product = product_for_sale()
    for url in ("/en/", reverse("catalogue:index"), product.get_absolute_url(),
                reverse("site-search") + "?q=x", reverse("basket:summary")):
        response = client.get(url)
        assert response.status_code == 200
        policy = _directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert "'unsafe-inline'" not in policy["script-src"]
        assert "'unsafe-eval'" not in policy["script-src"]
        assert not any("stripe" in source for source in policy["script-src"])
        assert policy["object-src"] == ["'none'"]
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_the_inline_script_carries_the_nonce_of_its_response(client):
    response = client.get(reverse("basket:summary"))
    html = response.content.decode()
    nonces = set(re.findall(r'<script nonce="([^"]+)"', html))
    assert len(nonces) == 1
    assert f"'nonce-{nonces.pop()}'" in response["Content-Security-Policy"]
    # No inline script without one.
    assert not re.search(r"<script(?![^>]*\b(src|nonce|type=\"application/json\")=)[^>]*>", html)


def _policy_for(view_name: str, path: str = "/en/shop/checkout/preview/") -> dict:
    request = RequestFactory().get(path)
    request.resolver_match = SimpleNamespace(view_name=view_name)
    middleware = ShopCSPMiddleware(lambda request: HttpResponse())
    middleware.process_request(request)
    response = middleware.process_response(request, HttpResponse())
    return _directives(response["Content-Security-Policy"])


def test_stripe_is_allowed_on_the_payment_page_only_and_from_stripe_with_real_keys(settings):
    settings.STRIPE_USES_LOCALSTRIPE = False
    payment = _policy_for("checkout:preview")
    assert "https://js.stripe.com" in payment["script-src"]
    assert "https://api.stripe.com" in payment["connect-src"]
    assert "https://js.stripe.com" in payment["frame-src"]
    assert "'none'" not in payment["frame-src"]
    assert not any("127.0.0.1" in source for sources in payment.values() for source in sources)
    basket = _policy_for("basket:summary", "/en/shop/basket/")
    assert not any("stripe" in source for sources in basket.values() for source in sources)


def test_with_localstripe_the_payment_page_allows_localstripe_only(settings):
    settings.STRIPE_USES_LOCALSTRIPE = True
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"
    payment = _policy_for("checkout:preview")
    assert "http://127.0.0.1:8420" in payment["script-src"]
    assert "https://js.stripe.com" not in payment["script-src"]


def test_staff_areas_keep_self_only_with_their_frameworks_inline_scripts(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in ("/cms/", "/django-admin/", reverse("dashboard:index")):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = _directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_main_pages_break_no_part_of_the_policy_in_a_browser(live_server, page):
    """The `page` fixture fails the test on any Content-Security-Policy report."""
    product = product_for_sale(title="Indigo shawl")
    for path in ("/en/", "/en/shop/catalogue/", product.get_absolute_url(),
                 "/en/search/?q=indigo", "/en/shop/basket/", "/en/shop/accounts/login/",
                 "/cms/login/", "/django-admin/login/"):
        response = page.goto(live_server.url + path)
        assert response.status < 400, path
        assert response.headers.get("content-security-policy")
        page.wait_for_load_state("networkidle")
