"""Reads for the Wagtail pages and for the shop pages that list stories.

Every list here costs a fixed number of queries however many stories or products it shows:
images come with their renditions prefetched (one `{% image %}` would otherwise cost a query
each), and makers never come with their private fields.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils.functional import SimpleLazyObject
from oscar.core.loading import get_model

from catalogue.selectors import product_cards, sellable_products

# Rendition specs the templates use; the demo loader generates them ahead of the first visit.
CARD_IMAGE = "fill-640x400"
HERO_IMAGE = "fill-1600x700"
HOME_HERO_IMAGE = "fill-1600x900"  # the demo loader generates it with the home page's hero
SOCIAL_IMAGE = "fill-1200x630"
PORTRAIT_IMAGE = "fill-240x240"
BODY_IMAGE = "width-1000"
GALLERY_IMAGE = "fill-600x600"
RELATED_STORIES = 3


def _private_maker_fields(prefix: str) -> list[str]:
    from cooperatives.models import Maker

    return [f"{prefix}{name}" for name in Maker.PRIVATE_FIELDS]


def in_reader_language(pages: QuerySet) -> QuerySet:
    """Each page once, in the reader's language: its translation into the active locale where
    there is one (an alias of an untranslated page counts), otherwise the default locale's.

    With wagtail-localize every page may exist once per locale; lists, feeds and searches would
    otherwise show a story three times."""
    from wagtail.models import Locale

    try:
        active = Locale.get_active()
    except Locale.DoesNotExist:
        return pages
    default = Locale.get_default()
    if active.pk == default.pk:
        return pages.filter(locale=default)
    translated = pages.model.objects.live().public().filter(
        translation_key=OuterRef("translation_key"), locale=active
    )
    return pages.filter(Q(locale=active) | (Q(locale=default) & ~Exists(translated)))


def same_pages_any_language(queryset: QuerySet) -> QuerySet:
    """The pages of `queryset` and their translations (to be narrowed by `in_reader_language`)."""
    from stories.models import StoryPage

    return StoryPage.objects.filter(translation_key__in=queryset.values("translation_key"))


def story_cards(queryset: QuerySet | None = None) -> QuerySet:
    """Live stories with what a story card shows (hero image rendition, makers) in four queries,
    each story once, in the reader's language where it is translated."""
    from stories.models import StoryMaker, StoryPage

    stories = StoryPage.objects.live().public()
    if queryset is not None:
        stories = stories.filter(
            translation_key__in=StoryPage.objects.filter(
                pk__in=queryset.values("pk")
            ).values("translation_key")
        )
    stories = in_reader_language(stories)
    return (
        stories.select_related("hero_image")
        .prefetch_related(
            "hero_image__renditions",
            Prefetch(
                "story_makers",
                queryset=StoryMaker.objects.filter(maker__is_archived=False)
                .select_related("maker__cooperative")
                .defer(*_private_maker_fields("maker__")),
            ),
        )
        .order_by("-date", "-first_published_at", "-pk")
    )


def featured_stories(home_page) -> list:
    """The stories the editors chose for the home page, or the latest ones."""
    chosen = list(home_page.featured_stories.values_list("story__translation_key", flat=True))
    if chosen:
        cards = story_cards().filter(translation_key__in=chosen)
        by_key = {story.translation_key: story for story in cards}
        return [by_key[key] for key in chosen if key in by_key]
    return list(story_cards()[:RELATED_STORIES])


def impact_figures() -> dict:
    from cooperatives.models import Cooperative, Maker

    Line = get_model("order", "Line")
    return {
        "makers": Maker.objects.active().filter(products__is_public=True).distinct().count(),
        "cooperatives": Cooperative.objects.count(),
        "items_sold": Line.objects.aggregate(total=Sum("quantity"))["total"] or 0,
    }


def earnings_impact() -> dict:
    """What was paid to makers this year and how many sold, from the earnings ledger."""
    from earnings.selectors import impact

    return impact()


def home_page_context(home_page=None) -> dict:
    """Read when the page renders them, not when its shared fragments come from the cache."""
    return {
        "featured_products": SimpleLazyObject(
            lambda: list(product_cards(sellable_products().order_by("-date_created")[:10]))
        ),
        "impact": SimpleLazyObject(impact_figures),
        "earnings_impact": SimpleLazyObject(earnings_impact),
        "featured_stories": SimpleLazyObject(
            lambda: featured_stories(home_page) if home_page is not None else []
        ),
    }


def products_for_block(product_ids: list[int]) -> list:
    """The products a story's product block names that are still on sale, in the editor's order."""
    if not product_ids:
        return []
    products = product_cards(sellable_products().filter(pk__in=product_ids))
    by_id = {product.pk: product for product in products}
    return [by_id[pk] for pk in product_ids if pk in by_id]


def public_maker(maker_id: int):
    from cooperatives.selectors import public_makers

    return public_makers().filter(pk=maker_id).first()


def story_page_context(story) -> dict:
    """The makers, cooperatives and products a story links to, hiding what is no longer public;
    read when the page renders them, not when its shared fragments come from the cache."""
    context = SimpleLazyObject(lambda: _story_page_context(story))
    return {
        name: SimpleLazyObject(lambda name=name: context[name])
        for name in ("story_body", "story_makers", "story_cooperatives", "story_products",
                     "related_stories")
    }


def _story_page_context(story) -> dict:
    from cooperatives.models import Cooperative
    from cooperatives.selectors import public_makers

    makers = list(
        public_makers()
        .filter(story_links__page=story)
        .prefetch_related("portrait__renditions")
        .order_by("story_links__sort_order")
    )
    cooperative_ids = {maker.cooperative_id for maker in makers}
    cooperatives = list(
        Cooperative.objects.filter(
            Q(story_links__page=story) | Q(pk__in=cooperative_ids)
        )
        .defer("contact_name", "contact_email", "contact_phone")
        .distinct()
        .order_by("name")
    )
    # Products the body already shows in a product block are not listed twice.
    in_body = {
        product.pk
        for block in story.body
        if block.block_type == "products"
        for product in block.value["products"]
        if product is not None
    }
    product_ids = [
        pk
        for pk in story.story_products.order_by("sort_order").values_list("product_id", flat=True)
        if pk not in in_body
    ]
    return {
        "story_body": story_body_with_originals(story),
        "story_makers": makers,
        "story_cooperatives": cooperatives,
        "story_products": products_for_block(product_ids),
        "related_stories": list(
            story_cards().exclude(translation_key=story.translation_key)[:RELATED_STORIES]
        ),
    }


def story_body_with_originals(story) -> list[tuple]:
    """The story's blocks, each quote with the words as the maker said them when this page is a
    translation: (block, original words, their language) — shown beside the translation, never
    replaced by it. A translation keeps its source's block ids (wagtail-localize), so each
    quote finds its original in the page it was translated from."""
    originals: dict[str, str] = {}
    source_language = ""
    if any(block.block_type == "quote" for block in story.body):
        from wagtail_localize.models import TranslationSource

        source = (
            TranslationSource.objects.filter(
                object_id=story.translation_key, translations__target_locale=story.locale_id
            )
            .select_related("locale")
            .first()
        )
        if source is not None:
            original = (
                type(story).objects.filter(translation_key=story.translation_key,
                                           locale_id=source.locale_id).first()
            )
            if original is not None:
                source_language = source.locale.language_code
                originals = {
                    block.id: block.value["quote"]
                    for block in original.body
                    if block.block_type == "quote"
                }
    body = []
    for block in story.body:
        words = originals.get(block.id, "") if block.block_type == "quote" else ""
        if words and words.strip() != (block.value["quote"] or "").strip():
            body.append((block, words, source_language))
        else:
            body.append((block, "", ""))
    return body


def stories_for_product(product, limit: int = RELATED_STORIES) -> list:
    """Stories about this product or about the woman who made it."""
    condition = Q(story_products__product=product)
    if product.maker_id:
        condition |= Q(story_makers__maker_id=product.maker_id)
    return _stories_matching(condition, limit)


def stories_for_maker(maker, limit: int = RELATED_STORIES) -> list:
    return _stories_matching(Q(story_makers__maker=maker), limit)


def stories_for_cooperative(cooperative, limit: int = RELATED_STORIES) -> list:
    return _stories_matching(
        Q(story_cooperatives__cooperative=cooperative)
        | Q(story_makers__maker__cooperative=cooperative),
        limit,
    )


def _stories_matching(condition: Q, limit: int) -> list:
    from stories.models import StoryPage

    keys = StoryPage.objects.live().public().filter(condition).values("translation_key")
    return list(story_cards().filter(translation_key__in=keys)[:limit])
