"""Settings shared by every environment. Each environment module imports this one.

Everything that differs between machines comes from the environment, so the same code runs
on a laptop (SQLite, local memory cache, localstripe) and in production (PostgreSQL, Redis).
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's own defaults, overridden below)

from shop.settings.environment import (
    database_from_environment,
    redis_from_environment,
    replica_from_environment,
)
from shop.settings.tasks import tasks_from_environment
from shop.sites import site_url_clean

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
# True only in shop/settings/production.py: commands that must never run there casually (the
# demo loader) look at it.
IS_PRODUCTION = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    # Content in every language (see README, "Languages"): django-modeltranslation adds a column
    # per language to the catalogue's and the cooperatives' text fields. It must come before the
    # apps whose models it patches (its docs), so before ours and Oscar's.
    "modeltranslation",
    # Our own apps come first so their templates and static files win.
    "shop",
    "cooperatives",
    "stories",
    "workspace",
    "earnings",
    "shop.admin_site.ShopAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Oscar, with our forks in place of the apps whose classes change.
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "partner.apps.PartnerConfig",
    "basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "order.apps.OrderConfig",
    "customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    # Wagtail.
    # Wagtail's own localisation: a page tree per language, translated with wagtail-localize.
    "wagtail_localize",
    "wagtail_localize.locales",  # in place of wagtail.locales (same label), as its docs say
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Background work (emails, reconciliation, payouts...): Django's tasks interface, stored in
    # the database and run by `manage.py run_worker` (see shop/management/commands/run_worker.py).
    "django_tasks",
    "django_tasks_db",
    "django_rq",  # the Redis task queue, when TASK_QUEUE=redis (shop/settings/tasks.py)
    # Hardening (issue 12): failed sign-ins counted per account and address (shop/throttle.py).
    "axes",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Hardening (issue 12): a NUL byte in a query string is a 400, not a database error.
    "shop.middleware.RefuseNulBytesMiddleware",
    # Read-only storefront pages may read a replica (shop/db_router.py); a no-op without one.
    "shop.db_router.ReplicaMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Page cache (issue 14, shop/pagecache/): stores anonymous pages as they leave Django, every
    # cookie set; the lookup is the last entry below.
    "shop.pagecache.PageCacheStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    # After the basket: a basket frozen for a payment that is over is thawed, and one that
    # became an order leads to that order (checkout/middleware.py).
    "checkout.middleware.PaymentBasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Hardening (issue 12): limits on sign-in, password reset, registration, order tracking and
    # the payment endpoint (shop/throttle.py); axes' middleware turns a lockout into its page.
    "shop.throttle.ThrottleMiddleware",
    "axes.middleware.AxesMiddleware",
    # Hardening (issue 12): Content-Security-Policy and Permissions-Policy (shop/csp.py).
    "shop.csp.ShopCSPMiddleware",
    # Page cache (issue 14): last, so a cached page still gets the CSRF cookie and a CSP header
    # naming the nonce put into it.
    "shop.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "shop.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
                "shop.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_from_environment(os.environ, BASE_DIR)}
# A read replica for the storefront's read-only pages (shop/db_router.py), when one is named.
if (_replica := replica_from_environment(os.environ)) is not None:
    DATABASES["replica"] = _replica
DATABASE_READ_REPLICA = "replica" if "replica" in DATABASES else ""
DATABASE_ROUTERS = ["shop.db_router.ReplicaRouter"]
# After a visitor's POST, her reads stay on the primary this long (longer than replication lag).
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

_redis_url = os.environ.get("REDIS_URL", "").strip()
CACHES, SESSION_ENGINE = redis_from_environment(_redis_url)
# Page cache (issue 14, shop/pagecache/): anonymous pages kept whole for at most this many
# seconds, and dropped at once by any content change. Off (0) without Redis: each process's own
# memory would not hear of a change made through another process.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600" if _redis_url else "0"))

AUTHENTICATION_BACKENDS = (
    # First, so a locked-out account is refused before any password is checked.
    "shop.throttle.AxesBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# After signing in or registering (without a `next`): her account, in the language she was reading.
LOGIN_REDIRECT_URL = "customer:summary"
# Oscar's sign-in page, in the visitor's language (Django's default /accounts/login/ is a 404 here).
LOGIN_URL = "customer:login"
# Wagtail's preview views allow their own same-origin frame; nothing else is framed.
X_FRAME_OPTIONS = "DENY"

# Throttling (issue 12, shop/throttle.py): after 5 wrong passwords for one account from one
# address, 15 minutes' wait; failures kept in the database, shared by every process.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "shop.throttle.axes_lockout"
AXES_CLIENT_IP_CALLABLE = "shop.throttle.axes_client_address"
AXES_VERBOSE = False
# Failed sign-ins are what the lockout counts; successful ones are not kept (who signed in from
# where is personal data the shop has no use for).
AXES_DISABLE_ACCESS_LOG = True
# How many proxies in front of gunicorn append to X-Forwarded-For (0: none, trust REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Content-Security-Policy (issue 12, shop/csp.py): 'self' and nonces on the storefront; Stripe
# on the payment page only. Built after MEDIA_URL is known (see the end of this module).

# Languages: every page exists in each, under its own URL prefix.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Translated content (catalogue, cooperatives): a missing translation falls back to the text's
# original language (catalogue.translation), then to English, then to any language that has it,
# so a reader never sees an empty field.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "tr", "ar")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "tr", "ar")}
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Hardening (issue 12): uploaded files on this machine's disk, served by the shop at /media/,
# or on an S3-compatible object store (MEDIA_STORAGE=s3); see shop/settings/media.py.
from shop.settings.media import media_storage_from_environment  # noqa: E402

_media = media_storage_from_environment(os.environ)
MEDIA_STORAGE = _media["MEDIA_STORAGE"]
MEDIA_URL = _media.get("MEDIA_URL", MEDIA_URL)
STORAGES = {
    "default": _media["DEFAULT_STORAGE"],
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Hardening (issue 12): mail is queued and sent by a background task with retries; where it
# goes comes from EMAIL_URL or the EMAIL_* variables (see there).
from shop.settings.email import *  # noqa: E402,F403

# The shop's address, the one every link in an email starts with (see shop/sites.py): Oscar's
# scheme, Wagtail's admin links, and, after each migrate, the Sites record's domain.
SITE_URL = site_url_clean(os.environ.get("SITE_URL", "").strip() or "http://127.0.0.1:8000")
OSCAR_URL_SCHEMA = SITE_URL.split("://", 1)[0]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ortak <hello@ortak.example>")

# Haystack is still imported by Oscar's search app; the catalogue and the site search read the
# database instead (see README, "Design"), so Haystack's simple engine is enough here.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# Oscar.
OSCAR_SHOP_NAME = "Ortak"
OSCAR_SHOP_TAGLINE = _("Made by women's cooperatives")
OSCAR_DEFAULT_CURRENCY = os.environ.get("SHOP_CURRENCY", "EUR")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_IMAGE_FOLDER = "images/products/%Y/%m/"
OSCAR_HIDDEN_FEATURES = ["wishlists"]
# Reviews only from buyers of a delivered piece (catalogue/reviews/), approved by staff first.
OSCAR_MODERATE_REVIEWS = True
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION  # noqa: F405 (extended by later apps)
OSCAR_THUMBNAILER = "catalogue.thumbnails.FileThumbnailer"
# Line and order statuses: the rules live in order/fulfilment.py, the one source of truth.
from order import fulfilment as _fulfilment  # noqa: E402

OSCAR_LINE_STATUS_PIPELINE = _fulfilment.LINE_STATUS_PIPELINE
OSCAR_ORDER_STATUS_PIPELINE = _fulfilment.ORDER_STATUS_PIPELINE
OSCAR_INITIAL_LINE_STATUS = _fulfilment.INITIAL_LINE_STATUS
OSCAR_INITIAL_ORDER_STATUS = _fulfilment.INITIAL_ORDER_STATUS
OSCAR_ORDER_STATUS_CASCADE: dict[str, str] = {}

from shop.settings.stripe import *  # noqa: E402,F403  (Stripe or localstripe, see there)

# Earnings (earnings/): the split a cooperative gets until its own terms are recorded, and how
# long after shipping a piece is paid out (so that a return can come back first).
EARNINGS_DEFAULT_PLATFORM_FEE_PERCENT = os.environ.get("EARNINGS_PLATFORM_FEE_PERCENT", "10")
EARNINGS_DEFAULT_MAKER_SHARE_PERCENT = os.environ.get("EARNINGS_MAKER_SHARE_PERCENT", "80")
EARNINGS_PAYOUT_DELAY_DAYS = int(os.environ.get("EARNINGS_PAYOUT_DELAY_DAYS", "14"))
# Where payout transfers go when not to Stripe itself (tests point it at a recording server).
EARNINGS_STRIPE_API_BASE = os.environ.get("EARNINGS_STRIPE_API_BASE", "")
from earnings.access import staff_only as _earnings_staff_only  # noqa: E402

OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,
    {
        "label": _("Earnings"),
        "icon": "fas fa-coins",
        "access_fn": _earnings_staff_only,
        "children": [
            {"label": _("Sales and earnings reports"), "url_name": "earnings:reports",
             "access_fn": _earnings_staff_only},
            {"label": _("Payout runs and terms"), "url_name": "earnings:payouts",
             "access_fn": _earnings_staff_only},
        ],
    },
]

# Wagtail.
WAGTAIL_SITE_NAME = "Ortak"
WAGTAILADMIN_BASE_URL = SITE_URL
# A tree of pages per language (Locale), kept in step by wagtail-localize's translation workflow.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "webp": "webp"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_COMMENTS_ENABLED = False
# Hardening (issue 12): no avatars fetched from gravatar.com (an editor's email hash sent to a
# third party, and an image source the content security policy does not allow).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Background tasks: queued in the database, run by `manage.py run_worker`, which also enqueues
# the scheduled ones below (dotted path of a task -> every so many seconds). Tests run tasks
# immediately (shop/settings/test.py) unless a test runs the worker itself.
# In the database by default; in Redis with TASK_QUEUE=redis (shop/settings/tasks.py).
_tasks = tasks_from_environment(os.environ, _redis_url)
TASK_QUEUE, TASKS, RQ_QUEUES = _tasks["TASK_QUEUE"], _tasks["TASKS"], _tasks["RQ_QUEUES"]
SCHEDULED_TASKS: dict[str, int] = {
    # Payments left unsettled by a lost browser, webhook or database connection.
    "checkout.tasks.reconcile_payments": 60,
}
# Last month's Stripe transfers to cooperatives, made (or retried) by the worker every six hours;
# off unless asked, since a payout moves money (earnings/tasks.py).
if os.environ.get("EARNINGS_AUTOMATIC_PAYOUTS", "").lower() in ("1", "true", "yes"):
    SCHEDULED_TASKS["earnings.tasks.payouts_run_due"] = 6 * 60 * 60

# Upload limits that a phone on a slow network can meet, and that keep memory bounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024

# Hardening (issue 12): every image upload (workspace, Oscar's dashboard, Wagtail) goes through
# catalogue.images.photo_clean, bounded by one setting each for bytes and pixels, decoded in
# full and re-encoded without metadata. Wagtail's own checks use the same two limits.
IMAGE_UPLOAD_MAX_BYTES = int(os.environ.get("IMAGE_UPLOAD_MAX_BYTES", 15 * 1024 * 1024))
IMAGE_UPLOAD_MAX_PIXELS = int(os.environ.get("IMAGE_UPLOAD_MAX_PIXELS", 50_000_000))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = IMAGE_UPLOAD_MAX_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = IMAGE_UPLOAD_MAX_PIXELS
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "shop.uploads.WagtailImageForm"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


from shop.settings.csp import content_security_policy  # noqa: E402

CONTENT_SECURITY_POLICY = content_security_policy(media_url=MEDIA_URL)


def require(name: str) -> str:
    """Return an environment variable or stop start-up with one line saying what to set."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable before starting Ortak.")
    return value
