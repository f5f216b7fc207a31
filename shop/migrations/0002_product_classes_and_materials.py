"""Product classes with their attributes, and the materials the catalogue filters on.

Materials, technique, care and hours of work are fields of `Product` (the catalogue filters on
them), so the classes carry only what differs by kind of good: size, colour, dimensions.
Everything is found by a natural key (slug, code), so the migration can run again.
"""

from django.db import migrations

CLOTHING_SIZES = [
    ("XS", "clothing-size-xs"),
    ("S", "clothing-size-s"),
    ("M", "clothing-size-m"),
    ("L", "clothing-size-l"),
    ("XL", "clothing-size-xl"),
    ("One size", "clothing-size-one-size"),
]

# slug, name, [(code, name, type)]
PRODUCT_CLASSES = [
    ("jewelry", "Jewelry", [("size", "Size", "text"), ("colour", "Colour", "text")]),
    (
        "textile",
        "Textile",
        [("size", "Size", "text"), ("colour", "Colour", "text"),
         ("dimensions", "Dimensions", "text")],
    ),
    ("clothing", "Clothing", [("size", "Size", "option"), ("colour", "Colour", "text")]),
    ("accessory", "Accessory", [("size", "Size", "text"), ("colour", "Colour", "text")]),
]

MATERIALS = [
    ("silver", "Silver"),
    ("brass", "Brass"),
    ("copper", "Copper"),
    ("glass-beads", "Glass beads"),
    ("cotton", "Cotton"),
    ("organic-cotton", "Organic cotton"),
    ("silk", "Silk"),
    ("linen", "Linen"),
    ("wool", "Wool"),
    ("felt", "Felt"),
    ("leather", "Leather"),
    ("bamboo", "Bamboo"),
    ("natural-dyes", "Natural dyes"),
    ("mirror-glass", "Mirror glass"),
    ("reclaimed-fabric", "Reclaimed fabric"),
    ("wood", "Wood"),
]


def add_reference_data(apps, schema_editor):
    ProductClass = apps.get_model("catalogue", "ProductClass")
    ProductAttribute = apps.get_model("catalogue", "ProductAttribute")
    AttributeOptionGroup = apps.get_model("catalogue", "AttributeOptionGroup")
    AttributeOption = apps.get_model("catalogue", "AttributeOption")
    Material = apps.get_model("catalogue", "Material")

    sizes, _ = AttributeOptionGroup.objects.get_or_create(
        code="clothing-sizes", defaults={"name": "Clothing sizes"}
    )
    for option, code in CLOTHING_SIZES:
        AttributeOption.objects.get_or_create(
            code=code, defaults={"group": sizes, "option": option}
        )

    for slug, name, attributes in PRODUCT_CLASSES:
        product_class, _ = ProductClass.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "requires_shipping": True, "track_stock": True},
        )
        for code, attribute_name, attribute_type in attributes:
            ProductAttribute.objects.get_or_create(
                product_class=product_class,
                code=code,
                defaults={
                    "name": attribute_name,
                    "type": attribute_type,
                    "option_group": sizes if attribute_type == "option" else None,
                    "required": False,
                },
            )

    for slug, name in MATERIALS:
        if not Material.objects.filter(name=name).exists():
            Material.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_categories"),
        ("catalogue", "0034_provenance"),
    ]

    operations = [migrations.RunPython(add_reference_data, migrations.RunPython.noop)]
