"""Text of the other direction reads correctly: in an Arabic page or email, an address written
in French keeps its order, a phone number is not reversed, and the email itself reads right to
left."""

import re

import pytest
from django.core import mail
from django.utils import translation
from oscar.core.loading import get_model

from checkout.services import _email_send
from tests.factories import UserFactory, order_place, product_for_sale

pytestmark = pytest.mark.django_db

ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")


@pytest.fixture
def french_address():
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="FR", defaults={"name": "France", "is_shipping_country": True}
    )
    return ShippingAddress.objects.create(
        first_name="Camille",
        last_name="Martin",
        line1="12 Rue de Test",
        line4="Paris",
        postcode="75011",
        country=country,
        phone_number="+33612345678",
    )


def test_an_address_in_an_arabic_page_keeps_each_line_and_the_phone_in_their_own_direction(
    client, french_address
):
    user = UserFactory()
    order = order_place(product_for_sale(), user=user, shipping_address=french_address)
    client.force_login(user)

    html = client.get(f"/ar/shop/accounts/orders/{order.number}/").content.decode()

    assert 'dir="rtl"' in html
    assert '<span class="address__line"><bdi>12 Rue de Test</bdi></span>' in html
    assert '<span class="address__line"><bdi>Paris</bdi></span>' in html


def test_the_checkout_contact_block_isolates_phone_and_email(client, french_address):
    from django.template.loader import render_to_string

    with translation.override("ar"):
        html = render_to_string(
            "includes/address.html",
            {"address": french_address, "email": "camille@example.fr", "contact": True},
        )

    assert re.search(r'<bdi dir="ltr" class="phone">\+33\s?6', html), html
    assert '<bdi dir="ltr" class="email">camille@example.fr</bdi>' in html


def test_an_arabic_email_reads_right_to_left_with_the_address_lines_isolated(french_address):
    order = order_place(
        product_for_sale(), guest_email="camille@example.fr", shipping_address=french_address
    )
    mail.outbox.clear()

    with translation.override("ar"):
        _email_send(
            "ORDER_PLACED",
            order=order,
            context={"order": order, "lines": order.lines.all(), "status_path": "/ar/"},
        )

    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert '<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" dir="rtl">' in html
    assert '<span dir="auto">12 Rue de Test</span>' in html


def test_an_english_email_stays_left_to_right(french_address):
    order = order_place(
        product_for_sale(), guest_email="camille@example.fr", shipping_address=french_address
    )
    mail.outbox.clear()

    with translation.override("en"):
        _email_send(
            "ORDER_PLACED",
            order=order,
            context={"order": order, "lines": order.lines.all(), "status_path": "/en/"},
        )

    html = mail.outbox[0].alternatives[0][0]
    assert 'lang="en" dir="ltr"' in html
