"""Loading the demo shop: cooperatives, makers, goods with pictures, and a login for each role.

Every object is found by a natural key before it is made (partner code, maker slug, product
UPC, username, image title), so loading twice changes nothing and draws nothing twice. Demo
products carry the UPC prefix `DEMO-` and demo partners the cooperatives' slugs as codes; a
database holding anything else is a real shop, and the loader leaves it alone unless told to add.

Scaling up for benchmarks (`products=10_000`) writes rows with `bulk_create` and gives the extra
products the pictures of the first product of the same template and colourway, so a large
catalogue costs a few dozen drawings. Those files are shared: deleting one benchmark product in
the dashboard deletes a picture others show (Oscar removes image files with their product).
"""

import random
import secrets
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from io import BytesIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils.text import slugify
from oscar.checks import use_productcategory_materialised_view
from oscar.core.loading import get_model
from wagtail.images import get_image_model

from catalogue.thumbnails import STOREFRONT_VARIANTS, picture_renditions, thumbnails_generate
from cooperatives.models import Cooperative, Maker
from shop.demo import drawing
from shop.demo.data import (
    COLOURWAY_NAMES,
    COOPERATIVES,
    DEMO_PASSWORD,
    EXTRA_MAKER_NAMES,
    MAKERS,
    TEMPLATES,
    UPC_PREFIX,
    CooperativeData,
    MakerData,
    ProductTemplate,
)
from shop.demo.earnings import load_earnings, load_terms
from shop.demo.orders import load_orders
from shop.demo.workspace import coordinator_email, load_workspace, member_logins

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
AttributeOption = get_model("catalogue", "AttributeOption")
Category = get_model("catalogue", "Category")
Material = get_model("catalogue", "Material")
OrderLine = get_model("order", "Line")
WagtailImage = get_image_model()

SEED = 2026
IMAGE_DIRECTORY = "images/products/demo"
BATCH_SIZE = 500
PICTURE_THREADS = 4
# The renditions the templates ask for, generated now so no customer waits for them.
# (`grep -rho "{% image [a-z_.]* fill-[0-9x]*" templates/` lists them.)
PORTRAIT_RENDITIONS = ("fill-160x160", "fill-240x240", "fill-320x320", "fill-600x600")
PHOTO_RENDITIONS = (
    "fill-160x160",
    "fill-240x240",
    "fill-600x400",
    "fill-1200x600",
    "fill-1200x630",
)
HERO_RENDITIONS = (
    *picture_renditions("home_hero", "page_hero"),
    "fill-1200x630",
)
DEMO_PARTNER_CODES = frozenset(cooperative.slug for cooperative in COOPERATIVES)


class DemoRefused(Exception):
    """The database holds a shop that is not the demo's."""


class Progress:
    """A one-line text progress bar, redrawn with a carriage return."""

    WIDTH = 30

    def __init__(self, write: Callable[[str], None] | None, interactive: bool = True):
        self.write = write
        # Redrawing only makes sense on a terminal; a log gets one line per stage.
        self.interactive = interactive
        self.label, self.total, self.done = "", 0, 0

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        if self.interactive:
            self._draw()

    def advance(self, steps: int = 1) -> None:
        self.done = min(self.done + steps, self.total)
        if self.interactive and self.done < self.total:
            self._draw()

    def finish(self) -> None:
        self.done = self.total
        self._draw()
        if self.write:
            self.write("\n")

    def _draw(self) -> None:
        if not self.write:
            return
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.write(f"\r{self.label:<22} [{bar}] {self.done}/{self.total}")


@dataclass
class Login:
    role: str
    email: str
    note: str = ""


@dataclass
class LoadReport:
    created: dict = field(default_factory=lambda: defaultdict(int))
    logins: list[Login] = field(default_factory=list)
    # Under production settings each new login gets a random password, kept here to be printed
    # once; elsewhere they all share the demo password that the README prints.
    random_passwords: bool = False
    passwords: dict[str, str] = field(default_factory=dict)


def foreign_shop_contents() -> str:
    """What the database holds that the demo did not make, in words; empty if nothing."""
    found = []
    products = Product.objects.exclude(upc__startswith=UPC_PREFIX).count()
    if products:
        found.append(f"{products} product{'s' if products != 1 else ''}")
    partners = Partner.objects.exclude(code__in=DEMO_PARTNER_CODES).count()
    if partners:
        found.append(f"{partners} partner{'s' if partners != 1 else ''}")
    orders = (
        OrderLine.objects.exclude(upc__startswith=UPC_PREFIX).values("order_id").distinct().count()
    )
    if orders:
        found.append(f"{orders} order{'s' if orders != 1 else ''}")
    return ", ".join(found)


def load_demo_shop(
    *,
    products: int = 60,
    makers: int = len(MAKERS),
    add: bool = False,
    write: Callable[[str], None] | None = None,
    interactive: bool = True,
    random_passwords: bool = False,
) -> LoadReport:
    """Load the demo shop; `write` receives the progress bar's text (None: silent).

    With `random_passwords`, each login it creates gets its own random password (in
    `report.passwords`) instead of the demo password printed in the README.
    """
    if makers < len(COOPERATIVES):
        raise ValueError(f"Ask for at least {len(COOPERATIVES)} makers, one per cooperative.")
    if not add:
        contents = foreign_shop_contents()
        if contents:
            raise DemoRefused(
                f"This database already holds a shop ({contents} not from the demo); "
                "pass --add to load the demo alongside it."
            )
    _require_reference_data()
    progress = Progress(write, interactive)
    report = LoadReport(random_passwords=random_passwords)
    with transaction.atomic():
        cooperatives = _load_cooperatives(progress, report)
        maker_objects = _load_makers(cooperatives, makers, progress, report)
        _load_products(maker_objects, products, progress, report)
        _load_translations(products, report)
        report.logins = _load_logins(cooperatives, report)
        _load_home_page(report)
    load_terms(report)
    load_orders(report)
    load_earnings(report)
    if use_productcategory_materialised_view():
        with connection.cursor() as cursor:
            cursor.execute("REFRESH MATERIALIZED VIEW catalogue_product_category_hierarchy")
    return report


def _require_reference_data() -> None:
    missing = [
        template.category
        for template in TEMPLATES
        if not Category.objects.filter(code=template.category).exists()
    ]
    if missing or not ProductClass.objects.filter(slug="jewelry").exists():
        raise DemoRefused(
            "The shop's categories and product classes are missing; run 'manage.py migrate' "
            "(they come from shop/migrations)."
        )


def _wagtail_image(
    title: str, draw: Callable[[], bytes], filename: str, renditions
) -> WagtailImage:
    image = WagtailImage.objects.filter(title=title).first()
    if image is None:
        image = WagtailImage(title=title, file=ImageFile(BytesIO(draw()), name=filename))
        image._set_image_file_metadata()
        image.save()
    image.get_renditions(*renditions)
    return image


# Cooperatives and makers


def _load_cooperatives(progress: Progress, report: LoadReport) -> dict[str, Cooperative]:
    progress.start("Cooperatives", len(COOPERATIVES))
    cooperatives = {}
    for index, data in enumerate(COOPERATIVES):
        partner, created = Partner.objects.get_or_create(
            code=data.slug, defaults={"name": data.name}
        )
        report.created["partners"] += created
        cooperative, created = Cooperative.objects.get_or_create(
            slug=data.slug, defaults=_cooperative_fields(data, partner)
        )
        report.created["cooperatives"] += created
        if cooperative.photo_id is None:
            cooperative.photo = _wagtail_image(
                f"{data.name}: the workshop (demo)",
                lambda data=data, index=index: drawing.draw_workshop(data.colourway, SEED + index),
                f"demo-workshop-{data.slug}.jpg",
                PHOTO_RENDITIONS,
            )
            cooperative.save(update_fields=["photo"])
            report.created["photos"] += 1
        cooperatives[data.slug] = cooperative
        progress.advance()
    progress.finish()
    return cooperatives


def _cooperative_fields(data: CooperativeData, partner) -> dict:
    return {
        "partner": partner,
        "name": data.name,
        "region": data.region,
        "country": data.country,
        "founded_year": data.founded_year,
        "member_count": data.member_count,
        "languages": data.languages,
        "summary": data.summary,
        "description": data.description,
        "fair_trade_status": data.fair_trade_status,
        "fair_trade_expires": data.fair_trade_expires,
        "contact_name": data.contact_name,
        "contact_email": data.contact_email,
        "contact_phone": data.contact_phone,
    }


def _maker_plan(count: int) -> list[MakerData]:
    """The written makers, taken in turn from each cooperative, then generated ones."""
    by_cooperative = defaultdict(list)
    for maker in MAKERS:
        by_cooperative[maker.cooperative].append(maker)
    order = []
    while any(by_cooperative.values()):
        for data in COOPERATIVES:
            if by_cooperative[data.slug]:
                order.append(by_cooperative[data.slug].pop(0))
    plan = order[:count]
    rng = random.Random(SEED)
    extra = 0
    while len(plan) < count:
        cooperative = COOPERATIVES[extra % len(COOPERATIVES)]
        names = EXTRA_MAKER_NAMES[cooperative.slug]
        number = extra // len(COOPERATIVES)
        name = names[number % len(names)]
        model = rng.choice([maker for maker in MAKERS if maker.cooperative == cooperative.slug])
        suffix = f" {number // len(names) + 1}" if number >= len(names) else ""
        plan.append(
            MakerData(
                slug=f"{slugify(name)}-{cooperative.slug.split('-')[0]}-{extra + 1}",
                cooperative=cooperative.slug,
                display_name=f"{name}{suffix}",
                first_name=name,
                consent_show_first_name=True,
                consent_show_photo=rng.random() < 0.7,
                consent_show_story=rng.random() < 0.8,
                crafts=model.crafts,
                years_of_practice=rng.randint(2, 30),
                languages=model.languages,
                story=model.story
                and "I joined the cooperative to work with other women, and "
                "stayed for the work itself.",
                legal_name=f"{name} {rng.choice(['Demir', 'Haddad', 'Parmar', 'Kaya', 'Ahmadi'])}",
                nationality=model.nationality,
                address=model.address.split(",")[-1].strip(),
                colourway=rng.choice(list(drawing.PALETTES)),
                has_portrait=False,
            )
        )
        extra += 1
    return plan


def _phone(data: MakerData, index: int) -> str:
    rng = random.Random(SEED * 7 + index)
    if data.nationality == "Indian" or data.cooperative == "chhaap-block-print":
        return f"+91 9{rng.randint(1000, 9999)} {rng.randint(10000, 99999)}"
    digits = (rng.randint(30, 59), rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99))
    return "+90 5{} {} {} {}".format(*digits)


def _load_makers(cooperatives, count: int, progress: Progress, report: LoadReport) -> list[Maker]:
    plan = _maker_plan(count)
    existing = {
        maker.slug: maker for maker in Maker.objects.filter(slug__in=[m.slug for m in plan])
    }
    progress.start("Makers", len(plan))
    new = []
    for index, data in enumerate(plan):
        maker = existing.get(data.slug)
        if maker is None:
            maker = Maker(
                cooperative=cooperatives[data.cooperative],
                slug=data.slug,
                display_name=data.display_name,
                first_name=data.first_name,
                consent_show_first_name=data.consent_show_first_name,
                consent_show_photo=data.consent_show_photo,
                consent_show_story=data.consent_show_story,
                crafts=data.crafts,
                years_of_practice=data.years_of_practice,
                languages=data.languages,
                story=data.story,
                legal_name=data.legal_name,
                phone=_phone(data, index),
                nationality=data.nationality,
                address=data.address,
            )
            new.append(maker)
        # No portrait on file without consent to show one (cooperatives/signals.py deletes it).
        if maker.portrait_id is None and data.has_portrait and data.consent_show_photo:
            maker.portrait = _wagtail_image(
                f"Portrait of {data.display_name}, {data.slug} (demo)",
                lambda data=data, index=index: drawing.draw_portrait(data.colourway, SEED + index),
                f"demo-portrait-{data.slug}.jpg",
                PORTRAIT_RENDITIONS,
            )
            report.created["portraits"] += 1
            if maker.pk:
                maker.save(update_fields=["portrait"])
        progress.advance()
    Maker.objects.bulk_create(new, batch_size=BATCH_SIZE)
    report.created["makers"] += len(new)
    progress.finish()
    # bulk_create sets primary keys on SQLite and PostgreSQL; read back to be sure of them.
    saved = Maker.objects.filter(slug__in=[m.slug for m in plan]).select_related("cooperative")
    by_slug = {maker.slug: maker for maker in saved}
    return [by_slug[data.slug] for data in plan]


# Products


@dataclass(frozen=True)
class PlannedProduct:
    index: int
    template: ProductTemplate
    colourway: str
    edition: int
    source_index: int  # the first product of this template and colourway: its pictures are drawn

    @property
    def upc(self) -> str:
        return f"{UPC_PREFIX}{self.index + 1:05d}"

    @property
    def colour_name(self) -> str:
        return COLOURWAY_NAMES[self.colourway]

    @property
    def title(self) -> str:
        title = f"{self.template.title}, {self.colour_name.lower()}"
        return f"{title} (No. {self.edition + 1})" if self.edition else title


def _product_plan(count: int) -> list[PlannedProduct]:
    plan, first_of = [], {}
    for index in range(count):
        round_, position = divmod(index, len(TEMPLATES))
        template = TEMPLATES[position]
        colourway = template.colourways[round_ % len(template.colourways)]
        edition = round_ // len(template.colourways)
        source = first_of.setdefault((template.key, colourway), index)
        plan.append(PlannedProduct(index, template, colourway, edition, source))
    return plan


def _image_names(planned: PlannedProduct) -> list[str]:
    source_upc = f"{UPC_PREFIX}{planned.source_index + 1:05d}".lower()
    return [
        f"{IMAGE_DIRECTORY}/{source_upc}-{view + 1}.jpg" for view in range(planned.template.views)
    ]


def _choose_makers(plan: list[PlannedProduct], makers_by_cooperative) -> dict[int, Maker]:
    """Each piece goes to a maker of its cooperative with the craft, in turn, so work is shared."""
    turns: dict[tuple[str, str], int] = defaultdict(int)
    chosen = {}
    for planned in plan:
        template = planned.template
        makers = makers_by_cooperative[template.cooperative]
        skilled = [m for m in makers if template.craft.lower() in m.crafts.lower()] or makers
        key = (template.cooperative, template.craft)
        chosen[planned.index] = skilled[turns[key] % len(skilled)]
        turns[key] += 1
    return chosen


def _stock(index: int, rng: random.Random) -> int:
    if index % 13 == 4:
        return 0  # sold out
    if index % 11 == 6:
        return 1  # the last one
    return rng.randint(2, 9)


def _description(planned: PlannedProduct, maker: Maker, hours: int) -> str:
    cooperative = maker.cooperative
    paragraphs = [
        planned.template.description,
        f"Made by {maker.public_name} of {cooperative.name} in {cooperative.region}, "
        f"in about {hours} hours of work. Colour: {planned.colour_name.lower()}.",
    ]
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def _load_products(makers, count: int, progress: Progress, report: LoadReport):
    plan = _product_plan(count)
    existing = set(
        Product.objects.filter(upc__in=[p.upc for p in plan]).values_list("upc", flat=True)
    )
    todo = [planned for planned in plan if planned.upc not in existing]
    # Every product's pictures, not only the new ones': thumbnails in a size or format added
    # since the last load are made now (the others are found and skipped).
    _draw_pictures(plan, progress, report)
    if not todo:
        return
    makers_by_cooperative = defaultdict(list)
    for maker in makers:
        makers_by_cooperative[maker.cooperative.slug].append(maker)

    progress.start("Products", len(todo))
    classes = {product_class.slug: product_class for product_class in ProductClass.objects.all()}
    categories = {category.code: category for category in Category.objects.exclude(code=None)}
    materials = {material.slug: material for material in Material.objects.all()}
    attributes = {
        (attribute.product_class_id, attribute.code): attribute
        for attribute in ProductAttribute.objects.all()
    }
    sizes = {
        option.option: option
        for option in AttributeOption.objects.filter(group__code="clothing-sizes")
    }

    chosen = _choose_makers(plan, makers_by_cooperative)
    rows = []
    for planned in todo:
        rng = random.Random(SEED * 1000 + planned.index)
        maker = chosen[planned.index]
        hours = rng.randint(*planned.template.hours)
        price = Decimal(rng.randint(*planned.template.price))
        rows.append((planned, maker, hours, price, _stock(planned.index, rng)))

    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        Product.objects.bulk_create(
            [
                Product(
                    structure=Product.STANDALONE,
                    upc=planned.upc,
                    title=planned.title,
                    slug=_slug(planned.title),
                    description=_description(planned, maker, hours),
                    product_class=classes[planned.template.product_class],
                    is_public=True,
                    is_discountable=True,
                    maker=maker,
                    technique=planned.template.technique,
                    hours_to_make=hours,
                    care_instructions=planned.template.care,
                )
                for planned, maker, hours, _, _ in batch
            ]
        )
        products = dict(
            Product.objects.filter(upc__in=[row[0].upc for row in batch]).values_list("upc", "pk")
        )
        stock, links, material_links, values, images = [], [], [], [], []
        for planned, maker, _, price, in_stock in batch:
            product_id = products[planned.upc]
            template = planned.template
            product_class = classes[template.product_class]
            stock.append(
                StockRecord(
                    product_id=product_id,
                    partner_id=maker.cooperative.partner_id,
                    partner_sku=planned.upc,
                    price=price,
                    price_currency="EUR",
                    num_in_stock=in_stock,
                    num_allocated=0,
                    low_stock_threshold=1,
                )
            )
            links.append(
                ProductCategory(product_id=product_id, category=categories[template.category])
            )
            material_links.extend(
                Product.materials.through(product_id=product_id, material=materials[slug])
                for slug in template.materials
            )
            for code, value in (
                ("colour", planned.colour_name),
                ("size", template.size),
                ("dimensions", template.dimensions),
            ):
                attribute = attributes.get((product_class.pk, code))
                if attribute is None or not value:
                    continue
                if attribute.type == ProductAttribute.OPTION:
                    option = sizes.get(value)
                    if option is not None:
                        values.append(
                            ProductAttributeValue(
                                attribute=attribute, product_id=product_id, value_option=option
                            )
                        )
                else:
                    values.append(
                        ProductAttributeValue(
                            attribute=attribute, product_id=product_id, value_text=value
                        )
                    )
            for order, name in enumerate(_image_names(planned)):
                caption = planned.title if order == 0 else f"{planned.title}: close-up"
                images.append(
                    ProductImage(
                        product_id=product_id,
                        original=name,
                        caption=caption[:200],
                        display_order=order,
                    )
                )
        StockRecord.objects.bulk_create(stock)
        ProductCategory.objects.bulk_create(links)
        Product.materials.through.objects.bulk_create(material_links)
        ProductAttributeValue.objects.bulk_create(values)
        ProductImage.objects.bulk_create(images)
        report.created["products"] += len(batch)
        report.created["product images"] += len(images)
        progress.advance(len(batch))
    progress.finish()


def _load_translations(count: int, report: LoadReport) -> None:
    """Turkish and Arabic for the products and cooperatives (shop/demo/translations.json), and
    the search text of every demo product (bulk creation skips the signals that keep it)."""
    from shop.demo.translations import (
        demo_translations,
        translate_cooperatives,
        translate_makers,
        translate_products,
    )

    data = demo_translations()
    report.created["translated cooperatives"] += translate_cooperatives(data)
    report.created["translated makers"] += translate_makers(data)
    report.created["translated products"] += translate_products(_product_plan(count))


def _slug(title: str) -> str:
    return slugify(title)[:128]


def _draw_pictures(todo: list[PlannedProduct], progress: Progress, report: LoadReport) -> None:
    """Draw each source product's views, unless its files exist, and their thumbnails.

    Threads, because Pillow lets go of the interpreter lock while it encodes and resizes.
    """
    sources: dict[int, PlannedProduct] = {}
    for planned in todo:
        sources.setdefault(planned.source_index, planned)
    progress.start("Pictures", len(sources))
    with ThreadPoolExecutor(max_workers=PICTURE_THREADS) as pool:
        for created in pool.map(_draw_product_pictures, sources.values()):
            report.created["image files"] += created
            progress.advance()
    progress.finish()


def _draw_product_pictures(planned: PlannedProduct) -> int:
    names = _image_names(planned)
    created = 0
    if not all(default_storage.exists(name) for name in names):
        views = drawing.draw_product_views(
            planned.template.drawing,
            planned.colourway,
            SEED + planned.source_index,
            count=len(names),
        )
        for name, data in zip(names, views, strict=True):
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(data))
                created += 1
    for name in names:
        thumbnails_generate(source_name=name, variants=STOREFRONT_VARIANTS)
    return created


# Logins and the home page


def _user(
    email: str,
    *,
    first_name: str,
    last_name: str = "",
    is_staff=False,
    superuser=False,
    groups=(),
    report: LoadReport,
):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=email.split("@")[0],
        defaults={
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "is_staff": is_staff or superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        password = secrets.token_urlsafe(12) if report.random_passwords else DEMO_PASSWORD
        report.passwords[email] = password
        user.set_password(password)
        user.save(update_fields=["password"])
        report.created["users"] += 1
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def _load_logins(cooperatives, report: LoadReport) -> list[Login]:
    for name in ("Shop staff", "Coordinators", "Members", "Editors", "Moderators"):
        Group.objects.get_or_create(name=name)
    logins = []
    _user(
        "staff@ortak.example",
        first_name="Deniz",
        last_name="(shop staff)",
        superuser=True,
        groups=["Shop staff"],
        report=report,
    )
    logins.append(Login("shop staff", "staff@ortak.example", "Oscar dashboard, Wagtail admin"))

    def make_user(email, *, first_name, last_name="", groups=()):
        return _user(email, first_name=first_name, last_name=last_name, groups=groups,
                     report=report)

    # Coordinators and members work in the cooperative workspace, never in Oscar's dashboard:
    # none of them is staff.
    load_workspace(cooperatives=cooperatives, make_user=make_user, report=report)
    logins += _workspace_logins(cooperatives)
    _user(
        "editor@ortak.example",
        first_name="Selin",
        last_name="(editor)",
        groups=["Editors"],
        report=report,
    )
    logins.append(Login("editor", "editor@ortak.example", "Wagtail admin: stories and pages"))
    _user(
        "moderator@ortak.example",
        first_name="Aylin",
        last_name="(moderator)",
        groups=["Moderators"],
        report=report,
    )
    logins.append(Login("moderator", "moderator@ortak.example", "Wagtail admin: approves pages"))
    _user("customer@ortak.example", first_name="Clara", last_name="Customer", report=report)
    logins.append(Login("customer", "customer@ortak.example", "storefront account"))
    return logins


def _workspace_logins(cooperatives: dict) -> list[Login]:
    logins = []
    makers = dict(
        Maker.objects.filter(slug__in=[slug for slug, _email in member_logins()]).values_list(
            "slug", "display_name"
        )
    )
    for data in COOPERATIVES:
        cooperative = cooperatives.get(data.slug)
        name = cooperative.name if cooperative else data.name
        logins.append(
            Login("coordinator", coordinator_email(data.slug), f"Workspace: {name}")
        )
        for maker_slug, email in member_logins(data.slug):
            maker_name = makers.get(maker_slug, maker_slug)
            logins.append(Login("member (maker)", email, f"Workspace: {maker_name}, {name}"))
    return logins


def demo_logins() -> list[Login]:
    """The demo's logins that exist in the database, read without writing anything."""
    User = get_user_model()
    wanted = [("shop staff", "staff@ortak.example", "Oscar dashboard, Wagtail admin")]
    wanted += [
        (login.role, login.email, login.note)
        for login in _workspace_logins(
            {cooperative.slug: cooperative for cooperative in Cooperative.objects.all()}
        )
    ]
    wanted += [
        ("editor", "editor@ortak.example", "Wagtail admin: stories and pages"),
        ("moderator", "moderator@ortak.example", "Wagtail admin: approves pages"),
        ("customer", "customer@ortak.example", "storefront account"),
    ]
    existing = set(
        User.objects.filter(email__in=[email for _, email, _ in wanted]).values_list(
            "email", flat=True
        )
    )
    return [Login(role, email, note) for role, email, note in wanted if email in existing]


def _load_home_page(report: LoadReport) -> None:
    from stories.models import HomePage

    home = HomePage.objects.first()
    if home is None or home.hero_image_id is not None:
        return
    home.hero_image = _wagtail_image(
        "Home: a cooperative's workshop (demo)",
        lambda: drawing.draw_workshop("pomegranate", SEED - 1, width=1600, height=900),
        "demo-home-hero.jpg",
        HERO_RENDITIONS,
    )
    home.hero_text = (
        "Jewelry, textiles and clothing from four women's cooperatives in Türkiye and India, "
        "each piece traced to the woman who made it."
    )
    home.save_revision().publish()
    report.created["home page"] += 1
