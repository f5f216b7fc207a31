"""The listing workflow: draft → submitted → returned → submitted → approved, and what approval
puts in the shop. Every step is logged; stock changes skip review, price and words do not."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from oscar.core.loading import get_model

from workspace import services
from workspace.models import ListingAction, ListingStatus
from workspace.selectors import workspace_for

from .conftest import PASSWORD, ready_listing

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def actions(listing):
    return list(listing.events.values_list("action", flat=True))


def test_member_to_shop_through_return_and_resubmission(side_a):
    member, coordinator = workspace_for(side_a.member), workspace_for(side_a.coordinator)
    listing = ready_listing(side_a.member)
    assert listing.status == ListingStatus.DRAFT
    listing = services.listing_submit(listing=listing, workspace=member)
    assert listing.status == ListingStatus.SUBMITTED

    listing = services.listing_return(
        listing=listing, workspace=coordinator, reason="Add the size, please."
    )
    assert listing.status == ListingStatus.RETURNED
    assert listing.return_reason == "Add the size, please."
    assert listing.product is None

    listing = services.listing_update(
        listing=listing, workspace=member, changes={"size": "45 × 45 cm"},
        expected_version=listing.version,
    )
    listing = services.listing_submit(listing=listing, workspace=member)
    listing = services.listing_approve(listing=listing, workspace=coordinator)

    assert listing.status == ListingStatus.APPROVED
    product = listing.product
    assert product.is_public and product.title == "Olive cushion"
    assert product.maker == side_a.maker
    assert product.product_class.slug == "textile"
    assert list(product.categories.values_list("code", flat=True)) == [
        "household-textiles/cushion-covers"
    ]
    assert set(product.materials.values_list("slug", flat=True)) == {"linen", "cotton"}
    assert product.attr.colour == "Green" and product.attr.size == "45 × 45 cm"
    record = StockRecord.objects.get(product=product)
    assert record.partner == side_a.cooperative.partner
    assert record.price == Decimal("39.00") and record.num_in_stock == 3
    image = product.images.get()
    assert image.caption == "A cushion on a chair"
    assert actions(listing) == [
        ListingAction.CREATED, ListingAction.PHOTO_ADDED, ListingAction.SAVED,
        ListingAction.SUBMITTED, ListingAction.RETURNED, ListingAction.SAVED,
        ListingAction.RESUBMITTED, ListingAction.APPROVED,
    ]
    assert listing.events.filter(action=ListingAction.RETURNED).get().actor == side_a.coordinator


def test_the_approved_piece_is_in_the_shop_with_her_name(side_a, client):
    listing = ready_listing(side_a.member, title="Pomegranate runner")
    services.listing_submit(listing=listing, workspace=workspace_for(side_a.member))
    listing = services.listing_approve(listing=listing, workspace=workspace_for(side_a.coordinator))
    response = client.get(listing.product.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pomegranate runner" in page and side_a.maker.public_name in page
    assert "€39.00" in page


def test_a_price_change_to_a_live_piece_is_reviewed_and_the_shop_keeps_the_old_price(side_a):
    member, coordinator = workspace_for(side_a.member), workspace_for(side_a.coordinator)
    listing = services.listing_submit(listing=ready_listing(side_a.member), workspace=member)
    listing = services.listing_approve(listing=listing, workspace=coordinator)

    listing = services.listing_update(
        listing=listing, workspace=member, changes={"price": Decimal("45.00")},
        expected_version=listing.version,
    )
    assert listing.status == ListingStatus.DRAFT
    record = StockRecord.objects.get(product=listing.product)
    assert record.price == Decimal("39.00")
    assert Product.objects.get(pk=listing.product_id).is_public

    listing = services.listing_submit(listing=listing, workspace=member)
    listing = services.listing_approve(listing=listing, workspace=coordinator)
    record.refresh_from_db()
    assert record.price == Decimal("45.00")
    assert Product.objects.filter(maker=side_a.maker).count() == 1


def test_stock_changes_take_effect_at_once_without_review(side_a):
    member, coordinator = workspace_for(side_a.member), workspace_for(side_a.coordinator)
    listing = services.listing_submit(listing=ready_listing(side_a.member), workspace=member)
    listing = services.listing_approve(listing=listing, workspace=coordinator)
    record = StockRecord.objects.get(product=listing.product)
    record.num_allocated = 1  # one sold, not yet sent
    record.save()

    listing = services.listing_set_stock(listing=listing, workspace=member, available=7)
    record.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED
    assert record.num_in_stock == 8 and record.net_stock_level == 7
    assert listing.events.last().action == ListingAction.STOCK_CHANGED
    with pytest.raises(ValidationError):
        services.listing_set_stock(listing=listing, workspace=member, available=-1)


def test_resubmitting_an_approved_piece_is_refused(side_a):
    member, coordinator = workspace_for(side_a.member), workspace_for(side_a.coordinator)
    listing = services.listing_submit(listing=ready_listing(side_a.member), workspace=member)
    listing = services.listing_approve(listing=listing, workspace=coordinator)
    with pytest.raises(ValidationError, match="already in the shop"):
        services.listing_submit(listing=listing, workspace=member)
    with pytest.raises(ValidationError, match="already waiting"):
        services.listing_submit(
            listing=services.listing_submit(
                listing=ready_listing(side_a.member, title="Second"), workspace=member
            ),
            workspace=member,
        )


def test_an_incomplete_piece_cannot_be_submitted_and_says_what_is_missing(side_a):
    member = workspace_for(side_a.member)
    listing = services.listing_create(workspace=member, maker=side_a.maker)
    with pytest.raises(ValidationError) as refused:
        services.listing_submit(listing=listing, workspace=member)
    assert "Add at least one photo." in refused.value.messages
    assert "Set a price above zero." in refused.value.messages


def test_a_member_cannot_approve_or_return(side_a):
    member = workspace_for(side_a.member)
    listing = services.listing_submit(listing=ready_listing(side_a.member), workspace=member)
    with pytest.raises(ValidationError):
        services.listing_approve(listing=listing, workspace=member)
    with pytest.raises(ValidationError):
        services.listing_return(listing=listing, workspace=member, reason="no")


def test_returning_needs_a_reason(side_a):
    member, coordinator = workspace_for(side_a.member), workspace_for(side_a.coordinator)
    listing = services.listing_submit(listing=ready_listing(side_a.member), workspace=member)
    with pytest.raises(ValidationError, match="what to change"):
        services.listing_return(listing=listing, workspace=coordinator, reason="  ")


def test_a_coordinator_lists_a_piece_for_a_maker_without_a_phone(side_a, client):
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    response = client.post(
        reverse("workspace:maker-listing-new", kwargs={"maker_pk": side_a.offline_maker.pk})
    )
    listing = side_a.offline_maker.listings.get()
    assert response.url == reverse("workspace:listing-step", kwargs={"pk": listing.pk,
                                                                     "step": "photos"})
    assert listing.created_by == side_a.coordinator
    listing = ready_listing(side_a.coordinator, maker=side_a.offline_maker, title="Her shawl")
    coordinator = workspace_for(side_a.coordinator)
    listing = services.listing_submit(listing=listing, workspace=coordinator)
    listing = services.listing_approve(listing=listing, workspace=coordinator)
    assert listing.product.maker == side_a.offline_maker


def test_the_history_is_shown_to_the_member_and_the_coordinator(side_a, client):
    member, coordinator = workspace_for(side_a.member), workspace_for(side_a.coordinator)
    listing = services.listing_submit(listing=ready_listing(side_a.member), workspace=member)
    services.listing_return(listing=listing, workspace=coordinator, reason="Photo too dark.")
    for user in (side_a.member, side_a.coordinator):
        client.login(username=user.username, password=PASSWORD)
        page = client.get(reverse("workspace:listing-detail", kwargs={"pk": listing.pk}))
        text = page.content.decode()
        assert "Photo too dark." in text
        assert "Coord a returned it for changes." in text
        assert "Member a sent it for review." in text


def test_a_coordinator_edits_a_piece_under_review_then_approves_it(side_a):
    member, coordinator = workspace_for(side_a.member), workspace_for(side_a.coordinator)
    listing = services.listing_submit(listing=ready_listing(side_a.member), workspace=member)
    listing = services.listing_update(
        listing=listing, workspace=coordinator, changes={"title": "Olive branch cushion"},
        expected_version=listing.version,
    )
    assert listing.status == ListingStatus.SUBMITTED  # still in her queue
    listing = services.listing_approve(listing=listing, workspace=coordinator)
    assert listing.product.title == "Olive branch cushion"


def test_a_member_editing_a_piece_under_review_takes_it_back_to_her_drafts(side_a):
    member = workspace_for(side_a.member)
    listing = services.listing_submit(listing=ready_listing(side_a.member), workspace=member)
    listing = services.listing_update(
        listing=listing, workspace=member, changes={"price": Decimal("41.00")},
        expected_version=listing.version,
    )
    assert listing.status == ListingStatus.DRAFT
