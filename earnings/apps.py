from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarningsConfig(AppConfig):
    name = "earnings"
    verbose_name = _("Earnings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from earnings import receivers  # noqa: F401  (connects the ledger to orders)
