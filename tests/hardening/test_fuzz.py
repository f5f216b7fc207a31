"""Malformed query strings, form posts and webhook bodies thrown at every public URL: each
answers with a page, a 4xx or a redirect, never a 5xx.

Hypothesis generates the input (any Unicode, control characters, FTS and SQL syntax, huge
numbers, repeated keys); the URLs are the ones a visitor or a bot can reach without signing in,
plus the signed-in customer's checkout and account pages.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory, product_for_sale

pytestmark = pytest.mark.django_db

NASTY = st.sampled_from(
    ['"', "'", "\\", "%", "*", "(", ")", "NEAR(", "OR", "AND NOT", "--", ";", "\x00", "\x1f",
     "\ud7ff", "ş", "ع", "9" * 30, "-1", "1e309", "NaN", "[]", "{}", "<script>", "../", "%00"]
)
TEXT = st.one_of(st.text(max_size=40), NASTY, st.lists(NASTY, max_size=4).map("".join))
PARAMETERS = st.dictionaries(
    st.sampled_from(["q", "page", "sort", "cooperative", "maker", "material", "category",
                     "price_min", "price_max", "in_stock", "next", "email", "number", "action",
                     "address_id", "quantity", "username", "password", "login-username",
                     "login-password", "registration-email", "registration-password1",
                     "registration-password2", "login_submit", "registration_submit",
                     "method_code", "form-0-quantity", "form-TOTAL_FORMS", TEXT]),
    TEXT,
    max_size=6,
)
FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def public_urls(db):
    product = product_for_sale()
    maker = product.maker
    return [
        "/en/",
        reverse("site-search"),
        reverse("catalogue:index"),
        product.get_absolute_url(),
        reverse("cooperatives:cooperative-list"),
        reverse("cooperatives:maker-detail", kwargs={"slug": maker.slug}),
        reverse("basket:summary"),
        reverse("basket:add", kwargs={"pk": product.pk}),
        reverse("checkout:index"),
        reverse("checkout:shipping-address"),
        reverse("checkout:track-order"),
        reverse("customer:login"),
        reverse("customer:register"),
        reverse("password-reset"),
        "/cms/login/",
        "/django-admin/login/",
        "/stories/",
        "/sitemap.xml",
    ]


def _no_server_error(response, url, data):
    assert response.status_code < 500, (url, data, response.status_code)


@FUZZ
@given(data=PARAMETERS)
def test_no_public_page_answers_5xx_to_a_malformed_query_string(public_urls, data):
    client = Client(raise_request_exception=False)
    for url in public_urls:
        _no_server_error(client.get(url, data), url, data)


@FUZZ
@given(data=PARAMETERS)
def test_no_public_form_answers_5xx_to_a_malformed_post(public_urls, data):
    client = Client(raise_request_exception=False)
    for url in public_urls:
        _no_server_error(client.post(url, data), url, data)


@FUZZ
@given(data=PARAMETERS)
def test_no_signed_in_page_answers_5xx_to_a_malformed_post(public_urls, data):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(username="fuzzed-customer"))
    for url in [*public_urls, reverse("customer:profile-update"), reverse("customer:summary")]:
        _no_server_error(client.post(url, data), url, data)


@FUZZ
@given(body=st.one_of(st.binary(max_size=200), TEXT.map(str.encode)), signature=TEXT)
def test_the_webhook_answers_a_malformed_body_with_a_4xx(body, signature):
    client = Client(raise_request_exception=False)
    response = client.post(
        reverse("stripe-webhook"), body, content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    assert 400 <= response.status_code < 500
