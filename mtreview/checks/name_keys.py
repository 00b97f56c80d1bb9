"""Keys that tell whether two spellings are one name, across scripts: ``Мухтаров`` ~ ``Mukhtarov``.

A word is transliterated to Latin (Cyrillic, Greek), its accents removed, and reduced to a rough phonetic
skeleton (kh = h, c = k, y = i, doubled letters once); Russian case endings are stripped first
(``Мухтарова``, ``Мухтаровым``). Two names match when one's key starts the other's, or, from 4 letters,
when they are one edit apart (Mekhtiev ~ Mehdiyev). Used by the names check and its CLDR lookups.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
    "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
    "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}
_TRANSLIT_TABLE = str.maketrans(_TRANSLIT)
# Russian/Ukrainian case endings, longest first; stripped only when a stem of 3+ letters remains.
_RU_ENDINGS = sorted(
    "ами ями ого его ому ему ыми ими ой ей ом ем ах ях ов ев ую юю ая яя ые ие ый ий ым им ых их а я у ю е ы и о"
    .split(), key=len, reverse=True)
# English "oo" is Russian "у" (Cook = Кук, Moody = Муди); "dzh" and "dj" are the j of other spellings
# (Dzhugashvili, Djokovic).
_SKELETON_RULES = (("dzh", "j"), ("dj", "j"), ("oo", "u"), ("shch", "sh"), ("kh", "h"), ("gh", "g"), ("x", "ks"), ("ck", "k"), ("c", "k"),
                   ("q", "k"), ("w", "v"), ("ph", "f"), ("j", "y"), ("y", "i"), ("u", "v"), ("z", "s"))
WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def transliterate(word: str) -> str:
    """Cyrillic and Greek letters to Latin (lower case). Russian writes Chinese names in the Palladius system:
    its цз and чж are pinyin's j and zh (Цзиньпин = Jinping, Чжоу = Zhou); and an English j as дж (Джонсон
    = Johnson, Дженнифер = Jennifer)."""
    low = word.lower()
    if "цз" in low or "чж" in low or "дж" in low:
        low = low.replace("цз", "j").replace("чж", "zh").replace("дж", "j")
    return low.translate(_TRANSLIT_TABLE)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A rough phonetic key: transliterated, accents removed, kh=h, c=k, y=i, doubled letters once."""
    text = transliterate(word)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"['\u2019-]", "", text)
    for old, new in _SKELETON_RULES:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def with_h(word: str, key: str) -> list[str]:
    """``key`` (a key of ``word``), and for a Cyrillic word opening with Г, the key with an h there: Russian
    writes a foreign h as г (Гарри = Harry, Гамбург = Hamburg, Гаага = Hague)."""
    return [key, "h" + key[1:]] if word[:1] in "Гг" and key[:1] == "g" else [key]


def word_keys(word: str) -> list[str]:
    """The skeleton of ``word`` (``with_h``: and its h variant)."""
    return with_h(word, skeleton(word))


def strip_ending(word: str, lang: str) -> str:
    """``word`` without a Russian, Ukrainian or Belarusian case ending (other languages: as it is)."""
    if lang not in ("ru", "uk", "be"):
        return word
    low = word.lower()
    for end in _RU_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            return word[: len(word) - len(end)]
    return word


def name_key(word: str, lang: str) -> str:
    """The first 5 letters of the skeleton of ``word`` without its case ending: what the check compares."""
    return skeleton(strip_ending(word, lang))[:5]


def close(a: str, b: str) -> bool:
    """At most one edit apart (a substitution, insertion or deletion)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def found(key: str, words_keys: list[str]) -> bool:
    """Does a word start like ``key``? Keys of 4+ letters may differ by one edit (Mekhtiev ~ Mehdiyev,
    Трамп ~ Trump)."""
    if len(key) < 2:
        return False
    if len(key) < 4:
        return any(k.startswith(key) for k in words_keys)
    # Names keep their first letter: only words starting like the key are compared letter by letter.
    first = key[0]
    return any(k.startswith(key) or (k[:1] == first and (
        close(key, k[:len(key)]) or close(key, k[:len(key) - 1]) or close(key, k[:len(key) + 1])))
        for k in words_keys)


def stem(word: str, lang: str) -> str:
    """``word`` lower-cased without its case ending (ё read as е): what CLDR lookups compare."""
    return strip_ending(word, lang).lower().replace("ё", "е")


def same_stem(a: str, b: str, loose: bool = False) -> bool:
    """The same stem, give or take one letter that the ending rules leave (Кита-ем ~ Китай, Germans ~
    German); ``loose``: or sharing the first 6+ letters and three quarters of the shorter word (a
    nationality and its country: Autrichiens ~ Autriche)."""
    if (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 1:
        return True
    if not loose:
        return False
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 6 and shared >= 0.75 * min(len(a), len(b))


def key_buckets(keys: list[str]) -> dict[str, list[str]]:
    """Keys by their first letter: :func:`found` only ever matches a key that starts with the same letter, so
    looking in one bucket gives the same answer as looking in all (a segment of 10,000 names then takes
    milliseconds, not seconds)."""
    out: dict[str, list[str]] = {}
    for k in keys:
        out.setdefault(k[:1], []).append(k)
    return out
