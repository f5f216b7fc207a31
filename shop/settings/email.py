"""Email: where the background task sends mail (shop/mail.py queues every message).

Set either one variable, `EMAIL_URL`, or Django's own `EMAIL_HOST`, `EMAIL_PORT`,
`EMAIL_HOST_USER`, `EMAIL_HOST_PASSWORD`, `EMAIL_USE_TLS` / `EMAIL_USE_SSL`:

    EMAIL_URL=smtp://user:password@smtp.example.org:587        (STARTTLS on 587, as most do)
    EMAIL_URL=smtps://user:password@smtp.example.org:465       (TLS from the start)
    EMAIL_URL=console://                                       (print mail, for a demo)

Without either, development prints mail on the console; production refuses to pass
`manage.py check --deploy` (shop/checks.py).
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"


def email_from_environment(environ) -> dict:
    """The delivery backend and its settings, from EMAIL_URL or the EMAIL_* variables."""
    url = environ.get("EMAIL_URL", "").strip()
    timeout = int(environ.get("EMAIL_TIMEOUT", "10"))
    if url:
        parts = urlsplit(url)
        if parts.scheme == "console":
            return {"EMAIL_DELIVERY_BACKEND": CONSOLE, "EMAIL_CONFIGURED": True}
        if parts.scheme not in ("smtp", "smtps", "submission") or not parts.hostname:
            raise ImproperlyConfigured(
                "EMAIL_URL must look like smtp://user:password@host:587 or "
                "smtps://user:password@host:465."
            )
        options = parse_qs(parts.query)
        ssl = parts.scheme == "smtps" or options.get("ssl") == ["true"]
        port = parts.port or (465 if ssl else 587)
        return {
            "EMAIL_DELIVERY_BACKEND": SMTP,
            "EMAIL_CONFIGURED": True,
            "EMAIL_HOST": parts.hostname,
            "EMAIL_PORT": port,
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": ssl,
            "EMAIL_USE_TLS": not ssl and options.get("tls", ["true"]) != ["false"],
            "EMAIL_TIMEOUT": timeout,
        }
    host = environ.get("EMAIL_HOST", "").strip()
    if host:
        return {
            "EMAIL_DELIVERY_BACKEND": SMTP,
            "EMAIL_CONFIGURED": True,
            "EMAIL_HOST": host,
            "EMAIL_PORT": int(environ.get("EMAIL_PORT", "587")),
            "EMAIL_HOST_USER": environ.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": environ.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_SSL": environ.get("EMAIL_USE_SSL", "").lower() == "true",
            "EMAIL_USE_TLS": environ.get("EMAIL_USE_TLS", "true").lower() == "true"
            and environ.get("EMAIL_USE_SSL", "").lower() != "true",
            "EMAIL_TIMEOUT": timeout,
        }
    return {"EMAIL_DELIVERY_BACKEND": CONSOLE, "EMAIL_CONFIGURED": False}


_settings = email_from_environment(os.environ)
globals().update(_settings)
# Every caller's mail is queued; the task sends it through EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "shop.mail.QueuedEmailBackend"
__all__ = [*_settings, "EMAIL_BACKEND"]  # what `from shop.settings.email import *` brings
