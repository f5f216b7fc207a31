"""Makers' private details and unconsented portraits, stories and names never reach a public page.

The demo shop is loaded, every private field is overwritten with a marker value, and every public
page reachable from the home pages, the sitemap and the feed is fetched: no marker may appear in
any of them (HTML, structured data, sitemap, feed, search results). Emails are checked for the same
markers after every test (tests/conftest.py).
"""

import re
from collections import deque
from pathlib import PurePosixPath
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from cooperatives.models import Cooperative, Maker

pytestmark = pytest.mark.django_db

START = ["/en/", "/tr/", "/ar/", "/sitemap.xml", "/en/stories/feed/", "/en/search/?q=silver",
         "/en/search/?q=embroidery", "/en/shop/catalogue/", "/en/cooperatives/"]
NOT_PUBLIC = ("/cms/", "/django-admin/", "/shop/dashboard/", "/static/", "/media/", "/i18n/")
LINK = re.compile(
    r"""(?:href|src|content)=["']([^"'#]+)["']|<loc>([^<]+)</loc>|<link>([^<]+)</link>"""
)
PAGE_LIMIT = 900


def stamp_private_markers() -> list[str]:
    markers = []
    for maker in Maker.objects.all():
        values = {
            "legal_name": f"PRIVATE-LEGAL-{maker.pk}",
            "phone": f"PRIVATE-PHONE-{maker.pk}",
            "nationality": f"PRIVATE-NATIONALITY-{maker.pk}",
            "address": f"PRIVATE-ADDRESS-{maker.pk}",
        }
        if not maker.consent_show_story:
            values["story"] = f"UNCONSENTED-STORY-{maker.pk}"
        if not maker.consent_show_first_name:
            values["first_name"] = f"UNCONSENTED-FIRST-NAME-{maker.pk}"
        if not maker.consent_show_photo and maker.portrait_id:
            markers.append(PurePosixPath(maker.portrait.file.name).stem)
        Maker.objects.filter(pk=maker.pk).update(**values)
        markers += values.values()
    for cooperative in Cooperative.objects.all():
        values = {
            "contact_name": f"PRIVATE-CONTACT-{cooperative.pk}",
            "contact_email": f"private-contact-{cooperative.pk}@marker.example",
            "contact_phone": f"PRIVATE-CONTACT-PHONE-{cooperative.pk}",
        }
        Cooperative.objects.filter(pk=cooperative.pk).update(**values)
        markers += values.values()
    return markers


def public_links(body: str) -> set[str]:
    links = set()
    for match in LINK.finditer(body):
        url = next(group for group in match.groups() if group)
        url = urldefrag(url.replace("&amp;", "&"))[0]
        parts = urlsplit(url)
        if parts.netloc and parts.hostname not in ("testserver", "localhost"):
            continue
        path = parts.path
        if not path.startswith("/") or path.startswith(NOT_PUBLIC):
            continue
        # Facet and sort combinations are the same pages again; only pagination is followed.
        if parts.query and not re.fullmatch(r"page=\d+|q=[\w+%-]+", parts.query):
            continue
        links.add(path + (f"?{parts.query}" if parts.query else ""))
    return links


def test_no_private_detail_or_unconsented_content_on_any_public_page(client):
    call_command("load_demo_shop", "--quiet")
    assert Maker.objects.filter(consent_show_photo=False).exists()
    assert Maker.objects.filter(consent_show_story=False).exists()
    markers = stamp_private_markers()
    assert len(markers) > 80

    seen: set[str] = set()
    queue = deque(START)
    fetched = 0
    kinds = {"product": 0, "maker": 0, "cooperative": 0, "story": 0}
    while queue and fetched < PAGE_LIMIT:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        content_type = response.get("Content-Type", "")
        if not any(kind in content_type for kind in ("html", "xml", "json")):
            continue
        fetched += 1
        body = response.content.decode()
        leaked = [marker for marker in markers if marker in body]
        assert not leaked, f"{url} shows private or unconsented details: {leaked[:5]}"
        for kind in kinds:
            if f"/{kind}s/" in url or (kind == "product" and "/catalogue/" in url):
                kinds[kind] += 1
        queue.extend(public_links(body) - seen)

    assert fetched >= 100, f"only {fetched} public pages were reached"
    assert kinds["maker"] >= 20 and kinds["cooperative"] >= 4 and kinds["product"] >= 60, kinds
