"""The customer sees each piece's status and parcel; staff get the pipeline in Oscar's dashboard,
whose line actions go through order/fulfilment.py."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from order.fulfilment import LineStatus, line_status_set, shipment_create
from tests.factories import UserFactory, product_for_sale
from tests.fulfilment.conftest import order_place

LineEvent = get_model("order", "LineEvent")

pytestmark = pytest.mark.django_db


def test_account_order_page_shows_status_and_tracking(client, staff):
    user = UserFactory()
    first, other = product_for_sale(title="Telkari pendant"), product_for_sale(title="Pouch")
    order = order_place(first, other, user=user)
    line = order.lines.get(product=first)
    shipment_create(order=order, lines=[line], carrier="ptt",
                    tracking_number="KP123456789TR", actor=staff)
    client.force_login(user)

    html = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    html = html.content.decode()

    assert "Partly shipped" in html
    assert "<strong>Shipped</strong>" in html and "<strong>Paid</strong>" in html
    assert 'href="https://gonderitakip.ptt.gov.tr/Track/Verify?q=KP123456789TR"' in html
    assert "PTT Kargo" in html
    assert 'value="reorder"' in html


def test_guest_tracking_page_shows_status_and_tracking(client, staff):
    order = order_place(product_for_sale(title="Kilim cushion"))
    line = order.lines.get()
    shipment_create(order=order, lines=[line], carrier="other",
                    tracking_number="ABC-1234", actor=staff)
    line_status_set(line=line, status=LineStatus.DELIVERED, actor=staff)

    keys = {"order_number": order.number, "hash": order.verification_hash()}
    response = client.post(reverse("customer:anon-order-form", kwargs=keys),
                           {"email": "guest@example.com"}, follow=True)
    html = response.content.decode()

    assert 'class="order-status">Delivered<' in html
    assert "ABC-1234" in html and "Other carrier" in html


def test_order_page_costs_the_same_queries_whatever_the_number_of_lines(client, staff):
    user = UserFactory()
    client.force_login(user)
    small = order_place(product_for_sale(), user=user)
    big = order_place(*[product_for_sale() for _ in range(5)], user=user)
    for order in (small, big):
        for line in order.lines.all():
            shipment_create(order=order, lines=[line], carrier="dhl",
                            tracking_number="1234567890", actor=staff)
    client.get(reverse("customer:order", kwargs={"order_number": small.number}))  # warm up
    counts = []
    for order in (small, big):
        url = reverse("customer:order", kwargs={"order_number": order.number})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_dashboard_offers_the_line_statuses_carriers_and_shipping_event_types(
    mixed_order, staff_client
):
    url = reverse("dashboard:order-detail", kwargs={"number": mixed_order.number})
    html = staff_client.get(url).content.decode()
    for status in ("Paid", "Packing", "Shipped", "Delivered", "Cancelled", "Returned"):
        assert f"<option>{status}</option>" in html
    for code, name in (("shipped", "Shipped"), ("delivered", "Delivered"),
                       ("returned", "Returned")):
        assert f'<option value="{code}">{name}</option>' in html
    assert '<option value="yurtici">Yurtiçi Kargo</option>' in html
    # The order's own status follows its lines: nothing to choose by hand.
    assert "This order can't have its status changed." in html


def test_dashboard_line_actions_go_through_the_fulfilment_rules(mixed_order, staff_client):
    first, second, other = mixed_order.lines.order_by("pk")
    url = reverse("dashboard:order-detail", kwargs={"number": mixed_order.number})

    def act(action, lines, **data):
        post = {"line_action": action, "selected_line": [line.pk for line in lines], **data}
        for line in lines:
            post[f"selected_line_qty_{line.pk}"] = line.quantity
        return staff_client.post(url, post, follow=True)

    act("change_line_statuses", [first], new_status="Packing")
    first.refresh_from_db()
    assert first.status == "Packing"
    assert LineEvent.objects.get(line=first).actor is not None

    # Shipped is only reached with a parcel; Delivered only after it.
    act("change_line_statuses", [second], new_status="Shipped")
    act("change_line_statuses", [second], new_status="Delivered")
    second.refresh_from_db()
    assert second.status == "Paid"

    # One parcel per cooperative, with a valid tracking number.
    response = act("create_shipping_event", [first, other], shipping_event_type="shipped",
                   carrier="ptt", reference="KP123456789TR")
    assert "one cooperative" in response.content.decode()
    act("create_shipping_event", [first, second], shipping_event_type="shipped",
        carrier="ptt", reference="<script>")
    first.refresh_from_db()
    assert first.status == "Packing"

    response = act("create_shipping_event", [first, second], shipping_event_type="shipped",
                   carrier="ptt", reference="KP123456789TR")
    statuses = dict(mixed_order.lines.values_list("pk", "status"))
    assert statuses == {first.pk: "Shipped", second.pk: "Shipped", other.pk: "Paid"}
    event = mixed_order.shipping_events.get()
    assert (event.carrier, event.tracking_number) == ("ptt", "KP123456789TR")
    html = response.content.decode()
    assert "Fulfilment history" in html and "KP123456789TR" in html

    act("create_shipping_event", [first], shipping_event_type="delivered", reference="")
    first.refresh_from_db()
    assert first.status == "Delivered"

    act("change_line_statuses", [other], new_status="Cancelled", reference="Out of thread.")
    other.refresh_from_db()
    assert other.status == "Cancelled"
    assert LineEvent.objects.get(line=other).note == "Out of thread."

    staff_client.post(url, {"order_action": "change_order_status", "new_status": "Paid"})
    mixed_order.refresh_from_db()
    assert mixed_order.status == "Shipped"  # unchanged: it follows the lines
