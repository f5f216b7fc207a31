"""The read replica: read-only storefront pages read it; anything that writes, and a visitor who
just wrote, read the primary (shop/db_router.py).

The `replica` alias of the test settings is a second connection to the test database (a test
mirror), so which connection a page's queries went through is observable. The data is committed
(a transactional test), as a real replica would have it.
"""

import pytest
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalogue.models import Product
from shop.db_router import PIN_COOKIE, ReplicaRouter, _reading_replica
from tests.factories import UserFactory, product_for_sale
from tests.performance.test_shared_fragments import fragments_stored

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "replica"]
)


def _page(client, url, **kwargs):
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(
        connections["replica"]
    ) as replica:
        response = client.get(url, **kwargs)
    return response, primary, replica


def _product_queries(queries) -> list[str]:
    table = Product._meta.db_table
    return [query["sql"] for query in queries if f'"{table}"' in query["sql"]]


@pytest.fixture
def replica_on(settings):
    settings.DATABASE_READ_REPLICA = "replica"


def test_product_page_is_read_from_the_replica_until_the_visitor_writes(client, replica_on):
    product = product_for_sale(title="Olive-wood bracelet")
    url = product.get_absolute_url()

    response, primary, replica = _page(client, url)
    assert response.status_code == 200
    assert "Olive-wood bracelet" in response.text
    assert _product_queries(replica.captured_queries), "the product was not read from the replica"
    assert not _product_queries(primary.captured_queries)

    # She adds it to her basket: a write, on the primary, and a cookie pins her reads there.
    added = client.post(f"/en/shop/basket/add/{product.pk}/", {"quantity": 1})
    assert added.status_code in (200, 302)
    assert PIN_COOKIE in added.cookies
    assert added.cookies[PIN_COOKIE]["max-age"] == 10

    response, primary, replica = _page(client, url)
    assert response.status_code == 200
    assert replica.captured_queries == []
    # The product itself is the page's shared content now (kept with its fragments); what is
    # read for her, the stock she may buy and her basket, comes from the primary.
    assert [query for query in primary.captured_queries
            if '"partner_stockrecord"' in query["sql"]]


def test_pages_that_are_not_read_only_never_read_the_replica(client, replica_on):
    product_for_sale(title="Linen towel")
    for url in ("/en/shop/basket/", "/en/shop/accounts/login/", "/en/shop/checkout/"):
        _response, _primary, replica = _page(client, url)
        assert replica.captured_queries == [], url

    # The catalogue, a category of it and the home page do.
    for url in ("/en/shop/catalogue/", "/en/", "/en/search/?q=towel"):
        response, _primary, replica = _page(client, url)
        assert response.status_code == 200, url
        assert replica.captured_queries, url


def test_without_a_replica_everything_reads_the_primary(client, settings):
    settings.DATABASE_READ_REPLICA = ""
    product = product_for_sale(title="Felt slippers")
    response, primary, replica = _page(client, product.get_absolute_url())
    assert response.status_code == 200
    assert replica.captured_queries == []
    assert _product_queries(primary.captured_queries)


def test_a_request_that_writes_then_reads_its_own_write_from_the_primary(replica_on):
    router = ReplicaRouter()
    token = _reading_replica.set(True)
    try:
        assert router.db_for_read(Product) == "replica"
        with transaction.atomic():
            # Inside a transaction on the primary, reads must see its uncommitted rows.
            assert router.db_for_read(Product) is None
        assert router.db_for_write(Product) is None
        assert router.db_for_read(Product) is None, "a read after a write went to the replica"
    finally:
        _reading_replica.reset(token)
    assert router.allow_migrate("replica", "catalogue") is False
    assert router.allow_migrate("default", "catalogue") is True


def test_what_is_read_from_the_replica_just_after_a_change_is_served_not_kept(
    client, replica_on, settings
):
    """A replica may lag behind a change by a few seconds: a page or a shared fragment rendered
    from it in the REPLICA_PIN_SECONDS after a change is served but not kept under the new
    generation (it would stay stale until it expired); after that, pages are kept again."""
    product = product_for_sale(title="Olive-wood bracelet")  # a change, just now
    url = product.get_absolute_url()
    customer = Client()
    customer.force_login(UserFactory())

    for _ in range(2):
        response, _primary, replica = _page(client, url)
        assert replica.captured_queries, "the page was not read from the replica"
        assert response["X-Page-Cache"] == "miss"
    fragments = fragments_stored()
    assert "Olive-wood bracelet" in customer.get(url).text
    assert fragments_stored() == fragments

    settings.REPLICA_PIN_SECONDS = 0  # the replica has had its time
    assert client.get(url)["X-Page-Cache"] == "stored"
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert "Olive-wood bracelet" in customer.get(url).text
    assert fragments_stored() > fragments
