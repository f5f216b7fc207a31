"""Whole pages kept in the cache for visitors who bring nothing of their own (issue 14).

A visitor without a session, a basket or pending messages sees the same home, catalogue,
category, product, story, maker, cooperative, info and search pages as every other such
visitor, in her language: those pages are rendered once and kept in the cache.

- Who: GET or HEAD with no session cookie (so not signed in, no checkout, no messages kept in
  the session), no basket cookie, no messages cookie and no Authorization header. Everyone
  else gets the page rendered for her, never a cached one.
- Which pages: the views in CACHEABLE_VIEWS; stored only when the answer is a 200 HTML page that
  sets no cookie but the CSRF one, is no Wagtail preview, and (for Wagtail) is a live page
  without view restrictions.
- Keys: scheme, host, language, currency, full path with query, and the content generation.
- Invalidation: any save, delete or page move of shop content bumps one generation counter in
  the cache (signals.py), at once and again after the transaction commits; every older page
  is then unreachable. A migrate (every deployment) bumps it too. Entries also expire after
  PAGE_CACHE_SECONDS whatever happens.
- Per-visitor parts: the CSRF token and the Content-Security-Policy nonce are stored as
  placeholders and filled in per response with the requester's token (her CSRF cookie is set
  too) and a fresh nonce, which the CSP header then names.
- A cache that fails (Redis down) means no generation, hence uncached pages.
"""

from shop.pagecache.generation import generation_bump, generation_current
from shop.pagecache.middleware import (
    CACHEABLE_VIEWS,
    PageCacheMiddleware,
    PageCacheStoreMiddleware,
)

__all__ = [
    "CACHEABLE_VIEWS",
    "PageCacheMiddleware",
    "PageCacheStoreMiddleware",
    "generation_bump",
    "generation_current",
]
