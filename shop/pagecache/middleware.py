"""The two halves of the page cache: look up (innermost) and store (outermost but gzip).

PageCacheMiddleware is the last entry of MIDDLEWARE: on a hit it answers before any view runs,
and every other middleware still treats the answer on its way out (the CSRF middleware sets
the requester's cookie, the CSP middleware writes a header naming the nonce put in the body).
PageCacheStoreMiddleware sits just inside GZip, so it sees the answer as it leaves Django,
every Set-Cookie included, and stores it uncompressed, with its parts deflated ahead for the
visitors who take gzip (compressed.py).
"""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from shop.pagecache.compressed import accepts_gzip, gzip_answer, gzip_parts
from shop.pagecache.generation import generation_current, may_be_behind

CACHEABLE_VIEWS = frozenset({
    "wagtail_serve",  # home, story index, stories, info pages
    "catalogue:index",
    "catalogue:category",
    "catalogue:detail",
    "cooperatives:cooperative-list",
    "cooperatives:cooperative-detail",
    "cooperatives:maker-detail",
    "site-search",
})
# Unguessable by an editor; the same in every process, since Redis is shared.
CSRF_PLACEHOLDER = b"pagecache-csrf-6f1d0c3a9e2b4875"
NONCE_PLACEHOLDER = b"pagecache-nonce-b83e51d7a0c94f26"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
TOKEN_LIKE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
KEPT_HEADERS = ("Content-Type", "Content-Language")
BROWSER_CACHE_CONTROL = "private, no-cache"


@dataclass
class PageCacheState:
    """What the page cache did with one request: hit, miss, bypass or off."""

    outcome: str
    key: str = ""


def page_cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def _view_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


def visitor_brings_nothing(request: HttpRequest) -> bool:
    """No session (hence not signed in, no checkout, no messages kept there), no basket, no
    messages cookie: the page is the same for her as for anyone else without them."""
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or settings.OSCAR_BASKET_COOKIE_OPEN in cookies
        or CookieStorage.cookie_name in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def page_key(request: HttpRequest, generation: int) -> str:
    parts = "|".join((
        request.scheme, request.get_host(), get_language() or "", settings.OSCAR_DEFAULT_CURRENCY,
        request.get_full_path(),
    ))
    return f"pagecache:{generation}:{hashlib.sha256(parts.encode()).hexdigest()}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if page_cache_seconds() <= 0 or _view_name(request) not in CACHEABLE_VIEWS:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD") or not visitor_brings_nothing(request):
            request.page_cache = PageCacheState("bypass")
            return self.get_response(request)
        generation = generation_current()
        if generation is None:
            request.page_cache = PageCacheState("off")
            return self.get_response(request)
        key = page_key(request, generation)
        entry = cache.get(key)
        if isinstance(entry, dict):
            request.page_cache = PageCacheState("hit", key)
            return _response_from(entry, request)
        request.page_cache = PageCacheState("miss", key)
        return self.get_response(request)


class PageCacheStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "page_cache", None)
        if state is None:
            return response
        if state.outcome == "miss" and request.method == "GET" and not may_be_behind():
            entry = _entry_from(response, request)
            if entry is not None:
                cache.set(state.key, entry, page_cache_seconds())
                state.outcome = "stored"
        # The page differs by cookie (a basket, a session), and holds the visitor's CSRF token:
        # browsers may keep it but must ask again, shared caches must not keep it at all.
        patch_vary_headers(response, ("Cookie",))
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = BROWSER_CACHE_CONTROL
        response["X-Page-Cache"] = state.outcome
        return response


def placeholder_values(content: bytes, request: HttpRequest) -> dict[bytes, bytes]:
    """The requester's CSRF token and this answer's nonce, for the placeholders `content` has."""
    values = {}
    if CSRF_PLACEHOLDER in content:
        # get_token also has the CSRF middleware (re)send her cookie with this answer.
        values[CSRF_PLACEHOLDER] = get_token(request).encode()
    if NONCE_PLACEHOLDER in content:
        # Reading the nonce has the CSP middleware name it in this answer's header.
        values[NONCE_PLACEHOLDER] = str(request.csp_nonce).encode()
    return values


def _filled(content: bytes, values: dict[bytes, bytes]) -> bytes:
    for placeholder, value in values.items():
        content = content.replace(placeholder, value)
    return content


def placeholders_fill(content: bytes, request: HttpRequest) -> bytes:
    """The requester's CSRF token and this answer's nonce where the placeholders are."""
    return _filled(content, placeholder_values(content, request))


def _response_from(entry: dict, request: HttpRequest) -> HttpResponse:
    values = placeholder_values(entry["content"], request)
    filled = _filled(entry["content"], values)
    parts = entry.get("gzip")
    gzipped = gzip_answer(parts, filled, values) if parts and accepts_gzip(request) else None
    if gzipped is not None:
        # Deflated when stored: GZipMiddleware leaves an answer with a Content-Encoding alone.
        response = HttpResponse(gzipped, status=entry["status"])
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(gzipped))
        patch_vary_headers(response, ("Accept-Encoding",))
    else:
        response = HttpResponse(filled, status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def _entry_from(response: HttpResponse, request: HttpRequest) -> dict | None:
    """The page as stored for the next visitor, or None when it must not be shared."""
    if response.status_code != 200 or response.streaming:
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return None
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return None
    if getattr(request, "is_preview", False) or not _wagtail_page_public(request):
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    content = placeholders_put(response.content, request)
    if content is None:
        return None
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    lengths = {CSRF_PLACEHOLDER: CSRF_TOKEN_LENGTH}
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str) and nonce:
        lengths[NONCE_PLACEHOLDER] = len(nonce)
    return {"status": 200, "content": content, "headers": headers,
            "gzip": gzip_parts(content, lengths)}


def _wagtail_page_public(request: HttpRequest) -> bool:
    """Wagtail pages: only a live page that anyone may read (hooks.py remembers the page)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name != "wagtail_serve":
        return True
    page = getattr(request, "page_cache_page", None)
    if page is None or not page.live:
        return False
    return not page.get_view_restrictions().exists()


def placeholders_put(content: bytes, request: HttpRequest) -> bytes | None:
    """Her CSRF token and the nonce out, placeholders in; None if her secret is still there
    in any other form (a token printed outside the form field, say)."""
    content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        if secret.encode() in content:
            return None
        for token in TOKEN_LIKE.findall(content):
            if _unmask_cipher_token(token.decode()) == secret:
                return None
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str) and nonce:
        content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
    return content
