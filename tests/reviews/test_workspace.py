"""The workspace's reviews page: approved reviews of her pieces, her cooperative's for a
coordinator, never another cooperative's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import UserFactory, product_for_sale
from tests.reviews.conftest import deliver, order_for
from tests.workspace.conftest import make_side
from workspace.reviews import reviews_of_my_pieces
from workspace.selectors import workspace_for

ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db


def reviewed(product, *, title, status=ProductReview.APPROVED, staff):
    buyer = UserFactory(first_name="Zeynep")
    deliver(order_for(buyer, product), staff)
    return ProductReview.objects.create(
        product=product, user=buyer, score=5, title=title, body="Beautiful work.", status=status
    )


@pytest.fixture
def sides(staff):
    a, b = make_side("a"), make_side("b")
    reviewed(product_for_sale(maker=a.maker, title="Her pendant"), title="Hers", staff=staff)
    reviewed(product_for_sale(maker=a.other_maker, title="Her friend's ring"),
             title="Her friend's", staff=staff)
    reviewed(product_for_sale(maker=a.maker, title="Waiting piece"), title="Not yet approved",
             status=ProductReview.FOR_MODERATION, staff=staff)
    reviewed(product_for_sale(maker=b.maker, title="Their pouch"), title="Theirs", staff=staff)
    return a, b


def titles(user):
    return {review.title for review in reviews_of_my_pieces(workspace_for(user))}


def test_a_member_sees_her_pieces_reviews_and_a_coordinator_her_cooperatives(sides):
    a, b = sides
    assert titles(a.member) == {"Hers"}
    assert titles(a.coordinator) == {"Hers", "Her friend's"}
    assert titles(b.coordinator) == {"Theirs"}


def test_the_reviews_page_shows_the_approved_review_to_maker_and_coordinator_only(client, sides):
    a, b = sides
    url = reverse("workspace:reviews")
    for user in (a.member, a.coordinator):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "Hers" in html and "Her pendant" in html and "Zeynep" in html
        assert "Theirs" not in html and "Not yet approved" not in html
        assert url in client.get(reverse("workspace:home")).content.decode()
    client.force_login(b.coordinator)
    html = client.get(url).content.decode()
    assert "Theirs" in html and "Hers" not in html

    client.force_login(UserFactory())
    assert client.get(url).status_code == 403  # no role in any cooperative


def test_the_reviews_page_queries_do_not_grow_with_the_reviews(client, sides, staff):
    a, _b = sides
    client.force_login(a.coordinator)
    url = reverse("workspace:reviews")

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for number in range(5):
        reviewed(product_for_sale(maker=a.maker, title=f"Piece {number}"),
                 title=f"Review {number}", staff=staff)
    assert count() == before
