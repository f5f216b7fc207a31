"""Orders to send, from a coordinator's workspace: her cooperative's lines only, the customer's
address only while she has something to send, parcels with a tracking number, and pieces she
cannot make cancelled with a reason."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from order.fulfilment import LineStatus
from tests.factories import order_place, product_for_sale

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")


def mixed_order(*products, email="clara@example.org"):
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="FR", defaults={"name": "France", "printable_name": "France"}
    )
    address = ShippingAddress.objects.create(
        first_name="Clara", last_name="Buyer", line1="12 Rue des Lilas", line4="Lyon",
        postcode="69001", country=country, phone_number="+33612345678",
    )
    return order_place(*products, guest_email=email, shipping_address=address)


@pytest.fixture
def order(side_a, side_b):
    return mixed_order(
        product_for_sale(maker=side_a.maker, title="Olive cushion", price=Decimal("39.00")),
        product_for_sale(maker=side_a.other_maker, title="Star pouch", price=Decimal("26.00")),
        product_for_sale(maker=side_b.maker, title="Silver ring", price=Decimal("77.00")),
    )


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_she_sees_her_lines_and_the_address_only_while_she_has_something_to_send(
    client, side_a, order, django_capture_on_commit_callbacks
):
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    listing = page(client, reverse("workspace:orders"))
    assert order.number in listing and "Olive cushion" in listing and "Star pouch" in listing
    assert "Silver ring" not in listing
    detail_url = reverse("workspace:order-detail", kwargs={"number": order.number})
    detail = page(client, detail_url)
    assert "12 Rue des Lilas" in detail and "Clara" in detail
    assert "Silver ring" not in detail and "77.00" not in detail
    assert str(order.total_incl_tax) not in detail  # never the order's total
    slip = page(client, reverse("workspace:packing-slip", kwargs={"number": order.number}))
    assert "Olive cushion" in slip and side_a.maker.public_name in slip

    lines = order.lines.filter(cooperative=side_a.cooperative)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workspace:order-ship", kwargs={"number": order.number}),
            {"lines": [line.pk for line in lines], "carrier": "ptt",
             "tracking_number": "KP123456789TR"},
        )
    assert response.status_code == 302
    assert set(lines.values_list("status", flat=True)) == {LineStatus.SHIPPED}
    assert len(mail.outbox) == 1 and "KP123456789TR" in mail.outbox[0].body
    detail = page(client, detail_url)
    assert "12 Rue des Lilas" not in detail  # nothing left to send: no address
    order.refresh_from_db()
    assert order.status == "Partly shipped"


def test_the_other_cooperative_sees_only_her_line(client, side_b, order):
    client.login(username=side_b.coordinator.username, password=PASSWORD)
    detail = page(client, reverse("workspace:order-detail", kwargs={"number": order.number}))
    assert "Silver ring" in detail
    assert "Olive cushion" not in detail and "Star pouch" not in detail


def test_she_cannot_ship_another_cooperatives_line(client, side_b, order):
    theirs = order.lines.exclude(cooperative=side_b.cooperative).first()
    client.login(username=side_b.coordinator.username, password=PASSWORD)
    response = client.post(reverse("workspace:order-ship", kwargs={"number": order.number}), {
        "lines": [theirs.pk], "carrier": "ptt", "tracking_number": "KP123456789TR",
    })
    assert response.status_code == 400
    theirs.refresh_from_db()
    assert theirs.status == LineStatus.PAID and not mail.outbox
    url = reverse("workspace:order-line-cancel", kwargs={"number": order.number,
                                                           "line_pk": theirs.pk})
    assert client.post(url, {"reason": "mine now"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == LineStatus.PAID


def test_an_order_without_her_lines_is_404(client, side_a, side_b):
    theirs = mixed_order(product_for_sale(maker=side_b.maker))
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    for name in ("order-detail", "packing-slip"):
        url = reverse(f"workspace:{name}", kwargs={"number": theirs.number})
        assert client.get(url).status_code == 404
    ship = reverse("workspace:order-ship", kwargs={"number": theirs.number})
    assert client.post(ship, {"carrier": "ptt", "tracking_number": "KP1234"}).status_code == 404


@pytest.mark.parametrize("tracking", ["", "<script>alert(1)</script>", "X" * 80, "12"])
def test_a_bad_tracking_number_is_refused_and_nothing_changes(client, side_a, order, tracking):
    lines = list(order.lines.filter(cooperative=side_a.cooperative))
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    response = client.post(reverse("workspace:order-ship", kwargs={"number": order.number}), {
        "lines": [line.pk for line in lines], "carrier": "ptt", "tracking_number": tracking,
    })
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
    for line in lines:
        line.refresh_from_db()
        assert line.status == LineStatus.PAID
    assert not mail.outbox


def test_packing_and_cancelling_a_piece_she_cannot_make(
    client, side_a, order, django_capture_on_commit_callbacks
):
    line = order.lines.get(title="Star pouch")
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    kwargs = {"number": order.number, "line_pk": line.pk}
    client.post(reverse("workspace:order-line-packing", kwargs=kwargs))
    line.refresh_from_db()
    assert line.status == LineStatus.PACKING
    response = client.post(reverse("workspace:order-line-cancel", kwargs=kwargs), {"reason": ""},
                           follow=True)
    assert "Say why the piece is cancelled" in response.content.decode()
    line.refresh_from_db()
    assert line.status == LineStatus.PACKING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workspace:order-line-cancel", kwargs=kwargs),
                    {"reason": "The fabric ran out."})
    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLED
    assert any("The fabric ran out." in message.body for message in mail.outbox)
    # The line's history, on her order page: who, when, from what to what, why.
    detail = page(client, reverse("workspace:order-detail", kwargs={"number": order.number}))
    assert "The fabric ran out." in detail
    assert "Coord a: Paid → Packing" in detail and "Coord a: Packing → Cancelled" in detail


def test_members_do_not_reach_the_orders(client, side_a, order):
    client.login(username=side_a.member.username, password=PASSWORD)
    assert client.get(reverse("workspace:orders")).status_code == 404
    url = reverse("workspace:order-detail", kwargs={"number": order.number})
    assert client.get(url).status_code == 404
