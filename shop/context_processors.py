"""Context every page needs for the shared header and footer."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def navigation(request: HttpRequest) -> dict:
    from shop.selectors import basket_item_count, header_navigation
    from workspace.selectors import has_workspace

    user = getattr(request, "user", None)
    return {
        # Read only when the header's or footer's menu is rendered, not taken from a fragment.
        "header_navigation": SimpleLazyObject(lambda: header_navigation(request)),
        # Called by the header only for a signed-in visitor: one query, anonymous pages none.
        "has_workspace": lambda: has_workspace(user),
        "basket_item_count": lambda: basket_item_count(request),
    }


def notifications(request: HttpRequest) -> dict:
    """Oscar's unread-notification count, counted only where a template shows it (Oscar's
    processor counts on every page, and the storefront shows it nowhere)."""
    from oscar.core.loading import get_model

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    Notification = get_model("communication", "Notification")
    return {
        "num_unread_notifications": lambda: Notification.objects.filter(
            recipient=user, date_read=None
        ).count()
    }
