"""The storefront's Content-Security-Policy, as django-csp reads it (CONTENT_SECURITY_POLICY).

Built from the media address, so pictures on an object store (S3) are allowed too. What changes
by page (Stripe on the payment page, the staff areas) is in shop/csp.py.
"""

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF


def origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def content_security_policy(*, media_url: str) -> dict:
    media = origin_of(media_url)
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE],
            "style-src": [SELF],
            "img-src": [SELF, "data:", *([media] if media else [])],
            "font-src": [SELF],
            "connect-src": [SELF],
            "frame-src": [NONE],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            # Wagtail's preview shows the page in a frame of its own admin.
            "frame-ancestors": [SELF],
        }
    }
