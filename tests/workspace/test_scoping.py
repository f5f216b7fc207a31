"""One cooperative never sees another's listings, makers or sales; a member sees only her own.

The sweep walks every workspace URL that takes an id with the other cooperative's ids, as her
coordinator and as her member, by GET and POST: each answers 404, and nothing changes.
"""

import pytest
from django.urls import URLPattern, reverse
from oscar.core.loading import get_model

from tests.factories import StockRecordFactory
from workspace import urls as workspace_urls
from workspace.models import Invitation, Listing, ListingEvent, ListingPhoto, StockAdjustment

from .conftest import PASSWORD, ready_listing
from .test_orders import mixed_order

pytestmark = pytest.mark.django_db

STEPS = ("photos", "what", "details")


def snapshot():
    return (
        list(Listing.objects.order_by("pk").values()),
        list(ListingPhoto.objects.order_by("pk").values()),
        list(ListingEvent.objects.order_by("pk").values_list("pk", "action")),
        list(Invitation.objects.order_by("pk").values()),
        list(StockAdjustment.objects.order_by("pk").values()),
        list(get_model("partner", "StockRecord").objects.order_by("pk").values()),
        list(get_model("order", "Line").objects.order_by("pk").values()),
        list(get_model("order", "Order").objects.order_by("pk").values()),
    )


def urls_with_ids(listing_pk: int, maker_pk: int, stock_pk: int, line=None) -> list[str]:
    found = []
    for pattern in workspace_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        keys = set(pattern.pattern.converters)
        name = f"workspace:{pattern.name}"
        if keys == {"pk", "step"}:
            found += [reverse(name, kwargs={"pk": listing_pk, "step": step}) for step in STEPS]
        elif keys == {"pk"}:
            pk = {"maker": maker_pk, "stock": stock_pk}.get(
                pattern.name.split("-")[0], listing_pk
            )
            found.append(reverse(name, kwargs={"pk": pk}))
        elif keys == {"maker_pk"}:
            found.append(reverse(name, kwargs={"maker_pk": maker_pk}))
        elif keys == {"number"} and line is not None:
            found.append(reverse(name, kwargs={"number": line.order.number}))
        elif keys == {"number", "line_pk"} and line is not None:
            found.append(reverse(name, kwargs={"number": line.order.number, "line_pk": line.pk}))
    found.append(reverse("workspace:listing-list") + f"?maker={maker_pk}")
    found.append(reverse("workspace:invite") + f"?maker={maker_pk}")
    return found


def test_the_sweep_covers_every_url_with_an_id():
    with_ids = {
        pattern.name for pattern in workspace_urls.urlpatterns if pattern.pattern.converters
    }
    assert with_ids == {
        "join-code", "listing-detail", "listing-step", "listing-submit", "listing-stock",
        "listing-approve", "listing-return", "maker-detail", "maker-listing-new", "stock-adjust",
        "order-detail", "packing-slip", "order-ship", "order-line-packing", "order-line-cancel",
        # Payout runs (earnings); tests/earnings/test_views.py also tries a real payout of
        # another cooperative.
        "payout-detail", "payout-csv",
    }


@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_another_cooperatives_ids_are_404_and_change_nothing(client, side_a, side_b, role):
    theirs = ready_listing(side_b.member)
    their_stock = StockRecordFactory(product__maker=side_b.maker)
    their_line = mixed_order(their_stock.product).lines.get()
    client.login(username=getattr(side_a, role).username, password=PASSWORD)
    before = snapshot()
    urls = urls_with_ids(theirs.pk, side_b.maker.pk, their_stock.pk, their_line)
    assert len(urls) == 20  # every URL with an id but the invitation code, and two ?maker=
    for url in urls:
        response = client.get(url)
        # 405: the address takes only POST, whoever asks; POST answers 404 below.
        assert response.status_code in (404, 405), url
        response = client.post(url, {
            "version": theirs.version, "title": "taken over", "available": "0",
            "maker": side_b.maker.pk, "display_name": "Intruder", "reason": "correction",
            "lines": [their_line.pk], "carrier": "ptt", "tracking_number": "KP123456789TR",
        })
        assert response.status_code == 404, url
    assert snapshot() == before


def test_a_member_cannot_open_another_members_listing(client, side_a):
    hers = ready_listing(side_a.other_member, title="Not yours")
    her_stock = StockRecordFactory(product__maker=side_a.other_maker)
    client.login(username=side_a.member.username, password=PASSWORD)
    before = snapshot()
    for url in urls_with_ids(hers.pk, side_a.other_maker.pk, her_stock.pk):
        assert client.get(url).status_code in (404, 405), url
        data = {"title": "mine now", "available": "0", "reason": "correction"}
        assert client.post(url, data).status_code == 404, url
    assert snapshot() == before
    assert "Not yours" not in client.get(reverse("workspace:listing-list")).content.decode()


def test_a_member_does_not_reach_the_coordinators_pages(client, side_a):
    client.login(username=side_a.member.username, password=PASSWORD)
    for name in ("review-queue", "maker-list", "invite"):
        assert client.get(reverse(f"workspace:{name}")).status_code == 404


def test_lists_show_only_her_cooperatives_pieces_and_sales(client, side_a, side_b):
    ready_listing(side_a.member, title="Ours")
    ready_listing(side_b.member, title="Theirs")
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    page = client.get(reverse("workspace:listing-list")).content.decode()
    assert "Ours" in page and "Theirs" not in page
    makers = client.get(reverse("workspace:maker-list")).content.decode()
    assert side_a.maker.display_name in makers and side_b.maker.display_name not in makers


def test_workspace_pages_show_no_private_details(client, side_a):
    ready_listing(side_a.member)
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    for url in (
        reverse("workspace:maker-list"),
        reverse("workspace:maker-detail", kwargs={"pk": side_a.maker.pk}),
        reverse("workspace:listing-list"),
    ):
        assert "PRIVATE-" not in client.get(url).content.decode(), url


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("workspace:listing-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("workspace:sign-in"))


def test_a_customer_without_a_role_is_told_the_workspace_is_not_hers(client, db):
    from tests.factories import UserFactory

    customer = UserFactory(username="customer")
    client.login(username="customer", password=PASSWORD)
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 403
    assert "not linked to a cooperative" in response.content.decode()
    del customer


def test_the_header_links_to_the_workspace_only_for_people_with_a_role(client, side_a):
    from tests.factories import UserFactory

    UserFactory(username="customer")
    workspace_url = reverse("workspace:home")
    for username, expected in (
        (side_a.member.username, True),
        (side_a.coordinator.username, True),
        ("customer", False),
    ):
        client.login(username=username, password=PASSWORD)
        page = client.get(reverse("catalogue:index")).content.decode()
        assert (f'href="{workspace_url}"' in page) is expected, username
        client.logout()
