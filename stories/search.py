"""One site search over products, makers, cooperatives, stories and information pages.

Stories and information pages go through Wagtail's search backend (the database backend: SQLite
FTS here, PostgreSQL full-text in production; a search server is one setting away). Products,
makers and cooperatives are matched in the database on their public fields only, each word with
`icontains`: the same rule the catalogue's own filter uses, no index to keep in step with edits
made in Oscar's dashboard, and no way for a maker's private fields (legal name, phone,
nationality, address) or an unconsented story to be found, because they are never looked at.

Nothing here writes: Wagtail's search-promotion hit counter is deliberately not used.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from catalogue.selectors import product_cards, product_matches_word, sellable_products
from stories.selectors import story_cards

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
RESULTS_PER_KIND = 12


@dataclass
class SiteSearchResults:
    query: str
    products: list = field(default_factory=list)
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
WORD = re.compile(r"\w+")


def _words(query: str) -> list[str]:
    return WORD.findall(query.replace("\x00", " "))[:MAX_WORDS]


def _each_word_matches(queryset: QuerySet, words: list[str], conditions) -> QuerySet:
    for word in words:
        queryset = queryset.filter(conditions(word))
    return queryset


def search_products(words: list[str], limit: int = RESULTS_PER_KIND) -> list:
    ids = _each_word_matches(sellable_products(), words, product_matches_word).values("pk")
    Product = sellable_products().model
    return list(product_cards(Product.objects.filter(pk__in=ids)).order_by("title")[:limit])


def search_makers(words: list[str], limit: int = RESULTS_PER_KIND) -> list:
    from cooperatives.selectors import public_makers

    def conditions(word: str) -> Q:
        return (
            Q(display_name__icontains=word)
            | Q(consent_show_first_name=True, first_name__icontains=word)
            | Q(crafts__icontains=word)
            | Q(consent_show_story=True, story__icontains=word)
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
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
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
    by_id = {story.pk: story for story in story_cards().filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def search_pages(query: str, limit: int = RESULTS_PER_KIND) -> list:
    from stories.models import InfoPage

    return list(InfoPage.objects.live().public().search(query)[:limit])


def site_search(*, query: str) -> SiteSearchResults:
    words = _words(query[:MAX_QUERY_LENGTH])
    if not words:
        return SiteSearchResults(query="")
    query = " ".join(words)
    return SiteSearchResults(
        query=query,
        products=search_products(words),
        makers=search_makers(words),
        cooperatives=search_cooperatives(words),
        stories=search_stories(query),
        pages=search_pages(query),
    )
