"""Words as the search compares them, the same for the text searched and for the query.

- Case and diacritics fold the Turkish way: İ, I, ı and i are one letter; ş→s, ğ→g, ç→c,
  ö→o, ü→u; so "GÜMÜŞ", "gümüş" and "gumus" meet.
- Arabic is normalised: alef forms (أ إ آ ٱ) → ا, taa marbuta ة → ه, alef maqsura ى → ي,
  hamza carriers ؤ → و and ئ → ي, tatweel and harakat (diacritics) dropped, Arabic-Indic
  digits → 0-9.
- A light stemmer, no dictionary: English plurals ("scarves" → "scarf", "shawls" → "shawl"),
  Turkish plural suffixes ("eşarplar" → "esarp"), the Arabic article and the feminine sound
  plural ("الشالات" → "شال"). Matching is by word prefix, so Turkish case endings after the
  stem ("gümüşten") still match "gümüş".

Pure functions: no database, no settings; the migrations use them too.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MIN_STEM = 3

_TURKISH = str.maketrans({"ı": "i", "İ": "i", "I": "i"})
_ARABIC = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,  # tatweel
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    }
)
_WORD = re.compile(r"[^\W_]+")
_TAGS = re.compile(r"<[^>]*>")


def fold(text: str) -> str:
    """Lower case without diacritics, Turkish dotless i and Arabic letter forms unified."""
    text = (text or "").replace("\x00", " ").translate(_TURKISH).translate(_ARABIC)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Combining marks of Arabic (harakat, shadda, the hamza of أ) are Mn, gone above; the
    # letters they sat on may have decomposed into their base forms, so normalise again.
    return stripped.casefold().translate(_ARABIC)


def stem(word: str) -> str:
    """A folded word's stem; short words and unknown endings are returned as they are."""
    if _is_arabic(word):
        return _arabic_stem(word)
    for suffix, replacement in (
        ("leri", ""),
        ("lari", ""),
        ("ler", ""),
        ("lar", ""),
        ("ves", "f"),
        ("ies", "y"),
        ("sses", "ss"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("xes", "x"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) + len(replacement) >= MIN_STEM:
            return word[: len(word) - len(suffix)] + replacement
    if (
        word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and len(word) - 1 >= MIN_STEM
    ):
        return word[:-1]
    return word


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in word)


def _arabic_stem(word: str) -> str:
    for prefix in ("وال", "بال", "كال", "فال", "ال", "لل"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    if word.endswith("ات") and len(word) - 2 >= 2:
        word = word[:-2]
    return word


def words(text: str) -> list[str]:
    """The folded words of a text (HTML tags dropped), in order."""
    return _WORD.findall(fold(_TAGS.sub(" ", text or "")))


def document(*texts: str) -> str:
    """Searchable text: each word and its stem, space-separated, with a leading space so a
    query word can be matched at the start of any word (`contains=" " + stem`)."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            seen.setdefault(word)
            seen.setdefault(stem(word))
    return " " + " ".join(seen) + " " if seen else ""


def query_words(query: str) -> list[str]:
    """The stems a query looks for: at most eight, from its first 200 characters."""
    stems = [stem(word) for word in words((query or "")[:MAX_QUERY_LENGTH])]
    return list(dict.fromkeys(stems))[:MAX_WORDS]
