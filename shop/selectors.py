"""Reads shared by every page: the header's categories, cached because every page shows them."""

from django.core.cache import cache
from django.utils.translation import get_language
from oscar.core.loading import get_model

from shop.pagecache import generation_current

HEADER_CACHE_SECONDS = 300


def header_navigation() -> dict:
    # Under the page cache's content generation: a category's new name shows at once.
    key = f"header-navigation:{generation_current()}:{get_language()}"
    navigation = cache.get(key)
    if navigation is None:
        Category = get_model("catalogue", "Category")
        categories = [
            {"name": category.name, "url": category.get_absolute_url()}
            for category in Category.get_root_nodes().filter(is_public=True)
        ]
        navigation = {"categories": categories}
        cache.set(key, navigation, HEADER_CACHE_SECONDS)
    return navigation
