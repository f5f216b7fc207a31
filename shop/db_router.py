"""Reading the storefront's pages from a read replica, when there is one.

Production may add a PostgreSQL streaming replica (`DATABASE_REPLICA_URL`, which becomes the
`replica` alias). Only what cannot go wrong from a replica's lag is read there:

- a GET or HEAD of a page that only reads the catalogue and the editorial pages (the views named
  in `REPLICA_VIEWS`: home and Wagtail pages, catalogue, categories, products, makers,
  cooperatives, site search, sitemap);
- and only until the request writes anything (a basket created, a session saved): from the
  first write on, every read of that request goes to the primary, as does every read inside a
  transaction on it, or of a query meant for writing (`select_for_update`, `get_or_create`);
- and not for a visitor who has just written (a POST, a sign-in, a basket line): for
  `REPLICA_PIN_SECONDS` after any unsafe request, a short cookie pins her reads to the primary,
  so she never reads a page older than her own change.

Everything else (checkout, basket, accounts, workspace, dashboards, admin, webhooks, tasks,
management commands) reads and writes the primary, as do migrations. Without a replica the
router answers None everywhere and Django uses `default`.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import connections

from shop.pagecache.middleware import CACHEABLE_VIEWS

PIN_COOKIE = "ortak_primary"

# Views that only read: the pages an anonymous visitor may get from the page cache (Wagtail's
# pages, Oscar's catalogue, makers, cooperatives, search), and the sitemap.
REPLICA_VIEWS = CACHEABLE_VIEWS | {"sitemap"}

_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


def reading_replica() -> bool:
    """Whether this request's reads go to the replica (a read-only page, nothing written yet)."""
    return _reading_replica.get() and replica_alias() is not None


def replica_alias() -> str | None:
    alias = getattr(settings, "DATABASE_READ_REPLICA", "")
    return alias if alias and alias in connections.databases else None


class ReplicaRouter:
    """Reads go to the replica only while the request was allowed to and has written nothing."""

    def db_for_read(self, model, **hints):
        alias = replica_alias()
        if alias is None or not _reading_replica.get():
            return None
        if connections["default"].in_atomic_block:
            return None
        return alias

    def db_for_write(self, model, **hints):
        # From the first write on, this request reads what it wrote: the primary.
        if _reading_replica.get():
            _reading_replica.set(False)
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Lets the router read from the replica for read-only pages of visitors who did not just
    write; pins a visitor to the primary for a few seconds after each unsafe request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reading_replica.set(False)
        try:
            response = self.get_response(request)
        finally:
            _reading_replica.reset(token)
        if replica_alias() and request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                PIN_COOKIE, "1", max_age=settings.REPLICA_PIN_SECONDS, httponly=True,
                samesite="Lax", secure=request.is_secure(),
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            replica_alias()
            and request.method in ("GET", "HEAD")
            and PIN_COOKIE not in request.COOKIES
            and request.resolver_match is not None
            and request.resolver_match.view_name in REPLICA_VIEWS
        ):
            _reading_replica.set(True)
        return None
