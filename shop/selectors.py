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


def basket_item_count(request) -> int:
    """The header's basket count.

    Oscar's `request.basket` loads the whole basket and applies every offer (seven queries): the
    basket and checkout pages need that, the header only the count. For a signed-in visitor
    with nothing to merge (no guest basket cookie) and no payment under way, whose basket no
    one has loaded yet, one sum over her open basket's lines says the same; everyone else gets
    Oscar's basket, as before."""
    from django.conf import settings
    from django.db.models import Sum
    from django.utils.functional import empty

    basket = getattr(request, "basket", None)
    if basket is None:
        return 0
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    # Oscar's middleware sets a lazy object: once anything has read it, use what it holds.
    loaded = getattr(basket, "_wrapped", None) is not empty
    cheap = (
        user is not None and user.is_authenticated
        and settings.OSCAR_BASKET_COOKIE_OPEN not in request.COOKIES
        and not (session is not None and (session.get("checkout_data") or {}).get("submission"))
        and not loaded
    )
    if not cheap:
        return basket.num_items or 0
    Line = get_model("basket", "Line")
    Basket = get_model("basket", "Basket")
    total = Line.objects.filter(basket__owner=user, basket__status=Basket.OPEN).aggregate(
        total=Sum("quantity"))["total"]
    return total or 0
