"""Wagtail serves `/` and its pages; Oscar's shop lives under `/shop/`, so Oscar's own root
redirect never hides the home page. Everything a visitor reads sits under a language prefix."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from checkout.views import stripe_webhook
from shop.i18n import language_set, unknown_language_prefix
from stories.sitemaps import sitemap as stories_sitemap

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", language_set, name="set_language"),
    # Stripe posts here whatever the language; the path is registered with Stripe.
    path("stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    path("sitemap.xml", stories_sitemap, name="sitemap"),
    # Browsers ask for /favicon.ico on pages that name no icon (Django's bare 400 and 403
    # pages): the shop's icon, rather than a 404 behind a language redirect.
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("img/favicon.svg"))),
]

urlpatterns += i18n_patterns(
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("workspace/", include("workspace.urls")),
    path("dashboard/earnings/", include("earnings.urls")),  # staff only (earnings/views.py)
    path("", include("cooperatives.urls")),
    path("", include("stories.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# After the language patterns, which take /en/, /tr/ and /ar/: any other language-shaped prefix
# (/fr/, /de/shop/catalogue/, /xx/stories/) goes to the same page in the visitor's language.
urlpatterns += [
    re_path(
        r"^(?P<prefix>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)/(?P<rest>.*)$",
        unknown_language_prefix,
    ),
]

# Uploaded files on the shop's own disk (MEDIA_STORAGE=local, the default): served by the shop,
# with caching headers, in development and on a single production machine alike. With S3 the
# files' URLs point at the object store and this path is not wired.
if settings.MEDIA_STORAGE == "local" and settings.MEDIA_URL.startswith("/"):
    from shop.media import media_serve

    urlpatterns = [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", media_serve, name="media")
    ] + urlpatterns
