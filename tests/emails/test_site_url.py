"""SITE_URL: read once from the environment, required on https in production, and written into
Django's Sites record and Wagtail's default site by every `migrate`."""

import pytest
from django.contrib.sites.models import Site
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import Site as WagtailSite

from shop.sites import site_url_clean, site_url_for_production
from tests.foundation.test_settings import run_check


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("https://Shop.Example.org/", "https://shop.example.org"),
        (" https://shop.example.org:8443 ", "https://shop.example.org:8443"),
    ],
)
def test_site_url_is_a_scheme_and_a_host(value, expected):
    assert site_url_clean(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "shop.example.org", "ftp://shop.example.org", "https://shop.example.org/shop",
     "https://shop.example.org/?a=1", "https://user:pw@shop.example.org", "https://shop:port"],
)
def test_anything_else_stops_start_up_saying_what_to_set(value):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL must be the shop's address alone"):
        site_url_clean(value)


def test_production_wants_https_on_an_allowed_host():
    hosts = ["shop.example.org", "www.shop.example.org"]
    assert site_url_for_production("https://shop.example.org", hosts) == (
        "https://shop.example.org"
    )
    with pytest.raises(ImproperlyConfigured, match="must start with https://"):
        site_url_for_production("http://shop.example.org", hosts)
    with pytest.raises(ImproperlyConfigured, match="Add other.example.org to ALLOWED_HOSTS"):
        site_url_for_production("https://other.example.org", hosts)
    with pytest.raises(ImproperlyConfigured, match="Set the SITE_URL environment variable"):
        site_url_for_production("", hosts)
    with pytest.raises(ImproperlyConfigured, match="Set the SITE_URL environment variable"):
        site_url_for_production("", [".example.org"])


def test_production_without_site_url_serves_its_one_allowed_host_over_https():
    assert site_url_for_production("", ["shop.example.org"]) == "https://shop.example.org"


def test_production_refuses_to_start_on_plain_http_with_one_line():
    result = run_check(
        DJANGO_SETTINGS_MODULE="shop.settings.production",
        SECRET_KEY="a-test-secret-that-is-long-enough-and-random-" + "q7Zp" * 8,
        ALLOWED_HOSTS="shop.example.org",
        STRIPE_ALLOW_LOCALSTRIPE="true",
        STRIPE_WEBHOOK_SECRET="whsec_a-secret-of-the-shops-own",
        SITE_URL="http://shop.example.org",
    )
    assert result.returncode != 0
    assert "SITE_URL must start with https:// in production" in result.stderr.splitlines()[-1]


@pytest.mark.django_db
def test_migrate_writes_the_address_into_both_site_records(settings):
    """What a deployment does: a new SITE_URL in the environment, then `migrate`."""
    Site.objects.update(domain="example.com", name="example.com")
    WagtailSite.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    settings.SITE_URL = "https://ortak.example.org"
    try:
        call_command("migrate", verbosity=0)

        assert Site.objects.get_current().domain == "ortak.example.org"
        assert Site.objects.get_current().name == "Ortak"
        wagtail_site = WagtailSite.objects.get(is_default_site=True)
        assert (wagtail_site.hostname, wagtail_site.port) == ("ortak.example.org", 443)
        assert wagtail_site.root_url == "https://ortak.example.org"
    finally:
        Site.objects.clear_cache()
        WagtailSite.clear_site_root_paths_cache()


@pytest.mark.django_db
def test_a_port_other_than_the_default_is_kept(shop_address):
    shop_address("http://127.0.0.1:8123")
    assert Site.objects.get_current().domain == "127.0.0.1:8123"
    assert WagtailSite.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8123"
