from oscar.apps.basket.abstract_models import AbstractBasket


class Basket(AbstractBasket):
    def all_lines(self):
        """Oscar's cached basket lines, with what every line renders loaded up front: its maker
        and cooperative (the basket, checkout and emails name who made each piece), its product
        class and stock records (price and availability). Oscar's own costs queries per line."""
        if self.id is None:
            return self.lines.model.objects.none()
        if self._lines is None:
            self._lines = (
                self.lines.select_related(
                    "product__product_class",
                    "product__maker__cooperative",
                    "stockrecord__partner",
                )
                .prefetch_related("attributes", "product__images", "product__stockrecords")
                .order_by(self._meta.pk.name)
            )
        return self._lines


from oscar.apps.basket.models import *  # noqa: E402
