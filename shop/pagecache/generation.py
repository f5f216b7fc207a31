"""The content generation: one counter in the cache, part of every page's key.

Bumping it makes every page stored before unreachable, so one signal per change is enough and
no page needs to know what it shows. Its values never repeat: when the counter is missing
(a cache evicted or flushed) it starts again from the clock in nanoseconds, above any value it
had before.

With a read replica (shop/db_router.py), a page rendered from it just after a change may show
what the replica has not received yet; kept under the new generation it would stay stale until
it expired. So each bump also notes when it happened, and for REPLICA_PIN_SECONDS after it (the
lag the replica is allowed, as for a visitor's own writes) what a request read from the replica
is served but not kept.
"""

import logging
import time

from django.core.cache import cache

GENERATION_KEY = "pagecache:generation"
BUMPED_AT_KEY = "pagecache:bumped-at"

logger = logging.getLogger("shop.pagecache")


def generation_current() -> int | None:
    """The current generation, or None when the cache does not answer (no page is cached)."""
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            generation = cache.get(GENERATION_KEY)
    except Exception:  # a cache backend that raises rather than degrading
        logger.warning("Page cache: no generation from the cache", exc_info=True)
        return None
    return generation if isinstance(generation, int) else None


def generation_bump() -> None:
    try:
        cache.set(BUMPED_AT_KEY, time.time(), timeout=None)
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing: a fresh start above every earlier value
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.warning("Page cache: the generation could not be bumped", exc_info=True)


def may_be_behind() -> bool:
    """True when this request read the replica and content changed less than
    REPLICA_PIN_SECONDS ago: what it rendered is served, not kept."""
    from django.conf import settings

    from shop.db_router import reading_replica

    if not reading_replica():
        return False
    try:
        bumped_at = cache.get(BUMPED_AT_KEY)
    except Exception:
        return True
    if not isinstance(bumped_at, (int, float)):
        return False
    return time.time() - bumped_at < settings.REPLICA_PIN_SECONDS


def generation_for_request(request) -> int | None:
    """The generation as this request first read it: one cache read per page however many
    fragments it has (a page is rendered from one generation, as a cached page is)."""
    if request is None:
        return generation_current()
    if not hasattr(request, "_content_generation"):
        request._content_generation = generation_current()
    return request._content_generation
