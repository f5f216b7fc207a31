"""A private localstripe per test session, and helpers to walk a basket through checkout."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    """localstripe on a free port of 127.0.0.1, state in memory: parallel runs share nothing."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "checkout.localstripe", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            requests.get(f"{url}/js.stripe.com/v3/", timeout=1)
            break
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("localstripe did not start")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(autouse=True)
def _stripe_settings(settings, localstripe_url):
    settings.STRIPE_USES_LOCALSTRIPE = True
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_SECRET_KEY = "sk_test_local"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_local"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_checkout"
    settings.STRIPE_TIMEOUT_SECONDS = 5
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    # Each test starts with an empty Stripe (the test database starts empty too).
    requests.delete(f"{localstripe_url}/_config/data", timeout=5)


def pytest_terminal_summary(terminalreporter):
    skipped = [
        report for report in terminalreporter.stats.get("skipped", [])
        if "CONCURRENCY NOT TESTED" in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.write_sep(
            "!", f"{len(skipped)} CONCURRENCY TESTS SKIPPED: NOT ON POSTGRESQL "
            "(run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ortak pytest -m postgres)",
            red=True, bold=True,
        )
