"""The customer's order pages say who made each piece, as it was when it sold."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory, product_for_sale
from tests.provenance.test_rules import _place_order

pytestmark = pytest.mark.django_db


def test_guest_order_page_names_maker_and_cooperative_even_after_edits(client):
    product = product_for_sale(title="Telkari pendant")
    maker, cooperative = product.maker, product.maker.cooperative
    order = _place_order(product)
    order.guest_email = "guest@example.com"
    order.save()
    maker.display_name = "Renamed later"
    maker.save()

    keys = {"order_number": order.number, "hash": order.verification_hash()}
    response = client.post(
        reverse("customer:anon-order-form", kwargs=keys),
        {"email": "guest@example.com"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("customer:anon-order", kwargs=keys)
    html = response.content.decode()
    assert "Telkari pendant" in html
    assert f"Made by {order.lines.get().maker_name} with {cooperative.name}" in html
    assert "Renamed later" not in html


def test_account_order_page_names_maker_and_keeps_reorder(client):
    user = UserFactory()
    product = product_for_sale(title="Mirror-work pouch")
    order = _place_order(product)
    order.user = user
    order.save()
    client.force_login(user)
    html = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content
    html = html.decode()
    assert "Mirror-work pouch" in html
    assert f"Made by {product.maker.public_name} with {product.maker.cooperative.name}" in html
    assert 'value="reorder"' in html
