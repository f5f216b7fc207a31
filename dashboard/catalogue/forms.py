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

# Title, description, technique and care are edited in every language side by side, with the
# language they were first written in (catalogue/translation.py); the plain field would write
# into whatever language the staff member's dashboard happens to be in.
TRANSLATED = ("title", "description", "technique", "care_instructions")
LANGUAGE_CODES = ("en", "tr", "ar")


def _per_language(name: str) -> list[str]:
    return [f"{name}_{language}" for language in LANGUAGE_CODES]


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
            *(
                field
                for name in CoreProductForm.Meta.fields
                for field in (_per_language(name) if name in TRANSLATED else [name])
            ),
            "original_language",
            "maker",
            "materials",
            *_per_language("technique"),
            "hours_to_make",
            *_per_language("care_instructions"),
        ]


class ProductImageForm(CoreProductImageForm):
    """Product images from the dashboard follow the shop's upload rules (shop/uploads.py):
    bounded in bytes and pixels, decoded in full, metadata stripped."""

    def clean_original(self):
        return upload_clean(self.cleaned_data.get("original"))
