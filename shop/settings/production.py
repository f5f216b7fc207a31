"""Production: gunicorn behind a TLS-terminating proxy, PostgreSQL, Redis, whitenoise."""

import os

from django.core.exceptions import ImproperlyConfigured

from shop.settings.base import *  # noqa: F403
from shop.settings.base import require
from shop.sites import site_url_for_production

DEBUG = False
IS_PRODUCTION = True
SECRET_KEY = require("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in require("ALLOWED_HOSTS").split(",") if h.strip()]

STORAGES = {
    "default": STORAGES["default"],  # noqa: F405 (MEDIA_STORAGE: local disk or S3, see base)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True

# Payments: production talks to Stripe itself. Pointing it at localstripe (a demo on production
# settings, the benchmark) must be asked for by name.
if STRIPE_USES_LOCALSTRIPE:  # noqa: F405
    if os.environ.get("STRIPE_ALLOW_LOCALSTRIPE", "").lower() != "true":
        raise ImproperlyConfigured(
            "Set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET before "
            "starting Ortak (or STRIPE_ALLOW_LOCALSTRIPE=true for a demo)."
        )
    # Even a demo on localstripe takes webhooks from the internet: with the public fallback
    # `whsec_local` anyone could sign a `charge.refunded` for a real order.
    STRIPE_WEBHOOK_SECRET = require("STRIPE_WEBHOOK_SECRET")
    if STRIPE_WEBHOOK_SECRET == "whsec_local":  # noqa: S105 (the public default, refused)
        raise ImproperlyConfigured(
            "STRIPE_WEBHOOK_SECRET is the public development value; set a secret of your own."
        )
else:
    STRIPE_PUBLISHABLE_KEY = require("STRIPE_PUBLISHABLE_KEY")
    STRIPE_WEBHOOK_SECRET = require("STRIPE_WEBHOOK_SECRET")

# Every link in an email starts here: https, and a host this shop answers to. Checked after the
# other required settings, so the first thing missing is the first thing said.
SITE_URL = site_url_for_production(os.environ.get("SITE_URL", ""), ALLOWED_HOSTS)
OSCAR_URL_SCHEMA = "https"
WAGTAILADMIN_BASE_URL = SITE_URL
