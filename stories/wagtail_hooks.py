"""Wagtail admin registrations for the stories: the product chooser that a story links with.

Makers and cooperatives are snippets registered in `cooperatives/wagtail_hooks.py`.
"""

from wagtail import hooks

from stories.choosers import product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset
