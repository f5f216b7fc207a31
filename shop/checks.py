"""`manage.py check --deploy`: what production needs set beyond Django's own deployment checks.

Django checks its security settings; these check the shop's: where mail goes, the address mail
is sent from, Redis (shared throttling counts and cache across web processes), the client
address behind the proxy (throttling per visitor, not per proxy), and media that is served.
Each message names the environment variable to set (README, "Run it in production").
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

EXAMPLE_FROM_ADDRESS = "hello@ortak.example"


@register(Tags.security, deploy=True)
def production_settings_check(app_configs=None, **kwargs):
    if not getattr(settings, "IS_PRODUCTION", False):
        return []
    problems = []
    if not getattr(settings, "EMAIL_CONFIGURED", False):
        problems.append(
            Error(
                "No mail server: password resets, order confirmations and invitations would "
                "only be printed.",
                hint="Set EMAIL_URL=smtp://user:password@host:587 (or EMAIL_HOST and its "
                "companions).",
                id="ortak.E001",
            )
        )
    if EXAMPLE_FROM_ADDRESS in settings.DEFAULT_FROM_EMAIL:
        problems.append(
            Error(
                "Mail would be sent from the example address hello@ortak.example.",
                hint="Set DEFAULT_FROM_EMAIL, e.g. 'Ortak <hello@your-domain>'.",
                id="ortak.E002",
            )
        )
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        problems.append(
            Error(
                "No shared cache: each web process would count sign-in and order-tracking "
                "attempts on its own, and keep its own cache.",
                hint="Set REDIS_URL=redis://host:6379/0.",
                id="ortak.E003",
            )
        )
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.TRUSTED_PROXY_COUNT:
        problems.append(
            Warning(
                "Behind a proxy every visitor has the proxy's address: throttling would "
                "count all visitors as one.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front of gunicorn "
                "(1 for nginx alone), each appending to X-Forwarded-For.",
                id="ortak.W001",
            )
        )
    if settings.MEDIA_STORAGE == "local" and not settings.MEDIA_URL.startswith("/"):
        problems.append(
            Error(
                "MEDIA_URL points elsewhere while files are on this machine's disk.",
                hint="Leave MEDIA_URL at /media/, or set MEDIA_STORAGE=s3 and S3_BUCKET.",
                id="ortak.E004",
            )
        )
    return problems
