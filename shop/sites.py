"""The shop's one public address, SITE_URL, and the records that must agree with it.

An email is read away from the shop, so each of its links carries the shop's address, and no
request is there to lend its host (an order placed by Stripe's webhook has the webhook's).
Oscar's emails build links from django.contrib.sites' record (`Site.domain`) and
`OSCAR_URL_SCHEMA`; Wagtail's notices from `WAGTAILADMIN_BASE_URL` and from its own default
`Site` (a page's `full_url`). The settings take all of them from SITE_URL (`shop/settings/`), and
`sites_sync` writes the two database records after every `migrate`, so changing the environment
variable and deploying is enough.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}
EXAMPLE = "https://shop.example.org"


def site_url_clean(value: str) -> str:
    """SITE_URL as `scheme://host[:port]`, or stop start-up with one line saying what to set."""
    parts = urlsplit(value.strip().rstrip("/"))
    if not _is_scheme_and_host(parts):
        raise ImproperlyConfigured(
            f"SITE_URL must be the shop's address alone, like {EXAMPLE} (got {value!r})."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _is_scheme_and_host(parts) -> bool:
    try:
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError:
        return False
    return (
        parts.scheme in DEFAULT_PORTS
        and bool(parts.hostname)
        and not (parts.path or parts.query or parts.fragment or "@" in parts.netloc)
    )


def site_url_for_production(value: str, allowed_hosts: list[str]) -> str:
    """SITE_URL on https and among ALLOWED_HOSTS; unset, the one allowed host over https."""
    if not value.strip():
        if len(allowed_hosts) != 1 or allowed_hosts[0].startswith(".") or "*" in allowed_hosts[0]:
            raise ImproperlyConfigured(
                f"Set the SITE_URL environment variable (the shop's address, like {EXAMPLE}) "
                "before starting Ortak."
            )
        value = f"https://{allowed_hosts[0]}"
    url = site_url_clean(value)
    if not url.startswith("https://"):
        raise ImproperlyConfigured(
            f"SITE_URL must start with https:// in production (got {value!r}): links in emails "
            "would otherwise send customers to an unencrypted address."
        )
    host, _port = split_domain_port(urlsplit(url).netloc)
    if not validate_host(host, allowed_hosts):
        raise ImproperlyConfigured(
            f"Add {host} to ALLOWED_HOSTS, or set SITE_URL to one of its hosts: links in emails "
            "to any other host are refused."
        )
    return url


def sites_sync(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Make django.contrib.sites' record and Wagtail's default site say SITE_URL's address.

    Both are saved through their models, so Django's site cache and Wagtail's cache of root
    URLs are cleared by their own signals. Wagtail derives the scheme from the port (443 is
    https, any other port http), which is right for https on its default port.
    """
    from django.contrib.sites.models import Site
    from wagtail.models import Site as WagtailSite

    parts = urlsplit(settings.SITE_URL)
    domain, name = parts.netloc, settings.OSCAR_SHOP_NAME
    if router.allow_migrate_model(using, Site):
        site = Site.objects.using(using).filter(pk=settings.SITE_ID).first()
        if site is None:
            Site.objects.using(using).create(pk=settings.SITE_ID, domain=domain, name=name)
            _reset_sequence(Site, using)
        elif (site.domain, site.name) != (domain, name):
            site.domain, site.name = domain, name
            site.save(using=using, update_fields=["domain", "name"])

    if router.allow_migrate_model(using, WagtailSite):
        port = parts.port or DEFAULT_PORTS[parts.scheme]
        wagtail_site = WagtailSite.objects.using(using).filter(is_default_site=True).first()
        if wagtail_site is not None and (wagtail_site.hostname, wagtail_site.port) != (
            parts.hostname,
            port,
        ):
            wagtail_site.hostname, wagtail_site.port = parts.hostname, port
            wagtail_site.save(using=using, update_fields=["hostname", "port"])


def _reset_sequence(model, using: str) -> None:
    # A row created with an explicit id leaves PostgreSQL's sequence behind it, as Django's own
    # create_default_site knows.
    from django.core.management.color import no_style

    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def sites_sync_after_migrate(sender, *, using: str = DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """post_migrate: after any migrate, unless it left either table unmigrated."""
    if apps is not None:
        try:
            apps.get_model("sites", "Site")
            apps.get_model("wagtailcore", "Site")
        except LookupError:
            return
    sites_sync(using=using)
