"""The page cache (shop/pagecache/): what anonymous visitors share, what they never share, and
every change that must show on the next anonymous visit."""

import gzip
import re
from decimal import Decimal

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from wagtail.models import Page

from shop.pagecache import generation_current
from stories.models import HomePage, StoryIndexPage
from tests.factories import UserFactory, product_for_sale
from tests.stories.conftest import publish_story

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
NONCE = re.compile(r'nonce="([^"]+)"')


def url_of(product, language="en") -> str:
    with translation.override(language):
        return product.get_absolute_url()


def visit(client, url, expect="200"):
    response = client.get(url)
    assert response.status_code == int(expect), url
    return response


def body(response) -> str:
    return response.content.decode()


def basket_count(response) -> str:
    return re.search(r'data-basket-count="(\d+)"', body(response)).group(1)


# --- Who shares what ---------------------------------------------------------------------------


def test_second_anonymous_visit_is_served_from_the_cache():
    product = product_for_sale(title="Indigo scarf")
    first = visit(Client(), url_of(product))
    second = visit(Client(), url_of(product))
    assert first["X-Page-Cache"] == "stored"
    assert second["X-Page-Cache"] == "hit"
    assert "Indigo scarf" in body(second)


def test_visitor_with_a_basket_never_sees_the_shared_page_nor_shares_hers():
    product = product_for_sale(title="Copper bowl")
    url = url_of(product)
    buyer, stranger = Client(), Client()
    visit(stranger, url)  # the shared page: an empty basket
    buyer.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})

    hers = visit(buyer, url)
    assert hers["X-Page-Cache"] == "bypass"
    assert basket_count(hers) == "2"
    theirs = visit(stranger, url)
    assert theirs["X-Page-Cache"] == "hit"
    assert basket_count(theirs) == "0"
    # And when she is the first to open a page, nothing of hers is kept for the next visitor.
    category_url = product.categories.first().get_absolute_url() if product.categories.exists() \
        else reverse("catalogue:index")
    assert basket_count(visit(buyer, category_url)) == "2"
    assert basket_count(visit(Client(), category_url)) == "0"


def test_signed_in_visitor_gets_her_own_page_and_leaves_nothing_behind():
    customer = UserFactory(first_name="Zeynep")
    signed_in = Client()
    signed_in.force_login(customer)
    home = visit(signed_in, "/en/")
    assert home["X-Page-Cache"] == "bypass"
    account = '<span class="site-tools__label">Account</span>'
    assert account in body(home)

    anonymous = visit(Client(), "/en/")
    assert anonymous["X-Page-Cache"] == "stored"
    assert account not in body(anonymous)
    assert reverse("customer:login") in body(anonymous)
    # Cached first, signed in second: she still gets her own header.
    assert account in body(visit(signed_in, "/en/"))


def test_a_pending_message_is_shown_to_her_only():
    product = product_for_sale(title="Felt slippers")
    url = url_of(product)
    visit(Client(), url)  # cached without any message
    messenger = Client()
    # A message waiting in its cookie, as a redirect after an action leaves it.
    storage = CookieStorage(None)
    messenger.cookies[CookieStorage.cookie_name] = storage._encode(
        [_message("Your review was received.")]
    )
    hers = visit(messenger, url)
    assert hers["X-Page-Cache"] == "bypass"
    assert "Your review was received." in body(hers)
    theirs = visit(Client(), url)
    assert theirs["X-Page-Cache"] == "hit"
    assert "Your review was received." not in body(theirs)


def _message(text):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message

    return Message(constants.SUCCESS, text)


def test_each_visitor_gets_her_own_csrf_token_and_it_works():
    product = product_for_sale(title="Woven basket")
    url = url_of(product)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    visit(first, url)
    served = visit(second, url)
    assert served["X-Page-Cache"] == "hit"
    tokens = set(TOKEN.findall(body(served)))
    assert tokens, "the product page has forms"
    # Each client holds her own secret in her cookie; the page carries hers, masked.
    secret_second = second.cookies["csrftoken"].value
    assert first.cookies["csrftoken"].value != secret_second
    for token in tokens:
        assert _unmask_cipher_token(token) == secret_second
    # Her token does what it is for: the add-to-basket form posts.
    added = second.post(reverse("basket:add", kwargs={"pk": product.pk}),
                        {"quantity": 1, "csrfmiddlewaretoken": tokens.pop()})
    assert added.status_code == 302
    assert basket_count(visit(second, url)) == "1"


def test_each_answer_has_a_fresh_nonce_named_by_its_policy():
    visit(Client(), "/en/")
    nonces = []
    for _ in range(2):
        served = visit(Client(), "/en/")
        assert served["X-Page-Cache"] == "hit"
        in_body = set(NONCE.findall(body(served)))
        policy = served["Content-Security-Policy"]
        for nonce in in_body:
            assert f"'nonce-{nonce}'" in policy
        nonces.append(in_body)
    if any(nonces):
        assert nonces[0] != nonces[1]


def test_cached_pages_are_private_to_the_browser_and_vary_by_cookie():
    visit(Client(), reverse("catalogue:index"))
    served = visit(Client(), reverse("catalogue:index"))
    assert served["X-Page-Cache"] == "hit"
    assert "private" in served["Cache-Control"]
    assert "Cookie" in served["Vary"]
    assert served["Content-Language"] == "en"


def test_a_cached_page_is_sent_gzipped_with_her_own_token_and_nonce():
    """Hits are deflated ahead (shop/pagecache/compressed.py): what a browser unpacks is the page
    the uncompressed answer gives, with this answer's token, nonce and lengths."""
    product = product_for_sale(title="Indigo scarf")
    url = url_of(product)
    visit(Client(), url)
    plain = visit(Client(), url)
    assert plain["X-Page-Cache"] == "hit" and "Content-Encoding" not in plain
    browser = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    served = visit(browser, url)
    assert served["X-Page-Cache"] == "hit"
    assert served["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in served["Vary"] and "Cookie" in served["Vary"]
    assert int(served["Content-Length"]) == len(served.content)
    # Deflated in parts, about as small as the whole page deflated at once.
    assert len(served.content) < len(gzip.compress(plain.content)) * 1.1, (
        len(served.content), len(gzip.compress(plain.content)))
    unpacked = gzip.decompress(served.content).decode()  # checks its CRC and length too
    assert "Indigo scarf" in unpacked
    tokens = set(TOKEN.findall(unpacked))
    assert tokens
    assert {_unmask_cipher_token(token) for token in tokens} == {
        browser.cookies["csrftoken"].value}
    nonces = set(NONCE.findall(unpacked))
    assert nonces and all(f"'nonce-{nonce}'" in served["Content-Security-Policy"]
                          for nonce in nonces)
    # Apart from the token and nonce, the same page as the uncompressed answer.
    def neutral(html):
        return NONCE.sub("nonce", TOKEN.sub("token", html))
    assert neutral(unpacked) == neutral(body(plain))


def test_pages_for_everyone_else_are_never_cached():
    assert "X-Page-Cache" not in visit(Client(), reverse("basket:summary"))
    visitor = Client()
    visit(visitor, reverse("customer:login"))
    assert "X-Page-Cache" not in visit(visitor, reverse("customer:login"))


# --- Previews and drafts -----------------------------------------------------------------------


def test_drafts_and_previews_never_reach_anonymous_visitors():
    index = StoryIndexPage.objects.get(slug="stories")
    story = publish_story(index, title="Spring wool")
    visit(Client(), story.url)
    story.title = "DRAFT TITLE NOT YET PUBLISHED"
    story.save_revision()  # a draft: the live page is unchanged

    editor = Client()
    editor.force_login(UserFactory(is_staff=True, is_superuser=True))
    draft = visit(editor, reverse("wagtailadmin_pages:view_draft", args=[story.pk]))
    assert "DRAFT TITLE" in body(draft)
    assert draft.get("X-Page-Cache") in (None, "bypass")

    for _ in range(2):
        served = visit(Client(), story.url)
        assert "DRAFT TITLE" not in body(served)
        assert "Spring wool" in body(served)

    # An unpublished page is a 404 for anyone anonymous, and stays one until it is published.
    hidden = StoryIndexPage(title="Hidden", slug="hidden")
    HomePage.objects.get().add_child(instance=hidden)
    hidden.unpublish()
    visit(Client(), "/en/hidden/", expect="404")
    assert visit(Client(), "/en/hidden/", expect="404").get("X-Page-Cache") == "miss"
    hidden.save_revision().publish()
    assert "Hidden" in body(visit(Client(), "/en/hidden/"))


def test_a_preview_answer_is_never_stored(rf):
    from django.http import HttpResponse

    from shop.pagecache.middleware import _entry_from

    request = rf.get("/en/stories/")
    request.is_preview = True
    request.META["CSRF_COOKIE"] = "x" * 32
    response = HttpResponse("<p>preview</p>", content_type="text/html")
    assert _entry_from(response, request) is None


# --- Every change shows on the next anonymous visit -------------------------------------------


def _cached(url) -> str:
    visit(Client(), url)
    served = visit(Client(), url)
    assert served["X-Page-Cache"] == "hit"
    return body(served)


def test_product_title_change_shows_at_once():
    product = product_for_sale(title="Old title")
    url = url_of(product)
    assert "Old title" in _cached(url)
    assert "Old title" in _cached(reverse("catalogue:index"))
    product.title = "New title"
    product.save()
    assert "New title" in body(visit(Client(), url))
    assert "New title" in body(visit(Client(), reverse("catalogue:index")))


def test_price_change_shows_at_once():
    product = product_for_sale(title="Silver ring", price=Decimal("31.00"))
    url = url_of(product)
    assert "31.00" in _cached(url)
    record = product.stockrecords.get()
    record.price = Decimal("47.00")
    record.save()
    page = body(visit(Client(), url))
    assert "47.00" in page and "31.00" not in page


def test_stock_change_shows_at_once():
    product = product_for_sale(title="Last lamp", num_in_stock=1)
    url = url_of(product)
    before = _cached(url)
    record = product.stockrecords.get()
    record.num_in_stock = 0
    record.save()
    after = body(visit(Client(), url))
    assert after != before
    assert reverse("basket:add", kwargs={"pk": product.pk}) in before
    assert reverse("basket:add", kwargs={"pk": product.pk}) not in after


def test_maker_change_shows_at_once():
    product = product_for_sale(title="Clay cup")
    maker = product.maker
    assert maker.display_name in _cached(url_of(product))
    assert maker.display_name in _cached(maker.get_absolute_url())
    maker.display_name = "Ayşe the potter"
    maker.save()
    assert "Ayşe the potter" in body(visit(Client(), url_of(product)))
    assert "Ayşe the potter" in body(visit(Client(), maker.get_absolute_url()))


def test_translation_edit_shows_at_once_in_its_language_only():
    product = product_for_sale(title="Towel")
    product.title_tr = "Havlu"
    product.save()
    assert "Havlu" in _cached(url_of(product, "tr"))
    english = _cached(url_of(product, "en"))
    product.title_tr = "Peştemal"
    product.save()
    assert "Peştemal" in body(visit(Client(), url_of(product, "tr")))
    assert "Peştemal" not in body(visit(Client(), url_of(product, "en")))
    assert "Towel" in english


def test_page_publish_shows_at_once():
    index = StoryIndexPage.objects.get(slug="stories")
    assert "Late harvest" not in _cached(index.url)
    assert "Late harvest" not in _cached("/en/")
    story = publish_story(index, title="Late harvest", slug="late-harvest")
    assert "Late harvest" in body(visit(Client(), index.url))
    story.unpublish()
    assert "Late harvest" not in body(visit(Client(), index.url))


def test_category_rename_shows_in_every_header_at_once():
    category = Category.add_root(name="Textiles", slug="textiles", is_public=True)
    assert "Textiles" in _cached("/en/")
    category.name = "Woven things"
    category.save()
    assert "Woven things" in body(visit(Client(), "/en/"))


def test_page_move_and_delete_show_at_once():
    index = StoryIndexPage.objects.get(slug="stories")
    story = publish_story(index, title="Moving story", slug="moving-story")
    assert "Moving story" in _cached(index.url)
    story.move(HomePage.objects.get(), pos="last-child")
    assert "Moving story" not in body(visit(Client(), index.url))
    Page.objects.get(pk=story.pk).delete()
    visit(Client(), "/en/moving-story/", expect="404")


# --- Keys ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/{}/", "/{}/shop/catalogue/"])
def test_each_language_has_its_own_page(path):
    bodies = {}
    for language in ("en", "tr", "ar"):
        _cached(path.format(language))
        served = visit(Client(), path.format(language))
        assert served["X-Page-Cache"] == "hit"
        assert f'<html lang="{language}"' in body(served)
        bodies[language] = body(served)
    assert len(set(bodies.values())) == 3


def test_query_strings_and_hosts_have_their_own_pages():
    product_for_sale(title="Blue mug")
    product_for_sale(title="Red mug")
    everything = _cached(reverse("catalogue:index"))
    searched = visit(Client(), reverse("catalogue:index") + "?q=blue")
    assert searched["X-Page-Cache"] == "stored"
    assert "Red mug" in everything and "Red mug" not in body(searched)
    other_host = Client(HTTP_HOST="shop.example.org").get(reverse("catalogue:index"))
    assert other_host["X-Page-Cache"] == "stored"


# --- Cost and failure ---------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["home", "catalogue", "product", "maker", "story"])
def test_a_cached_page_costs_no_query(which):
    product = product_for_sale(title="Linen apron")
    index = StoryIndexPage.objects.get(slug="stories")
    story = publish_story(index, title="Apron story", products=[product])
    url = {
        "home": "/en/", "catalogue": reverse("catalogue:index"), "product": url_of(product),
        "maker": product.maker.get_absolute_url(), "story": story.url,
    }[which]
    visit(Client(), url)
    with CaptureQueriesContext(connection) as queries:
        served = visit(Client(), url)
    assert served["X-Page-Cache"] == "hit"
    assert len(queries) == 0, [query["sql"] for query in queries]


@pytest.fixture
def redis(settings):
    """The production cache (Redis, database 8: nothing else uses it) through a relay that can
    stop."""
    from shop.settings.environment import redis_from_environment
    from tests.checkout.faults.proxy import TcpRelay

    relay = TcpRelay("127.0.0.1", 6379)
    settings.CACHES, _ = redis_from_environment(f"redis://127.0.0.1:{relay.port}/8")
    cache.clear()
    yield relay
    relay.stop()


def test_on_redis_pages_are_shared_and_without_it_simply_rendered(redis):
    product = product_for_sale(title="Tin lantern")
    url = url_of(product)
    assert visit(Client(), url)["X-Page-Cache"] == "stored"
    assert visit(Client(), url)["X-Page-Cache"] == "hit"
    product.title = "Tin lantern, pierced"
    product.save()
    redis.stop()  # the change's bump is in; then Redis goes away
    assert generation_current() is None
    for _ in range(2):
        served = visit(Client(), url)
        assert served["X-Page-Cache"] == "off"
        assert "Tin lantern, pierced" in body(served)
