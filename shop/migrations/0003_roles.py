"""The shop's roles as groups, with the permissions each needs to reach its screens.

- Shop staff: the Oscar dashboard, the Wagtail admin, and the shop's own models.
  (Makers' private details are added in 0004.)
- Coordinators: Oscar's partner dashboard (`partner.dashboard_access`), which limits them to
  their own cooperative's stock and order lines. (Withdrawn by workspace 0002: coordinators
  now work in the cooperative workspace, and Oscar's dashboard is for shop staff only.)
- Members: no admin; the member area checks the link between her account and her maker record.
- Editors and Moderators: Wagtail creates them; its page permissions are given in stories'
  migrations. Here they only get into the Wagtail admin.

Every step is a get-or-create, so this and the stories migrations can run in either order and
again.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_APPS = ("catalogue", "partner", "cooperatives")


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def add_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    # Model permissions are created after `migrate`; on a new database they do not exist yet.
    for label in STAFF_APPS:
        create_permissions(global_apps.get_app_config(label), verbosity=0, apps=apps)

    dashboard_access = _permission(
        apps, "partner", "partner", "dashboard_access", "Can access dashboard"
    )
    admin_access = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )

    staff, _ = Group.objects.get_or_create(name="Shop staff")
    staff.permissions.add(
        dashboard_access,
        admin_access,
        *Permission.objects.filter(content_type__app_label__in=STAFF_APPS),
    )
    coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    coordinators.permissions.add(dashboard_access)
    Group.objects.get_or_create(name="Members")
    for name in ("Editors", "Moderators"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0002_product_classes_and_materials"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partner", "0008_stockrecord_allocation_bounds"),
        ("cooperatives", "0001_initial"),
        # Wagtail creates the Editors and Moderators groups and the admin permission.
        ("wagtailcore", "0002_initial_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
