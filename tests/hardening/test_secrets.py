"""Secrets are never defaults in production: the webhook secret is required even on localstripe,
and the demo loader refuses production settings unless asked by name, then uses random
passwords printed once."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from shop.demo.data import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "shop.settings.production",
    "SECRET_KEY": "a-test-secret-that-is-long-enough-and-random-" + "q7Zp" * 8,
    "ALLOWED_HOSTS": "shop.example.org",
    "STRIPE_ALLOW_LOCALSTRIPE": "true",
}


def run_check(**environment):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STRIPE_", "SECRET_KEY", "DATABASE_URL", "EMAIL_"))
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_production_on_localstripe_refuses_to_start_without_a_webhook_secret():
    result = run_check(**PRODUCTION)
    assert result.returncode != 0
    assert "Set the STRIPE_WEBHOOK_SECRET" in result.stderr.splitlines()[-1]


def test_production_refuses_the_public_development_webhook_secret():
    result = run_check(**PRODUCTION, STRIPE_WEBHOOK_SECRET="whsec_local")
    assert result.returncode != 0
    assert "STRIPE_WEBHOOK_SECRET is the public development value" in result.stderr


@pytest.mark.django_db
def test_the_demo_loader_refuses_production_settings(settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo_shop", "--products", "0", "--quiet")
    assert not get_user_model().objects.filter(is_superuser=True).exists()


@pytest.mark.django_db
def test_asked_by_name_the_demo_under_production_gets_random_passwords_printed_once(
    settings, client
):
    settings.IS_PRODUCTION = True
    out = io.StringIO()
    call_command("load_demo_shop", "--products", "0", "--allow-production", stdout=out)
    printed = out.getvalue()
    assert DEMO_PASSWORD not in printed
    row = next(line for line in printed.splitlines() if "staff@ortak.example" in line)
    password = [cell.strip() for cell in row.strip("|").split("|")][2]
    assert re.fullmatch(r"[\w-]{16}", password)

    assert not client.login(username="staff@ortak.example", password=DEMO_PASSWORD)
    assert client.login(username="staff@ortak.example", password=password)
    # Each login has its own.
    passwords = re.findall(r"@ortak\.example\s*\|\s*([\w-]{16})\s*\|", printed)
    assert len(set(passwords)) == len(passwords) > 5

    # Run again: nothing new, and no password printed a second time.
    again = io.StringIO()
    call_command("load_demo_shop", "--products", "0", "--allow-production", stdout=again)
    assert password not in again.getvalue()
