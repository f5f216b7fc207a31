"""The server keeps readers served while payments wait on Stripe, and never times a payment out
before Stripe's own timeouts do (before: 4 sync workers all waiting on Stripe, 66 s pages, and
gunicorn's bare "Internal Server Error" after 30 s)."""

import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[3] / "shop" / "gunicorn.conf.py"


def test_gunicorn_uses_threads_and_outlasts_every_stripe_call(monkeypatch):
    for name in ("STRIPE_TIMEOUT_SECONDS", "STRIPE_MAX_NETWORK_RETRIES", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(CONFIG))

    assert config["worker_class"] == "gthread" and config["threads"] >= 4
    production = runpy.run_path(str(CONFIG.parent / "settings" / "stripe.py"))
    tries = 1 + production["STRIPE_MAX_NETWORK_RETRIES"]
    assert tries == 2  # one bounded retry
    # create, capture, retrieve: each timing out on every try, plus back-off.
    assert 3 * tries * production["STRIPE_TIMEOUT_SECONDS"] + 3 < config["timeout"]


def test_gunicorn_refuses_a_timeout_below_the_stripe_budget(monkeypatch):
    import pytest

    monkeypatch.setenv("GUNICORN_TIMEOUT", "30")
    with pytest.raises(SystemExit, match="Stripe budget"):
        runpy.run_path(str(CONFIG))
