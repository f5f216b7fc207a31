"""Shared fragments: the parts of a page that are the same for every visitor, kept in the cache
for the visitors the page cache cannot serve (signed in, a basket, a message waiting).

A signed-in customer's product page differs from anyone else's only in the header (her name,
her basket), the messages and the add-to-basket form's CSRF token. The rest (photos, maker,
stories, "more by her", the catalogue's facets and cards) is rendered once per content
generation and language and kept, so her page costs her own parts plus a cache read.

- Where: `{% shared_fragment "name" [vary…] %}…{% end_shared_fragment %}` in a template of a
  view the page cache knows (CACHEABLE_VIEWS), for GET and HEAD, never in a Wagtail preview.
  Anywhere else the tag just renders what it holds.
- Keys: the page's key parts (scheme, host, language, currency, full path with query), the
  content generation, the fragment's name and vary values, and whether the visitor is staff
  (staff see "edit" links).
- Invalidation: the page cache's generation, so any content change drops every fragment at
  once; entries also expire after PAGE_CACHE_SECONDS.
- Two levels: each process keeps the last LOCAL_FRAGMENTS it read or wrote (for at most
  LOCAL_FRAGMENT_SECONDS) in front of the shared cache. This is safe across processes because
  the key holds the content generation, read from the shared cache once per request: after a
  change no request asks for the old keys again.
- Per-visitor parts: a fragment must hold nothing of the visitor's own but a CSRF token or the
  CSP nonce, which are stored as the page cache's placeholders and filled in per answer. A
  fragment in which her CSRF secret still shows in any other form is not stored.
- Shared objects: `shared_object()` keeps a value the view needs whether or not the fragments
  are warm (the product page's product, its maker and cooperative), under the same keys and
  generation; each request unpickles its own copy, so no two threads share an instance.
"""

import hashlib
import logging
import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import get_language

from shop.pagecache.generation import generation_for_request, may_be_behind

logger = logging.getLogger("shop.pagecache")

FRAGMENT_OUTCOMES = frozenset({"bypass", "miss", "stored"})
LOCAL_FRAGMENTS = 256
LOCAL_FRAGMENT_SECONDS = 120

_local: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
_local_lock = threading.Lock()  # gunicorn's threaded workers share it


def _local_get(key: str) -> bytes | None:
    with _local_lock:
        entry = _local.get(key)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            del _local[key]
            return None
        _local.move_to_end(key)
        return entry[1]


def _local_put(key: str, stored: bytes) -> None:
    from shop.pagecache.middleware import page_cache_seconds

    expires = time.monotonic() + min(LOCAL_FRAGMENT_SECONDS, page_cache_seconds())
    with _local_lock:
        _local[key] = (expires, stored)
        _local.move_to_end(key)
        while len(_local) > LOCAL_FRAGMENTS:
            _local.popitem(last=False)


def fragment_key(request: HttpRequest | None, name: str, vary: tuple = ()) -> str | None:
    """The fragment's key for this request, or None when the fragment must be rendered."""
    from django.conf import settings

    from shop.pagecache.middleware import page_cache_seconds

    state = getattr(request, "page_cache", None)
    if state is None or state.outcome not in FRAGMENT_OUTCOMES or page_cache_seconds() <= 0:
        return None
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return None
    generation = generation_for_request(request)
    if generation is None:
        return None
    user = getattr(request, "user", None)
    staff = bool(user is not None and user.is_authenticated and user.is_staff)
    parts = "|".join((
        request.scheme, request.get_host(), get_language() or "",
        settings.OSCAR_DEFAULT_CURRENCY, request.get_full_path(), "staff" if staff else "",
        name, *(str(value) for value in vary),
    ))
    return f"fragment:{generation}:{hashlib.sha256(parts.encode()).hexdigest()}"


def fragment_get(key: str) -> bytes | None:
    stored = _local_get(key)
    if stored is not None:
        return stored
    try:
        stored = cache.get(key)
    except Exception:  # a cache backend that raises: render instead
        logger.warning("Shared fragment: the cache did not answer", exc_info=True)
        return None
    if not isinstance(stored, bytes):
        return None
    _local_put(key, stored)
    return stored


def fragment_set(key: str, rendered: str, request: HttpRequest) -> None:
    from shop.pagecache.middleware import placeholders_put

    stored = placeholders_put(rendered.encode(), request)
    if stored is not None:
        _shared_put(key, stored)


def _shared_put(key: str, stored: bytes) -> None:
    from shop.pagecache.middleware import page_cache_seconds

    if may_be_behind():
        return
    try:
        cache.set(key, stored, page_cache_seconds())
    except Exception:
        logger.warning("Shared fragment: not stored", exc_info=True)
        return
    _local_put(key, stored)


def shared_object(request: HttpRequest | None, name: str, vary: tuple, compute):
    """`compute()`, or the value it gave for this page in this content generation.

    For content the same for every visitor (never her basket, stock or anything of hers):
    the value is kept pickled and each call gets a fresh copy. Where fragments are not used
    (a preview, a POST, the cache down) it is computed every time."""
    key = fragment_key(request, f"object:{name}", vary)
    if key is None:
        return compute()
    stored = fragment_get(key)
    if stored is not None:
        try:
            return _unbound(pickle.loads(stored))  # noqa: S301 (shared_object's, in our cache)
        except Exception:  # a class changed shape since it was stored
            logger.warning("Shared object %s could not be read; computed again", name,
                           exc_info=True)
    value = compute()
    _shared_put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _unbound(value):
    """A model instance kept by one request forgets which database it was read from (a replica,
    say), so this request's reads of its relations are routed as its own (shop/db_router.py:
    a visitor pinned to the primary stays there)."""
    if isinstance(value, Model):
        value._state.db = None
        for related in value._state.fields_cache.values():
            _unbound(related)
    return value


def fragment_fill(stored: bytes, request: HttpRequest) -> str:
    from shop.pagecache.middleware import placeholders_fill

    return placeholders_fill(stored, request).decode()
