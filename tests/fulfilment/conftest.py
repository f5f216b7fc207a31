"""Orders to fulfil: several cooperatives' pieces in one order, placed without payment, and a
paid one through localstripe for cancellations."""

import pytest
from django.contrib.auth.models import Permission

# Checkout's private localstripe and its settings, for every test here (cancelling refunds).
from tests.checkout.conftest import _stripe_settings, localstripe_url  # noqa: F401
from tests.factories import UserFactory, order_place, product_for_sale  # noqa: F401


@pytest.fixture
def mixed_order():
    """Two pieces by one cooperative's maker, one piece from another cooperative."""
    first = product_for_sale(title="Telkari pendant")
    second = product_for_sale(title="Silver ring", maker=first.maker)
    other = product_for_sale(title="Mirror-work pouch")
    return order_place(first, second, other)


@pytest.fixture
def staff():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_order"))
    return user
