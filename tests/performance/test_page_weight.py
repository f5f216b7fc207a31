"""What a phone downloads: the home page and a product page at 360 px wide, first view.

The demo shop is loaded, then headless Chromium opens each page in a 360 × 740 viewport
(device pixel ratio 1) and every response it receives is added up: HTML, CSS, JavaScript,
fonts and the images it actually loads (pictures below the fold are lazy). Bytes are what
travelled (Chromium's encoded body plus headers), not time, so the budgets are plain asserts:
home ≤ 120 KB, product page ≤ 100 KB (issue 14). In the tests static files go out uncompressed
(no collectstatic), so production, which serves them gzipped, weighs less than measured here.

Pictures must have been made ahead: opening the pages creates no thumbnail file and no Wagtail
rendition (the demo loader made them, as approval does for a member's listing).
"""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model

from catalogue.thumbnails import PICTURES
from tests.conftest import is_csp_violation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
BUDGETS = {"home": 120 * 1024, "product": 100 * 1024}


def test_every_picture_tag_asks_for_renditions_that_are_generated_ahead():
    """Each `{% picture %}` in the templates uses one of catalogue.thumbnails.PICTURES, whose
    renditions the demo loader (and stories/demo.py) generate ahead."""
    written = set()
    for template in TEMPLATES.rglob("*.html"):
        for match in re.finditer(r"{% picture \S+ ((?:[a-z]+-\S+ ?)+)", template.read_text()):
            written.add(match.group(1).strip())
    assert written, "the storefront's templates use {% picture %}"
    assert written <= set(PICTURES.values()), written - set(PICTURES.values())


def first_view(browser, url: str) -> dict:
    """Open `url` at 360 px; the bytes of every response, and what the page says of its
    pictures."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(60_000)
    responses, problems = [], []
    page.on("requestfinished", lambda request: responses.append(request))
    page.on("console", lambda m: problems.append(m.text) if is_csp_violation(m.text) else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    images = page.evaluate(
        """() => [...document.images].map(img => ({
            src: img.currentSrc, width: img.getAttribute('width'),
            height: img.getAttribute('height'), loading: img.loading,
            top: img.getBoundingClientRect().top, complete: img.complete}))"""
    )
    transferred, kinds = 0, {}
    for request in responses:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        transferred += size
        response = request.response()
        kind = (response.headers.get("content-type", "") if response else "").split(";")[0]
        kinds[kind] = kinds.get(kind, 0) + size
    context.close()
    return {"bytes": transferred, "kinds": kinds, "images": images, "problems": problems,
            "requests": [request.url for request in responses]}


def test_home_and_product_page_weigh_within_budget_on_a_phone(live_server, browser, settings,
                                                               tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_shop", "--quiet")
    from catalogue.selectors import sellable_products

    product = sellable_products().filter(images__isnull=False).order_by("pk").first()
    thumbnails = sorted(tmp_path.rglob("thumbnails/**/*.*"))
    renditions = get_image_model().get_rendition_model().objects.count()

    views = {
        "home": first_view(browser, live_server.url + "/en/"),
        "product": first_view(browser, live_server.url + product.get_absolute_url()),
    }

    for name, view in views.items():
        weight = ", ".join(f"{kind or '?'} {size / 1024:.1f} KB" for kind, size
                           in sorted(view["kinds"].items(), key=lambda item: -item[1]))
        print(f"{name}: {view['bytes'] / 1024:.1f} KB ({weight})")
        assert not view["problems"], view["problems"]
        assert view["bytes"] <= BUDGETS[name], (
            f"{name} weighs {view['bytes'] / 1024:.1f} KB at 360 px, over its "
            f"{BUDGETS[name] // 1024} KB budget: {weight}"
        )
        pictures = [image for image in view["images"] if "/media/" in image["src"]]
        assert pictures, f"{name} shows pictures"
        for image in view["images"]:
            # Every picture reserves its box before it arrives (no layout shift).
            assert image["width"] and image["height"], image
            if image["top"] > 740 * 1.5:
                assert image["loading"] == "lazy", f"{name}: below the fold, not lazy: {image}"
        # Chromium reads AVIF: of each product photo and `{% picture %}` it takes the AVIF
        # source, never the WebP or the JPEG fallback.
        loaded = [url for url in view["requests"]
                  if "/media/thumbnails/" in url or ".format-" in url]
        assert loaded and all(url.endswith(".avif") for url in loaded), loaded
    # The hero took its phone-sized file, and product cards their smallest.
    assert any(re.search(r"fill-480x270.*\.avif$", url) for url in views["home"]["requests"])

    # Nothing was resized for these visits: every file was there before.
    assert sorted(tmp_path.rglob("thumbnails/**/*.*")) == thumbnails
    assert get_image_model().get_rendition_model().objects.count() == renditions

