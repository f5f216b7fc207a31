"""The shop's category tree: four departments and their sub-categories.

Oscar's `Category` is a treebeard materialised-path node. Historical models in a migration have
none of treebeard's methods, so the paths are computed here with treebeard's own scheme for
Oscar's category (steplen 4, alphabet 0-9A-Z). Nodes are found by their `code`, so the migration
can run again, and adds its nodes after any the shop already has.
"""

from django.db import migrations

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

CATEGORIES = [
    ("jewelry", "Jewelry", [
        ("necklaces", "Necklaces"),
        ("earrings", "Earrings"),
        ("bracelets", "Bracelets"),
        ("rings", "Rings"),
    ]),
    ("household-textiles", "Household textiles", [
        ("cushion-covers", "Cushion covers"),
        ("table-linen", "Table linen"),
        ("towels-peshtemals", "Towels & peshtemals"),
        ("throws-blankets", "Throws & blankets"),
    ]),
    ("clothing", "Clothing", [
        ("scarves-shawls", "Scarves & shawls"),
        ("dresses-tunics", "Dresses & tunics"),
        ("kimonos-jackets", "Kimonos & jackets"),
    ]),
    ("accessories", "Accessories", [
        ("bags", "Bags"),
        ("pouches-purses", "Pouches & purses"),
        ("hair-accessories", "Hair accessories"),
    ]),
]


def _step(number: int) -> str:
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def _next_child_path(Category, parent_path: str, depth: int) -> str:
    last = (
        Category.objects.filter(depth=depth, path__startswith=parent_path)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    return parent_path + _step(number)


def _get_or_add(Category, *, code, name, slug, parent):
    existing = Category.objects.filter(code=code).first()
    if existing is None and parent is None:
        existing = Category.objects.filter(depth=1, slug=slug).first()
    elif existing is None:
        existing = Category.objects.filter(
            depth=parent.depth + 1, path__startswith=parent.path, slug=slug
        ).first()
    if existing is not None:
        return existing
    parent_path = parent.path if parent else ""
    depth = parent.depth + 1 if parent else 1
    category = Category.objects.create(
        path=_next_child_path(Category, parent_path, depth),
        depth=depth,
        numchild=0,
        name=name,
        code=code,
        slug=slug,
        is_public=True,
        ancestors_are_public=True,
    )
    if parent is not None:
        parent.numchild = Category.objects.filter(
            depth=depth, path__startswith=parent.path
        ).count()
        parent.save(update_fields=["numchild"])
    return category


def add_categories(apps, schema_editor):
    Category = apps.get_model("catalogue", "Category")
    for root_slug, root_name, children in CATEGORIES:
        root = _get_or_add(Category, code=root_slug, name=root_name, slug=root_slug, parent=None)
        for child_slug, child_name in children:
            _get_or_add(
                Category,
                code=f"{root_slug}/{child_slug}",
                name=child_name,
                slug=child_slug,
                parent=root,
            )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0034_provenance")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
