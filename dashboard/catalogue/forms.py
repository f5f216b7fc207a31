"""Oscar's product form with the provenance fields: the maker is picked by name, with her
cooperative shown, and the rules in `catalogue.provenance` run on save.

Materials keep Django's multiple select: Oscar's dashboard script turns every select of the form
into a select2 search box, so a long list of materials stays one line high. (Checkboxes got
Oscar's `form-control` class, one full-width box each, and overlapped the next fields.)"""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue.forms import ProductForm as CoreProductForm
from oscar.apps.dashboard.catalogue.forms import ProductImageForm as CoreProductImageForm

from cooperatives.models import Maker
from shop.uploads import upload_clean


class MakerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, maker: Maker) -> str:
        return f"{maker.display_name} — {maker.cooperative.name}"


class ProductForm(CoreProductForm):
    maker = MakerChoiceField(
        label=_("Maker"),
        required=False,
        queryset=Maker.objects.active()
        .select_related("cooperative")
        .only("display_name", "cooperative__name")
        .order_by("cooperative__name", "display_name"),
        help_text=_("Who made it, shown with her cooperative. Needed before it goes on sale."),
    )

    class Meta(CoreProductForm.Meta):
        fields = [
            *CoreProductForm.Meta.fields,
            "maker",
            "materials",
            "technique",
            "hours_to_make",
            "care_instructions",
        ]


class ProductImageForm(CoreProductImageForm):
    """Product images from the dashboard follow the shop's upload rules (shop/uploads.py):
    bounded in bytes and pixels, decoded in full, metadata stripped."""

    def clean_original(self):
        return upload_clean(self.cleaned_data.get("original"))
