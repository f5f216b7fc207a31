"""Changing the shop's address in a test, and finding and following the links of an email."""

import re
from urllib.parse import urlsplit

import pytest

# The checkout tests' private localstripe, so an order here is placed as a customer places it.
from tests.checkout.conftest import _stripe_settings, localstripe_url  # noqa: F401

LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def shop_address(settings, db):
    """Switch SITE_URL as a deployment does: the settings derived from it, then the records.

    Django keeps the Sites record in process memory; it is forgotten afterwards so the next
    test reads the record its own database holds.
    """
    from django.contrib.sites.models import Site
    from wagtail.models import Site as WagtailSite

    from shop.sites import sites_sync

    def switch(url: str) -> str:
        settings.SITE_URL = url
        settings.OSCAR_URL_SCHEMA = urlsplit(url).scheme
        settings.WAGTAILADMIN_BASE_URL = url
        sites_sync()
        return url

    yield switch
    Site.objects.clear_cache()
    WagtailSite.clear_site_root_paths_cache()


def links(message) -> list[str]:
    """Every link of an email, its text part first, then its HTML part (entities undone)."""
    bodies = [message.body] + [content for content, _type in message.alternatives]
    return [link.replace("&amp;", "&") for body in bodies for link in LINK.findall(body)]


def shop_links(message, site_url: str) -> list[str]:
    """The links of an email to the shop, in text and in HTML alike."""
    found = [link for link in links(message) if link.startswith(site_url + "/")]
    text_links = [link for link in LINK.findall(message.body) if link.startswith(site_url + "/")]
    assert text_links, f"No link to {site_url} in the text of {message.subject!r}:\n{message.body}"
    if message.alternatives:
        html = message.alternatives[0][0]
        assert any(link.replace("&", "&amp;") in html or link in html for link in text_links), (
            f"The HTML of {message.subject!r} lacks the text's link {text_links}"
        )
    return found


def follow(client, link: str):
    """GET a link of an email through the test client, as the browser would ask for it."""
    parts = urlsplit(link)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path, secure=parts.scheme == "https", HTTP_HOST=parts.netloc)
