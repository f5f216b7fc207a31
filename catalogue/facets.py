"""The filter keys of each sellable product (`ProductFacet`), written beside its search text.

Browsing and its facet counts read this one narrow table (README, "Design"): a category page
is the products with a "within" key of that category, a facet count is a GROUP BY over the keys
of the products the other filters leave. Rebuilt by the same path as the search text
(`catalogue.search.search_texts_rebuild`: signals on every edit, a task off the request, a
rebuild after bulk loads), idempotently: a product's keys are deleted and written again.

Reads fields only, never methods, so a migration's historical models can use it too.
"""


def _is_sellable(product, makers_by_id: dict) -> bool:
    maker = makers_by_id.get(product.maker_id)
    return (
        product.parent_id is None
        and product.is_public
        and maker is not None
        and not maker.is_archived
    )


def facet_keys_rebuild(products: list, apps_registry) -> int:
    """Write the keys of these products (a list of instances); returns how many rows."""
    if not products:
        return 0
    ProductFacet = apps_registry.get_model("catalogue", "ProductFacet")
    Category = apps_registry.get_model("catalogue", "Category")
    Maker = apps_registry.get_model("cooperatives", "Maker")
    model = type(products[0])
    ids = [product.pk for product in products]
    makers_by_id = {
        maker.pk: maker
        for maker in Maker.objects.filter(pk__in={p.maker_id for p in products if p.maker_id})
    }
    categories_by_path = {category.path: category for category in Category.objects.all()}
    categories: dict[int, list] = {}
    for link in model.categories.through.objects.filter(product_id__in=ids).select_related(
        "category"
    ):
        categories.setdefault(link.product_id, []).append(link.category)
    materials: dict[int, list[int]] = {}
    for product_id, material_id in model.materials.through.objects.filter(
        product_id__in=ids
    ).values_list("product_id", "material_id"):
        materials.setdefault(product_id, []).append(material_id)

    rows = []
    for product in products:
        if not _is_sellable(product, makers_by_id):
            continue
        maker = makers_by_id[product.maker_id]
        key = ProductFacet
        rows.append(key(product_id=product.pk, facet="cooperative",
                        cooperative_id=maker.cooperative_id))
        rows.append(key(product_id=product.pk, facet="maker", maker_id=maker.pk))
        rows += [
            key(product_id=product.pk, facet="material", material_id=material_id)
            for material_id in dict.fromkeys(materials.get(product.pk, []))
        ]
        within: dict[int, None] = {}
        for category in categories.get(product.pk, []):
            rows.append(key(product_id=product.pk, facet="category", category_id=category.pk))
            for level in range(1, category.depth + 1):
                ancestor = categories_by_path.get(category.path[: 4 * level])
                if ancestor is not None:
                    within.setdefault(ancestor.pk)
        rows += [
            key(product_id=product.pk, facet="within", category_id=category_id)
            for category_id in within
        ]
    ProductFacet.objects.filter(product_id__in=ids).delete()
    ProductFacet.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
