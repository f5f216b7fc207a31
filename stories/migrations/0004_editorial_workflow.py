"""Editors draft and submit; Moderators approve and publish.

- Both groups get into the Wagtail admin and nowhere else (no Oscar dashboard, no Django admin:
  their users are not staff and hold no shop permissions).
- Their page permissions sit on the Ortak home page rather than the tree's root, so neither can
  start a second site at the root.
- A "Moderators approval" workflow (one group-approval task for Moderators) is assigned to the
  home page: whatever an editor submits waits for a moderator.

Every step is a get-or-create: this migration, Wagtail's own and the shop's roles migration can
run in any order and again.
"""

from django.db import migrations

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
WORKFLOW_NAME = "Moderators approval"


def set_up_editorial_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    HomePage = apps.get_model("stories", "HomePage")

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")

    def page_permission(codename):
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type,
            codename=codename,
            defaults={"name": f"Can {codename.replace('_', ' ')}"},
        )
        return permission

    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    editors.permissions.add(access_admin)
    moderators.permissions.add(access_admin)

    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    home_page = Page.objects.get(pk=home.pk)
    tree_root = Page.objects.filter(depth=1).first()
    for group, codenames in (
        (editors, EDITOR_PAGE_PERMISSIONS),
        (moderators, MODERATOR_PAGE_PERMISSIONS),
    ):
        if tree_root is not None:
            GroupPagePermission.objects.filter(group=group, page=tree_root).delete()
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=home_page, permission=page_permission(codename)
            )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW_NAME, content_type=task_type, active=True
        )
    task.groups.add(moderators)
    if not WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        WorkflowTask.objects.create(
            workflow=workflow, task_id=task.pk, sort_order=workflow.workflow_tasks.count()
        )
    WorkflowPage.objects.update_or_create(page=home_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0003_story_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(set_up_editorial_workflow, migrations.RunPython.noop)]
