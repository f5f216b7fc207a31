"""One site search over products, makers, cooperatives, stories and information pages.

Stories and information pages go through Wagtail's search backend (the database backend: SQLite
FTS here, PostgreSQL full-text in production; a search server is one setting away). Products go
through the catalogue's own search (`catalogue.search.product_search`, its full-text index of
public fields), the same as the catalogue page's. Makers and cooperatives are matched in the
database on their public fields only, each word with `icontains`, so a maker's private fields
(legal name, phone, nationality, address) or an unconsented story cannot be found: they are
never looked at.

Nothing here writes: Wagtail's search-promotion hit counter is deliberately not used.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet

from catalogue.selectors import product_cards, sellable_products
from stories.selectors import story_cards

# Words that ask for the makers themselves (the search box's hint offers "makers" in every
# language), folded and stemmed as shop.search_text does.
MAKER_WORDS = {"maker", "artisan", "uretici", "uretic", "zanaatkar", "حرفي", "حرفيه", "حرفيات"}
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
RESULTS_PER_KIND = 12


@dataclass
class SiteSearchResults:
    query: str
    products: list = field(default_factory=list)
    suggestion: str = ""  # "did you mean": the products are those of the suggestion
    makers: list = field(default_factory=list)
    cooperatives: list = field(default_factory=list)
    stories: list = field(default_factory=list)
    pages: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(
            len(group)
            for group in (self.products, self.makers, self.cooperatives, self.stories, self.pages)
        )


# A search word is letters and digits in any script: everything else (quotes, brackets, `*`,
# `-`, `^`, control characters, NUL) is syntax to SQLite's FTS5 or PostgreSQL's tsquery, or a
# byte PostgreSQL refuses outright, so a visitor's `"` or NUL could only ever answer 500.
# Combining marks (Arabic harakat, a decomposed ü or ş) belong to the word they sit on: the search
# folds them away itself (shop/search_text.py).
WORD = re.compile(r"(?:\w|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+")


def _words(query: str) -> list[str]:
    return WORD.findall(query.replace("\x00", " "))[:MAX_WORDS]


def _each_word_matches(queryset: QuerySet, words: list[str], conditions) -> QuerySet:
    for word in words:
        queryset = queryset.filter(conditions(word))
    return queryset


def search_products(query: str, limit: int = RESULTS_PER_KIND):
    """Products in every language, ranked (catalogue.search), with its "did you mean"."""
    from catalogue.search import product_search, search_rank

    search = product_search(sellable_products(), query)
    Product = sellable_products().model
    products = (
        product_cards(Product.objects.filter(pk__in=search.products.values("pk")))
        .annotate(search_rank=search_rank(search))
        .order_by("-search_rank", "title", "pk")
    )
    return list(products[:limit]), search.suggestion


def _any_language(field_name: str, word: str) -> Q:
    """`field_name` contains the word in any language (the original included)."""
    condition = Q(**{f"{field_name}__icontains": word})
    for language, _name in settings.LANGUAGES:
        condition |= Q(**{f"{field_name}_{language}__icontains": word})
    return condition


def _is_kind_word(word: str) -> bool:
    """Words that name makers themselves, as the search box's hint suggests ("makers")."""
    from shop.search_text import fold, stem

    return stem(fold(word)) in MAKER_WORDS


def search_makers(words: list[str], limit: int = RESULTS_PER_KIND) -> list:
    from cooperatives.selectors import public_makers

    def conditions(word: str) -> Q:
        if _is_kind_word(word):
            return Q()
        return (
            Q(display_name__icontains=word)
            | Q(consent_show_first_name=True, first_name__icontains=word)
            | _any_language("crafts", word)
            | (Q(consent_show_story=True) & _any_language("story", word))
            | Q(cooperative__name__icontains=word)
        )

    makers = _each_word_matches(public_makers(), words, conditions)
    return list(makers.prefetch_related("portrait__renditions").order_by("display_name")[:limit])


def search_cooperatives(words: list[str], limit: int = RESULTS_PER_KIND) -> list:
    from cooperatives.models import Cooperative

    def conditions(word: str) -> Q:
        return (
            Q(name__icontains=word)
            | Q(region__icontains=word)
            | Q(country__icontains=word)
            | _any_language("summary", word)
            | _any_language("description", word)
        )

    cooperatives = _each_word_matches(
        Cooperative.objects.defer("contact_name", "contact_email", "contact_phone"),
        words,
        conditions,
    )
    return list(
        cooperatives.select_related("photo")
        .prefetch_related("photo__renditions")
        .order_by("name")[:limit]
    )


def search_stories(query: str, limit: int = RESULTS_PER_KIND) -> list:
    from stories.models import StoryPage

    hits = StoryPage.objects.live().public().search(query)[:limit]
    ids = [hit.pk for hit in hits]
    # A hit in any language stands for the story, shown once in the reader's language.
    keys = list(StoryPage.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    key_of = dict(keys)
    by_key = {story.translation_key: story for story in story_cards().filter(
        translation_key__in=[key for _pk, key in keys])}
    return list({key_of[pk]: by_key[key_of[pk]] for pk in ids if key_of.get(pk) in by_key}.values())


def search_pages(query: str, limit: int = RESULTS_PER_KIND) -> list:
    from stories.models import InfoPage

    return list(InfoPage.objects.live().public().search(query)[:limit])


def site_search_query(query: str) -> str:
    """The query as searched: its words only, so FTS syntax (a stray quote on SQLite) and a
    NUL byte (refused by PostgreSQL) never reach the databases."""
    return " ".join(_words(query[:MAX_QUERY_LENGTH]))


def site_search(*, query: str) -> SiteSearchResults:
    query = site_search_query(query)
    if not query:
        return SiteSearchResults(query="")
    words = query.split(" ")
    products, suggestion = search_products(query)
    return SiteSearchResults(
        query=query,
        products=products,
        suggestion=suggestion,
        makers=search_makers(words),
        cooperatives=search_cooperatives(words),
        stories=search_stories(query),
        pages=search_pages(query),
    )
