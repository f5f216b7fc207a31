"""Existing words become their English version (the language they were written in, recorded as
each product's original language); the shop's categories, materials and product classes get
their Turkish and Arabic names; PostgreSQL gets pg_trgm and trigram indexes for the search; and
every product gets its search text (catalogue.search)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


# Reference data: code or slug -> (Turkish, Arabic). Only empty translations are filled.
CATEGORY_NAMES = {
    "jewelry": ("Takı", "مجوهرات"),
    "jewelry/necklaces": ("Kolyeler", "قلادات"),
    "jewelry/earrings": ("Küpeler", "أقراط"),
    "jewelry/bracelets": ("Bilezikler", "أساور"),
    "jewelry/rings": ("Yüzükler", "خواتم"),
    "household-textiles": ("Ev tekstili", "منسوجات منزلية"),
    "household-textiles/cushion-covers": ("Yastık kılıfları", "أغطية وسائد"),
    "household-textiles/table-linen": ("Masa örtüleri", "مفارش المائدة"),
    "household-textiles/towels-peshtemals": ("Havlular ve peştemaller", "مناشف وبشتمالات"),
    "household-textiles/throws-blankets": ("Örtüler ve battaniyeler", "أغطية وبطانيات"),
    "clothing": ("Giyim", "ملابس"),
    "clothing/scarves-shawls": ("Eşarplar ve şallar", "أوشحة وشالات"),
    "clothing/dresses-tunics": ("Elbiseler ve tunikler", "فساتين وتونيكات"),
    "clothing/kimonos-jackets": ("Kimonolar ve ceketler", "كيمونو وسترات"),
    "accessories": ("Aksesuarlar", "إكسسوارات"),
    "accessories/bags": ("Çantalar", "حقائب"),
    "accessories/pouches-purses": ("Keseler ve cüzdanlar", "أكياس ومحافظ"),
    "accessories/hair-accessories": ("Saç aksesuarları", "إكسسوارات الشعر"),
}
MATERIAL_NAMES = {
    "silver": ("Gümüş", "فضة"),
    "brass": ("Pirinç", "نحاس أصفر"),
    "copper": ("Bakır", "نحاس"),
    "glass-beads": ("Cam boncuk", "خرز زجاجي"),
    "cotton": ("Pamuk", "قطن"),
    "organic-cotton": ("Organik pamuk", "قطن عضوي"),
    "silk": ("İpek", "حرير"),
    "linen": ("Keten", "كتان"),
    "wool": ("Yün", "صوف"),
    "felt": ("Keçe", "لباد"),
    "leather": ("Deri", "جلد"),
    "bamboo": ("Bambu", "خيزران"),
    "natural-dyes": ("Doğal boyalar", "أصباغ طبيعية"),
    "mirror-glass": ("Ayna camı", "زجاج المرايا"),
    "reclaimed-fabric": ("Geri kazanılmış kumaş", "قماش معاد تدويره"),
    "wood": ("Ahşap", "خشب"),
}
PRODUCT_CLASS_NAMES = {
    "jewelry": ("Takı", "مجوهرات"),
    "textile": ("Tekstil", "منسوجات"),
    "clothing": ("Giyim", "ملابس"),
    "accessory": ("Aksesuar", "إكسسوارات"),
}


def _copy_to_english(model, fields):
    for row in model.objects.all().iterator():
        changed = []
        for field in fields:
            value = getattr(row, field)
            if value and not getattr(row, f"{field}_en"):
                setattr(row, f"{field}_en", value)
                changed.append(f"{field}_en")
        if changed:
            row.save(update_fields=changed)


def _name_in_other_languages(model, key_field, names):
    for row in model.objects.filter(**{f"{key_field}__in": list(names)}):
        turkish, arabic = names[getattr(row, key_field)]
        row.name_tr = row.name_tr or turkish
        row.name_ar = row.name_ar or arabic
        row.save(update_fields=["name_tr", "name_ar"])


def forwards(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    Category = apps.get_model("catalogue", "Category")
    ProductClass = apps.get_model("catalogue", "ProductClass")
    Material = apps.get_model("catalogue", "Material")
    _copy_to_english(Product, ("title", "description", "technique", "care_instructions"))
    Product.objects.filter(original_language="").update(original_language="en")
    _copy_to_english(Category, ("name", "description"))
    _copy_to_english(ProductClass, ("name",))
    _copy_to_english(Material, ("name",))
    _name_in_other_languages(Category, "code", CATEGORY_NAMES)
    _name_in_other_languages(Material, "slug", MATERIAL_NAMES)
    _name_in_other_languages(ProductClass, "slug", PRODUCT_CLASS_NAMES)

    from catalogue.search import search_texts_rebuild

    search_texts_rebuild(Product.objects.all())


class TrigramOnPostgres(TrigramExtension):
    """pg_trgm for the search's typo tolerance; nothing to do on SQLite."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def trigram_indexes(apps, schema_editor):
    """GIN trigram indexes: PostgreSQL answers `LIKE '% word%'` from them, not a table scan."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in ("primary", "secondary", "owner"):
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS catalogue_searchtext_{column}_trgm '
            f'ON catalogue_productsearchtext USING gin ("{column}" gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in ("primary", "secondary", "owner"):
        schema_editor.execute(f"DROP INDEX IF EXISTS catalogue_searchtext_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0035_translated_content"),
        ("cooperatives", "0003_translated_content"),
        ("shop", "0002_product_classes_and_materials"),
    ]

    operations = [
        TrigramOnPostgres(),
        migrations.RunPython(trigram_indexes, drop_trigram_indexes),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
