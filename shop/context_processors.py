"""Context every page needs for the shared header and footer."""

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    from shop.selectors import header_navigation
    from workspace.selectors import has_workspace

    user = getattr(request, "user", None)
    return {
        "header_navigation": header_navigation(),
        # Called by the header only for a signed-in visitor: one query, anonymous pages none.
        "has_workspace": lambda: has_workspace(user),
    }
