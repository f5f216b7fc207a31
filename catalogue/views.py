"""The storefront's catalogue pages: thin views over `catalogue.selectors`."""

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.apps.catalogue.views import ProductDetailView as CoreProductDetailView
from oscar.core.loading import get_model

from catalogue.forms import BrowseForm
from catalogue.selectors import (
    product_browse,
    product_detail,
    product_detail_context,
    product_stock_prefetch,
)
from shop.pagecache.fragments import shared_object

Category = get_model("catalogue", "Category")


class CatalogueView(TemplateView):
    template_name = "oscar/catalogue/browse.html"
    paginate_by = 24

    def get_category(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = BrowseForm(self.request.GET or None)
        form.is_valid()
        filters = form.filters()
        category = self.get_category()
        page_number = self.request.GET.get("page") or 1
        # Read when the template renders them, which it does not when the results come from
        # the shared fragments' cache (shop/pagecache/fragments.py).
        result = SimpleLazyObject(lambda: product_browse(filters=filters, category=category))

        def page():
            paginator = Paginator(result.products, self.paginate_by)
            try:
                return paginator.page(page_number)
            except Exception as error:
                raise Http404(_("No such page.")) from error

        page_obj = SimpleLazyObject(page)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            filters=filters,
            facets=SimpleLazyObject(lambda: result.facets),
            page_obj=page_obj,
            page_number=int(page_number) if str(page_number).isdigit() else 1,
            paginator=SimpleLazyObject(lambda: page_obj.paginator),
            products=SimpleLazyObject(lambda: page_obj.object_list),
            query_without_page=query.urlencode(),
            summary=_("All products"),
            # "Did you mean": the query found nothing; the products are the suggestion's.
            suggestion=SimpleLazyObject(lambda: result.suggestion),
        )
        return context


class ProductCategoryView(CatalogueView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if expected != request.path:
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(expected + (f"?{query}" if query else ""))
        return super().get(request, *args, **kwargs)

    def get_category(self):
        return self.category

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


class ProductDetailView(CoreProductDetailView):
    def get_queryset(self):
        return product_detail(super().get_queryset())

    def get_object(self, queryset=None):
        """The product as every visitor sees it, kept with the page's shared fragments (same
        content generation, language, address and staff flag), so a signed-in visit does not
        build and run the product's query again; its stock is read on every visit."""
        if hasattr(self, "object"):
            return self.object

        def read():
            return CoreProductDetailView.get_object(self, queryset)

        product = shared_object(self.request, "product", (), read)
        prefetch_related_objects([product], product_stock_prefetch())
        return product

    def get_alert_status(self):
        # Oscar asks on every signed-in visit; the page shows it only for a piece she cannot buy.
        info = self.request.strategy.fetch_for_product(self.object)
        if info.availability.is_available_to_buy and info.price.exists:
            return False
        return super().get_alert_status()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(product_detail_context(self.object))
        return context
