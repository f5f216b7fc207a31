from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "workspace"
    verbose_name = _("Cooperative workspace")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cooperatives.models import Maker
        from workspace.models import Coordinator

        for model in (Coordinator, Maker):
            post_save.connect(_forget_workspace_access, sender=model,
                              dispatch_uid=f"workspace-access-{model.__name__}-save")
            post_delete.connect(_forget_workspace_access, sender=model,
                                dispatch_uid=f"workspace-access-{model.__name__}-delete")


def _forget_workspace_access(sender, instance, **kwargs):
    """The header's workspace link is cached per user (workspace.selectors.has_workspace)."""
    from workspace.selectors import workspace_access_forget

    workspace_access_forget(getattr(instance, "user_id", None))
