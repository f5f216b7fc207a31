"""Shop staff see and change makers' private details (legal name, phone, nationality, address).

The permission is declared on `cooperatives.Maker`; on a new database it does not exist until
after `migrate`, so it is made here by its natural key, as Django would make it.
"""

from django.db import migrations


def add_permission(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="cooperatives", model="maker")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_private_maker_data",
        defaults={"name": "Can see and change makers' private details"},
    )
    staff, _ = Group.objects.get_or_create(name="Shop staff")
    staff.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0003_roles"),
        ("cooperatives", "0002_maker_private_permission"),
    ]

    operations = [migrations.RunPython(add_permission, migrations.RunPython.noop)]
