"""The site search page: a thin view over `stories.search`."""

from django.views.generic import TemplateView

from stories.search import site_search


class SiteSearchView(TemplateView):
    template_name = "search/site_search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = site_search(query=self.request.GET.get("q", ""))
        context.update(query=results.query, results=results)
        return context
