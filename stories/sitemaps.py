"""sitemap.xml: the Wagtail pages and the shop's public pages, in every language.

Only what a visitor can open is listed: live, public pages; public products of active makers;
public categories; active makers and cooperatives. No images are listed, so no portrait a maker
has not agreed to show can leak through here, and no private field is read.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from oscar.core.loading import get_model
from wagtail.models import Locale, Page, Site

from catalogue.selectors import sellable_products


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def __init__(self, request=None):
        self.request = request

    def get_domain(self, site=None):
        # The host the crawler asked, not django.contrib.sites' record (often "example.com").
        if self.request is not None:
            return self.request.get_host()
        return super().get_domain(site)


class PageSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return []
        # Each page once (in the default locale); its address in each language is that of its
        # translation, with the others as hreflang alternates.
        return (
            Page.objects.live()
            .public()
            .descendant_of(site.root_page, inclusive=True)
            .filter(locale=Locale.get_default())
            .order_by("path")
            .specific()
        )

    def location(self, page):
        return page.localized.get_url_parts()[2]

    def lastmod(self, page):
        return page.last_published_at


class ProductSitemap(I18nSitemap):
    changefreq = "daily"

    def items(self):
        return sellable_products().only("pk", "slug", "date_updated").order_by("pk")

    def lastmod(self, product):
        return product.date_updated


class CategorySitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return get_model("catalogue", "Category").objects.filter(is_public=True).order_by("path")


class MakerSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        from cooperatives.models import Maker

        return Maker.objects.active().only("pk", "slug").order_by("pk")


class CooperativeSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        from cooperatives.models import Cooperative

        return Cooperative.objects.only("pk", "slug").order_by("pk")


sitemaps = {
    "pages": PageSitemap,
    "products": ProductSitemap,
    "categories": CategorySitemap,
    "makers": MakerSitemap,
    "cooperatives": CooperativeSitemap,
}


def sitemap(request):
    """/sitemap.xml, with the domain taken from the request."""
    instances = {name: sitemap_class(request) for name, sitemap_class in sitemaps.items()}
    return django_sitemap(request, sitemaps=instances)
