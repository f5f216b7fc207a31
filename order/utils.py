from oscar.apps.order.utils import OrderCreator as CoreOrderCreator

from catalogue.provenance import line_provenance_snapshot


class OrderCreator(CoreOrderCreator):
    def create_line_models(self, order, basket_line, extra_line_fields=None):
        fields = {**line_provenance_snapshot(basket_line.product), **(extra_line_fields or {})}
        return super().create_line_models(order, basket_line, extra_line_fields=fields)
