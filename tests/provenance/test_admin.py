"""Staff manage provenance: the maker is picked with her cooperative shown, deleting a maker who
has sold archives her, and her private details are only in the form for shop staff."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from oscar.core.loading import get_model

from cooperatives.models import Maker
from tests.factories import (
    CooperativeFactory,
    MakerFactory,
    ProductClassFactory,
    UserFactory,
    product_for_sale,
)

pytestmark = pytest.mark.django_db

Line = get_model("order", "Line")


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_product_form_picks_the_maker_by_name_with_her_cooperative(client, staff):
    MakerFactory(
        display_name="Hatice", cooperative=CooperativeFactory(name="Mardin Telkari Women")
    )
    product_class = ProductClassFactory()
    response = client.get(
        reverse("dashboard:catalogue-product-create",
                kwargs={"product_class_slug": product_class.slug})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hatice — Mardin Telkari Women" in html
    assert 'name="materials"' in html and 'name="technique_en"' in html
    # Every translated field in every language, side by side (catalogue/translation.py).
    assert 'name="title_tr"' in html and 'name="care_instructions_ar"' in html


def test_a_product_saved_for_sale_without_a_maker_is_refused_in_the_dashboard(client, staff):
    product_class = ProductClassFactory()
    response = client.post(
        reverse("dashboard:catalogue-product-create",
                kwargs={"product_class_slug": product_class.slug}),
        {
            "title_en": "Untraced bracelet", "upc": "", "description_en": "", "is_public": "on",
            "structure": "standalone", "slug": "untraced-bracelet",
            "stockrecords-TOTAL_FORMS": "0", "stockrecords-INITIAL_FORMS": "0",
            "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
            "categories-TOTAL_FORMS": "0", "categories-INITIAL_FORMS": "0",
            "recommended_products-TOTAL_FORMS": "0",
            "recommended_products-INITIAL_FORMS": "0",
            "product_options-TOTAL_FORMS": "0", "product_options-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Choose the maker of this product before offering it for sale." in (
        response.content.decode()
    )
    assert not get_model("catalogue", "Product").objects.filter(title="Untraced bracelet").exists()


def test_deleting_a_maker_who_has_sold_archives_her_with_a_message(client, staff):
    product = product_for_sale()
    maker = product.maker
    response = client.post(
        reverse("wagtailsnippets_cooperatives_maker:delete", args=[maker.pk]), follow=True
    )
    assert response.status_code == 200
    maker.refresh_from_db()
    assert maker.is_archived
    assert "archived instead of deleted" in response.content.decode()


def test_deleting_a_maker_without_history_deletes_her(client, staff):
    maker = MakerFactory()
    client.post(reverse("wagtailsnippets_cooperatives_maker:delete", args=[maker.pk]))
    assert not Maker.objects.filter(pk=maker.pk).exists()


def test_private_details_are_in_the_maker_form_only_for_shop_staff(client):
    maker = MakerFactory(legal_name="PRIVATE-LEGAL-SEEN")
    editor = UserFactory()
    group = Group.objects.create(name="Maker profile editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_maker"),
        Permission.objects.get(codename="view_maker"),
    )
    editor.groups.add(group)
    client.force_login(editor)
    url = reverse("wagtailsnippets_cooperatives_maker:edit", args=[maker.pk])
    html = client.get(url).content.decode()
    assert maker.display_name in html
    assert 'name="legal_name"' not in html and "PRIVATE-LEGAL-SEEN" not in html

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(url).content.decode()
    assert 'name="legal_name"' in html and "PRIVATE-LEGAL-SEEN" in html
