"""Turkish and Arabic: every string of ours is translated, the compiled catalogues match their
sources, and the pages really come out in Turkish, and in Arabic from right to left.

The .po files are read with the small parser below (polib is not a dependency). Checks that
need GNU gettext's msgfmt are skipped, loudly, where it is not installed.
"""

import ast
import functools
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import MakerFactory, product_for_sale

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["tr", "ar"]
NPLURALS = {"tr": 2, "ar": 6}
MSGFMT = shutil.which("msgfmt")
def needs_msgfmt(test):
    """`make test` installs gettext; without it these tests fail and say what to install."""

    def run(*args, **kwargs):
        if MSGFMT is None:
            pytest.fail("GNU gettext's msgfmt is missing: run 'make system-packages'.")
        return test(*args, **kwargs)

    return functools.wraps(test)(run)


def catalogues():
    found = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    return [pytest.param(path, id=f"{path.parts[-3]}/{path.name}") for path in found]


def language_of(path):
    return path.parts[-3]


def parse_po(path):
    """Entries of a .po file: dicts with flags, msgctxt, msgid, msgid_plural and msgstr
    ({None: text} or {index: text}). Obsolete (#~) entries are left out."""
    entries, entry, current = [], None, None

    def finish():
        if entry is not None and entry.get("msgid") is not None:
            entries.append(entry)

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            finish()
            entry, current = None, None
            continue
        if entry is None:
            entry = {
                "flags": set(),
                "msgctxt": None,
                "msgid": None,
                "msgid_plural": None,
                "msgstr": {},
            }
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if current[0] == "msgstr":
                entry["msgstr"][current[1]] += text
            else:
                entry[current[0]] += text
        else:
            match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line)
            assert match, f"{path}: cannot read {line!r}"
            keyword, index, text = match.groups()
            text = ast.literal_eval(text)
            if keyword == "msgstr":
                current = ("msgstr", int(index) if index is not None else None)
                entry["msgstr"][current[1]] = text
            else:
                current = (keyword, None)
                entry[keyword] = text
    return entries


def messages(path):
    """The translated entries, without the header."""
    return [entry for entry in parse_po(path) if entry["msgid"] != ""]


def header(path):
    return next(entry for entry in parse_po(path) if entry["msgid"] == "")["msgstr"][None]


PLACEHOLDER = re.compile(r"%\(\w[^)]*\)[sdif]|%[sdif]|\{\w*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


# The catalogues themselves -------------------------------------------------------------------


def test_both_languages_have_a_catalogue():
    for language in LANGUAGES:
        po = LOCALE / language / "LC_MESSAGES" / "django.po"
        assert po.exists(), f"{po} is missing: run makemessages -l {language}"
        assert len(messages(po)) > 100, f"{po} looks nearly empty"


@pytest.mark.parametrize("po", catalogues())
def test_no_entry_is_untranslated_or_fuzzy(po):
    language = language_of(po)
    nplurals = NPLURALS[language]
    untranslated, fuzzy = [], []
    for entry in messages(po):
        if "fuzzy" in entry["flags"]:
            fuzzy.append(entry["msgid"])
        if entry["msgid_plural"] is not None:
            forms = [entry["msgstr"].get(index, "") for index in range(nplurals)]
            if not all(forms):
                untranslated.append(entry["msgid"])
        elif not entry["msgstr"].get(None):
            untranslated.append(entry["msgid"])
    assert not untranslated, f"{po}: {len(untranslated)} untranslated: {untranslated[:10]}"
    assert not fuzzy, f"{po}: {len(fuzzy)} fuzzy (check and drop the flag): {fuzzy[:10]}"


@pytest.mark.parametrize("po", catalogues())
def test_header_names_the_language_and_its_plural_forms(po):
    language = language_of(po)
    text = header(po)
    assert f"Language: {language}\n" in text
    assert f"nplurals={NPLURALS[language]};" in text
    assert "charset=UTF-8" in text
    fuzzy_header = next(entry for entry in parse_po(po) if entry["msgid"] == "")["flags"]
    assert "fuzzy" not in fuzzy_header, f"{po}: the header is still marked fuzzy"


@pytest.mark.parametrize("po", catalogues())
def test_translations_keep_placeholders_tags_and_edges(po):
    problems = []
    for entry in messages(po):
        sources = [entry["msgid"]] + ([entry["msgid_plural"]] if entry["msgid_plural"] else [])
        allowed = set().union(*(PLACEHOLDER.findall(source) for source in sources))
        for index, text in entry["msgstr"].items():
            found = set(PLACEHOLDER.findall(text))
            if found - allowed:
                problems.append((entry["msgid"], f"unknown placeholder {found - allowed}"))
            if index is None and found != allowed:
                problems.append((entry["msgid"], f"placeholders {allowed} became {found}"))
            # Arabic may say "one" and "two" in words (منتج واحد, منتجان) without the number;
            # every other form keeps all the placeholders.
            if index is not None and not (language_of(po) == "ar" and index in (1, 2)):
                if found != allowed:
                    problems.append((entry["msgid"], f"form {index}: {allowed} became {found}"))
            if sorted(TAG.findall(text)) != sorted(TAG.findall(entry["msgid"])):
                problems.append((entry["msgid"], "HTML tags differ"))
            for edge in (" ", "\n"):
                if entry["msgid"].startswith(edge) != text.startswith(edge) or entry[
                    "msgid"
                ].endswith(edge) != text.endswith(edge):
                    problems.append((entry["msgid"], f"leading/trailing {edge!r} differs"))
    assert not problems, f"{po}: " + "\n".join(f"{msgid!r}: {what}" for msgid, what in problems)


@pytest.mark.parametrize("po", catalogues())
def test_compiled_catalogue_holds_exactly_the_po(po):
    """The .mo next to each .po is committed (the shop runs from a clean clone) and must be
    recompiled whenever the .po changes: compilemessages --ignore=.venv."""
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run compilemessages"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    compiled.pop("", None)  # the header: msgfmt drops POT-Creation-Date from it
    for entry in messages(po):
        if "fuzzy" in entry["flags"]:
            continue
        key = (
            entry["msgid"]
            if entry["msgctxt"] is None
            else f"{entry['msgctxt']}\x04{entry['msgid']}"
        )
        if entry["msgid_plural"] is None:
            if entry["msgstr"][None]:
                expected[key] = entry["msgstr"][None]
        else:
            for index, text in entry["msgstr"].items():
                expected[(key, index)] = text
    stale = sorted(
        str(key)
        for key in expected.keys() | compiled.keys()
        if expected.get(key) != compiled.get(key)
    )
    assert not stale, (
        f"{mo} is out of date ({len(stale)} differ, e.g. {stale[:5]}): compilemessages"
    )


@needs_msgfmt
@pytest.mark.parametrize("po", catalogues())
def test_msgfmt_accepts_the_catalogue_and_compiles_what_is_committed(po, tmp_path):
    fresh = tmp_path / "fresh.mo"
    result = subprocess.run(
        [MSGFMT, "--check-format", "--check-header", "--statistics", "-o", str(fresh), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    with fresh.open("rb") as handle:
        fresh_catalog = gettext.GNUTranslations(handle)._catalog
    with po.with_suffix(".mo").open("rb") as handle:
        committed_catalog = gettext.GNUTranslations(handle)._catalog
    assert committed_catalog == fresh_catalog, f"{po.with_suffix('.mo')} is stale: compilemessages"


# Message ids are held in variables, never written into a gettext() call here: makemessages
# reads the tests too, and would copy them into our catalogues (shadowing Oscar's own).
PRODUCTS = ("%(counter)s product", "%(counter)s products")
ADD_TO_BASKET = "Add to basket"


# Plural forms as a customer reads them --------------------------------------------------------


def test_arabic_counts_use_all_six_plural_forms():
    with translation.override("ar"):
        rendered = {
            count: translation.ngettext(*PRODUCTS, count) % {"counter": count}
            for count in (0, 1, 2, 3, 11, 100)
        }
    assert len(set(rendered.values())) == 6, rendered
    assert "منتج واحد" in rendered[1]
    assert "منتجان" in rendered[2]
    assert rendered[3] == "3 منتجات"
    assert rendered[11] == "11 منتجًا"
    assert rendered[100] == "100 منتج"


def test_turkish_keeps_the_noun_singular_after_a_number():
    with translation.override("tr"):
        one = translation.ngettext(*PRODUCTS, 1)
        many = translation.ngettext(*PRODUCTS, 5)
    assert one % {"counter": 1} == "1 ürün"
    assert many % {"counter": 5} == "5 ürün"


# Rendered pages ---------------------------------------------------------------------------------


def localised(language, url):
    """A path of the shop in the given language: /tr/…, /ar/… (whatever language is active)."""
    prefix, rest = url.lstrip("/").split("/", 1)
    assert prefix in dict(settings.LANGUAGES), url
    return f"/{language}/{rest}"


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_arabic_pages_read_right_to_left_and_turkish_left_to_right(client):
    arabic = html_of(client, "/ar/")
    assert re.search(r'<html lang="ar" dir="rtl"', arabic)
    turkish = html_of(client, "/tr/")
    assert re.search(r'<html lang="tr" dir="ltr"', turkish)


@pytest.mark.parametrize(
    "language, words",
    [
        (
            "tr",
            [
                "Sepet",
                "Tüm ürünler",
                "Kooperatifler",
                "Hikâyeler",
                "Adil ticaret",
                "Dil",
                "İçeriğe geç",
            ],
        ),
        (
            "ar",
            [
                "السلة",
                "تسوّق الكل",
                "التعاونيات",
                "القصص",
                "التجارة العادلة",
                "اللغة",
                "انتقل إلى المحتوى",
            ],
        ),
    ],
)
def test_header_and_footer_are_translated(client, language, words):
    html = html_of(client, f"/{language}/")
    for word in words:
        assert word in html, f"{word!r} missing from /{language}/"
    for english in ("Shop all", "Skip to content", ">Basket<", "Makers' stories"):
        assert english not in html, f"{english!r} left in English on /{language}/"


@pytest.mark.parametrize(
    "language, basket, byline",
    [("tr", "Sepet", "Yapan:"), ("ar", "السلة", "من صنع")],
)
def test_product_page_in_turkish_and_arabic(client, language, basket, byline):
    product = product_for_sale(title="Telkari silver earrings")
    html = html_of(client, localised(language, product.get_absolute_url()))
    with translation.override(language):
        add_to_basket = translation.gettext(ADD_TO_BASKET)  # Oscar's own translation
    assert add_to_basket != ADD_TO_BASKET, f"Oscar has no {language} 'Add to basket'"
    assert add_to_basket in html
    assert basket in html
    assert byline in html
    assert product.maker.public_name in html
    assert ">Add to basket<" not in html


def test_turkish_add_to_basket_reads_sepete_ekle(client):
    product = product_for_sale()
    assert "Sepete ekle" in html_of(client, localised("tr", product.get_absolute_url()))


@pytest.mark.parametrize(
    "language, words",
    [
        ("tr", ["Ödemeye geç", "Sipariş özeti", "Adet", "Kaldır"]),
        ("ar", ["المتابعة إلى الدفع", "ملخص الطلب", "الكمية", "إزالة"]),
    ],
)
def test_basket_in_turkish_and_arabic(client, language, words):
    product = product_for_sale()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    html = html_of(client, f"/{language}/shop/basket/")
    assert product.title in html
    for word in words:
        assert word in html, f"{word!r} missing from the {language} basket"
    assert "Proceed to checkout" not in html


@pytest.mark.parametrize(
    "language, words",
    [
        ("tr", ["Filtreler", "Sırala", "Tüm ürünler"]),
        ("ar", ["عوامل التصفية", "ترتيب حسب", "جميع المنتجات"]),
    ],
)
def test_catalogue_in_turkish_and_arabic(client, language, words):
    product_for_sale()
    html = html_of(client, f"/{language}/shop/catalogue/")
    for word in words:
        assert word in html, f"{word!r} missing from the {language} catalogue"


@pytest.mark.parametrize(
    "language, words",
    [("tr", ["Üretici", "El sanatları", "yıl"]), ("ar", ["الحرفية", "الحِرف", "سنة"])],
)
def test_maker_page_in_turkish_and_arabic(client, language, words):
    maker = MakerFactory(years_of_practice=12)
    html = html_of(client, localised(language, maker.get_absolute_url()))
    for word in words:
        assert word in html, f"{word!r} missing from the {language} maker page"


@pytest.mark.parametrize("language, heading", [("tr", "için sonuçlar"), ("ar", "نتائج البحث عن")])
def test_search_results_in_turkish_and_arabic(client, language, heading):
    product_for_sale(title="Silver filigree ring")
    html = html_of(client, f"/{language}/search/?q=silver")
    assert heading in html
    assert "Results for" not in html
