"""Coordinators and members leave Oscar's dashboard for the workspace.

Earlier demo shops made each coordinator `is_staff` and a user of her cooperative's Oscar
partner, with `partner.dashboard_access`: Oscar's dashboard then showed her every cooperative's
orders, customers and prices. Here, on any shop already running:
- each such partner user becomes a `workspace.Coordinator` of that cooperative, and leaves the
  partner's users (Oscar's partner scoping is no longer how coordinators are kept apart);
- the Coordinators group loses `partner.dashboard_access`;
- coordinators and members who are not shop staff (the Shop staff group, or superusers) lose
  `is_staff`.
"""

from django.db import migrations


def leave_dashboard(apps, schema_editor):
    User = apps.get_model("auth", "User")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Cooperative = apps.get_model("cooperatives", "Cooperative")
    Maker = apps.get_model("cooperatives", "Maker")
    Coordinator = apps.get_model("workspace", "Coordinator")

    coordinators_group = Group.objects.filter(name="Coordinators").first()
    for cooperative in Cooperative.objects.select_related("partner"):
        for user in cooperative.partner.users.all():
            is_coordinator = coordinators_group is not None and user.groups.filter(
                pk=coordinators_group.pk
            ).exists()
            if is_coordinator and not Coordinator.objects.filter(user=user).exists():
                Coordinator.objects.create(user=user, cooperative=cooperative)
            if is_coordinator:
                cooperative.partner.users.remove(user)

    if coordinators_group is not None:
        coordinators_group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="partner", codename="dashboard_access"
            )
        )

    role_users = set(Coordinator.objects.values_list("user_id", flat=True))
    role_users |= set(Maker.objects.exclude(user=None).values_list("user_id", flat=True))
    if coordinators_group is not None:
        role_users |= set(coordinators_group.user_set.values_list("pk", flat=True))
    (
        User.objects.filter(pk__in=role_users, is_staff=True, is_superuser=False)
        .exclude(groups__name="Shop staff")
        .update(is_staff=False)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0001_initial"),
        ("shop", "0004_shop_staff_private_details"),
        ("cooperatives", "0002_maker_private_permission"),
        ("partner", "0008_stockrecord_allocation_bounds"),
    ]

    operations = [migrations.RunPython(leave_dashboard, migrations.RunPython.noop)]
