"""Oscar's catalogue with provenance: every product sold is traced to its maker.

The cooperative follows from the maker; the stock record's partner must be that cooperative's
partner (checked in `partner.models.StockRecord.clean` and `catalogue.provenance`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct

from shop.content_languages import original_language_field


class Material(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        app_label = "catalogue"
        ordering = ["name"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.name


class Product(AbstractProduct):
    maker = models.ForeignKey(
        "cooperatives.Maker",
        verbose_name=_("maker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
        help_text=_("Who made it. A product cannot be offered for sale without a maker."),
    )
    materials = models.ManyToManyField(
        Material, verbose_name=_("materials"), blank=True, related_name="products"
    )
    technique = models.CharField(_("technique"), max_length=120, blank=True)
    hours_to_make = models.PositiveSmallIntegerField(_("hours to make"), null=True, blank=True)
    care_instructions = models.TextField(_("care"), blank=True)
    # Title, description, technique and care exist per language (catalogue/translation.py).
    original_language = original_language_field()

    def clean(self) -> None:
        super().clean()
        from catalogue.provenance import validate_product_provenance

        validate_product_provenance(self)


class ProductSearchText(models.Model):
    """A product's words as the search reads them: folded, stemmed, in every language.

    Kept in step by `catalogue.search` (signals on every edit, a rebuild after bulk loads).
    Three columns so a word in the title, category or material outranks one in the
    description, which outranks the cooperative's name (README, "Languages").
    """

    product = models.OneToOneField(
        Product, on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    primary = models.TextField(blank=True)
    secondary = models.TextField(blank=True)
    owner = models.TextField(blank=True)

    class Meta:
        app_label = "catalogue"

    def __str__(self) -> str:
        return f"Search text of product {self.product_id}"


class ProductFacet(models.Model):
    """One filter key of a product a customer can buy, for browsing and facet counts.

    A sellable product (public, with a maker who is not archived) has one row for its
    cooperative, one for its maker, one per material, one per category it is filed in
    ("category", the facet) and one per category it is found under, that category and its
    ancestors ("within", the category pages). Products that cannot be bought have none, so the
    catalogue and its counts read this narrow, indexed table instead of joining products, makers,
    cooperatives, materials and categories per request. Kept in step with `ProductSearchText`
    (`catalogue.search`). Price and stock are not here: Oscar changes stock with queryset
    updates that no signal sees, so those two filters read the stock records themselves.
    """

    COOPERATIVE = "cooperative"
    MAKER = "maker"
    MATERIAL = "material"
    CATEGORY = "category"
    WITHIN = "within"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="facet_keys")
    facet = models.CharField(max_length=12)
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", null=True, on_delete=models.CASCADE, related_name="+"
    )
    maker = models.ForeignKey(
        "cooperatives.Maker", null=True, on_delete=models.CASCADE, related_name="+"
    )
    material = models.ForeignKey(Material, null=True, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        "catalogue.Category", null=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        app_label = "catalogue"
        indexes = [models.Index(fields=["facet", "product"], name="catalogue_facet_product")]

    def __str__(self) -> str:
        return f"{self.facet} key of product {self.product_id}"


from oscar.apps.catalogue.models import *  # noqa: E402
