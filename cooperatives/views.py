"""Public pages of cooperatives and makers: thin views over `cooperatives.selectors`."""

from django.views.generic import TemplateView

from cooperatives import selectors


class CooperativeListView(TemplateView):
    template_name = "cooperatives/cooperative_list.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "cooperatives": selectors.cooperative_list()}


class CooperativeDetailView(TemplateView):
    template_name = "cooperatives/cooperative_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, **selectors.cooperative_detail(slug=kwargs["slug"])}


class MakerDetailView(TemplateView):
    template_name = "cooperatives/maker_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, **selectors.maker_detail(slug=kwargs["slug"])}
