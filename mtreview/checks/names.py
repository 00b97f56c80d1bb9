"""Names: capitalised words of the source (not sentence-initial) should reappear in the MT.

Across scripts the source name is transliterated (``Мухтаров`` ~ ``Mukhtarov``) and both sides are
reduced to a rough phonetic skeleton (kh = h, c = k, y = i, doubled letters once, no accents), and Russian
case endings are stripped first (``Мухтарова``, ``Мухтаровым``). A name matches when the MT has a word that
starts like it. A country or region whose translation the MT has (Китаем -> China, Турции -> Turkey) is
found too (``exonyms``: CLDR's territory names). Other names with an established translation (Москва ->
Moscow) do not match; when pseudo-references are given, a name is only flagged if they keep it and the MT
does not.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .context import CheckContext, Flag, quote
from .exonyms import place_pairs
from .scripts import script_of

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
_SKELETON_RULES = (("shch", "sh"), ("kh", "h"), ("gh", "g"), ("x", "ks"), ("ck", "k"), ("c", "k"),
                   ("q", "k"), ("w", "v"), ("ph", "f"), ("j", "y"), ("y", "i"), ("u", "v"), ("z", "s"))
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_STARTERS = set(".!?…:;—–-\"«„“(")
_NOUN_CAPITALISING = {"de", "lb"}  # every noun is capitalised: capitals say nothing about names


def transliterate(word: str) -> str:
    """Cyrillic and Greek letters to Latin (lower case)."""
    return word.lower().translate(_TRANSLIT_TABLE)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A rough phonetic key: transliterated, accents removed, kh=h, c=k, y=i, doubled letters once."""
    text = transliterate(word)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"['\u2019-]", "", text)
    for old, new in _SKELETON_RULES:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def _strip_ending(word: str, lang: str) -> str:
    if lang not in ("ru", "uk", "be"):
        return word
    low = word.lower()
    for end in _RU_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            return word[: len(word) - len(end)]
    return word


def source_names(source: str) -> list[str]:
    """Capitalised words that do not start a sentence, and that the source never writes in lower case."""
    words = _WORD_RE.findall(source)
    capitals = [i for i, w in enumerate(words) if w[0].isupper()]
    if not capitals or (capitals == [0] and source.lstrip().startswith(words[0])):
        return []  # no capitalised word, or only the first one at the very start: sentence-initial
    lowered = {w.casefold() for w in words if w[0].islower()}
    names: list[str] = []
    prev_end = 0
    for m in _WORD_RE.finditer(source):
        word = m.group(0)
        # What precedes the word since the previous one: nothing at the start of the text, or
        # punctuation that opens a sentence (or a dash-led answer, a quote) make it sentence-initial.
        between = source[prev_end:m.start()].rstrip()
        first = prev_end == 0 and not between
        prev_end = m.end()
        if not word[0].isupper() or sum(c.isalpha() for c in word) < 2:
            continue
        if first or (between and between[-1] in _STARTERS):
            continue
        if word.casefold() in lowered or word in names:
            continue
        names.append(word)
    return names


def _key(word: str, lang: str) -> str:
    key = skeleton(_strip_ending(word, lang))
    return key[:5]


def _close(a: str, b: str) -> bool:
    """At most one edit apart (a substitution, insertion or deletion)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _found(key: str, words_keys: list[str]) -> bool:
    """Does a word start like ``key``? Keys of 4+ letters may differ by one edit (Mekhtiev ~ Mehdiyev,
    Трамп ~ Trump)."""
    if len(key) < 2:
        return False
    if len(key) < 4:
        return any(k.startswith(key) for k in words_keys)
    # Names keep their first letter: only words starting like the key are compared letter by letter.
    first = key[0]
    return any(k.startswith(key) or (k[:1] == first and (
        _close(key, k[:len(key)]) or _close(key, k[:len(key) - 1]) or _close(key, k[:len(key) + 1])))
        for k in words_keys)


def _stem(word: str, lang: str) -> str:
    return _strip_ending(word, lang).lower().replace("ё", "е")


@lru_cache(maxsize=32)
def _place_index(src_lang: str, tgt_lang: str) -> dict[str, list[tuple[str, tuple[tuple[str, ...], ...]]]]:
    """First 3 letters of a stem -> (stem of a word of a place's name in the source language, the place's
    renderings in the target language, each as its capitalised words: "United States" -> (United, States);
    "Myanmar (Burma)" is two renderings)."""
    index: dict[str, list[tuple[str, tuple[tuple[str, ...], ...]]]] = {}
    for name, renderings in place_pairs(src_lang, tgt_lang):
        parts = [p for r in renderings for p in re.split(r"[()]", r)]
        targets = tuple(t for t in (tuple(w for w in _WORD_RE.findall(p) if w[0].isupper()) for p in parts) if t)
        for word in _WORD_RE.findall(name):
            if word[0].isupper() and len(word) >= 3:
                stem = _stem(word, src_lang)
                index.setdefault(stem[:3], []).append((stem, targets))
    return index


def _translated_place(name: str, ctx: CheckContext, mt_words: list[str], mt_keys: list[str]) -> bool:
    """Is ``name`` a word of a place's name whose translation the MT has, every word of it (Китаем -> China,
    Соединенными -> United States)?"""

    def has(word: str) -> bool:
        # An acronym (USA, UK) must be there as it is: its 2-3 letter key would start other words.
        return word in mt_words if word.isupper() else _found(_key(word, ctx.tgt_lang), mt_keys)

    stem = _stem(name, ctx.src_lang)
    for other, targets in _place_index(ctx.src_lang, ctx.tgt_lang).get(stem[:3], ()):
        # The same stem, give or take one letter that the ending rules leave (Кита-ем ~ Китай).
        if (other.startswith(stem) or stem.startswith(other)) and abs(len(other) - len(stem)) <= 1:
            if any(all(has(w) for w in words) for words in targets):
                return True
    return False


def check_names(ctx: CheckContext) -> list[Flag]:
    """Flag capitalised source names that the MT does not contain (in any spelling close enough)."""
    if ctx.src_lang in _NOUN_CAPITALISING or not ctx.mt.strip():
        return []
    names = ctx.cached("source_names", lambda: source_names(ctx.source))  # the risk features read it too
    if not names:
        return []
    cross = script_of(ctx.src_lang) != script_of(ctx.tgt_lang)
    mt_words = _WORD_RE.findall(ctx.mt)
    if not cross:  # the common case first: the name is in the MT as it is
        mt_lower = {w.casefold() for w in mt_words}
        names = [n for n in names if n.casefold() not in mt_lower]
        if not names:
            return []
    mt_keys = [skeleton(w) for w in mt_words]
    refs = [r for r in ctx.pseudo_refs if r.strip()]
    ref_keys: list[list[str]] = []
    missing = []
    for name in names:
        acronym = name.isupper()
        key = _key(name, ctx.src_lang) if not acronym else skeleton(name)
        if _found(key, mt_keys) or (not acronym and _translated_place(name, ctx, mt_words, mt_keys)):
            continue
        if refs:
            if not ref_keys:
                ref_keys = [[skeleton(w) for w in _WORD_RE.findall(r)] for r in refs]
            # A name that no pseudo-reference keeps has its own translation (Moscow): not a problem.
            if not any(_found(key, keys) for keys in ref_keys):
                continue
        elif cross and acronym:
            continue  # США -> USA: acronyms are translated, not transliterated
        missing.append(name)
    if not missing:
        return []
    shown = ", ".join(quote(n) + (f" ({transliterate(n).capitalize()})" if cross else "") for n in missing[:4])
    severity = 0.6 if refs else 0.3
    return [Flag("names", f"Name(s) {shown} from the source not found in the MT.", severity)]
