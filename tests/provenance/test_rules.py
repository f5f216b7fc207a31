"""The provenance rules: who made it, which cooperative stocks it, what an order line keeps."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from oscar.core.loading import get_model

from catalogue.provenance import line_provenance_snapshot
from cooperatives.services import maker_remove
from tests.factories import (
    CooperativeFactory,
    MakerFactory,
    ProductFactory,
    StockRecordFactory,
    order_place,
    product_for_sale,
)

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
Line = get_model("order", "Line")


def test_a_product_cannot_go_on_sale_without_a_maker():
    product = ProductFactory(maker=None, is_public=True)
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert "Choose the maker of this product" in str(error.value)


def test_a_draft_product_may_wait_for_its_maker():
    product = ProductFactory(maker=None, is_public=False)
    product.full_clean()


def test_stock_from_another_cooperative_is_refused_with_a_clear_message():
    product = product_for_sale()
    other = CooperativeFactory(name="Mardin Telkari Women")
    record = product.stockrecords.get()
    record.partner = other.partner
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    message = str(error.value)
    assert product.maker.display_name in message
    assert "only" in message and product.maker.cooperative.name in message
    record.refresh_from_db()
    assert record.partner == product.maker.cooperative.partner


def test_giving_a_product_a_maker_of_another_cooperative_is_refused():
    product = product_for_sale()
    stranger = MakerFactory(cooperative=CooperativeFactory(name="Ahmedabad Block Printers"))
    product.maker = stranger
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert "Ahmedabad Block Printers" in str(error.value)
    product.refresh_from_db()
    assert product.maker != stranger


def test_an_archived_maker_cannot_be_given_a_product_for_sale():
    maker = MakerFactory(is_archived=True)
    product = ProductFactory(maker=maker, is_public=True)
    with pytest.raises(ValidationError, match="archived"):
        product.full_clean()


def _place_order(product, quantity=1):
    return order_place(product, quantity=quantity)


def test_an_order_line_keeps_maker_and_cooperative_through_later_edits_and_deletion():
    product = product_for_sale(price=Decimal("30.00"))
    maker = product.maker
    cooperative = maker.cooperative
    name_at_sale = maker.public_name
    order = _place_order(product)
    line = order.lines.get()
    assert (line.maker_name, line.cooperative_name) == (name_at_sale, cooperative.name)

    maker.display_name = "Renamed later"
    maker.save()
    product.delete()
    line.refresh_from_db()
    assert line.maker_name == name_at_sale
    assert line.product_id is None
    assert line.cooperative_name == cooperative.name
    assert line.maker_id == maker.pk


def test_removing_a_maker_who_has_sold_archives_her_and_keeps_her_name_on_lines():
    product = product_for_sale()
    maker = product.maker
    order = _place_order(product)

    assert maker_remove(maker=maker) == "archived"

    maker.refresh_from_db()
    product.refresh_from_db()
    assert maker.is_archived
    assert not product.is_public
    line = order.lines.get()
    assert line.maker_id == maker.pk and line.maker_name == maker.public_name


def test_removing_a_maker_with_no_history_deletes_her():
    maker = MakerFactory()
    assert maker_remove(maker=maker) == "deleted"
    assert not type(maker).objects.filter(pk=maker.pk).exists()


def test_snapshot_uses_the_public_name_never_private_fields():
    maker = MakerFactory(
        display_name="Leyla", first_name="Real", consent_show_first_name=False,
        legal_name="PRIVATE-LEGAL-NAME",
    )
    product = ProductFactory(maker=maker)
    snapshot = line_provenance_snapshot(product)
    assert snapshot["maker_name"] == "Leyla"
    assert "PRIVATE" not in str(snapshot)


def test_stock_record_factory_follows_the_makers_cooperative():
    record = StockRecordFactory()
    assert record.partner == record.product.maker.cooperative.partner


def test_a_variant_is_made_by_its_parents_maker_and_sold_lines_say_so():
    parent = ProductFactory(structure="parent", is_public=True)
    child = ProductFactory(
        structure="child", parent=parent, maker=None, title="", product_class=None
    )
    child.full_clean()
    assert line_provenance_snapshot(child)["maker_name"] == parent.maker.public_name
    StockRecordFactory(product=child, partner=parent.maker.cooperative.partner).full_clean()
