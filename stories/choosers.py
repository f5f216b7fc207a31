"""The product chooser modal that stories use.

Makers and cooperatives are snippets (`cooperatives/wagtail_hooks.py`), so stories pick them with
the snippet chooser. Products live in Oscar's catalogue and are edited in Oscar's dashboard, so
they get a generic `ChooserViewSet`: editors pick them here but never edit them. Its search box
matches public fields with `icontains`, which needs no search index to keep in step.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.viewsets.chooser import ChooserViewSet


def public_fields_search_form(*lookups: str) -> type[forms.Form]:
    """A chooser filter form whose search box matches each word against the given lookups."""

    class PublicFieldsSearchForm(BaseFilterForm):
        q = forms.CharField(
            label=_("Search term"),
            widget=forms.TextInput(attrs={"placeholder": _("Search")}),
            required=False,
        )

        def filter(self, objects):
            query = (self.cleaned_data.get("q") or "").strip()
            if not query:
                return objects
            for word in query.split()[:8]:
                condition = Q()
                for lookup in lookups:
                    condition |= Q(**{f"{lookup}__icontains": word})
                objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
            return objects

    return PublicFieldsSearchForm


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = None
    filter_form_class = public_fields_search_form(
        "title", "upc", "maker__display_name", "maker__cooperative__name"
    )

    def get_object_list(self):
        from oscar.core.loading import get_model

        return get_model("catalogue", "Product").objects.exclude(structure="child").order_by(
            "title"
        )


product_chooser_viewset = ProductChooserViewSet("product_chooser")
