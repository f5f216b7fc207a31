"""Tests: `make test`. Whatever database DATABASE_URL names (SQLite by default)."""

import os
from pathlib import Path

from shop.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-" + "x" * 40  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run where they are enqueued, unless a test runs the worker itself.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The page cache on, in the one process the tests run in (shop/pagecache/).
PAGE_CACHE_SECONDS = 600
# Links in emails: an address of its own, whatever the developer's environment says, so a link
# built from the request's host ("testserver") or a stale Sites record shows up in the tests.
SITE_URL = "https://shop.ortak.test"
OSCAR_URL_SCHEMA = "https"
WAGTAILADMIN_BASE_URL = SITE_URL
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", BASE_DIR / "var" / "test-media"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory, so the browser tests' live server and the test share one database.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / "var" / os.environ.get("TEST_DB_NAME", "test-ortak.sqlite3"))  # noqa: F405
    }

# Serve static files straight from the apps, without a collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A second alias standing for a read replica: a mirror of the test database, so the router's
# choices (shop/db_router.py) are tested against a real second connection. The router stays off
# (no DATABASE_READ_REPLICA) except in the tests that turn it on.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_READ_REPLICA = ""
