"""Shared fragments (shop/pagecache/fragments.py): what signed-in visitors and visitors with a
basket share of a page (its content), what stays theirs (header, basket, messages, CSRF token,
stock alert, staff links), and that every change shows at once."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from stories.models import StoryIndexPage
from tests.factories import MakerFactory, UserFactory, product_for_sale
from tests.performance.test_page_cache import TOKEN
from tests.stories.conftest import publish_story

pytestmark = pytest.mark.django_db

ProductAlert = get_model("customer", "ProductAlert")


def signed_in(**fields) -> Client:
    client = Client()
    client.force_login(UserFactory(**fields))
    return client


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def basket_count(html: str) -> str:
    return re.search(r'data-basket-count="(\d+)"', html).group(1)


def fragments_stored() -> int:
    return len(cache.keys("fragment:*")) if hasattr(cache, "keys") else len(
        [key for key in cache._cache if ":fragment:" in key]  # LocMemCache
    )


def test_signed_in_customers_share_the_content_and_keep_their_own_header():
    product = product_for_sale(title="Indigo scarf")
    url = product.get_absolute_url()
    buyer, other = signed_in(), signed_in()
    buyer.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 3})

    hers = page(buyer, url)
    assert fragments_stored() > 0
    theirs = page(other, url)
    assert "Indigo scarf" in hers and "Indigo scarf" in theirs
    assert basket_count(hers) == "3"
    assert basket_count(theirs) == "0"
    # Each page's form carries its reader's own CSRF secret, never the other's.
    for client, html in ((buyer, hers), (other, theirs)):
        tokens = TOKEN.findall(html)
        assert tokens
        assert {_unmask_cipher_token(token) for token in tokens} == {
            client.cookies["csrftoken"].value
        }
    # The shared content is read from the cache: the second reader's page asks for neither the
    # photos nor the "more by her" cards nor the stories.
    with CaptureQueriesContext(connection) as queries:
        page(other, url)
    sql = " ".join(query["sql"] for query in queries)
    assert "catalogue_productimage" not in sql
    assert "stories_storypage" not in sql


def stored_fragments() -> list[bytes]:
    if hasattr(cache, "keys"):
        return [cache.get(key) for key in cache.keys("fragment:*")]
    # LocMemCache: its keys are "prefix:version:key".
    return [cache.get(key.split(":", 2)[2]) for key in list(cache._cache) if ":fragment:" in key]


def test_the_product_is_shared_and_her_stock_read_on_every_visit():
    """The second reader's product page does not read the product again (it is kept with the
    page's fragments) but does read its stock; nothing kept holds the maker's private details."""
    product = product_for_sale(title="Clay jug", num_in_stock=5)
    url = product.get_absolute_url()
    page(signed_in(), url)
    with CaptureQueriesContext(connection) as queries:
        html = page(signed_in(), url)
    assert "Clay jug" in html and product.maker.display_name in html
    sql = [query["sql"] for query in queries]
    assert not [query for query in sql if 'FROM "catalogue_product"' in query]
    assert [query for query in sql if 'FROM "partner_stockrecord"' in query]
    stored = stored_fragments()
    assert any(b"Clay jug" in value for value in stored)
    assert not [value for value in stored if b"PRIVATE-" in value]


def test_her_token_from_a_shared_fragment_adds_to_her_basket():
    product = product_for_sale(title="Woven basket")
    url = product.get_absolute_url()
    page(signed_in(), url)  # the fragments are stored by someone else
    customer = Client(enforce_csrf_checks=True)
    customer.force_login(UserFactory())
    token = TOKEN.search(page(customer, url)).group(1)
    added = customer.post(reverse("basket:add", kwargs={"pk": product.pk}),
                          {"quantity": 1, "csrfmiddlewaretoken": token})
    assert added.status_code == 302
    assert basket_count(page(customer, url)) == "1"


def test_staff_links_and_stock_alerts_stay_with_whom_they_belong():
    product = product_for_sale(title="Copper bowl", num_in_stock=0)
    url = product.get_absolute_url()
    staff = signed_in(is_staff=True)
    assert "Edit this product" in page(staff, url)
    alerted_user = UserFactory()
    ProductAlert.objects.create(product=product, user=alerted_user)
    alerted = Client()
    alerted.force_login(alerted_user)
    customer = signed_in()

    assert "Edit this product" not in page(customer, url)
    alerted_page, customer_page = page(alerted, url), page(customer, url)
    assert "Edit this product" not in alerted_page
    # Oscar's basket form: "you have an active alert" for her, the alert form for the other.
    assert "active stock alert" in alerted_page
    assert "active stock alert" not in customer_page
    assert "Edit this product" in page(staff, url)


def test_a_change_shows_at_once_to_signed_in_visitors():
    product = product_for_sale(title="Old title")
    customer = signed_in()
    for url in (product.get_absolute_url(), reverse("catalogue:index"),
                product.maker.get_absolute_url(), "/en/search/?q=title"):
        assert "Old title" in page(customer, url)
    product.title = "New title"
    product.save()
    for url in (product.get_absolute_url(), reverse("catalogue:index"),
                product.maker.get_absolute_url(), "/en/search/?q=title"):
        html = page(customer, url)
        assert "New title" in html and "Old title" not in html, url


def test_each_language_and_query_has_its_own_fragments():
    product = product_for_sale(title="Tin lantern")
    product.title_tr = "Teneke fener"
    product.save()
    customer = signed_in()
    assert "Tin lantern" in page(customer, "/en/shop/catalogue/")
    turkish = page(customer, "/tr/shop/catalogue/")
    assert "Teneke fener" in turkish and "Tin lantern" not in turkish
    product_for_sale(title="Red mug")
    assert "Red mug" not in page(customer, "/en/shop/catalogue/?q=lantern")
    assert "Red mug" in page(customer, "/en/shop/catalogue/")


def test_a_page_that_does_not_exist_stays_a_404_for_signed_in_visitors():
    product_for_sale(title="Felt slippers")
    customer = signed_in()
    page(customer, "/en/shop/catalogue/?page=1")
    page(customer, "/en/shop/catalogue/?page=99", status=404)
    page(customer, "/en/shop/catalogue/?page=99", status=404)
    page(customer, "/en/shop/catalogue/?page=abc", status=404)


def test_a_story_draft_never_reaches_a_shared_fragment():
    index = StoryIndexPage.objects.get(slug="stories")
    story = publish_story(index, title="Spring wool")
    editor = signed_in(is_staff=True, is_superuser=True)
    story.title = "DRAFT TITLE NOT YET PUBLISHED"
    story.save_revision()
    assert "DRAFT TITLE" in page(editor, reverse("wagtailadmin_pages:view_draft",
                                                 args=[story.pk]))
    for client in (editor, signed_in(is_staff=True), signed_in()):
        html = page(client, story.url)
        assert "Spring wool" in html and "DRAFT TITLE" not in html


@pytest.mark.parametrize("which", ["home", "catalogue", "category", "product", "search",
                                   "maker", "cooperative", "story"])
def test_a_signed_in_page_costs_few_queries_however_many_products(which):
    """Her own parts only (session user, basket count, the page's object, Wagtail's route):
    the same count with 3 products as with 30."""
    index = StoryIndexPage.objects.get(slug="stories")

    def queries_for(count: int) -> int:
        products = [product_for_sale(title=f"Bowl {count}-{n}") for n in range(count)]
        maker = products[0].maker
        for product in products:
            product.maker = maker
            product.save()
        story = publish_story(index, title=f"Bowls {count}", products=products[:3])
        category = get_model("catalogue", "Category").objects.filter(depth=1).first()
        url = {
            "home": "/en/", "catalogue": reverse("catalogue:index"),
            "category": category.get_absolute_url(),
            "product": products[0].get_absolute_url(), "search": "/en/search/?q=bowl",
            "maker": maker.get_absolute_url(), "cooperative": maker.cooperative.get_absolute_url(),
            "story": story.url,
        }[which]
        customer = signed_in()
        page(customer, url)
        with CaptureQueriesContext(connection) as queries:
            page(customer, url)
        return len(queries)

    few, many = queries_for(3), queries_for(30)
    assert few == many
    limit = {"home": 8, "story": 12}.get(which, 7)
    assert many <= limit, many


def test_a_guest_with_a_basket_sees_her_count_from_one_query():
    product = product_for_sale(title="Felt slippers")
    url = product.get_absolute_url()
    guest, other = Client(), Client()
    guest.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})
    other.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    page(guest, url)
    with CaptureQueriesContext(connection) as queries:
        assert basket_count(page(guest, url)) == "2"
    # One sum over her lines, not Oscar's basket with its offers.
    sql = " ".join(query["sql"] for query in queries)
    assert "offer_conditionaloffer" not in sql
    assert basket_count(page(other, url)) == "1"
    # A cookie not signed by the shop names no basket.
    cookie = settings.OSCAR_BASKET_COOKIE_OPEN
    forged = Client()
    forged.cookies[cookie] = guest.cookies[cookie].value.split(":")[0] + ":forged"
    assert basket_count(page(forged, url)) == "0"


def test_the_shared_header_and_footer_keep_her_tools_and_the_page_they_are_on():
    product = product_for_sale(title="Kilim cushion")
    maker_user = UserFactory()
    MakerFactory(user=maker_user)
    member = Client()
    member.force_login(maker_user)
    customer = signed_in()
    workspace = reverse("workspace:home")
    catalogue = reverse("catalogue:index")

    first = page(customer, catalogue)  # stores the header and footer fragments
    assert workspace not in first
    assert workspace in page(member, catalogue)
    assert workspace not in page(customer, catalogue)
    # The menu marks the page she is on, and the language switcher returns her to it.
    on_catalogue = page(member, catalogue)
    assert re.search(rf'href="{catalogue}" aria-current="page"', on_catalogue)
    on_product = page(member, product.get_absolute_url())
    assert not re.search(rf'href="{catalogue}" aria-current="page"', on_product)
    assert f'name="next" value="{product.get_absolute_url()}"' in on_product
    assert "Kilim cushion" in on_product
