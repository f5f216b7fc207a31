from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.selectors import DEFAULT_SORT, BrowseFilters


class BrowseForm(forms.Form):
    """The catalogue's filters, read from the query string. Bad values are dropped, with a note."""

    SORT_CHOICES = [
        ("newest", _("Newest")),
        ("price-low", _("Price: low to high")),
        ("price-high", _("Price: high to low")),
        ("title", _("Name")),
        ("relevance", _("Best match")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=120)
    cooperative = forms.SlugField(label=_("Cooperative"), required=False)
    maker = forms.SlugField(label=_("Maker"), required=False)
    material = forms.SlugField(label=_("Material"), required=False)
    category = forms.SlugField(label=_("Category"), required=False)
    price_min = forms.DecimalField(label=_("Lowest price"), required=False, min_value=0)
    price_max = forms.DecimalField(label=_("Highest price"), required=False, min_value=0)
    in_stock = forms.BooleanField(label=_("In stock only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The highest price must be above the lowest."))
        return cleaned

    def filters(self) -> BrowseFilters:
        """The valid filters; fields with errors are left out rather than failing the page."""
        data = {
            name: value
            for name, value in (self.cleaned_data if hasattr(self, "cleaned_data") else {}).items()
            if name not in self.errors
        }
        query = (data.get("q") or "").strip()
        return BrowseFilters(
            query=query,
            cooperative=data.get("cooperative") or "",
            maker=data.get("maker") or "",
            material=data.get("material") or "",
            category=data.get("category") or "",
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            in_stock=bool(data.get("in_stock")),
            # With a query, the search's own order unless another is asked for.
            sort=data.get("sort") or ("relevance" if query else DEFAULT_SORT),
        )
