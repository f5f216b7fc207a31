"""Error pages in the shop's own look, in the visitor's language."""

import pytest
from django.template.loader import render_to_string
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_a_missing_page_is_a_friendly_404_with_ways_on(client):
    response = client.get("/en/shop/catalogue/no-such-piece_999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'href="/en/shop/catalogue/"' in html


def test_the_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html and "ortak" in html.lower()
