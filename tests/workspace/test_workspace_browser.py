"""A member lists a piece from a 360-px phone, her coordinator returns it with a reason, she
fixes it, the coordinator approves it, and it is in the shop with her name: once in English
and once in Arabic. axe-core checks every workspace page on the way."""

import re
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from PIL import Image

from tests.accessibility import assert_accessible
from tests.factories import CooperativeFactory, MakerFactory, StockRecordFactory, UserFactory
from workspace.models import Coordinator, Listing, ListingStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-password"
PHONE = {"width": 360, "height": 740}


def picture(path: Path, colour) -> str:
    buffer = BytesIO()
    Image.new("RGB", (900, 700), colour).save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return str(path)


def sign_in(page, base: str, lang: str, username: str) -> None:
    page.goto(f"{base}/{lang}/workspace/sign-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(rf"/{lang}/workspace/$"))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_list_return_fix_approve_and_sell(live_server, browser, screenshot_dir, tmp_path, lang):
    cooperative = CooperativeFactory(name="Zeytin test cooperative")
    coordinator = UserFactory(username="coordinator", first_name="Hatice")
    Coordinator.objects.create(user=coordinator, cooperative=cooperative)
    member = UserFactory(username="amal", first_name="Amal")
    member.groups.add(Group.objects.get(name="Members"))
    maker = MakerFactory(cooperative=cooperative, user=member, display_name="Amal",
                         consent_show_first_name=False)
    base = live_server.url
    photos = [picture(tmp_path / "front.jpg", (150, 40, 40)),
              picture(tmp_path / "detail.jpg", (40, 80, 150))]

    def phone():
        context = browser.new_context(viewport=PHONE, locale="ar" if lang == "ar" else "en-GB")
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        return context, page, errors

    def shot(page, name):
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(screenshot_dir / f"workspace-{lang}-{name}.png"), full_page=True)

    # The member lists a piece with two photos, in three screens.
    member_context, her, her_errors = phone()
    sign_in(her, base, lang, "amal")
    assert her.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert_accessible(her, "member home")
    shot(her, "01-home")
    her.click(".ws-tabs button[type=submit]")  # New piece
    her.wait_for_url(re.compile(r"/edit/photos/$"))
    assert_accessible(her, "photos step")
    her.set_input_files("input[name=photos]", photos)
    her.click("button[name=action][value=next]")
    her.wait_for_url(re.compile(r"/edit/photos/$"))
    descriptions = her.locator("input[name^=description-]")
    assert descriptions.count() == 2
    descriptions.nth(0).fill("Red cushion, front")
    descriptions.nth(1).fill("Blue border, close up")
    shot(her, "02-photos")
    her.click("button[name=action][value=next]")
    her.wait_for_url(re.compile(r"/edit/what/$"))
    assert_accessible(her, "what step")
    her.click("label.ws-choice:has(input[name=category]) >> nth=4")
    her.fill("input[name=title]", "Pomegranate cushion")
    her.fill("input[name=price]", "0")
    her.fill("input[name=quantity]", "3")
    her.click("button[name=action][value=next]")
    # A price of zero is refused with a message; what she typed stays.
    assert her.locator("#id_price_error").is_visible()
    assert her.input_value("input[name=title]") == "Pomegranate cushion"
    shot(her, "03-what-error")
    her.fill("input[name=price]", "38")
    her.click("button[name=action][value=next]")
    her.wait_for_url(re.compile(r"/edit/details/$"))
    assert_accessible(her, "details step")
    her.click("label.ws-choice:has(input[name=materials]) >> nth=0")
    her.fill("textarea[name=description]", "Embroidered by hand with pomegranates.")
    shot(her, "04-details")
    her.click("button[name=action][value=submit]")
    her.wait_for_url(re.compile(r"/workspace/pieces/\d+/$"))
    listing = Listing.objects.get(maker=maker)
    assert listing.status == ListingStatus.SUBMITTED and listing.photos.count() == 2
    assert_accessible(her, "piece page")
    shot(her, "05-submitted")

    # The coordinator returns it with a reason.
    coordinator_context, coord, coord_errors = phone()
    sign_in(coord, base, lang, "coordinator")
    assert coord.locator(".ws-tile--attention").count() == 1
    coord.goto(f"{base}/{lang}/workspace/review/")
    assert_accessible(coord, "review queue")
    shot(coord, "06-queue")
    coord.click(f"a[href$='/workspace/pieces/{listing.pk}/'] >> nth=-1")
    coord.fill("textarea[name=reason]", "Please add the size of the cushion.")
    assert_accessible(coord, "review page")
    shot(coord, "07-review")
    coord.click("form[action$='/return/'] button[type=submit]")
    coord.wait_for_url(re.compile(r"/workspace/review/$"))
    listing.refresh_from_db()
    assert listing.status == ListingStatus.RETURNED

    # She reads the reason, fixes the piece and sends it again.
    her.goto(f"{base}/{lang}/workspace/")
    assert "Please add the size of the cushion." in her.content()
    her.goto(f"{base}/{lang}/workspace/pieces/{listing.pk}/edit/what/")
    assert "Please add the size of the cushion." in her.content()
    her.fill("input[name=size]", "45 × 45 cm")
    shot(her, "08-fix")
    her.click("button[name=action][value=next]")
    her.wait_for_url(re.compile(r"/edit/details/$"))
    her.click("button[name=action][value=submit]")
    her.wait_for_url(re.compile(r"/workspace/pieces/\d+/$"))
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED and listing.size == "45 × 45 cm"

    # The coordinator approves it: it is in the shop, with her name.
    coord.goto(f"{base}/{lang}/workspace/pieces/{listing.pk}/")
    coord.click("form[action$='/approve/'] button[type=submit]")
    coord.wait_for_url(re.compile(r"/workspace/review/$"))
    shot(coord, "09-approved")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED
    product = listing.product
    assert product.stockrecords.get().price == Decimal("38.00")

    her.goto(f"{base}/{lang}/workspace/pieces/{listing.pk}/")
    assert_accessible(her, "approved piece")
    her.click(f"main a[href^='/{lang}/shop/catalogue/{product.slug}_']")
    her.wait_for_url(re.compile(r"/shop/catalogue/"))
    assert her.get_by_role("heading", level=1).inner_text() == "Pomegranate cushion"
    assert "Amal" in her.locator(".provenance, .product__byline").first.inner_text()
    shot(her, "10-in-the-shop")
    assert her_errors == [] and coord_errors == []
    member_context.close()
    coordinator_context.close()


@pytest.fixture
def screenshot_dir():
    from tests.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_workspace_page_passes_axe(live_server, browser, lang):
    cooperative = CooperativeFactory()
    coordinator = UserFactory(username="coordinator", first_name="Hatice")
    Coordinator.objects.create(user=coordinator, cooperative=cooperative)
    member = UserFactory(username="amal", first_name="Amal")
    maker = MakerFactory(cooperative=cooperative, user=member, display_name="Amal")
    offline = MakerFactory(cooperative=cooperative, display_name="Leyla")
    StockRecordFactory(product__maker=maker, num_in_stock=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for url in ("/workspace/sign-in/", "/workspace/join/"):
        page.goto(f"{live_server.url}/{lang}{url}")
        assert_accessible(page, url)
    sign_in(page, live_server.url, lang, "coordinator")
    for url in (
        "/workspace/", "/workspace/pieces/", "/workspace/review/", "/workspace/makers/",
        f"/workspace/makers/{maker.pk}/", "/workspace/invite/", "/workspace/sales/",
        "/workspace/stock/", "/workspace/stock/?low=1",
    ):
        response = page.goto(f"{live_server.url}/{lang}{url}")
        assert response.status == 200, url
        assert_accessible(page, url)
    page.goto(f"{live_server.url}/{lang}/workspace/invite/?maker={offline.pk}")
    page.click("main button[type=submit]")
    page.wait_for_selector(".ws-invitation__code")
    assert_accessible(page, "invitation")
    context.close()


def test_a_dropped_connection_loses_nothing_she_typed(live_server, browser):
    """She types, the network drops as she saves; when she opens the page again her words are
    still in the form (kept on her phone until the server has them)."""
    cooperative = CooperativeFactory()
    member = UserFactory(username="amal", first_name="Amal")
    maker = MakerFactory(cooperative=cooperative, user=member)
    listing = Listing.objects.create(cooperative=cooperative, maker=maker, created_by=member)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server.url, "en", "amal")
    url = f"{live_server.url}/en/workspace/pieces/{listing.pk}/edit/details/"
    page.goto(url)
    page.fill("textarea[name=description]", "Woven on my mother's loom.")
    page.fill("input[name=technique]", "Loom weaving")
    context.set_offline(True)
    with pytest.raises(Exception):  # noqa: B017 (the browser's own network error)
        page.click("button[name=action][value=draft]", no_wait_after=False)
        page.wait_for_url(re.compile(r"/workspace/pieces/\d+/$"), timeout=3_000)
    context.set_offline(False)
    page.goto(url)
    assert page.input_value("textarea[name=description]") == "Woven on my mother's loom."
    assert page.input_value("input[name=technique]") == "Loom weaving"
    listing.refresh_from_db()
    assert listing.description == ""  # the server never got it: the phone kept it
    page.click("button[name=action][value=draft]")
    page.wait_for_url(re.compile(r"/workspace/pieces/\d+/$"))
    listing.refresh_from_db()
    assert listing.description == "Woven on my mother's loom."
    context.close()
