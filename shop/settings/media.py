"""Where uploaded files (product photos, portraits, story pictures, their thumbnails and
renditions) are kept and how visitors get them: chosen by MEDIA_STORAGE.

- `MEDIA_STORAGE=s3` (production with more than one machine): an S3-compatible object store
  through django-storages. `S3_BUCKET` is required; `S3_ENDPOINT_URL` for a store other than
  AWS (MinIO, Scaleway, R2...), `S3_REGION`, `S3_CUSTOM_DOMAIN` for a CDN in front; credentials
  from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (or the machine's role). Files are public
  and never overwritten (names are unique), so they are sent with a one-year cache lifetime.
- `MEDIA_STORAGE=local` (the default; one machine): files in MEDIA_ROOT, served at MEDIA_URL
  by the shop itself (shop/media.py) with the same caching headers, or by the front proxy
  from the same folder when it is configured to (see the README).
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

# Names are unique (Wagtail's and Django's storage add a suffix) and thumbnails are named after
# their source and size, so a URL's content never changes.
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"


def media_storage_from_environment(environ: Mapping[str, str]) -> dict:
    """STORAGES["default"], MEDIA_URL (when it changes) and MEDIA_STORAGE, from the environment."""
    kind = environ.get("MEDIA_STORAGE", "local").strip().lower() or "local"
    if kind == "local":
        return {
            "MEDIA_STORAGE": "local",
            "DEFAULT_STORAGE": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        }
    if kind != "s3":
        raise ImproperlyConfigured("MEDIA_STORAGE must be 'local' or 's3'.")
    bucket = environ.get("S3_BUCKET", "").strip()
    if not bucket:
        raise ImproperlyConfigured("Set S3_BUCKET (with MEDIA_STORAGE=s3).")
    endpoint = environ.get("S3_ENDPOINT_URL", "").strip() or None
    custom_domain = environ.get("S3_CUSTOM_DOMAIN", "").strip() or None
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": environ.get("S3_REGION", "").strip() or None,
        "custom_domain": custom_domain,
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
        "object_parameters": {"CacheControl": MEDIA_CACHE_CONTROL},
        "url_protocol": "https:" if not endpoint or endpoint.startswith("https") else "http:",
    }
    if custom_domain:
        media_url = f"https://{custom_domain}/"
    elif endpoint:
        media_url = f"{endpoint.rstrip('/')}/{bucket}/"
    else:
        media_url = f"https://{bucket}.s3.amazonaws.com/"
    return {
        "MEDIA_STORAGE": "s3",
        "DEFAULT_STORAGE": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "MEDIA_URL": media_url,
    }
