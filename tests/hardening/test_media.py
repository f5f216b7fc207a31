"""Uploaded files are served in production, with caching headers: from an S3-compatible object
store (tested against moto's S3 server, started here on a free 127.0.0.1 port) or, on one
machine, by the shop itself at /media/. Thumbnails are made once and stored, never per request."""

import json
import re
import socket
import time
from io import BytesIO

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from oscar.core.loading import get_model
from PIL import Image

import shop.urls  # noqa: F401  (URLs wired with the real settings, before a test changes them)
from catalogue.images import product_thumbnails_generate
from shop.settings.media import MEDIA_CACHE_CONTROL, media_storage_from_environment
from tests.factories import product_for_sale

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _jpeg() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (640, 480), (180, 60, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def _product_with_image():
    product = product_for_sale(title="Madder-red cushion")
    ProductImage.objects.create(
        product=product, original=ContentFile(_jpeg(), name="cushion.jpg"), display_order=0
    )
    product_thumbnails_generate(product=product)
    return product


def _image_urls(html: str) -> list[str]:
    return [url for url in re.findall(r'<img[^>]+src="([^"]+)"', html) if "placeholder" not in url]


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 in server mode, as a separate local S3 would be."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_media(s3_server, settings, monkeypatch):
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    bucket = f"ortak-media-{int(time.time() * 1000)}"
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    s3.create_bucket(Bucket=bucket)
    # What the README asks of the bucket: anyone may read its objects (no ACLs needed).
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                       "Resource": f"arn:aws:s3:::{bucket}/*"}],
    }))
    configured = media_storage_from_environment(
        {"MEDIA_STORAGE": "s3", "S3_BUCKET": bucket, "S3_ENDPOINT_URL": s3_server}
    )
    settings.STORAGES = {**settings.STORAGES, "default": configured["DEFAULT_STORAGE"]}
    settings.MEDIA_URL = configured["MEDIA_URL"]
    return bucket


def test_product_images_are_stored_on_s3_and_served_from_it_with_caching_headers(
    s3_media, s3_server, client
):
    product = _product_with_image()
    assert type(default_storage._wrapped).__name__ == "S3Storage"

    html = client.get(product.get_absolute_url()).content.decode()
    urls = _image_urls(html)
    assert urls and all(url.startswith(f"{s3_server}/{s3_media}/") for url in urls)
    for url in set(urls):
        response = requests.get(url, timeout=10)
        assert response.status_code == 200, url
        assert response.headers["Content-Type"].startswith("image/")
        assert response.headers["Cache-Control"] == MEDIA_CACHE_CONTROL


def test_thumbnails_are_made_once_then_only_looked_up(s3_media, client, monkeypatch):
    product = _product_with_image()
    client.get(product.get_absolute_url())
    saved = []
    monkeypatch.setattr(
        type(default_storage._wrapped), "save",
        lambda self, name, content, max_length=None: saved.append(name) or name,
    )
    client.get(product.get_absolute_url())
    client.get("/en/shop/catalogue/")
    assert saved == []


def test_the_s3_settings_come_from_the_environment():
    configured = media_storage_from_environment(
        {"MEDIA_STORAGE": "s3", "S3_BUCKET": "shop-media", "S3_CUSTOM_DOMAIN": "media.example.org"}
    )
    assert configured["MEDIA_URL"] == "https://media.example.org/"
    options = configured["DEFAULT_STORAGE"]["OPTIONS"]
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
    assert media_storage_from_environment({})["MEDIA_STORAGE"] == "local"


def test_on_one_machine_the_shop_serves_media_with_caching_headers(client):
    product = _product_with_image()
    html = client.get(product.get_absolute_url()).content.decode()
    urls = _image_urls(html)
    assert urls and all(url.startswith("/media/") for url in urls)
    for url in set(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == MEDIA_CACHE_CONTROL
        assert response["Content-Type"].startswith("image/")
    assert client.get("/media/../manage.py").status_code in (400, 404)
    assert client.post(urls[0]).status_code == 405
