"""The demo shop loads into an empty database, again without change, and never over a real shop.

The demo is loaded once per module inside a transaction that is rolled back at the end, so the
reused test database stays empty for the other tests; each test runs in a savepoint within it.
"""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from oscar.core.loading import get_model

from cooperatives.models import Cooperative, Maker
from shop.demo.data import DEMO_PASSWORD, UPC_PREFIX
from tests.factories import product_for_sale

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
Material = get_model("catalogue", "Material")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")

ROOT_CATEGORIES = {"jewelry", "household-textiles", "clothing", "accessories"}
LOGINS = [
    "staff@ortak.example",
    "coordinator.zeytin@ortak.example",
    "coordinator.telkar@ortak.example",
    "coordinator.yeniden@ortak.example",
    "coordinator.chhaap@ortak.example",
    "member@ortak.example",
    "member.nour@ortak.example",
    "member.leyla@ortak.example",
    "member.hala@ortak.example",
    "member.hansa@ortak.example",
    "editor@ortak.example",
    "moderator@ortak.example",
    "customer@ortak.example",
]


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_shop(django_db_setup, django_db_blocker, demo_media):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        with transaction.atomic():
            call_command("load_demo_shop", "--quiet")
            yield
            transaction.set_rollback(True)


@pytest.fixture
def shop(demo_shop, db, settings, _media_root, demo_media):
    """The loaded demo shop, with the media root its files were written to."""
    settings.MEDIA_ROOT = demo_media
    return demo_media


def _counts() -> dict:
    models = [Product, ProductImage, StockRecord, Partner, Cooperative, Maker, get_user_model()]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["wagtail images"] = get_model("wagtailimages", "Image").objects.count()
    return counts


def _files(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def test_reference_data_comes_from_the_migrations(db):
    roots = Category.get_root_nodes()
    assert ROOT_CATEGORIES <= set(roots.values_list("code", flat=True))
    assert Category.objects.get(code="jewelry").get_children().count() == 4
    assert Category.objects.get(code="clothing/scarves-shawls").get_parent().code == "clothing"
    assert Category.find_problems() == ([], [], [], [], [])
    assert {"jewelry", "textile", "clothing", "accessory"} <= set(
        ProductClass.objects.values_list("slug", flat=True)
    )
    textile = ProductClass.objects.get(slug="textile")
    assert set(textile.attributes.values_list("code", flat=True)) == {
        "size",
        "colour",
        "dimensions",
    }
    assert ProductClass.objects.get(slug="clothing").attributes.get(code="size").type == "option"
    assert Material.objects.filter(slug__in=["silver", "cotton", "glass-beads"]).count() == 3
    # Coordinators work in the workspace: the group gives no way into Oscar's dashboard.
    coordinators = Group.objects.get(name="Coordinators")
    assert not coordinators.permissions.filter(codename="dashboard_access").exists()
    dashboard = Group.objects.get(name="Shop staff")
    assert dashboard.permissions.filter(codename="dashboard_access").exists()
    staff = Group.objects.get(name="Shop staff")
    assert staff.permissions.filter(codename="view_private_maker_data").exists()
    for name in ("Editors", "Moderators", "Shop staff"):
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()
    assert Group.objects.filter(name="Members").exists()


def test_demo_shop_has_cooperatives_makers_and_goods_in_every_category(shop):
    assert Cooperative.objects.count() >= 4
    assert Maker.objects.count() >= 20
    products = Product.objects.filter(upc__startswith=UPC_PREFIX, is_public=True)
    assert products.count() >= 60
    roots = set()
    for product in products.prefetch_related("categories"):
        for category in product.categories.all():
            roots.add(Category.objects.get(path=category.path[: Category.steplen]).code)
    assert roots == ROOT_CATEGORIES
    # Every sub-category has something in it.
    for leaf in Category.objects.filter(depth=2):
        assert products.filter(categories=leaf).exists(), leaf.full_name
    stock = StockRecord.objects.filter(product__in=products)
    assert stock.filter(num_in_stock=0).exists() and stock.filter(num_in_stock=1).exists()
    prices = stock.values_list("price", flat=True)
    assert 18 <= min(prices) and max(prices) <= 160


def test_every_product_is_stocked_by_its_makers_cooperative(shop):
    products = Product.objects.select_related("maker__cooperative").prefetch_related(
        "stockrecords", "materials"
    )
    for product in products:
        assert product.maker is not None
        assert product.technique and product.hours_to_make and product.care_instructions
        assert product.materials.exists()
        partners = {record.partner_id for record in product.stockrecords.all()}
        assert partners == {product.maker.cooperative.partner_id}
        product.full_clean()


def test_makers_consents_vary_and_private_fields_are_filled(shop):
    makers = Maker.objects.all()
    assert makers.filter(consent_show_photo=False).exists()
    assert makers.filter(consent_show_story=False).exists()
    assert makers.filter(consent_show_first_name=False).exists()
    # A pseudonym: her public name is not her first name.
    pseudonymous = makers.filter(consent_show_first_name=False).exclude(first_name="")
    assert any(maker.display_name != maker.first_name for maker in pseudonymous)
    assert all(maker.legal_name and maker.phone and maker.address for maker in makers)
    for maker in makers.filter(consent_show_photo=False):
        assert maker.public_portrait is None
    assert makers.filter(products__isnull=True).count() == 0


def test_makers_crafts_are_in_turkish_and_arabic(shop):
    """Her crafts appear beside her name on translated pages: never left in English there."""
    makers = list(Maker.objects.all())
    assert makers and all(maker.crafts_tr and maker.crafts_ar for maker in makers)
    amal = next(maker for maker in makers if maker.crafts_en == "Cross-stitch embroidery")
    assert (amal.crafts_tr, amal.crafts_ar) == ("Kanaviçe işi", "التطريز بالغرزة المتصالبة")


def test_pictures_exist_with_their_thumbnails_and_renditions(shop):
    from catalogue.thumbnails import CARD_SIZES, thumbnail_name

    images = ProductImage.objects.filter(product__upc__startswith=UPC_PREFIX)
    assert images.count() >= 60
    for image in images:
        path = shop / image.original.name
        assert path.exists() and path.stat().st_size < 200_000
        for size in CARD_SIZES:
            assert (shop / thumbnail_name(image.original.name, size, True)).exists()
    portrait = Maker.objects.exclude(portrait=None).first().portrait
    assert portrait.renditions.filter(filter_spec="fill-160x160").exists()
    photo = Cooperative.objects.first().photo
    assert photo.renditions.filter(filter_spec="fill-600x400").exists()
    assert all((shop / rendition.file.name).exists() for rendition in photo.renditions.all())


def test_an_expired_fair_trade_status_is_hidden(shop):
    statuses = [cooperative.fair_trade_is_valid for cooperative in Cooperative.objects.all()]
    assert True in statuses and False in statuses
    assert (
        Cooperative.objects.exclude(fair_trade_status="")
        .filter(fair_trade_expires__lt="2026-01-01")
        .exists()
    )


def test_a_second_run_creates_nothing(shop):
    before, files_before = _counts(), _files(shop)
    call_command("load_demo_shop", "--quiet")
    assert _counts() == before
    assert _files(shop) == files_before


@pytest.mark.parametrize("email", LOGINS)
def test_every_demo_login_works(shop, client, email):
    assert client.login(username=email, password=DEMO_PASSWORD)


def test_roles_reach_their_screens(shop):
    User = get_user_model()
    staff = User.objects.get(email="staff@ortak.example")
    assert staff.is_staff and staff.is_superuser
    # Coordinators and members work in the cooperative workspace, never in Oscar's dashboard.
    coordinator = User.objects.get(email="coordinator.telkar@ortak.example")
    assert not coordinator.is_staff and not coordinator.has_perm("partner.dashboard_access")
    assert not coordinator.partners.exists()
    assert coordinator.coordinator.cooperative.slug == "telkar-silver-and-loom"
    member = User.objects.get(email="member@ortak.example")
    assert member.maker.slug == "amal-zeytin" and member.groups.filter(name="Members").exists()
    assert not member.is_staff
    for cooperative in Cooperative.objects.all():
        members = User.objects.filter(maker__cooperative=cooperative, is_staff=False)
        assert members.count() >= 2, cooperative
        assert cooperative.coordinators.filter(user__is_staff=False).count() == 1
    for email in ("editor@ortak.example", "moderator@ortak.example"):
        assert User.objects.get(email=email).has_perm("wagtailadmin.access_admin")
    customer = User.objects.get(email="customer@ortak.example")
    assert not customer.is_staff and not customer.groups.exists()


def test_refuses_a_database_with_a_real_shop_unless_asked_to_add(shop, capsys):
    product_for_sale(upc="REAL-1")
    with pytest.raises(CommandError, match="already holds a shop .*--add"):
        call_command("load_demo_shop", "--quiet")
    call_command("load_demo_shop", "--add", "--quiet")
    assert Product.objects.filter(upc="REAL-1").exists()


def test_if_empty_leaves_a_shop_with_products_alone(shop, capsys):
    before = _counts()
    call_command("load_demo_shop", "--if-empty", "--products", "80")
    output = capsys.readouterr().out
    assert "not loaded" in output
    assert _counts() == before
    # `make run` on the demo shop prints its logins again.
    assert "staff@ortak.example" in output and "coordinator.zeytin@ortak.example" in output


def test_if_empty_on_a_shop_of_its_own_prints_no_demo_logins(shop, capsys):
    product_for_sale(upc="REAL-2")
    call_command("load_demo_shop", "--if-empty")
    output = capsys.readouterr().out
    assert "not loaded" in output and "ortak-demo" not in output


def test_scaling_up_adds_products_and_makers_reusing_pictures(shop):
    files_before = _files(shop)
    call_command("load_demo_shop", "--products", "90", "--makers", "26", "--quiet")
    # Pieces approved in the demo's workspace are the demo's too, besides the 90 asked for.
    assert Product.objects.filter(upc__startswith=UPC_PREFIX, listing__isnull=True).count() == 90
    assert Maker.objects.count() == 26
    for maker in Maker.objects.all():
        assert maker.get_absolute_url()  # generated makers get ASCII slugs the URLs accept
    new_images = ProductImage.objects.filter(product__upc__gt=f"{UPC_PREFIX}00060")
    shared = new_images.filter(
        original__in=ProductImage.objects.filter(product__upc__lte=f"{UPC_PREFIX}00060").values(
            "original"
        )
    )
    assert shared.exists()
    # Only the new template-and-colourway combinations were drawn.
    drawn = {name for name in _files(shop) - files_before if name.startswith("images/")}
    assert 0 < len(drawn) < new_images.count()


def test_the_workspace_has_listings_in_every_state(shop):
    from workspace.models import Listing, ListingStatus

    for cooperative in Cooperative.objects.all():
        listings = Listing.objects.filter(cooperative=cooperative)
        states = set(listings.values_list("status", flat=True))
        assert states == set(ListingStatus.values), cooperative
    returned = Listing.objects.filter(status=ListingStatus.RETURNED)
    assert all(listing.return_reason for listing in returned)
    approved = Listing.objects.filter(status=ListingStatus.APPROVED).select_related("product")
    for listing in approved:
        assert listing.product.is_public and listing.product.maker_id == listing.maker_id
        assert listing.product.upc.startswith(UPC_PREFIX)
        assert listing.product.images.exists()


def test_demo_orders_show_every_state_of_fulfilment(shop):
    Order = get_model("order", "Order")
    orders = Order.objects.filter(number__startswith="DEMO-")
    line_statuses = set(
        get_model("order", "Line").objects.filter(order__in=orders).values_list("status", flat=True)
    )
    assert line_statuses == {"Paid", "Packing", "Shipped", "Delivered", "Cancelled"}
    assert {"Paid", "Partly shipped", "Shipped", "Delivered", "Cancelled"} <= set(
        orders.values_list("status", flat=True)
    )
    mixed = [order for order in orders if order.lines.values("cooperative").distinct().count() > 1]
    assert len(mixed) >= 3
    assert all(order.user.email == "customer@ortak.example" for order in orders)
