"""Wagtail pages in every language (issue 13, item 2): wagtail-localize translations served
under /tr/ and /ar/, untranslated pages still served there in English with links that keep the
language, localized menus and breadcrumbs, feeds per language and hreflang alternates."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from stories.models import HomePage, StoryIndexPage
from tests.stories.conftest import publish_story

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def translate(page, language: str, strings: dict):
    from stories.demo_translations import _translate

    _translate(page, Locale.objects.get(language_code=language), strings)
    return page.get_translation(Locale.objects.get(language_code=language)).specific


@pytest.fixture
def site_pages():
    home = HomePage.objects.get(locale__language_code="en")
    index = StoryIndexPage.objects.child_of(home).get(slug="stories")
    story = publish_story(index, title="Indigo at dawn", lead="Indigo is slow.")
    plain = publish_story(index, title="Untranslated tale", lead="Only in English.")
    translate(home, "ar", {"Made by women's cooperatives": "من صنع تعاونيات نسائية"})
    translate(index, "ar", {"Stories": "قصص"})
    arabic = translate(
        story, "ar", {"Indigo at dawn": "النيلة عند الفجر", "Indigo is slow.": "النيلة بطيئة."}
    )
    return {"home": home, "index": index, "story": story, "plain": plain, "arabic": arabic}


def test_a_translated_story_is_served_in_arabic(client, site_pages):
    response = client.get("/ar/stories/indigo-at-dawn/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "النيلة عند الفجر" in html and "النيلة بطيئة." in html
    heading = html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "النيلة عند الفجر" in heading and "Indigo" not in heading
    assert "من صنع تعاونيات نسائية" in client.get("/ar/").content.decode()


def test_an_untranslated_story_is_served_in_english_under_the_language_prefix(client, site_pages):
    response = client.get("/ar/stories/untranslated-tale/")
    assert response.status_code == 200
    assert "Untranslated tale" in response.content.decode()
    # The Arabic index lists every story once: the translated one in Arabic, the other in English.
    html = client.get("/ar/stories/").content.decode()
    assert "النيلة عند الفجر" in html and "Untranslated tale" in html
    assert html.count("Indigo at dawn") == 0
    assert "/ar/stories/untranslated-tale/" in html  # the link keeps the reader's language
    assert "/en/stories/untranslated-tale/" not in html


def test_english_lists_show_each_story_once_in_english(client, site_pages):
    html = client.get("/en/stories/").content.decode()
    assert "Indigo at dawn" in html and "النيلة عند الفجر" not in html


def test_feed_per_language(client, site_pages):
    rss = ET.fromstring(client.get("/ar/stories/feed/").content)  # noqa: S314
    titles = [item.findtext("title") for item in rss.findall("./channel/item")]
    assert "النيلة عند الفجر" in titles and "Untranslated tale" in titles
    assert "Indigo at dawn" not in titles
    rss = ET.fromstring(client.get("/en/stories/feed/").content)  # noqa: S314
    assert "Indigo at dawn" in [item.findtext("title") for item in rss.findall("./channel/item")]


def test_sitemap_lists_each_page_once_with_hreflang_alternates(client, site_pages):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    alternates = {}
    for url in root.findall(f"{SITEMAP}url"):
        location = url.findtext(f"{SITEMAP}loc")
        links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        alternates[location] = links
    story = alternates["http://testserver/en/stories/indigo-at-dawn/"]
    assert story["ar"] == "http://testserver/ar/stories/indigo-at-dawn/"
    assert story["tr"] == "http://testserver/tr/stories/indigo-at-dawn/"
    assert "x-default" in story
    # The Arabic translation is an alternate of the English page, not a page of its own.
    assert sum("indigo-at-dawn" in location for location in alternates) == 3


def test_menu_and_breadcrumbs_in_the_language(client, rf, site_pages):
    html = client.get("/ar/stories/indigo-at-dawn/").content.decode()
    nav = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert "النيلة عند الفجر" in nav and 'href="/ar/"' in nav
    from django.utils import translation

    from stories.templatetags.story_tags import menu_pages

    index = site_pages["index"]
    index.show_in_menus = True
    index.save_revision().publish()
    with translation.override("ar"):
        menu = menu_pages({"request": rf.get("/ar/")})
    assert {"title": "قصص", "url": "/ar/stories/", "is_current": False} in menu
    with translation.override("tr"):
        menu = menu_pages({"request": rf.get("/tr/")})
    assert {"title": "Stories", "url": "/tr/stories/", "is_current": False} in menu


def test_a_translated_story_quotes_her_words_with_the_translation_beside(client, site_pages):
    """A maker is quoted in her own words: a translated story shows them as said (from the page
    it was translated from) with the translation beside, never the translation alone."""
    from tests.stories.conftest import block

    home = site_pages["home"]
    index = StoryIndexPage.objects.child_of(home).get(slug="stories")
    words = "Nakışı annemden öğrendim; desenleri ise kendim çiziyorum."
    story = publish_story(
        index, title="Her own words", lead="A lead.",
        body=[block("paragraph", "<p>Before.</p>"),
              block("quote", {"quote": words, "maker": None, "attribution": "Halime"})],
    )
    translate(story, "ar", {
        "Her own words": "كلماتها",
        words: "تعلّمت التطريز من أمي؛ أما الزخارف فأرسمها بنفسي.",
    })

    html = client.get("/ar/stories/her-own-words/").content.decode()
    figure = html.split('class="block-quote"', 1)[1].split("</figure>", 1)[0]
    assert words in figure  # her words, as she said them
    assert "تعلّمت التطريز من أمي" in figure  # the translation, beside
    assert figure.index(words) < figure.index("تعلّمت التطريز")
    assert 'lang="en"' in figure.split("</blockquote>", 1)[0]  # the source page's language
    assert "الترجمة:" in figure

    # The page it was translated from quotes her once, with no translation.
    html = client.get("/en/stories/her-own-words/").content.decode()
    figure = html.split('class="block-quote"', 1)[1].split("</figure>", 1)[0]
    assert words in figure and "block-quote__translation" not in figure
