"""StreamField blocks shared by the story and information pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from stories.choosers import product_chooser_viewset

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="stories.blocks"
)

# What an editor may put in running text. No raw HTML: Wagtail's rich text converter keeps only
# these features' elements and attributes, so pasted scripts, event handlers and `javascript:`
# links never reach a page.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250, default="")
    attribution = blocks.CharBlock(
        default="",  # never None: wagtail-localize cannot extract a None string
        label=_("photo by"), required=False, max_length=120
    )

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/captioned_image_block.html"


class MakerQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("her words"))
    maker = SnippetChooserBlock(
        "cooperatives.Maker",
        label=_("maker"),
        required=False,
        help_text=_("Whose words these are. Her public name is shown."),
    )
    attribution = blocks.CharBlock(
        default="",  # never None: wagtail-localize cannot extract a None string
        label=_("or attribute to"),
        required=False,
        max_length=120,
        help_text=_("Used when no maker is chosen, e.g. 'a member of the cooperative'."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote from the maker")
        template = "blocks/maker_quote_block.html"


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(CaptionedImageBlock(), min_num=2, label=_("images"))

    class Meta:
        icon = "grip"
        label = _("Gallery")
        template = "blocks/gallery_block.html"


class ProductListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("heading"), required=False, max_length=120, default=""
    )
    products = blocks.ListBlock(ProductChooserBlock(), min_num=1, label=_("products"))

    class Meta:
        icon = "tag"
        label = _("Products")
        template = "blocks/product_list_block.html"

    def get_context(self, value, parent_context=None):
        from stories.selectors import products_for_block

        context = super().get_context(value, parent_context=parent_context)
        # Re-read with the product card's prefetches; products taken off sale or deleted since
        # the story was written simply drop out.
        context["products"] = products_for_block(
            [product.pk for product in value["products"] if product is not None]
        )
        return context


class MakerBlock(blocks.StructBlock):
    maker = SnippetChooserBlock("cooperatives.Maker", label=_("maker"))
    text = blocks.TextBlock(
        default="",
        label=_("introduction"),
        required=False,
        help_text=_("A sentence or two about her; her own story is shown only with her consent."),
    )

    class Meta:
        icon = "user"
        label = _("Maker")
        template = "blocks/maker_block.html"

    def get_context(self, value, parent_context=None):
        from stories.selectors import public_maker

        context = super().get_context(value, parent_context=parent_context)
        maker = value.get("maker")
        context["maker"] = public_maker(maker.pk) if maker is not None else None
        return context


class StoryStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    image = CaptionedImageBlock()
    quote = MakerQuoteBlock()
    gallery = GalleryBlock()
    products = ProductListBlock()
    maker = MakerBlock()
