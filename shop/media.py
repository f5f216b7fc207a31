"""Uploaded files served by the shop itself, for a shop on one machine (MEDIA_STORAGE=local).

Nothing served `/media/` with DEBUG off, so every product, portrait and story picture was a 404
in production. Django's static file view does the work (path checks, content type, 304 on
If-Modified-Since); this adds the caching headers that unique, never-rewritten names allow, and
`nosniff`. Each file is read from disk per request, which a single machine serves comfortably;
a front proxy can serve the same folder itself for more (README, production).
"""

from django.core.files.storage import default_storage
from django.views.decorators.http import require_safe
from django.views.static import serve

from shop.settings.media import MEDIA_CACHE_CONTROL


@require_safe
def media_serve(request, path: str):
    # The folder the storage writes to (MEDIA_ROOT, as the storage last read it).
    response = serve(request, path, document_root=default_storage.location)
    response["Cache-Control"] = MEDIA_CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response
