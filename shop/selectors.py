"""Reads shared by every page: the header's categories, cached because every page shows them."""

from django.core.cache import cache
from django.utils.translation import get_language
from oscar.core.loading import get_model

from shop.pagecache.generation import generation_for_request

HEADER_CACHE_SECONDS = 300


def header_navigation(request=None) -> dict:
    # Under the page cache's content generation: a category's new name shows at once.
    key = f"header-navigation:{generation_for_request(request)}:{get_language()}"
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
    basket and checkout pages need that, the header only the count. When no one has loaded her
    basket yet and no payment is under way, one sum over the lines of her open basket says
    the same: a signed-in visitor's own (with no guest basket cookie to merge into it), or a
    guest's, named by her signed basket cookie. Anyone else gets Oscar's basket, as before."""
    from django.conf import settings
    from django.core.signing import BadSignature, Signer
    from django.db.models import Sum
    from django.utils.functional import empty

    basket = getattr(request, "basket", None)
    if basket is None:
        return 0
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    # Oscar's middleware sets a lazy object: once anything has read it, use what it holds.
    loaded = getattr(basket, "_wrapped", None) is not empty
    paying = session is not None and bool(
        (session.get("checkout_data") or {}).get("submission"))
    cookie = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    if loaded or paying or user is None:
        return basket.num_items or 0
    Line = get_model("basket", "Line")
    Basket = get_model("basket", "Basket")
    if user.is_authenticated and cookie is None:
        lines = Line.objects.filter(basket__owner=user, basket__status=Basket.OPEN)
    elif not user.is_authenticated and cookie is not None:
        try:
            basket_id = Signer().unsign(cookie)
        except BadSignature:
            return basket.num_items or 0  # Oscar's middleware drops the bad cookie
        lines = Line.objects.filter(basket_id=basket_id, basket__owner=None,
                                    basket__status=Basket.OPEN)
    elif not user.is_authenticated:
        return 0  # no basket at all
    else:
        return basket.num_items or 0  # a guest basket to merge into hers
    return lines.aggregate(total=Sum("quantity"))["total"] or 0
