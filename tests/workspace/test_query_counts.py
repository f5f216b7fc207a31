"""The workspace's list pages cost the same number of queries with 2 pieces or 8."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workspace import services
from workspace.selectors import workspace_for

from .conftest import PASSWORD, ready_listing

pytestmark = pytest.mark.django_db

PAGES = {
    "coordinator": ["workspace:home", "workspace:listing-list", "workspace:review-queue",
                    "workspace:maker-list", "workspace:sales"],
    "member": ["workspace:home", "workspace:listing-list", "workspace:sales"],
}


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def add_pieces(side, count):
    member = workspace_for(side.member)
    for index in range(count):
        listing = ready_listing(side.member, title=f"Piece {index}")
        services.listing_submit(listing=listing, workspace=member)


@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_list_pages_do_not_grow_with_the_pieces(client, side_a, role):
    client.login(username=getattr(side_a, role).username, password=PASSWORD)
    add_pieces(side_a, 2)
    urls = [reverse(name) for name in PAGES[role]]
    for url in urls:  # thumbnails are made; the counts below are of warm pages
        client.get(url)
    few = {url: queries(client, url) for url in urls}
    add_pieces(side_a, 6)
    for url in urls:
        client.get(url)
    many = {url: queries(client, url) for url in urls}
    assert many == few
    assert max(few.values()) <= 14, few
