"""`manage.py check --deploy` fails, naming the variable to set, on any production setting the
shop needs (mail, sender, Redis, proxy), and passes with the README's checklist followed."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = {
    "DJANGO_SETTINGS_MODULE": "shop.settings.production",
    "SECRET_KEY": "a-test-secret-that-is-long-enough-and-random-" + "q7Zp" * 8,
    "ALLOWED_HOSTS": "shop.example.org",
    "STRIPE_SECRET_KEY": "sk_test_example",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_example",
    "STRIPE_WEBHOOK_SECRET": "whsec_example",
    "EMAIL_URL": "smtp://mail.example.org:587",
    "DEFAULT_FROM_EMAIL": "Ortak <hello@shop.example.org>",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
    "TRUSTED_PROXY_COUNT": "1",
}
OURS = ("STRIPE_", "EMAIL_", "REDIS_URL", "TRUSTED_PROXY", "DEFAULT_FROM", "MEDIA_", "S3_",
        "DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")


def check_deploy(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    env.update({**CHECKLIST, **overrides})
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )


def test_the_readme_checklist_passes_the_deployment_checks():
    result = check_deploy()
    assert result.returncode == 0, result.stderr


def test_each_missing_production_setting_fails_the_check_and_names_what_to_set():
    result = check_deploy(EMAIL_URL=None, DEFAULT_FROM_EMAIL=None, REDIS_URL=None,
                          TRUSTED_PROXY_COUNT=None)
    assert result.returncode != 0
    for expected in ("ortak.E001", "Set EMAIL_URL", "ortak.E002", "Set DEFAULT_FROM_EMAIL",
                     "ortak.E003", "Set REDIS_URL", "ortak.W001", "TRUSTED_PROXY_COUNT"):
        assert expected in result.stderr, expected
