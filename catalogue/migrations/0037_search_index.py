"""A full-text index over the search text, and the facet keys of each product (issue 14).

PostgreSQL: three generated `tsvector` columns, one per search tier, whose lexemes are the
stored words as they are (already folded and stemmed), each with a GIN index. SQLite: an FTS5
table with the ascii tokenizer (words split at spaces, nothing else changed) kept in step with
`catalogue_productsearchtext` by triggers. Then the search text and facet keys of every product.
"""

import django.db.models.deletion
from django.db import migrations, models

# Words of one column as lexemes, without the text-search parser: the text is folded already.
_LEXEMES = "array_to_tsvector(array_remove(string_to_array(btrim({}), ' '), ''))"
_TIERS = {
    "tier1_words": ('"primary"',),
    "tier2_words": ('"primary"', "secondary"),
    "tier3_words": ('"primary"', "secondary", "owner"),
}

SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS catalogue_productsearch_fts "
    "USING fts5(\"primary\", secondary, owner, tokenize = 'ascii')",
    "CREATE TRIGGER IF NOT EXISTS catalogue_productsearchtext_fts_insert "
    "AFTER INSERT ON catalogue_productsearchtext BEGIN "
    "INSERT INTO catalogue_productsearch_fts (rowid, \"primary\", secondary, owner) "
    "VALUES (new.product_id, new.\"primary\", new.secondary, new.owner); END",
    "CREATE TRIGGER IF NOT EXISTS catalogue_productsearchtext_fts_delete "
    "AFTER DELETE ON catalogue_productsearchtext BEGIN "
    "DELETE FROM catalogue_productsearch_fts WHERE rowid = old.product_id; END",
    "CREATE TRIGGER IF NOT EXISTS catalogue_productsearchtext_fts_update "
    "AFTER UPDATE ON catalogue_productsearchtext BEGIN "
    "DELETE FROM catalogue_productsearch_fts WHERE rowid = old.product_id; "
    "INSERT INTO catalogue_productsearch_fts (rowid, \"primary\", secondary, owner) "
    "VALUES (new.product_id, new.\"primary\", new.secondary, new.owner); END",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS catalogue_productsearchtext_fts_insert",
    "DROP TRIGGER IF EXISTS catalogue_productsearchtext_fts_delete",
    "DROP TRIGGER IF EXISTS catalogue_productsearchtext_fts_update",
    "DROP TABLE IF EXISTS catalogue_productsearch_fts",
]


def _postgres_forwards() -> list[str]:
    statements = []
    for column, sources in _TIERS.items():
        vector = " || ".join(_LEXEMES.format(source) for source in sources)
        statements += [
            f"ALTER TABLE catalogue_productsearchtext ADD COLUMN IF NOT EXISTS {column} tsvector "
            f"GENERATED ALWAYS AS ({vector}) STORED",
            f"CREATE INDEX IF NOT EXISTS catalogue_searchtext_{column} "
            f"ON catalogue_productsearchtext USING gin ({column})",
        ]
    return statements


def full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": _postgres_forwards(), "sqlite": SQLITE_FORWARDS}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop_full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for column in _TIERS:
            schema_editor.execute(
                f"ALTER TABLE catalogue_productsearchtext DROP COLUMN IF EXISTS {column}"
            )
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARDS:
            schema_editor.execute(statement)


def rebuild(apps, schema_editor):
    from catalogue.search import search_texts_rebuild

    search_texts_rebuild(apps.get_model("catalogue", "Product").objects.all())


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0036_translated_content_data'),
        ('cooperatives', '0003_translated_content'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProductFacet',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('facet', models.CharField(max_length=12)),
                ('category', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='catalogue.category')),
                ('cooperative', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='cooperatives.cooperative')),
                ('maker', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='cooperatives.maker')),
                ('material', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='catalogue.material')),
                ('product', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='facet_keys', to='catalogue.product')),
            ],
            options={
                'indexes': [models.Index(fields=['facet', 'product'], name='catalogue_facet_product')],
            },
        ),
        migrations.RunPython(full_text_index, drop_full_text_index),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
