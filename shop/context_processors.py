"""Context every page needs for the shared header and footer."""

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    from shop.selectors import header_navigation

    return {"header_navigation": header_navigation()}
