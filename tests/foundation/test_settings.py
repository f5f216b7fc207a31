"""Start-up configuration: clear one-line errors, and the environment switches that matter."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from shop.settings.environment import database_from_environment, redis_from_environment

ROOT = Path(__file__).resolve().parent.parent.parent


def run_check(**environment):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(DJANGO_SETTINGS_MODULE="shop.settings.production", ALLOWED_HOSTS="x.org")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr.splitlines()[-1]


def test_production_refuses_to_start_without_stripe_keys():
    result = run_check(
        DJANGO_SETTINGS_MODULE="shop.settings.production",
        SECRET_KEY="a-test-secret-that-is-long-enough-and-random-" + "q7Zp" * 8,
        ALLOWED_HOSTS="shop.example.org",
        STRIPE_SECRET_KEY="",
    )
    assert result.returncode != 0
    assert "Set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY" in result.stderr.splitlines()[-1]


def test_a_wrong_database_url_stops_start_up_with_one_clear_line():
    result = run_check(DJANGO_SETTINGS_MODULE="shop.settings.dev", DATABASE_URL="mysql:/oops")
    assert result.returncode != 0
    assert "DATABASE_URL must look like postgres://" in result.stderr.splitlines()[-1]


def test_sqlite_by_default_and_postgresql_when_set():
    assert database_from_environment({}, ROOT)["ENGINE"].endswith("sqlite3")
    config = database_from_environment(
        {"DATABASE_URL": "postgres://shop:pw@db.internal:5432/ortak"}, ROOT
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["NAME"]) == ("db.internal", "ortak")


def test_redis_holds_cache_and_sessions_only_when_set():
    caches, sessions = redis_from_environment("")
    assert "locmem" in caches["default"]["BACKEND"] and sessions.endswith(".db")
    caches, sessions = redis_from_environment("redis://127.0.0.1:6379/0")
    # Redis is an accelerator: its errors are misses, and sessions live in the database too.
    assert caches["default"]["BACKEND"] == "shop.redis_cache.RedisCacheThatDegrades"
    assert sessions.endswith(".cached_db")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        redis_from_environment("http://not-redis")


def test_production_settings_pass_the_deployment_checks():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings.production",
        SECRET_KEY="a-test-secret-that-is-long-enough-and-random-" + "q7Zp" * 8,
        ALLOWED_HOSTS="shop.example.org",
        STRIPE_SECRET_KEY="sk_test_example",
        STRIPE_PUBLISHABLE_KEY="pk_test_example",
        STRIPE_WEBHOOK_SECRET="whsec_example",
        # The shop's own production checks (shop/checks.py): mail, sender, Redis, proxy.
        EMAIL_URL="smtp://mail.example.org:587",
        DEFAULT_FROM_EMAIL="Ortak <hello@shop.example.org>",
        REDIS_URL="redis://127.0.0.1:6379/9",
        TRUSTED_PROXY_COUNT="1",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
