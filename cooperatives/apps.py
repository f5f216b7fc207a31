from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperativesConfig(AppConfig):
    name = "cooperatives"
    verbose_name = _("Cooperatives and makers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperatives import signals  # noqa: F401  (portraits without consent are deleted)
