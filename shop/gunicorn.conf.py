"""gunicorn for Ortak: `gunicorn -c shop/gunicorn.conf.py shop.wsgi`.

Threaded workers (gthread): a request waiting on Stripe holds one thread, not a whole process,
so visitors keep being served while payments wait (with 4 sync workers, 50 buyers waiting on
Stripe made every reader wait). The worker timeout is above the longest a payment request can
wait on Stripe (every call timed out and retried once), so a slow Stripe gives the shop's own
"being confirmed" answer, never gunicorn's bare "Internal Server Error".

Environment: PORT (8000), WEB_CONCURRENCY (processes, 2 × cores + 1 at most 8),
GUNICORN_THREADS (threads per process, 8), GUNICORN_TIMEOUT (seconds, 60),
GUNICORN_MAX_REQUESTS (a worker is replaced after this many requests, ±10 %, 20000: a guard
against slow leaks; at 2000 a busy worker restarted every few seconds, and each new one imports
Django and warms its caches again: pages served 20-30 % fewer requests per second in the bench).
"""

import multiprocessing
import os

# Behind the TLS proxy: only the proxy may reach gunicorn, since production trusts its headers
# (X-Forwarded-Proto, X-Forwarded-For). GUNICORN_BIND for a private address or a Unix socket.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle processes now and then (memory), not all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "" for none
errorlog = "-"


def stripe_budget_seconds() -> float:
    """The longest one payment request can wait on Stripe: creating, capturing and asking
    again, each timing out on every try (shop/settings/stripe.py)."""
    tries = 1 + int(os.environ.get("STRIPE_MAX_NETWORK_RETRIES", "1"))
    per_call = float(os.environ.get("STRIPE_TIMEOUT_SECONDS", "8"))
    return 3 * tries * per_call + 3  # three calls, plus the retries' back-off


if stripe_budget_seconds() >= timeout:
    raise SystemExit(
        f"GUNICORN_TIMEOUT ({timeout} s) must be above the Stripe budget "
        f"({stripe_budget_seconds():.0f} s): lower STRIPE_TIMEOUT_SECONDS or raise the timeout."
    )
