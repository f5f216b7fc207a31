"""The Content-Security-Policy and Permissions-Policy headers (django-csp does the building).

The storefront, the editorial pages and the workspace load scripts, styles, fonts and pictures
from the shop itself only, plus the media storage's address when it is elsewhere (S3); the one
inline script (Oscar's layout) carries the request's nonce. Stripe.js is allowed on the payment
page only, and from Stripe only when real keys are set (localstripe's address in development).

The staff areas (Oscar's dashboard, Wagtail's admin, Django's admin) are built from their
frameworks' own templates, whose inline scripts and style attributes carry no nonce: there
inline scripts and styles are allowed, everything else is still 'self' only. Their pages are
reached by signed-in staff, not customers.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings

from shop.settings.csp import origin_of

STAFF_PREFIXES = ("/cms/", "/django-admin/")
STAFF_PATH_PARTS = ("/shop/dashboard/",)
PAYMENT_PAGES = {"checkout:preview", "checkout:payment-details"}
STRIPE_SCRIPT = "https://js.stripe.com"
STRIPE_FRAMES = ("https://js.stripe.com", "https://hooks.stripe.com")
STRIPE_API = "https://api.stripe.com"

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), usb=(), "
    'payment=(self "https://js.stripe.com")'
)


def _is_staff_area(path: str) -> bool:
    return path.startswith(STAFF_PREFIXES) or any(part in path for part in STAFF_PATH_PARTS)


class ShopCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy's additions by page."""

    def get_policy_parts(self, request, response, report_only=False):
        if not report_only:
            if _is_staff_area(request.path_info):
                response._csp_replace = {
                    "script-src": [SELF, UNSAFE_INLINE],
                    "style-src": [SELF, UNSAFE_INLINE],
                    "frame-src": [SELF],
                }
            elif _view_name(request) in PAYMENT_PAGES:
                sources = _stripe_sources()
                # frame-src is 'none' elsewhere: replaced, since 'none' admits no companion.
                response._csp_replace = {"frame-src": sources.pop("frame-src")}
                response._csp_update = sources
        return super().get_policy_parts(request, response, report_only=report_only)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def _stripe_sources() -> dict:
    if settings.STRIPE_USES_LOCALSTRIPE:
        local = origin_of(settings.STRIPE_API_BASE)
        return {"script-src": [local], "connect-src": [local], "frame-src": [local]}
    return {
        "script-src": [STRIPE_SCRIPT],
        "connect-src": [STRIPE_API],
        "frame-src": list(STRIPE_FRAMES),
    }
