"""Listing a piece over HTTP as a member would, and every kind of bad input: a clear message in
her language, and nothing she typed or uploaded lost."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from workspace.models import Listing, ListingStatus

from .conftest import PASSWORD, jpeg_bytes, leaf, photo_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, side_a):
    client.login(username=side_a.member.username, password=PASSWORD)
    return client


def step_url(listing, step):
    return reverse("workspace:listing-step", kwargs={"pk": listing.pk, "step": step})


def new_listing(member_client) -> Listing:
    response = member_client.post(reverse("workspace:listing-new"))
    assert response.status_code == 302
    return Listing.objects.latest("pk")


def test_three_screens_from_photos_to_review(member_client, side_a):
    listing = new_listing(member_client)
    response = member_client.post(
        step_url(listing, "photos"),
        {"photos": [photo_upload("one.jpg"), photo_upload("two.jpg", colour=(0, 90, 160))],
         "action": "next"},
    )
    # She stays on the photos screen to say what each new photo shows.
    assert response.status_code == 302 and response.url == step_url(listing, "photos")
    photo_ids = list(listing.photos.values_list("pk", flat=True))
    assert len(photo_ids) == 2
    response = member_client.post(step_url(listing, "photos"), {
        f"description-{photo_ids[0]}": "Folded scarf", f"description-{photo_ids[1]}": "Its fringe",
        "action": "next",
    })
    assert response.status_code == 302 and response.url == step_url(listing, "what")
    listing.refresh_from_db()
    response = member_client.post(step_url(listing, "what"), {
        "version": listing.version, "category": leaf("clothing/scarves-shawls").pk,
        "title": "Indigo scarf", "price": "42,50", "quantity": "2", "action": "next",
    })
    assert response.status_code == 302 and response.url == step_url(listing, "details")
    listing.refresh_from_db()
    response = member_client.post(step_url(listing, "details"), {
        "version": listing.version, "description": "Dyed with indigo, woven on a floor loom.",
        "technique": "Loom weaving", "other_materials": "Indigo", "action": "submit",
    })
    listing.refresh_from_db()
    assert response.status_code == 302
    assert listing.status == ListingStatus.SUBMITTED
    assert listing.price == Decimal("42.50") and listing.quantity == 2
    assert list(listing.photos.values_list("description", flat=True)) == [
        "Folded scarf", "Its fringe"
    ]


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("0", "The price must be more than zero."),
        ("-5", "The price must be more than zero."),
        ("cheap", "Write the price as a number, for example 24.50."),
        ("12.345", "Use at most two digits after the point."),
    ],
)
def test_a_bad_price_is_explained_and_the_rest_is_kept(member_client, price, message):
    listing = new_listing(member_client)
    response = member_client.post(step_url(listing, "what"), {
        "version": listing.version, "title": "Copper bracelet", "price": price,
        "quantity": "4", "action": "next",
    })
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{price}"' in page  # what she typed is still in the box
    listing.refresh_from_db()
    assert listing.title == "Copper bracelet" and listing.quantity == 4 and listing.price is None


def test_a_quantity_below_zero_is_explained(member_client):
    listing = new_listing(member_client)
    response = member_client.post(step_url(listing, "what"), {
        "version": listing.version, "title": "Ring", "quantity": "-1", "action": "next",
    })
    assert response.status_code == 400
    assert "How many must be zero or more." in response.content.decode()
    listing.refresh_from_db()
    assert listing.title == "Ring" and listing.quantity is None


def test_messages_come_in_her_language(member_client):
    listing = new_listing(member_client)
    with translation.override("tr"):
        url = step_url(listing, "what")
    assert url.startswith("/tr/")
    response = member_client.post(url, {
        "version": listing.version, "price": "0", "action": "next",
    })
    english = "The price must be more than zero."
    with translation.override("tr"):
        expected = translation.gettext(english)
    assert expected != english
    assert expected in response.content.decode()


def test_two_tabs_editing_the_same_draft_overwrite_nothing_silently(member_client):
    listing = new_listing(member_client)
    shown_version = listing.version
    first = member_client.post(step_url(listing, "what"), {
        "version": shown_version, "title": "From the first tab", "action": "draft",
    })
    assert first.status_code == 302
    second = member_client.post(step_url(listing, "what"), {
        "version": shown_version, "title": "From the second tab", "action": "draft",
    })
    assert second.status_code == 409
    page = second.content.decode()
    assert "changed in another window" in page
    assert 'value="From the second tab"' in page  # her typing is still there to save again
    listing.refresh_from_db()
    assert listing.title == "From the first tab"


def test_a_bad_photo_among_good_ones_loses_nothing(member_client):
    listing = new_listing(member_client)
    truncated = jpeg_bytes(size=(800, 600))[:1500]
    response = member_client.post(step_url(listing, "photos"), {
        "photos": [
            photo_upload("good.jpg"),
            SimpleUploadedFile("broken.jpg", truncated, content_type="image/jpeg"),
            SimpleUploadedFile("notes.jpg", b"just some text", content_type="image/jpeg"),
        ],
        "action": "next",
    })
    assert response.status_code == 400
    page = response.content.decode()
    assert "broken.jpg" in page and "notes.jpg" in page
    assert listing.photos.count() == 1


def test_a_photo_can_be_removed(member_client):
    listing = new_listing(member_client)
    member_client.post(step_url(listing, "photos"), {"photos": [photo_upload()], "action": "draft"})
    photo = listing.photos.get()
    stored = photo.image.path
    response = member_client.post(step_url(listing, "photos"), {"remove_photo": photo.pk})
    assert response.status_code == 302
    assert not listing.photos.exists()
    import os

    assert not os.path.exists(stored)


def test_an_approved_piece_cannot_be_sent_again_from_its_page(member_client, side_a):
    from workspace import services
    from workspace.selectors import workspace_for

    from .conftest import ready_listing

    listing = services.listing_submit(
        listing=ready_listing(side_a.member), workspace=workspace_for(side_a.member)
    )
    services.listing_approve(listing=listing, workspace=workspace_for(side_a.coordinator))
    response = member_client.post(
        reverse("workspace:listing-submit", kwargs={"pk": listing.pk}), follow=True
    )
    assert "already in the shop" in response.content.decode()
    listing.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED


def test_stock_form_refuses_below_zero(member_client, side_a):
    from workspace import services
    from workspace.selectors import workspace_for

    from .conftest import ready_listing

    listing = services.listing_submit(
        listing=ready_listing(side_a.member), workspace=workspace_for(side_a.member)
    )
    services.listing_approve(listing=listing, workspace=workspace_for(side_a.coordinator))
    response = member_client.post(
        reverse("workspace:listing-stock", kwargs={"pk": listing.pk}), {"available": "-3"},
        follow=True,
    )
    assert "How many must be zero or more." in response.content.decode()
    response = member_client.post(
        reverse("workspace:listing-stock", kwargs={"pk": listing.pk}), {"available": "9"},
    )
    listing.refresh_from_db()
    assert listing.quantity == 9 and listing.status == ListingStatus.APPROVED
