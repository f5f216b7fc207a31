"""Throttling: how many tries a visitor gets at the doors that guessing could open.

Sign-in (the shop's, Wagtail's `/cms/login/`, Django's `/django-admin/login/`) is django-axes:
after AXES_FAILURE_LIMIT wrong passwords for one account from one address, that account is
locked for that address for AXES_COOLOFF_TIME, whatever the password; a right password resets
the count. The failures are kept in the database, so every web process sees them.

The other doors are counted here, per client address, in the cache (Redis in production,
shared by every process): `ThrottleMiddleware` counts the POSTs to each URL name in LIMITS in a
fixed window and answers 429 with a message saying when to try again (and `Retry-After`). Sign-in
pages get a per-address limit here too, for one address trying many accounts. A cache that
fails lets the request through: the limiter is an accelerator, never a new way to break a page.
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


SIGN_IN = Limit(count=30, seconds=15 * 60)
# URL name (with its namespace) -> how many POSTs one client address may make per window.
LIMITS: dict[str, Limit] = {
    "customer:login": SIGN_IN,
    "wagtailadmin_login": SIGN_IN,
    "admin:login": SIGN_IN,
    "password-reset": Limit(count=5, seconds=60 * 60),
    "customer:register": Limit(count=10, seconds=60 * 60),
    "customer:register-resend": Limit(count=5, seconds=60 * 60),
    # The checkout's "Who are you?": a sign-in, and "new customer" sends a registration email.
    "checkout:index": SIGN_IN,
    "checkout:track-order": Limit(count=10, seconds=15 * 60),
    # The payment endpoint: each POST creates or confirms a PaymentIntent.
    "checkout:preview": Limit(count=20, seconds=15 * 60),
    "checkout:payment-details": Limit(count=20, seconds=15 * 60),
}


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT proxies that each
    append to X-Forwarded-For, the address the first of them saw (never a value the client
    wrote itself)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limit_hit(*, scope: str, key: str, limit: Limit, now: float | None = None) -> int:
    """Count one attempt; the seconds to wait if this one is over the limit, else 0."""
    now = time.time() if now is None else now
    window = int(now // limit.seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    cache_key = f"throttle:{scope}:{digest}:{window}"
    try:
        cache.add(cache_key, 0, timeout=limit.seconds + 5)
        attempts = cache.incr(cache_key)
    except Exception:  # noqa: BLE001 (a cache error is a miss: never a 500 here)
        logger.warning("Throttle cache unavailable for %s; request let through.", scope)
        return 0
    if attempts <= limit.count:
        return 0
    return max(1, math.ceil((window + 1) * limit.seconds - now))


def too_many_attempts(request, seconds: int):
    """429 with a message saying when to try again, as JSON for the payment page's script."""
    minutes = max(1, math.ceil(seconds / 60))
    message = ngettext(
        "Too many attempts. Please try again in %(minutes)d minute.",
        "Too many attempts. Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        response = JsonResponse({"status": "error", "message": message}, status=429)
    else:
        response = render(request, "throttle/too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


class ThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        name = request.resolver_match.view_name
        limit = LIMITS.get(name)
        if limit is None:
            return None
        wait = limit_hit(scope=name, key=client_address(request), limit=limit)
        if wait:
            logger.warning("Throttled %s from %s.", name, client_address(request))
            return too_many_attempts(request, wait)
        return None


def axes_lockout(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the same page and message as every other limit."""
    cool_off = settings.AXES_COOLOFF_TIME
    return too_many_attempts(request, int(cool_off.total_seconds()))


def axes_client_address(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the same address as the limiter's, or None for a request that
    came from no client (Django's `force_login`): PostgreSQL's inet column refuses "unknown"."""
    address = client_address(request)
    return None if address == "unknown" else address


class AxesBackend(AxesStandaloneBackend):
    """django-axes' backend, for sign-ins that come with a request (every sign-in page passes
    one). A call without a request (a management command, the test client's `login()`) comes
    from no client address and is not counted; axes' own backend refused it with an error."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
