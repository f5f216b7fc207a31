"""The content languages as Wagtail locales (English exists from Wagtail's own migrations).

Reference data, like the shop's categories: the page trees in Turkish and Arabic are made by
wagtail-localize (the demo loader, or an editor in Settings → Locales → "Synchronise content").
"""

from django.db import migrations

LANGUAGE_CODES = ("en", "tr", "ar")


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0005_site_structure"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
