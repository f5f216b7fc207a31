import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalogue"

    def ready(self):
        super().ready()
        # Oscar's analytics writes a view counter on every product page hit: a write per read
        # that locks SQLite under light load, for a figure this shop does not use.
        from oscar.apps.analytics.receivers import receive_product_view
        from oscar.apps.catalogue.signals import product_viewed

        product_viewed.disconnect(receive_product_view)

        # The search text follows every edit of a product, its categories, materials, maker.
        from catalogue import search

        search.connect_owner_signals()
