"""An order's emails sent in Arabic, as a mail client would draw them (issue 13, item 4): read
right to left, with the order number, the customer's email, the prices and the tracking number
each isolated in its own direction, and no English left but the names people and things carry.

Screenshots for a person to look at: var/screenshots/email-ar-order.png, email-ar-shipped.png.
"""

from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation
from oscar.core.loading import get_model

from checkout.models import StripePayment
from checkout.services import email_order_placed
from order.fulfilment import shipment_create
from tests.factories import UserFactory, order_place, product_for_sale

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

# The text a reader sees, leaving out what is isolated: names, titles, numbers, addresses.
UNISOLATED_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('bdi, [dir="auto"]').forEach((element) => element.remove());
  return body.textContent.replace(/\\s+/g, ' ');
}"""


@pytest.fixture
def arabic_order():
    """An order placed from /ar/ by a customer with a French address, paid, in Arabic."""
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="FR", defaults={"name": "France", "is_shipping_country": True}
    )
    address = ShippingAddress.objects.create(
        first_name="Camille",
        last_name="Martin",
        line1="12 Rue de Test",
        line4="Paris",
        postcode="75011",
        country=country,
        phone_number="+33612345678",
    )
    product = product_for_sale(
        title="Filigree rosette pendant",
        title_ar="قلادة وردة مخرّمة",
        price=Decimal("120.00"),
    )
    with translation.override("ar"):
        order = order_place(
            product, guest_email="camille@example.fr", shipping_address=address
        )
    payment = StripePayment.objects.create(
        order=order,
        order_number=order.number,
        basket_fingerprint="arabic-order",
        amount=int(order.total_incl_tax * 100),
        currency=order.currency,
        guest_email="camille@example.fr",
        language="ar",
        shipping_method_code="free",
    )
    mail.outbox.clear()
    return order, payment


def draw(page, html: str) -> str:
    page.set_content(html)
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    return page.evaluate(UNISOLATED_TEXT)


def isolated(page, selector: str) -> list[str]:
    return [text.strip() for text in page.locator(selector).all_inner_texts()]


def test_the_order_confirmation_in_arabic(page, screenshot, arabic_order):
    order, payment = arabic_order

    email_order_placed(order, payment)

    [message] = mail.outbox
    text = draw(page, message.alternatives[0][0])
    screenshot("email-ar-order")
    numbers = isolated(page, 'bdi[dir="ltr"]')
    assert order.number in numbers
    assert "camille@example.fr" in isolated(page, 'bdi[dir="ltr"].email')
    assert "+33 6 12 34 56 78" in " ".join(numbers) or "+33612345678" in " ".join(numbers)
    assert sum("120" in number for number in numbers) >= 2  # the line and the total
    assert "قلادة وردة مخرّمة" in isolated(page, "bdi")
    assert "12 Rue de Test" in page.locator('[dir="auto"]').all_inner_texts()
    # Arabic words, and no English outside what is isolated.
    assert "شكرًا" in text or "شكرا" in text, text
    assert not [word for word in text.split() if word.isascii() and word.isalpha()], text


def test_the_shipping_email_in_arabic(
    page, screenshot, arabic_order, django_capture_on_commit_callbacks
):
    order, _payment = arabic_order
    line = order.lines.get()

    with django_capture_on_commit_callbacks(execute=True):
        shipment_create(
            order=order,
            lines=[line],
            carrier="ptt",
            tracking_number="KP123456789TR",
            actor=UserFactory(is_staff=True),
        )

    [message] = mail.outbox
    assert message.to == ["camille@example.fr"]
    text = draw(page, message.alternatives[0][0])
    screenshot("email-ar-shipped")
    numbers = isolated(page, 'bdi[dir="ltr"]')
    assert order.number in numbers and "KP123456789TR" in numbers
    assert "قلادة وردة مخرّمة" in isolated(page, "bdi")
    assert not [word for word in text.split() if word.isascii() and word.isalpha()], text
