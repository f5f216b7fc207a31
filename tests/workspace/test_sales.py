"""'My sales': what of hers sold, when, for how much; a coordinator sees her cooperative's."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import UserFactory, product_for_sale
from tests.provenance.test_rules import _place_order

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sell(product, quantity=1):
    order = _place_order(product, quantity)
    order.user = UserFactory(username=f"buyer-{order.number}", email="buyer@example.com")
    order.save()
    return order


def test_a_member_sees_her_sales_only_and_the_coordinator_her_cooperatives(
    client, side_a, side_b
):
    hers = product_for_sale(maker=side_a.maker, title="Her runner", price=Decimal("30.00"))
    colleague = product_for_sale(maker=side_a.other_maker, title="Colleague bag")
    other_coop = product_for_sale(maker=side_b.maker, title="Other cooperative ring")
    sell(hers, 2)
    sell(colleague)
    sell(other_coop)

    client.login(username=side_a.member.username, password=PASSWORD)
    page = client.get(reverse("workspace:sales")).content.decode()
    assert "Her runner" in page and "€60.00" in page and "Paid" in page
    assert "Colleague bag" not in page and "Other cooperative ring" not in page

    client.login(username=side_a.coordinator.username, password=PASSWORD)
    page = client.get(reverse("workspace:sales")).content.decode()
    assert "Her runner" in page and "Colleague bag" in page
    assert "Other cooperative ring" not in page
    # Never the customer: no name, email or address of who bought.
    assert "@example.com" not in page
