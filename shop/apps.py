from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = _("Ortak shop")

    def ready(self):
        from shop import checks  # noqa: F401  (production settings checked by check --deploy)
        from shop.pagecache import signals as page_cache_signals
        from shop.sites import sites_sync_after_migrate

        # After Wagtail's own post_migrate (and django.contrib.sites' default record, which
        # comes earlier in INSTALLED_APPS): the shop app has no models, so it gets no signal.
        post_migrate.connect(
            sites_sync_after_migrate,
            sender=apps.get_app_config("wagtailcore"),
            dispatch_uid="shop.sites_sync_after_migrate",
        )
        # Cached anonymous pages go stale with any content change (shop/pagecache/).
        page_cache_signals.connect()
