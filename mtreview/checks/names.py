"""Names: capitalised words of the source (not sentence-initial) should reappear in the MT.

Across scripts the source name is transliterated (``Мухтаров`` ~ ``Mukhtarov``) and both sides are
reduced to a rough phonetic skeleton (kh = h, c = k, y = i, doubled letters once, no accents), and Russian
case endings are stripped first (``Мухтарова``, ``Мухтаровым``). A name matches when the MT has a word that
starts like it. A capitalised word whose established translation the MT has is found too: a country or
region (Китаем -> China, Турции -> Turkey), a language or nationality, a weekday or a month
(``translated_names``: CLDR's names). Other names with an established translation (Москва -> Moscow) do
not match; when pseudo-references are given, a name is only flagged if they keep it and the MT does not.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

from .context import CheckContext, Flag, quote
from .scripts import script_of
from .translated_names import name_pairs, source_language_names

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
# English "oo" is Russian "у" (Cook = Кук, Moody = Муди).
_SKELETON_RULES = (("oo", "u"), ("shch", "sh"), ("kh", "h"), ("gh", "g"), ("x", "ks"), ("ck", "k"), ("c", "k"),
                   ("q", "k"), ("w", "v"), ("ph", "f"), ("j", "y"), ("y", "i"), ("u", "v"), ("z", "s"))
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_STARTERS = set(".!?…:;—–-\"«„“(")
# A capitalised word after an opening quote starts quoted speech, unless the quote closes within a few
# words: then it is a title (a newspaper «Правды.ру», a unit «Казбриг», a ship), which is a name.
_QUOTE_CLOSE = {"«": "»", "„": "“", "“": "”", '"': '"'}
_TITLE_WORDS = 4
_SENTENCE_END_RE = re.compile(r"[.!?…](?:\s|$)")
_NEXT_WORD_RE = re.compile(r"\s+(\w)")
_APOSTROPHE_RE = re.compile("['\u2019]")
_LEADING_NOTE_RE = re.compile(r"[(\[][^()\[\]]*[)\]]")
# A determiner and at most one capitalised word before this one: "the Earth", "our Sun", "the Big Bang", "du
# Gouvernement", "el Gobierno". Such a word is an institution or a thing that translations translate, unless
# it is one of CLDR's names (the Netherlands, la France), which the check can verify.
# English only: in French, Spanish or Italian an article comes before institutions (du Gouvernement) and
# before place names alike (la Grande Barrière, les Courtes, which an MT may wrongly translate): on Text+Berg
# fr->de the same rule for French cut the names flags from 43 to 18 but lost 4 of the 11 the German original
# confirms.
_DETERMINERS = {"en": "the our this that these their its"}
_DETERMINER_SETS = {lang: frozenset(words.split()) for lang, words in _DETERMINERS.items()}
_PARTS_RE = re.compile("['\u2019-]")
_CLITICS = {"s", "m", "ve", "d", "ll", "re", "t"}  # English: Sun's, I'm, I've, I'd, I'll, they're, don't
_TRANSLITERATED = {"Latin", "Cyrillic", "Greek"}  # the scripts whose words skeleton() reads
_NOUN_CAPITALISING = {"de", "lb"}  # every noun is capitalised: capitals say nothing about names


def transliterate(word: str) -> str:
    """Cyrillic and Greek letters to Latin (lower case). Russian writes Chinese names in the Palladius system:
    its цз and чж are pinyin's j and zh (Цзиньпин = Jinping, Чжоу = Zhou)."""
    low = word.lower()
    if "цз" in low or "чж" in low:
        low = low.replace("цз", "j").replace("чж", "zh")
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


def _strip_ending(word: str, lang: str) -> str:
    if lang not in ("ru", "uk", "be"):
        return word
    low = word.lower()
    for end in _RU_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            return word[: len(word) - len(end)]
    return word


def _quoted_title(text: str, start: int, opener: str) -> bool:
    """Does the quote opened by ``opener`` just before ``start`` close within ``_TITLE_WORDS`` words, with
    no sentence end inside (a title, not quoted speech)?"""
    close = _QUOTE_CLOSE.get(opener)
    end = text.find(close, start) if close else -1
    if end < 0:
        return False
    inside = text[start:end]
    return len(_WORD_RE.findall(inside)) <= _TITLE_WORDS and not _SENTENCE_END_RE.search(inside)


def _name_part(word: str) -> str:
    """The part of a word with an apostrophe that can be a name: without an English clitic (Sun's -> Sun,
    I'm -> I, which is too short to count), after an elided article or preposition (l'Himalaya, d'Italie ->
    Himalaya, Italie); the word itself otherwise."""
    head, sep, tail = _split_apostrophe(word)
    if not sep:
        return word
    if tail.lower() in _CLITICS:
        return head
    if len(head) <= 3 and tail[:1].isupper():
        return tail
    return word


def _split_apostrophe(word: str) -> tuple[str, str, str]:
    m = _APOSTROPHE_RE.search(word)
    return (word[:m.start()], m.group(0), word[m.end():]) if m else (word, "", "")


def _in_capitals(words: list[str]) -> bool:
    """A heading written in capitals (ADDITIONAL NOTES ON THE YEARS): its capitals say nothing of names."""
    letters = [c for w in words for c in w]
    return len(words) >= 3 and len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def source_names(source: str, lang: str = "") -> list[str]:
    """Capitalised words that do not start a sentence, and that the source never writes in lower case; not
    in a heading written in capitals, and not a short word that opens a title (Les Alpes, The Times). In
    English (``lang`` "en"), not after a determiner either, unless it is one of CLDR's names (the
    Netherlands): the Earth, our Sun, the World Bank are names that translations translate."""
    words = _WORD_RE.findall(source)
    capitals = [i for i, w in enumerate(words) if w[0].isupper()]
    if not capitals or (capitals == [0] and source.lstrip().startswith(words[0])) or _in_capitals(words):
        return []  # no capitalised word, or only the first one at the very start: sentence-initial
    lowered = {w.casefold() for w in words if w[0].islower()}
    names: list[str] = []
    prev_end = 0
    for m in _WORD_RE.finditer(source):
        word = _name_part(m.group(0))
        # What precedes the word since the previous one: nothing at the start of the text, or
        # punctuation that opens a sentence (or a dash-led answer, a quote) make it sentence-initial.
        between = source[prev_end:m.start()].rstrip()
        # At the start of the text, or after a note in brackets that opens it: "(Laughter) And so..."
        first = (prev_end == 0 and not between) or bool(_LEADING_NOTE_RE.fullmatch(source[:m.start()].strip()))
        prev_end = m.end()
        if not word[0].isupper() or sum(c.isalpha() for c in word) < 2:
            continue
        if first or (between and between[-1] in _STARTERS and not _quoted_title(source, m.start(), between[-1])):
            continue
        if word.casefold() in lowered or word in names:
            continue
        if len(word) <= 3 and not word.isupper() and (nxt := _NEXT_WORD_RE.match(source, m.end())) \
                and nxt.group(1).isupper():
            continue  # an article or a preposition opening a title (Les Alpes): the MT may drop or translate it
        if (det := _DETERMINER_SETS.get(lang)) and _after_determiner(det, source, m.start()) \
                and not _cldr_name(word, lang):
            continue  # the Earth, du Gouvernement: names that translations translate
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


_IndexEntry = tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]


@lru_cache(maxsize=32)
def _translation_index(src_lang: str, tgt_lang: str) -> dict[str, list[_IndexEntry]]:
    """First 3 letters of a stem -> (stem of a word of a name in the source language, the stems of the
    name's other capitalised words, the name's renderings in the target language, each as the words the MT
    must have: its capitalised ones, "United States" -> (United, States), or all of 3+ letters where none
    is, понедельник; "Myanmar (Burma)" is two)."""
    index: dict[str, list[_IndexEntry]] = {}
    for name, renderings in name_pairs(src_lang, tgt_lang):
        targets = []
        for part in (p for r in renderings for p in re.split(r"[()]", r)):
            words = _WORD_RE.findall(part)
            caps = tuple(w for w in words if w[0].isupper())
            if caps or (words := [w for w in words if len(w) >= 3]):
                targets.append(caps or tuple(words))
        words = [w for w in _WORD_RE.findall(name) if len(w) >= 3]
        stems = [_stem(w, src_lang) for w in words]
        for k, stem in enumerate(stems):
            others = tuple(st for i, (w, st) in enumerate(zip(words, stems, strict=True)) if i != k and w[0].isupper())
            index.setdefault(stem[:3], []).append((stem, others, tuple(targets)))
    return index


def _same_stem(a: str, b: str, loose: bool = False) -> bool:
    """The same stem, give or take one letter that the ending rules leave (Кита-ем ~ Китай, Germans ~
    German); ``loose``: or sharing the first 6+ letters and three quarters of the shorter word (a
    nationality and its country: Autrichiens ~ Autriche)."""
    if (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 1:
        return True
    if not loose:
        return False
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 6 and shared >= 0.75 * min(len(a), len(b))


def _after_determiner(determiners: frozenset[str], text: str, start: int) -> bool:
    """Does a determiner come right before the word at ``start``, or before a run of up to four capitalised
    words before it (the Big Bang, the World Health Organization), with nothing but spaces between?"""
    tail = text[max(0, start - 200):start]
    end = len(tail)
    for m in reversed(list(_WORD_RE.finditer(tail))[-5:]):
        if tail[m.end():end].strip():
            return False  # punctuation between: "the Earth, Obama"
        word = m.group(0)
        if word.lower() in determiners:
            return True
        if not word[0].isupper():
            return False
        end = m.start()
    return False


def _cldr_name(word: str, lang: str) -> bool:
    """Is ``word`` (give or take an ending) a word of one of CLDR's names in ``lang`` (a country, region,
    language, weekday or month)?"""
    stem = _stem(word, lang)
    return any(_same_stem(stem, other) for other in _source_stems(lang).get(stem[:3], ()))


@lru_cache(maxsize=32)
def _source_stems(lang: str) -> dict[str, list[str]]:
    """First 3 letters -> stems of the capitalisable words of CLDR's names in ``lang``."""
    index: dict[str, list[str]] = {}
    for name in source_language_names(lang):
        for word in _WORD_RE.findall(name):
            if len(word) >= 3:
                stem = _stem(word, lang)
                index.setdefault(stem[:3], []).append(stem)
    return index


def translation_targets(name: str, src_lang: str, tgt_lang: str,
                        source: str | None = None) -> list[tuple[str, ...]]:
    """The established translations of ``name`` in ``tgt_lang``, each as the words the MT must have, for
    every CLDR name with a word of the same stem (``_same_stem``, loosely) whose other capitalised words
    ``source``, when given, has too: "United" in "the United States" is not the United Kingdom's."""
    stem = _stem(name, src_lang)
    near = [_stem(w, src_lang) for w in _WORD_RE.findall(source) if len(w) >= 3] if source is not None else []
    out: list[tuple[str, ...]] = []
    for other, rest, targets in _translation_index(src_lang, tgt_lang).get(stem[:3], ()):
        if _same_stem(stem, other, loose=True) and (
                source is None or all(any(_same_stem(r, n) for n in near) for r in rest)):
            out += targets
    return out


def _translated_name(name: str, ctx: CheckContext, mt_words: list[str], mt_keys: list[str]) -> bool:
    """Does the MT have every word of an established translation of ``name`` (Китаем -> China,
    Соединенными -> United States, Monday -> понедельник)?"""

    def has(word: str) -> bool:
        # An acronym (USA, UK) must be there as it is: its 2-3 letter key would start other words.
        return word in mt_words if word.isupper() else _found(_key(word, ctx.tgt_lang), mt_keys)

    targets = translation_targets(name, ctx.src_lang, ctx.tgt_lang, ctx.source)
    return any(all(has(w) for w in words) for words in targets)


def check_names(ctx: CheckContext) -> list[Flag]:
    """Flag capitalised source names that the MT does not contain (in any spelling close enough)."""
    if ctx.src_lang in _NOUN_CAPITALISING or not ctx.mt.strip():
        return []
    if script_of(ctx.tgt_lang) not in _TRANSLITERATED:
        return []  # Обама can be compared with Obama, 奥巴马 or أوباما cannot: the check would flag every name
    names = ctx.cached("source_names", lambda: source_names(ctx.source))  # the risk features read it too
    if names and ctx.src_lang in _DETERMINERS:  # without names after a determiner (the Earth)
        names = source_names(ctx.source, ctx.src_lang)
    if not names:
        return []
    cross = script_of(ctx.src_lang) != script_of(ctx.tgt_lang)
    mt_words = _WORD_RE.findall(ctx.mt)
    if not cross:  # the common case first: the name is in the MT as it is
        mt_lower = {w.casefold() for w in mt_words}
        names = [n for n in names if n.casefold() not in mt_lower]
        if not names:
            return []
    # A hyphenated word counts whole and by its parts (по-английски has английски), and so does a word with
    # an apostrophe (O'Brien has Brien, l'Europe has Europe).
    mt_keys = [skeleton(w) for w in mt_words] + [skeleton(p) for w in mt_words if "-" in w or "'" in w or "\u2019" in w
                                                 for p in _PARTS_RE.split(w) if p]
    refs = [r for r in ctx.pseudo_refs if r.strip()]
    ref_keys: list[list[str]] = []
    missing = []
    for name in names:
        acronym = name.isupper()
        key = _key(name, ctx.src_lang) if not acronym else skeleton(name)
        if _found(key, mt_keys) or (not acronym and _translated_name(name, ctx, mt_words, mt_keys)):
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
