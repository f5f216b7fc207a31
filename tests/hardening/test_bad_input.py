"""Bad input never answers 500: the site search with FTS syntax or a NUL byte, and the checkout's
address step with someone else's or a non-numeric address id."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import UserFactory, product_for_sale
from tests.stories.conftest import home_page, publish_story, story_index  # noqa: F401

pytestmark = pytest.mark.django_db

UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")


@pytest.mark.parametrize(
    "query",
    ['"', '""', "a\"b", "NEAR(", "*", "a OR", "AND", "-", "(", "x\x00y", "\x00", "^", "é\"*"],
)
def test_site_search_answers_bad_queries_without_a_500(client, story_index, query):  # noqa: F811
    # A published story puts rows in the full-text index, so the FTS query really runs.
    publish_story(story_index, title="Indigo dye in Mardin")
    response = client.get(reverse("site-search"), {"q": query})
    # A NUL byte is refused at the door (PostgreSQL cannot hold one); the rest are searched.
    assert response.status_code == (400 if "\x00" in query else 200)


def test_site_search_still_finds_words_around_stray_quotes(client):
    product = product_for_sale(title="Indigo scarf")
    response = client.get(reverse("site-search"), {"q": '"indigo'})
    assert response.status_code == 200
    assert product.title in response.content.decode()


def test_a_nul_byte_in_any_filter_is_a_400_not_a_database_error(client):
    for url in (reverse("catalogue:index"), reverse("site-search")):
        response = client.get(url, {"cooperative": "a\x00b", "q": "x"})
        assert response.status_code == 400


def _signed_in_with_basket(client):
    Country.objects.get_or_create(
        iso_3166_1_a2="DE",
        defaults={"iso_3166_1_a3": "DEU", "iso_3166_1_numeric": "276", "name": "Germany",
                  "printable_name": "Germany", "is_shipping_country": True},
    )
    user = UserFactory()
    client.force_login(user)
    product = product_for_sale()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    return user


def _address(user):
    return UserAddress.objects.create(
        user=user, first_name="Ayşe", last_name="Y", line1="Street 1", line4="Berlin",
        postcode="10115", country_id="DE",
    )


@pytest.mark.parametrize("address_id", ["abc", "", "1.5", "9999999", "-1", "\x00", "1" * 40])
def test_address_step_answers_a_bad_address_id_with_a_404(client, address_id):
    _signed_in_with_basket(client)
    response = client.post(
        reverse("checkout:shipping-address"), {"address_id": address_id, "action": "ship_to"}
    )
    assert response.status_code == 404


def test_address_step_refuses_another_customers_address(client):
    _signed_in_with_basket(client)
    someone_elses = _address(UserFactory())
    response = client.post(
        reverse("checkout:shipping-address"),
        {"address_id": str(someone_elses.pk), "action": "ship_to"},
    )
    assert response.status_code == 404


def test_address_step_still_ships_to_her_own_address(client):
    user = _signed_in_with_basket(client)
    own = _address(user)
    response = client.post(
        reverse("checkout:shipping-address"), {"address_id": str(own.pk), "action": "ship_to"}
    )
    assert response.status_code == 302
