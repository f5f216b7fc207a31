"""Registration answers the same whether or not the address has an account (issue 12).

Before, Oscar's form said "A user with that email address already exists", so anyone could
find out who shops here. Now every registration leads to the same "check your inbox" page and
one email: a link that creates the account (signed, expiring, usable once), or, to an address
that has an account, a notice with links to sign in and to reset the password.
"""

import re
import time
from datetime import timedelta
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from customer.models import Registration
from customer.tokens import LINK_MAX_AGE, SALT
from tests.emails.conftest import follow, shop_links
from tests.factories import UserFactory, order_place, product_for_sale
from tests.hardening.test_email import unreachable_smtp  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

User = get_user_model()
Order = get_model("order", "Order")
PASSWORD = "a-long-new-password-9"
KNOWN_PASSWORD = "a-long-test-password"  # tests.factories.UserFactory's
SITE_URL = "https://shop.ortak.test"  # shop/settings/test.py


def register(client, email, *, language="en", password=PASSWORD, on_sign_in_page=False):
    with translation.override(language):
        if on_sign_in_page:
            return client.post(reverse("customer:login"), {
                "registration-email": email, "registration-password1": password,
                "registration-password2": password, "registration_submit": "Register",
            })
        return client.post(reverse("customer:register"), {
            "email": email, "password1": password, "password2": password,
        })


def sign_in(client, email, password):
    return client.post(reverse("customer:login"), {
        "login-username": email, "login-password": password, "login_submit": "Log In",
    })


def visible(response, *addresses) -> str:
    """The page as a visitor reads it, with the address she typed taken out."""
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r'nonce="[^"]+"', "", text)  # the content security policy's, per response
    for address in addresses:
        text = text.replace(address, "ADDRESS").replace(quote(address), "ADDRESS")
    return text


def only_email_to(address):
    sent = [message for message in mail.outbox if address in message.to]
    assert len(sent) == 1, [(message.subject, message.to) for message in mail.outbox]
    return sent[0]


def link_in(message) -> str:
    [link] = [link for link in dict.fromkeys(shop_links(message, SITE_URL))
              if "/register/confirm/" in link]
    return link


@pytest.mark.parametrize("on_sign_in_page", [False, True], ids=["register", "sign-in-page"])
def test_registering_answers_alike_for_a_known_and_an_unknown_address(client, on_sign_in_page):
    UserFactory(email="known@example.com")
    known_visitor, unknown_visitor = Client(), Client()
    known = register(known_visitor, "known@example.com", on_sign_in_page=on_sign_in_page)
    unknown = register(unknown_visitor, "unknown@example.com", on_sign_in_page=on_sign_in_page)

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/en/shop/accounts/register/sent/"
    # What each visitor reads next: the same words, her own address in them.
    known_page = known_visitor.get(known["Location"])
    unknown_page = unknown_visitor.get(unknown["Location"])
    assert known_page.status_code == unknown_page.status_code == 200
    assert visible(known_page, "known@example.com") == visible(unknown_page, "unknown@example.com")
    assert "Check your inbox" in unknown_page.content.decode()
    assert "already exists" not in known_page.content.decode()
    # One email each, and no account made before the link is followed.
    assert {tuple(message.to) for message in mail.outbox} == {
        ("known@example.com",), ("unknown@example.com",)
    }
    assert not User.objects.filter(email="unknown@example.com").exists()


def test_a_wrong_form_says_what_is_wrong_alike_for_both_addresses(client):
    UserFactory(email="known@example.com")
    answers = [
        Client().post(reverse("customer:register"),
                      {"email": email, "password1": PASSWORD, "password2": "another-one-77"})
        for email in ("known@example.com", "unknown@example.com")
    ]
    assert answers[0].status_code == answers[1].status_code == 200
    assert visible(answers[0], "known@example.com") == visible(answers[1], "unknown@example.com")
    assert "didn" in answers[0].content.decode()  # "The two password fields didn't match."
    assert mail.outbox == []


def test_the_link_creates_the_account_signs_her_in_and_keeps_her_language(client):
    response = register(client, "zeynep@example.com", language="ar")
    assert response["Location"] == "/ar/shop/accounts/register/sent/"

    message = only_email_to("zeynep@example.com")
    html = message.alternatives[0][0]
    assert 'lang="ar" dir="rtl"' in html
    assert "مرحبًا،" in message.body  # "Hello," in Arabic: the email is in the page's language
    link = link_in(message)
    assert link.startswith(f"{SITE_URL}/ar/shop/accounts/register/confirm/")
    assert link in html

    visitor = Client()  # another device: the link alone is enough
    response = follow(visitor, link)
    assert response.status_code == 302 and response.url == "/ar/shop/accounts/"
    user = User.objects.get(email="zeynep@example.com")
    assert user.is_active and user.check_password(PASSWORD)
    page = follow(visitor, f"{SITE_URL}/ar/shop/accounts/profile/")
    assert page.status_code == 200 and "zeynep@example.com" in page.content.decode()
    # Signed in, so the sign-in page sends her on.
    assert follow(visitor, f"{SITE_URL}/ar/shop/accounts/login/").status_code == 302


def test_a_used_link_says_so_and_offers_to_sign_in(client):
    register(client, "ece@example.com")
    link = link_in(only_email_to("ece@example.com"))
    assert follow(Client(), link).status_code == 302

    again = follow(Client(), link)
    assert again.status_code == 200
    text = again.content.decode()
    assert "This link has already been used" in text
    assert reverse("customer:login") in text
    assert User.objects.filter(email="ece@example.com").count() == 1


def _token(link: str) -> str:
    return urlsplit(link).path.rstrip("/").rsplit("/", 1)[1]


class _SignerOfThePast(signing.TimestampSigner):
    """Signs as the shop did LINK_MAX_AGE and a minute ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time() - LINK_MAX_AGE.total_seconds() - 60))


def test_an_expired_link_says_so_and_a_new_one_can_be_asked_for(client):
    register(client, "derya@example.com", language="tr")
    registration = Registration.objects.get(email="derya@example.com")
    old = _SignerOfThePast(salt=SALT).sign_object({"registration": registration.pk})

    response = Client().get(f"/tr/shop/accounts/register/confirm/{old}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'name="email"' in text and 'action="/tr/shop/accounts/register/resend/"' in text
    assert not User.objects.filter(email="derya@example.com").exists()

    mail.outbox.clear()
    with translation.override("tr"):
        response = Client().post(reverse("customer:register-resend"),
                                 {"email": "derya@example.com"})
    assert response.status_code == 302 and response.url == "/tr/shop/accounts/register/sent/"
    fresh = link_in(only_email_to("derya@example.com"))
    assert fresh.startswith(f"{SITE_URL}/tr/") and _token(fresh) != old
    assert follow(Client(), fresh).status_code == 302
    assert User.objects.get(email="derya@example.com").is_active


def test_an_expired_link_reads_expired(client):
    register(client, "derya@example.com")
    registration = Registration.objects.get(email="derya@example.com")
    old = _SignerOfThePast(salt=SALT).sign_object({"registration": registration.pk})
    text = Client().get(f"/en/shop/accounts/register/confirm/{old}/").content.decode()
    assert "This link has expired" in text
    assert LINK_MAX_AGE == timedelta(days=3)  # what the email and the page tell her


@pytest.mark.parametrize("edit", [
    lambda token: token[:-3],
    lambda token: token.replace(token.split(":")[0],
                                signing.b64_encode(b'{"registration":99999}').decode()),
    lambda token: "not-a-link",
], ids=["cut-short", "another-registration", "made-up"])
def test_a_tampered_link_is_refused_with_a_way_to_ask_again(client, edit):
    register(client, "melek@example.com")
    token = _token(link_in(only_email_to("melek@example.com")))

    response = Client().get(f"/en/shop/accounts/register/confirm/{edit(token)}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "This link is not valid" in text and 'name="email"' in text
    assert not User.objects.filter(email="melek@example.com").exists()


def test_an_address_with_an_account_is_told_by_email_in_the_page_language(client):
    user = UserFactory(email="known@example.com")
    register(client, "known@example.com", language="tr")

    message = only_email_to("known@example.com")
    assert "Merhaba," in message.body
    links = dict.fromkeys(shop_links(message, SITE_URL))
    assert f"{SITE_URL}/tr/shop/accounts/login/" in links
    assert f"{SITE_URL}/tr/shop/password-reset/" in links
    assert not any("/register/confirm/" in link for link in links)
    # Nothing about the account changed: the password stays hers.
    user.refresh_from_db()
    assert user.check_password(KNOWN_PASSWORD)
    assert not Registration.objects.exists()
    for link in links:
        assert follow(Client(), link).status_code == 200


def test_signing_in_before_confirming_offers_the_link_again_only_with_the_password(client):
    register(client, "sevgi@example.com")
    mail.outbox.clear()

    wrong = sign_in(Client(), "sevgi@example.com", "not-her-password-1")
    nobody = sign_in(Client(), "nobody@example.com", PASSWORD)
    for response in (wrong, nobody):
        assert response.status_code == 200
        assert "not confirmed" not in response.content.decode()

    visitor = Client()
    response = sign_in(visitor, "sevgi@example.com", PASSWORD)
    text = response.content.decode()
    assert response.status_code == 200
    assert "You have not confirmed your address yet" in text
    assert reverse("customer:register-resend") in text

    response = visitor.post(reverse("customer:register-resend"), {"email": "sevgi@example.com"})
    assert response.status_code == 302
    assert follow(visitor, link_in(only_email_to("sevgi@example.com"))).status_code == 302
    assert sign_in(Client(), "sevgi@example.com", PASSWORD).status_code == 302


def test_asking_again_answers_alike_whatever_the_address(client):
    UserFactory(email="known@example.com")
    register(client, "waiting@example.com")
    answers = {}
    for email in ("known@example.com", "waiting@example.com", "nobody@example.com"):
        visitor = Client()
        response = visitor.post(reverse("customer:register-resend"), {"email": email})
        assert response.status_code == 302 and response.url == "/en/shop/accounts/register/sent/"
        answers[email] = visible(visitor.get(response.url), email)
    assert len(set(answers.values())) == 1
    assert not [message for message in mail.outbox if "nobody@example.com" in message.to]


def test_two_registrations_of_one_address_each_keep_their_own_password(client):
    """Someone registering another's address first gets her nothing: each link activates only
    the password typed with it, and once one is followed the others are used up."""
    register(client, "nur@example.com", password="an-intruders-password-3")
    register(Client(), "nur@example.com", password=PASSWORD)
    intruders, hers = [link_in(message) for message in mail.outbox]

    assert follow(Client(), hers).status_code == 302
    assert User.objects.get(email="nur@example.com").check_password(PASSWORD)
    response = follow(Client(), intruders)
    assert "This link has already been used" in response.content.decode()
    assert User.objects.filter(email="nur@example.com").count() == 1


def test_confirming_gives_her_the_guest_orders_placed_with_her_address(client):
    guest_order = order_place(product_for_sale(), guest_email="hatice@example.com")
    assert guest_order.user is None
    register(client, "Hatice@Example.com")
    visitor = Client()
    follow(visitor, link_in(only_email_to("Hatice@example.com")))

    guest_order.refresh_from_db()
    assert guest_order.user == User.objects.get(email="Hatice@example.com")
    page = follow(visitor, f"{SITE_URL}/en/shop/accounts/orders/{guest_order.number}/")
    assert page.status_code == 200


@pytest.mark.usefixtures("unreachable_smtp")
def test_registration_with_an_unreachable_mail_server_answers_alike():
    UserFactory(email="known@example.com")
    known = register(Client(), "known@example.com")
    unknown = register(Client(), "unknown@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_registration_stays_throttled(client):
    for _attempt in range(10):
        assert register(client, "someone@example.com").status_code == 302
    assert register(client, "someone@example.com").status_code == 429
    for _attempt in range(5):
        client.post(reverse("customer:register-resend"), {"email": "someone@example.com"})
    response = client.post(reverse("customer:register-resend"), {"email": "someone@example.com"})
    assert response.status_code == 429


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_registering_in_arabic_and_confirming_from_the_email(live_server, page, screenshot):
    page.goto(f"{live_server.url}/ar/shop/accounts/register/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#id_email").fill("amira@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator('#register_form button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/ar/shop/accounts/register/sent/$"))
    assert "amira@example.com" in page.locator("main").inner_text()
    screenshot("registration-check-your-inbox-ar")
    assert not User.objects.filter(email="amira@example.com").exists()

    # The link from the outbox, opened in the browser at the live server's address.
    link = link_in(only_email_to("amira@example.com"))
    page.goto(live_server.url + link.removeprefix(SITE_URL))
    page.wait_for_url(re.compile(r"/ar/shop/accounts/profile/$"))
    assert page.locator("html").get_attribute("lang") == "ar"
    assert "amira@example.com" in page.locator("main").inner_text()
    screenshot("registration-confirmed-ar")
    assert User.objects.get(email="amira@example.com").is_active
