"""Every email links to the shop's real address (SITE_URL), and each link opens its page.

Before this, Django's Sites record said `example.com` and Oscar wrote `http://`, so "Follow
your order", the password reset and the back-in-stock confirmation led nowhere.
"""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.helpers import (
    ADDRESS,
    CARD_DECLINED,
    checkout_to_preview,
    pay,
    preview_fingerprint,
    shipping_country,
)
from tests.emails.conftest import follow, shop_links
from tests.factories import UserFactory, product_for_sale

Order = get_model("order", "Order")
ProductAlert = get_model("customer", "ProductAlert")

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
ADDRESSES = ["https://shop.ortak.test", "https://ortak.example.org", "http://127.0.0.1:8123"]


@pytest.fixture(params=ADDRESSES)
def site_url(request, shop_address):
    """Each test runs at the test settings' address and at two others: the links follow."""
    return shop_address(request.param)


def only_email():
    assert len(mail.outbox) == 1, [message.subject for message in mail.outbox]
    return mail.outbox[0]


def test_order_placed_email_follows_the_order(client, site_url):
    product = product_for_sale(num_in_stock=5)
    pay(client, fingerprint=checkout_to_preview(client, product, email="ayse@example.com"))
    order = Order.objects.get()

    message = only_email()
    [link] = set(shop_links(message, site_url))
    assert link.startswith(f"{site_url}/en/shop/accounts/order-status/{order.number}/")

    # On another device Oscar asks the guest for her email address first, then shows the order.
    visitor = Client()
    response = follow(visitor, link)
    assert response.status_code == 302 and "/order-status-form/" in response.url
    form = f"{site_url}{response.url}"
    assert follow(visitor, form).status_code == 200
    response = visitor.post(response.url, {"email": "ayse@example.com"},
                            secure=site_url.startswith("https"))
    assert response.status_code == 302
    page = follow(visitor, f"{site_url}{response.url}")
    assert page.status_code == 200 and order.number in page.content.decode()


def test_signed_in_customers_order_email_leads_to_her_order(client, site_url):
    user = UserFactory(email="fatma@example.com")
    client.force_login(user)
    shipping_country()
    client.post(reverse("basket:add", kwargs={"pk": product_for_sale(num_in_stock=5).pk}),
                {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    client.post(reverse("checkout:shipping-method"), {"method_code": "standard"})
    assert pay(client, fingerprint=preview_fingerprint(client)).json()["status"] == "succeeded"
    order = Order.objects.get()

    [link] = set(shop_links(only_email(), site_url))
    assert link == f"{site_url}/en/shop/accounts/orders/{order.number}/"
    assert follow(client, link).status_code == 200
    signed_out = follow(Client(), link)
    assert signed_out.status_code == 302 and "/accounts/login/" in signed_out.url


def test_payment_failed_email_leads_back_to_the_basket(client, site_url):
    product = product_for_sale(num_in_stock=5)
    pay(client, fingerprint=checkout_to_preview(client, product), card=CARD_DECLINED)

    [link] = set(shop_links(only_email(), site_url))
    assert link == f"{site_url}/en/shop/basket/"
    page = follow(client, link)
    assert page.status_code == 200 and product.title in page.content.decode()


def test_password_reset_link_opens_the_new_password_form(client, site_url):
    user = UserFactory(email="leyla@example.com")
    response = client.post(reverse("password-reset"), {"email": user.email})
    assert response.status_code == 302

    [link] = set(shop_links(only_email(), site_url))
    assert link.startswith(f"{site_url}/en/shop/password-reset/confirm/")
    response = follow(client, link)
    # Django swaps the token for a session and redirects to the form without it.
    assert response.status_code == 302 and response.url.endswith("/set-password/")
    form = follow(client, f"{site_url}{response.url}")
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()


def test_registration_email_leads_to_the_new_account(client, site_url):
    response = client.post(
        reverse("customer:register"),
        {"email": "zeynep@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]

    message = only_email()
    assert message.to == ["zeynep@example.com"]
    [link] = set(shop_links(message, site_url))
    assert link.startswith(f"{site_url}/en/shop/accounts/register/confirm/")
    # The link creates the account and signs her in, on any device.
    visitor = Client()
    response = follow(visitor, link)
    assert response.status_code == 302 and response.url == "/en/shop/accounts/"
    summary = follow(visitor, f"{site_url}{response.url}")
    assert summary.status_code == 302  # Oscar's account summary leads on to her profile
    assert follow(visitor, f"{site_url}{summary.url}").status_code == 200


def test_registering_an_address_with_an_account_leads_to_sign_in_and_reset(client, site_url):
    UserFactory(email="zeynep@example.com")
    client.post(
        reverse("customer:register"),
        {"email": "zeynep@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    links = set(shop_links(only_email(), site_url))
    assert links == {f"{site_url}/en/shop/accounts/login/", f"{site_url}/en/shop/password-reset/"}
    for link in links:
        assert follow(Client(), link).status_code == 200


def test_back_in_stock_confirmation_and_alert_lead_to_the_product(client, site_url):
    product = product_for_sale(num_in_stock=0)
    response = client.post(
        reverse("customer:alert-create", kwargs={"pk": product.pk}), {"email": "nur@example.com"}
    )
    assert response.status_code == 302

    confirm_link, cancel_link = dict.fromkeys(shop_links(only_email(), site_url))
    assert "/alerts/confirm/" in confirm_link and "/alerts/cancel/" in cancel_link
    response = follow(Client(), confirm_link)
    assert response.status_code == 302 and response.url == product.get_absolute_url()
    assert ProductAlert.objects.get().status == ProductAlert.ACTIVE

    mail.outbox.clear()
    stock = product.stockrecords.get()
    stock.num_in_stock = 3
    stock.save()
    [link] = set(shop_links(only_email(), site_url))
    assert link == f"{site_url}{product.get_absolute_url()}"
    assert follow(Client(), link).status_code == 200


def test_moderation_notices_link_to_the_admin_and_the_published_page(site_url):
    from django.contrib.auth.models import Group
    from wagtail.models import Page

    from stories.models import StoryIndexPage, StoryPage

    editor = UserFactory(username="editor", email="editor@example.com")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = UserFactory(username="moderator", email="moderator@example.com")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    index = StoryIndexPage.objects.get(slug="stories")
    story = index.add_child(instance=StoryPage(
        title="Evening stitches", slug="evening-stitches", lead="How a stitch travels.",
        date="2026-11-02", author="Ortak editors", live=False,
    ))
    story.save_revision(user=editor)

    story.get_workflow().start(story, editor)
    submitted = [m for m in mail.outbox if m.to == [moderator.email]]
    assert submitted, [message.subject for message in mail.outbox]
    edit_link = f"{site_url}{reverse('wagtailadmin_pages:edit', args=(story.pk,))}"
    assert edit_link in shop_links(submitted[-1], site_url)

    mail.outbox.clear()
    task_state = story.current_workflow_state.current_task_state
    task_state.task.on_action(task_state, moderator, "approve")
    story = Page.objects.get(pk=story.pk).specific
    assert story.live
    approved = [m for m in mail.outbox if m.to == [editor.email]]
    assert approved, [message.subject for message in mail.outbox]
    page_link = f"{site_url}{story.url}"
    assert page_link in shop_links(approved[-1], site_url)
    assert follow(Client(), page_link).status_code == 200


def test_the_test_settings_address_is_the_one_in_force_by_default(client):
    """Without any switch, the links use the test settings' own SITE_URL: the Sites record was
    written by the migrations' post_migrate, not by a test."""
    UserFactory(email="defne@example.com")
    client.post(reverse("password-reset"), {"email": "defne@example.com"})
    assert shop_links(only_email(), settings.SITE_URL)
