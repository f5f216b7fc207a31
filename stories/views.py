"""The site search page: a thin view over `stories.search`."""

from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from stories.search import site_search, site_search_query


class SiteSearchView(TemplateView):
    template_name = "search/site_search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        # The results are read when the page renders them: not when they come from the shared
        # fragments' cache (shop/pagecache/fragments.py).
        context.update(
            query=site_search_query(raw),
            results=SimpleLazyObject(lambda: site_search(query=raw)),
        )
        return context
