"""Throttling: wrong passwords lock an account for the address trying them (the shop's sign-in,
Wagtail's and Django's admin), and password reset, registration, guest order tracking and the
payment endpoint allow a few tries per address; the visitor is told when to try again."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # tests.factories.UserFactory's


def _shop_sign_in(client, email, password):
    return client.post(
        reverse("customer:login"),
        {"login-username": email, "login-password": password, "login_submit": "1"},
    )


def _admin_sign_in(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


def test_fifty_wrong_passwords_then_the_right_one_does_not_sign_in_at_the_shop(client):
    user = UserFactory(email="ayse@example.com")
    for _ in range(50):
        _shop_sign_in(client, user.email, "wrong-password")
    response = _shop_sign_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Please try again in" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 15 * 60


def test_the_fifth_wrong_password_locks_the_account_for_fifteen_minutes(client):
    user = UserFactory(email="deniz@example.com")
    for _ in range(4):
        assert _shop_sign_in(client, user.email, "wrong-password").status_code == 200
    response = _shop_sign_in(client, user.email, "wrong-password")
    assert response.status_code == 429
    assert "Please try again in 15 minutes." in response.content.decode()
    assert response["Retry-After"] == str(15 * 60)


def test_the_lockout_starts_after_five_failures_and_a_right_password_before_it_works(client):
    user = UserFactory(email="selin@example.com")
    for _ in range(4):
        assert _shop_sign_in(client, user.email, "wrong-password").status_code == 200
    response = _shop_sign_in(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_another_account_from_the_same_address_is_not_locked(client):
    locked, other = UserFactory(email="locked@example.com"), UserFactory(email="ok@example.com")
    for _ in range(6):
        _shop_sign_in(client, locked.email, "wrong-password")
    assert _shop_sign_in(client, other.email, PASSWORD).status_code == 302


@pytest.mark.parametrize("url", ["/cms/login/", "/django-admin/login/"])
def test_fifty_wrong_passwords_then_the_right_one_does_not_sign_in_to_the_admins(client, url):
    staff = UserFactory(username="deniz", is_staff=True, is_superuser=True)
    for _ in range(50):
        _admin_sign_in(client, url, "deniz", "wrong-password")
    response = _admin_sign_in(client, url, "deniz", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert staff.username  # still there, untouched


@pytest.mark.parametrize("url", ["/cms/login/", "/django-admin/login/"])
def test_a_right_password_signs_in_to_the_admins(client, url):
    UserFactory(username="deniz", is_staff=True, is_superuser=True)
    response = _admin_sign_in(client, url, "deniz", PASSWORD)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def _posts_until_throttled(client, url, data, limit, **headers):
    for attempt in range(limit):
        response = client.post(url, data, **headers)
        assert response.status_code != 429, f"throttled at attempt {attempt + 1}"
    return client.post(url, data, **headers)


def test_password_reset_allows_five_requests_an_hour_per_address(client):
    response = _posts_until_throttled(
        client, reverse("password-reset"), {"email": "someone@example.com"}, 5
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert int(response["Retry-After"]) <= 3600


def test_registration_allows_ten_tries_an_hour_per_address(client):
    data = {"email": "not-an-email", "password1": "x", "password2": "y",
            "registration_submit": "1"}
    response = _posts_until_throttled(client, reverse("customer:register"), data, 10)
    assert response.status_code == 429


def test_guest_order_tracking_stops_sequential_guessing(client):
    for number in range(100001, 100011):
        response = client.post(
            reverse("checkout:track-order"), {"number": str(number), "email": "x@example.com"}
        )
        assert response.status_code == 400
    response = client.post(
        reverse("checkout:track-order"), {"number": "100011", "email": "x@example.com"}
    )
    assert response.status_code == 429


def test_the_payment_endpoint_answers_json_when_throttled(client):
    response = _posts_until_throttled(
        client, reverse("checkout:preview"), {"action": "place_order"}, 20,
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 429
    assert response.json()["status"] == "error"
    assert "try again in" in response.json()["message"]


def test_addresses_behind_the_proxy_are_counted_apart(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    url, data = reverse("password-reset"), {"email": "someone@example.com"}
    _posts_until_throttled(client, url, data, 5, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # A client cannot choose its own address by writing a hop before the proxy's.
    spoofed = client.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert spoofed.status_code == 429
    assert client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302
