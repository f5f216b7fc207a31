"""Stripe: real Stripe when keys are in the environment, localstripe on 127.0.0.1 otherwise.

A developer runs the shop without any key: `make run` starts localstripe
(`manage.py run_localstripe`) and the same code talks to it over HTTP with the real `stripe`
package. Setting STRIPE_SECRET_KEY (and its companions) switches to Stripe itself.
"""

import os

STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "").strip()
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "").strip()
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "").strip()

# Without real keys every call goes to localstripe; its dummy keys are accepted as they are.
STRIPE_USES_LOCALSTRIPE = not STRIPE_SECRET_KEY
if STRIPE_USES_LOCALSTRIPE:
    STRIPE_SECRET_KEY = "sk_test_local"  # noqa: S105
    STRIPE_PUBLISHABLE_KEY = "pk_test_local"
    STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET or "whsec_local"  # noqa: S105
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "http://127.0.0.1:8420").rstrip("/")

# A customer waits for these calls: fail fast rather than hang. One retry at most (a POST's
# retry carries the same idempotency key, so Stripe acts once). A payment request makes at
# most three calls, so 3 × 2 × 8 s stays below the web worker's 60 s (shop/gunicorn.conf.py).
STRIPE_TIMEOUT_SECONDS = float(os.environ.get("STRIPE_TIMEOUT_SECONDS", "8"))
STRIPE_MAX_NETWORK_RETRIES = int(os.environ.get("STRIPE_MAX_NETWORK_RETRIES", "1"))
# Webhooks older than this (seconds) are refused, so a captured request cannot be replayed.
STRIPE_WEBHOOK_TOLERANCE = int(os.environ.get("STRIPE_WEBHOOK_TOLERANCE", "300"))

