"""Factories for the shop's own models. Oscar's product pieces are built with Oscar's helpers."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from oscar.core.loading import get_class, get_model

from cooperatives.models import Cooperative, Maker

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("a-long-test-password")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Cooperative {n}")
    code = factory.Sequence(lambda n: f"cooperative-{n}")


class CooperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperative

    partner = factory.SubFactory(PartnerFactory)
    name = factory.LazyAttribute(lambda cooperative: cooperative.partner.name)
    slug = factory.LazyAttribute(lambda cooperative: cooperative.partner.code)
    region = "Gaziantep"
    country = "Türkiye"
    summary = "Women weaving and embroidering together."
    member_count = 12
    # Staff-only details carry marker values so any leak to a page or an email is caught.
    contact_name = factory.Sequence(lambda n: f"PRIVATE-CONTACT-NAME-{n}")
    contact_email = factory.Sequence(lambda n: f"private-contact-{n}@private-marker.example")
    contact_phone = factory.Sequence(lambda n: f"PRIVATE-CONTACT-PHONE-{n}")


class MakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Maker

    cooperative = factory.SubFactory(CooperativeFactory)
    display_name = factory.Sequence(lambda n: f"Maker {n}")
    slug = factory.Sequence(lambda n: f"maker-{n}")
    crafts = "Embroidery"
    consent_show_photo = True
    consent_show_story = True
    # Private details carry marker values so any leak to a page or an email is caught.
    legal_name = factory.Sequence(lambda n: f"PRIVATE-LEGAL-NAME-{n}")
    phone = factory.Sequence(lambda n: f"PRIVATE-PHONE-{n}")
    nationality = "PRIVATE-NATIONALITY"
    address = factory.Sequence(lambda n: f"PRIVATE-ADDRESS-{n}")


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("slug",)

    name = "Handmade goods"
    slug = "handmade-goods"
    requires_shipping = True
    track_stock = True


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    title = factory.Sequence(lambda n: f"Embroidered cushion {n}")
    slug = factory.LazyAttributeSequence(lambda product, n: f"{slugify(product.title)}-{n}")
    upc = factory.Sequence(lambda n: f"ORT{n:06d}")
    product_class = factory.SubFactory(ProductClassFactory)
    maker = factory.SubFactory(MakerFactory)
    structure = "standalone"
    is_public = True
    description = "A cushion cover embroidered by hand."


class StockRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StockRecord

    product = factory.SubFactory(ProductFactory)
    partner = factory.LazyAttribute(lambda record: record.product.maker.cooperative.partner)
    partner_sku = factory.Sequence(lambda n: f"SKU{n:06d}")
    price = Decimal("24.00")
    price_currency = "EUR"
    num_in_stock = 5


PRIVATE_MARKERS = ("PRIVATE-", "private-marker.example")


def product_for_sale(**kwargs):
    """A public product with a maker and stock, as a customer would find it."""
    price = kwargs.pop("price", Decimal("24.00"))
    num_in_stock = kwargs.pop("num_in_stock", 5)
    product = ProductFactory(**kwargs)
    StockRecordFactory(product=product, price=price, num_in_stock=num_in_stock)
    return product


def order_place(
    *products, quantity=1, user=None, guest_email="guest@example.com", shipping_address=None
):
    """An order holding each product, placed by the shop's own order creator (stock allocated,
    maker and cooperative kept on each line), without payment."""
    Basket = get_model("basket", "Basket")
    Selector = get_class("partner.strategy", "Selector")
    OrderCreator = get_class("order.utils", "OrderCreator")
    OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
    ShippingFree = get_class("shipping.methods", "Free")
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product, quantity)
    shipping = ShippingFree()
    total = OrderTotalCalculator().calculate(basket, shipping.calculate(basket))
    extra = {"user": user} if user else {"guest_email": guest_email}
    if shipping_address is not None:
        extra["shipping_address"] = shipping_address
    return OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=shipping,
        shipping_charge=shipping.calculate(basket),
        order_number=f"T{basket.pk:05d}",
        **extra,
    )
