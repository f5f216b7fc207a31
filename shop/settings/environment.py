"""Reading the database and cache configuration from the environment, with clear errors."""

from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SUPPORTED_DATABASES = ("sqlite", "postgres", "postgresql", "pgsql")


def database_from_environment(environ: Mapping[str, str], base_dir: Path) -> dict:
    """SQLite in the project's `var/` by default; whatever DATABASE_URL names when it is set."""
    url = environ.get("DATABASE_URL", "").strip()
    if not url:
        # A fresh clone has no var/ yet; SQLite creates the file but not its folder.
        (base_dir / "var").mkdir(exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": base_dir / "var" / "ortak.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
            "ATOMIC_REQUESTS": False,
        }
    return _database_from_url(url, "DATABASE_URL")


def replica_from_environment(environ: Mapping[str, str]) -> dict | None:
    """A read replica of the primary when DATABASE_REPLICA_URL is set (shop/db_router.py)."""
    url = environ.get("DATABASE_REPLICA_URL", "").strip()
    return _database_from_url(url, "DATABASE_REPLICA_URL") if url else None


def _database_from_url(url: str, variable: str) -> dict:
    scheme = url.split(":", 1)[0].lower()
    if "://" not in url or scheme not in SUPPORTED_DATABASES:
        raise ImproperlyConfigured(
            f"{variable} must look like postgres://user:password@host:5432/name "
            f"or sqlite:///path/to/file.sqlite3 (got a value starting {url[:12]!r})."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{variable} could not be read: {error}") from error
    if config["ENGINE"].endswith("sqlite3"):
        config["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    return config


def redis_from_environment(url: str) -> tuple[dict, str]:
    """Cache in Redis when REDIS_URL is set, process memory when not; sessions in the database.

    Redis is an accelerator, never a dependency: its errors are cache misses (logged at most
    once a minute, shop/redis_cache.py), with short socket timeouts so a hung Redis costs a
    page half a second, not a worker. Sessions are `cached_db`: read from the cache when it
    answers, always written to the database, so losing Redis loses no session or basket.
    """
    sessions = "django.contrib.sessions.backends.cached_db" if url else (
        "django.contrib.sessions.backends.db")
    if not url:
        return ({"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
                sessions)
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("REDIS_URL must look like redis://host:6379/0.")
    return (
        {
            "default": {
                "BACKEND": "shop.redis_cache.RedisCacheThatDegrades",
                "LOCATION": url,
                "KEY_PREFIX": "ortak",
                "OPTIONS": {
                    "IGNORE_EXCEPTIONS": True,
                    "SOCKET_CONNECT_TIMEOUT": 0.5,
                    "SOCKET_TIMEOUT": 0.5,
                },
            }
        },
        sessions,
    )
