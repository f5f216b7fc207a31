from oscar.apps.shipping import repository

from shipping.methods import Express, Standard


class Repository(repository.Repository):
    """Standard first (the default the basket page shows), then express."""

    methods = (Standard(), Express())

    def get_method_by_code(self, basket, code, shipping_addr=None):
        """The method the customer chose, rebuilt from its code (for webhooks, with no session)."""
        for method in self.get_shipping_methods(basket, shipping_addr=shipping_addr):
            if method.code == code:
                return method
        return None
