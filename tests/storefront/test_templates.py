"""What a customer sees on the storefront's pages: the shared header and footer, the product
page's provenance, the consent rules for portraits, right-to-left Arabic, and escaping."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import CooperativeFactory, MakerFactory, product_for_sale

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
ProductImage = get_model("catalogue", "ProductImage")


@pytest.fixture(autouse=True)
def _english_and_a_fresh_header_cache():
    """Each test starts in English (a request leaves its language active in the thread) and
    with no cached header."""
    translation.activate("en")
    cache.clear()
    yield
    cache.clear()
    translation.activate("en")


def jpeg(size=(60, 60), colour=(156, 63, 36)) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def wagtail_image(title="Portrait"):
    if not Collection.get_first_root_node():  # flushed by an earlier live-server test
        Collection.add_root(name="Root")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(jpeg()), name=f"{title}.jpg")
    )


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- The shared header and footer ------------------------------------------------------------


def test_header_links_every_root_category_and_the_main_sections(client):
    Category.add_root(name="Ceramics", slug="ceramics")
    html = page(client, reverse("catalogue:index"))
    roots = Category.get_root_nodes().filter(is_public=True)
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    for category in roots:
        assert f'href="{category.get_absolute_url()}"' in header
        assert category.name in header
    assert f'href="{reverse("cooperatives:cooperative-list")}"' in header
    assert 'href="/en/stories/"' in header
    assert 'href="/en/fair-trade/"' in header
    assert 'action="/en/search/"' in header and 'name="q"' in header


def test_every_page_has_landmarks_and_a_skip_link(client):
    product = product_for_sale()
    for url in (
        "/en/shop/catalogue/",
        product.get_absolute_url(),
        reverse("basket:summary"),
        reverse("customer:login"),
        product.maker.get_absolute_url(),
        product.maker.cooperative.get_absolute_url(),
        reverse("cooperatives:cooperative-list"),
    ):
        html = page(client, url)
        assert '<a class="skip-link" href="#main">' in html, url
        assert html.count('<main id="main"') == 1, url
        assert '<header class="site-header">' in html and '<footer class="site-footer">' in html
        assert 'role="status"' in html, url  # the messages region
        # No Bootstrap or jQuery from a CDN: the storefront runs on its own stylesheet.
        assert "googleapis" not in html and "bootstrap" not in html, url
        assert "/static/css/ortak.css" in html, url


def test_language_switcher_posts_to_set_language_with_the_current_page(client):
    product = product_for_sale()
    html = page(client, product.get_absolute_url() + "?ref=x")
    forms = re.findall(r'<form class="language-switcher[^>]*>.*?</form>', html, re.S)
    assert forms, "a language switcher on the page"
    switcher = forms[0]
    assert f'action="{reverse("set_language")}"' in switcher
    assert 'method="post"' in switcher
    assert f'name="next" value="{product.get_absolute_url()}?ref=x"' in switcher
    for code, _name in settings.LANGUAGES:
        assert f'name="language" value="{code}"' in switcher
    assert 'aria-current="true"' in switcher  # the active language is marked


def test_switching_language_keeps_the_visitor_on_the_same_page(client):
    product = product_for_sale()
    response = client.post(
        reverse("set_language"), {"language": "ar", "next": product.get_absolute_url()}
    )
    assert response.status_code == 302
    assert response["Location"] == product.get_absolute_url().replace("/en/", "/ar/", 1)


def test_header_basket_count_follows_the_basket(client):
    product = product_for_sale()
    html = page(client, "/en/shop/catalogue/")
    assert 'data-basket-count="0"' in html
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    html = page(client, "/en/shop/catalogue/")
    assert 'data-basket-count="1"' in html


def test_pages_carry_hreflang_alternates_and_a_canonical_link(client):
    product = product_for_sale()
    html = page(client, product.get_absolute_url())
    assert f'<link rel="canonical" href="http://testserver{product.get_absolute_url()}">' in html
    for code, _name in settings.LANGUAGES:
        assert f'hreflang="{code}"' in html


# --- Right to left -----------------------------------------------------------------------------


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("tr", "ltr"), ("ar", "rtl")])
def test_html_element_carries_language_and_direction(client, language, direction):
    product = product_for_sale()
    with translation.override(language):
        product_url = product.get_absolute_url()
    urls = [
        f"/{language}/shop/catalogue/",
        product_url,
        f"/{language}/cooperatives/",
        f"/{language}/shop/basket/",
    ]
    for url in urls:
        html = page(client, url)
        assert f'<html lang="{language}" dir="{direction}">' in html, url


def test_stylesheet_uses_only_logical_directions():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "ortak.css").read_text()
    assert not re.search(r"\b(left|right)\b", css, re.I), "physical directions break Arabic"


def test_templates_use_no_physical_directions_inline():
    templates = Path(settings.BASE_DIR) / "templates"
    others = ("checkout", "communication", "dashboard")  # other teams' Oscar templates
    owned = [
        templates / "base.html",
        *templates.glob("includes/*.html"),
        *templates.glob("cooperatives/*.html"),
        *(
            path
            for path in templates.glob("oscar/**/*.html")
            if path.relative_to(templates / "oscar").parts[0] not in others
        ),
    ]
    assert len(owned) > 15
    for path in owned:
        text = path.read_text()
        assert "style=" not in text, path
        assert not re.search(r"\b(float|text)-(left|right)\b", text), path


# --- Catalogue -------------------------------------------------------------------------------


def test_catalogue_cards_name_the_maker_and_link_to_her_page(client):
    product = product_for_sale(title="Felted wool slippers", price=Decimal("31.00"))
    html = page(client, "/en/shop/catalogue/")
    assert "Felted wool slippers" in html
    assert f'href="{product.maker.get_absolute_url()}">{product.maker.public_name}</a>' in html
    assert product.maker.cooperative.name in html
    assert "€31.00" in html
    assert "In stock" in html


def test_catalogue_card_images_are_lazy_thumbnails_with_sizes(client):
    product = product_for_sale()
    image = ProductImage(product=product, display_order=0)
    image.original.save("card.jpg", io.BytesIO(jpeg((500, 500))), save=False)
    image.original.file.seek(0)
    image.save()
    html = page(client, "/en/shop/catalogue/")
    card_image = re.search(r'<img src="[^"]+"[^>]*loading="lazy"[^>]*>', html)
    assert card_image, "a lazily loaded card image"
    assert 'width="400" height="400"' in card_image.group(0)
    assert f'alt="{product.title}"' in card_image.group(0)


def test_catalogue_filters_show_chips_that_remove_them(client):
    silk = product_for_sale(title="Silk scarf")
    other = product_for_sale(title="Wool throw")
    cooperative = silk.maker.cooperative
    html = page(client, f"/en/shop/catalogue/?cooperative={cooperative.slug}&in_stock=on")
    assert "Silk scarf" in html and "Wool throw" not in html
    chips = html.split('class="chips"', 1)[1].split("</ul>", 1)[0]
    assert cooperative.name in chips
    assert "In stock only" in chips
    # Removing the cooperative chip keeps the other filter.
    assert 'href="/en/shop/catalogue/?in_stock=on"' in chips
    assert other.maker.cooperative.name in html  # offered in the cooperative facet


def test_catalogue_shows_form_errors_and_an_empty_state(client):
    html = page(client, "/en/shop/catalogue/?price_min=50&price_max=10")
    assert "The highest price must be above the lowest." in html
    html = page(client, "/en/shop/catalogue/?q=nothing-matches-this")
    assert "Nothing matches these filters yet." in html


def test_catalogue_paginates_keeping_the_filters(client, settings):
    maker = MakerFactory()
    for number in range(26):
        product_for_sale(title=f"Bead bracelet {number}", maker=maker)
    html = page(client, f"/en/shop/catalogue/?maker={maker.slug}")
    assert f'href="?maker={maker.slug}&amp;page=2"' in html
    html = page(client, f"/en/shop/catalogue/?maker={maker.slug}&page=2")
    assert 'aria-current="page">2<' in html


# --- Product page ------------------------------------------------------------------------------


def test_product_page_says_who_made_it_and_links_both_pages(client):
    product = product_for_sale(title="Mirror-work cushion")
    maker, cooperative = product.maker, product.maker.cooperative
    html = page(client, product.get_absolute_url())
    provenance = html.split('<section class="provenance"', 1)[1].split("</section>", 1)[0]
    assert "Made by" in provenance
    assert f'<a href="{maker.get_absolute_url()}">{maker.public_name}</a>' in provenance
    assert f'<a href="{cooperative.get_absolute_url()}">{cooperative.name}</a>' in provenance
    assert cooperative.region in provenance
    assert 'id="add_to_basket_form"' in html
    assert "{% block product_stories %}" not in html


def test_product_page_shows_the_portrait_only_with_consent(client):
    portrait = wagtail_image("Portrait of a maker")
    with_consent = product_for_sale(maker=MakerFactory(portrait=portrait, consent_show_photo=True))
    without = product_for_sale(maker=MakerFactory(portrait=portrait, consent_show_photo=False))

    html = page(client, with_consent.get_absolute_url())
    assert re.search(r'<img [^>]*class="provenance__portrait"', html)

    for url in (without.get_absolute_url(), without.maker.get_absolute_url()):
        html = page(client, url)
        assert "provenance__portrait" not in html
        assert "maker-hero__portrait" not in html
        assert "Portrait_of_a_maker" not in html and "Portrait of a maker" not in html
    html = page(client, without.maker.cooperative.get_absolute_url())
    assert "maker-chip__portrait" not in html


def test_product_description_is_escaped_not_trusted(client):
    product = product_for_sale(
        description="Lovely.\n<script>alert('owned')</script> <b>bold</b>",
        care_instructions="<img src=x onerror=alert(1)>",
    )
    html = page(client, product.get_absolute_url())
    assert "<script>alert('owned')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
    assert "<img src=x onerror" not in html


def test_rich_text_paragraphs_from_the_dashboard_become_plain_paragraphs(client):
    product = product_for_sale(
        description="<p>Knotted by hand.</p><p>Cotton &amp; silk.</p>"
        "<p><script>alert('owned')</script> &lt;b&gt;</p>"
    )
    html = page(client, product.get_absolute_url())
    assert "<p>Knotted by hand.</p>" in html
    assert "<p>Cotton &amp; silk.</p>" in html  # one escaping, not two
    assert "&lt;p&gt;" not in html
    assert "<script>alert('owned')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt; &lt;b&gt;" in html
    assert '<meta name="description" content="Knotted by hand.' in html


def test_product_page_has_open_graph_tags(client):
    product = product_for_sale(title="Indigo shawl", description="Dyed with indigo.")
    image = ProductImage(product=product, display_order=0)
    image.original.save("og.jpg", io.BytesIO(jpeg((900, 900))), save=False)
    image.save()
    html = page(client, product.get_absolute_url())
    assert '<meta property="og:type" content="product">' in html
    assert re.search(r'<meta property="og:title" content="Indigo shawl', html)
    assert '<meta property="og:description" content="Dyed with indigo.">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/[^"]+\.webp">', html
    )
    assert re.search(r"<title>\s*Indigo shawl", html)


def test_more_by_the_same_maker(client):
    maker = MakerFactory()
    product = product_for_sale(maker=maker, title="First piece")
    product_for_sale(maker=maker, title="Second piece")
    html = page(client, product.get_absolute_url())
    assert f"More by {maker.public_name}" in html
    assert "Second piece" in html


# --- Private details never reach a public page -------------------------------------------


def test_private_fields_stay_off_every_public_page(client):
    cooperative = CooperativeFactory(
        contact_name="SECRET-CONTACT",
        contact_email="secret@contact.example",
        contact_phone="+90 SECRET",
    )
    maker = MakerFactory(
        cooperative=cooperative,
        legal_name="SECRET-LEGAL",
        phone="SECRET-PHONE",
        nationality="SECRET-NATIONALITY",
        address="SECRET-ADDRESS",
        first_name="SECRET-FIRST",
        consent_show_first_name=False,
        story="SECRET-STORY",
        consent_show_story=False,
    )
    product = product_for_sale(maker=maker)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    for url in (
        product.get_absolute_url(),
        maker.get_absolute_url(),
        cooperative.get_absolute_url(),
        reverse("cooperatives:cooperative-list"),
        "/en/shop/catalogue/",
        reverse("basket:summary"),
    ):
        html = page(client, url)
        assert "SECRET" not in html and "secret@" not in html, url
        assert maker.display_name in html or url.endswith("/cooperatives/"), url


def test_maker_page_shows_her_public_story_only(client):
    shared = MakerFactory(story="I learnt from my mother.", consent_show_story=True)
    private = MakerFactory(story="Not for the public.", consent_show_story=False)
    assert "I learnt from my mother." in page(client, shared.get_absolute_url())
    html = page(client, private.get_absolute_url())
    assert "Not for the public." not in html
    assert "In her words" not in html


# --- Cooperatives -----------------------------------------------------------------------------


def test_fair_trade_badge_only_while_valid(client):
    today = datetime.date.today()
    valid = CooperativeFactory(
        fair_trade_status="wfto_guaranteed", fair_trade_expires=today + datetime.timedelta(days=90)
    )
    expired = CooperativeFactory(
        fair_trade_status="wfto_guaranteed", fair_trade_expires=today - datetime.timedelta(days=1)
    )
    html = page(client, valid.get_absolute_url())
    assert "WFTO Guaranteed Fair Trade, valid until" in html
    html = page(client, expired.get_absolute_url())
    assert "WFTO Guaranteed" not in html


def test_cooperative_page_lists_its_makers_and_products(client):
    product = product_for_sale(title="Block-printed tablecloth")
    cooperative = product.maker.cooperative
    html = page(client, cooperative.get_absolute_url())
    assert f"<h1>{cooperative.name}</h1>" in html
    assert product.maker.public_name in html
    assert "Block-printed tablecloth" in html
    assert f'<meta property="og:title" content="{cooperative.name}">' in html
    html = page(client, reverse("cooperatives:cooperative-list"))
    assert cooperative.summary in html
    assert "1 maker in the shop" in html


# --- Basket ------------------------------------------------------------------------------------


def test_basket_lines_name_the_maker_and_remove_without_javascript(client):
    product = product_for_sale(title="Beaded earrings")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    html = page(client, reverse("basket:summary"))
    line = html.split('<li class="basket-line">', 1)[1].split("</li>", 1)[0]
    assert "Beaded earrings" in line
    assert (
        f'by <a href="{product.maker.get_absolute_url()}">{product.maker.public_name}</a>' in line
    )
    assert 'name="form-0-DELETE" value="on"' in line  # a real submit button, no script needed

    basket_line_id = re.search(r'name="form-0-id" value="(\d+)"', html).group(1)
    response = client.post(
        reverse("basket:summary"),
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-MIN_NUM_FORMS": 0,
            "form-MAX_NUM_FORMS": 1000,
            "form-0-id": basket_line_id,
            "form-0-quantity": 1,
            "form-0-DELETE": "on",
        },
    )
    assert response.status_code == 302
    html = page(client, reverse("basket:summary"))
    assert "Your basket is empty." in html or "Your cart is empty." in html
    assert 'data-basket-count="0"' in html


def test_messages_are_announced_politely(client):
    product = product_for_sale(title="Copper bangle")
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True
    )
    html = response.content.decode()
    region = html.split('<div id="messages" class="messages" role="status" aria-live="polite">')[1]
    assert "Copper bangle" in region.split("</main>")[0]
