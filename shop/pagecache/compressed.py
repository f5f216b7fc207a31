"""Cached pages sent gzipped without compressing them again for every visitor.

A cached page differs from one answer to the next only in its placeholders (her CSRF token, the
answer's CSP nonce), whose values always have the same length. So when a page is stored, the
parts between the placeholders are deflated once; an answer is a gzip header, those parts in
order with her token and nonce deflated on their own between them, a final empty block, and the
CRC and length of what she receives: one valid deflate stream (RFC 1951: blocks may end and
start anywhere, and a sync flush ends each part on a byte boundary), which any gzip reader takes.

Each part is deflated with the page before it as its dictionary, so it compresses as well as the
whole page would, but with the placeholders' places filled by NUL bytes of the values' length:
a page holds no NUL (pages that do are not prepared), so no part refers back into a token or a
nonce, and every distance it refers back over is right whatever the values are.

On the catalogue page, compressing each hit was a third of the time a hit cost. Her token is
also never compressed against the page, which is what BREACH measures (Django's GZipMiddleware
pads its answers for that reason).
"""

import re
import struct
import zlib

from django.http import HttpRequest
from django.middleware.gzip import re_accepts_gzip

# ID1 ID2, deflate, no flags, no time, no extra flags, OS unknown (RFC 1952).
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
FINAL_EMPTY_BLOCK = b"\x03\x00"
FILLER = b"\x00"
WINDOW = 32 * 1024


def _deflated(data: bytes, level: int, history: bytes = b"") -> bytes:
    """`data` as whole, non-final deflate blocks; back-references only into `history`, which
    the reader has just unpacked."""
    if history:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS,
                                      zdict=history[-WINDOW:])
    else:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def gzip_parts(content: bytes, lengths: dict[bytes, int]) -> list[tuple[bytes, int, bytes]]:
    """The stored page as (placeholder, its value's length, b"") and (b"", 0, deflated part)
    in order; [] for a page that holds a NUL byte (compressed per answer instead)."""
    if FILLER in content:
        return []
    pattern = re.compile(b"(" + b"|".join(re.escape(name) for name in lengths) + b")")
    parts, history = [], b""
    for piece in pattern.split(content):
        if piece in lengths:
            parts.append((piece, lengths[piece], b""))
            history += FILLER * lengths[piece]
        elif piece:
            parts.append((b"", 0, _deflated(piece, 9, history)))
            history = (history + piece)[-WINDOW:]
    return parts


def accepts_gzip(request: HttpRequest) -> bool:
    # As Django's GZipMiddleware reads the header.
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def gzip_answer(parts: list[tuple[bytes, int, bytes]], filled: bytes,
                values: dict[bytes, bytes]) -> bytes | None:
    """The gzip body of `filled` (the page with `values` in place of its placeholders), or None
    if a value's length is not the one the parts were made for."""
    body = [GZIP_HEADER]
    for placeholder, length, deflated in parts:
        if placeholder:
            value = values[placeholder]
            if len(value) != length:
                return None
            body.append(_deflated(value, 6))
        else:
            body.append(deflated)
    body.append(FINAL_EMPTY_BLOCK)
    body.append(struct.pack("<II", zlib.crc32(filled), len(filled) & 0xFFFFFFFF))
    return b"".join(body)
