"""Names: capitalised words of the source (not sentence-initial, unless the word names a country, region or
city: Пекин принял решение) should reappear in the MT.

Across scripts the source name is transliterated (``Мухтаров`` ~ ``Mukhtarov``, ``name_keys``): a name
matches when the MT has a word that starts like it, or a capitalised word of the same consonants read as
sound (Джордж ~ George, Кэтрин ~ Catherine: ``name_sounds``). A capitalised word whose established translation the
MT has is found too: a country or region (Китаем -> China, Турции -> Turkey), a city (Пекине -> Beijing,
Köln -> Cologne: ``place_names``), a language or nationality, a weekday or a month (``translated_names``:
CLDR's names). Other names with an established translation do not match; when pseudo-references are given,
a name is only flagged if they keep it and the MT does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .context import CheckContext, Flag, quote
from .name_abbreviations import before_name
from .name_case import lowercased_names
from .name_keys import (
    WORD_RE,
    found,
    key_buckets,
    name_key,
    skeleton,
    transliterate,
    with_h,
    word_keys,
)
from .name_phrases import translated_phrases
from .name_sounds import mt_sound_keys, sounds_like
from .name_titles import QUOTE_CLOSE, quoted_title, translated_titles
from .patronymics import patronymics
from .pinyin import PALLADIUS_LANGS, palladius
from .place_names import acronym_renderings
from .scripts import script_of
from .stopwords import STOPWORDS
from .surnames import SURNAME_LANGS, kept_whole, shortened_surnames
from .translated_names import (
    cldr_name,
    could_be_place,
    month_names,
    place_name,
    source_stems,
    translated_institution,
    translation_targets,
)

_STARTERS = set(".!?…:;—–-\"«„“(")
# A capitalised word after an opening quote starts quoted speech, unless the quote closes within a few
# words: then it is a title (a newspaper «Правды.ру», a unit «Казбриг», a ship), which is a name
# (``name_titles.quoted_title``).
_NEXT_WORD_RE = re.compile(r"\s+(\w)")
_APOSTROPHE_RE = re.compile("['\u2019]")
_LEADING_NOTE_RE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")
# A list item's number or letter, or a quote closed from the segment before, that opens the text ("1° Comment",
# "2° La cote", "a ) Les articles", "» Lorsque"): the word after it starts the sentence. (An opening quote is
# left to _STARTERS and quoted_title: «Правда» сообщила is a title.)
_LEADING_MARKER_RE = re.compile(
    r"[\s\u00bb\u201d\u2019\u2013\u2014\u2022\u00b7*-]*(?:(?:\d{1,3}|[IVXLCivxlc]{1,6})\s?[.)\u00b0]|[^\W\d_]\s?[)\u00b0])"
    r"[\s\u00bb\u201d\u2019\u2013\u2014\u2022\u00b7*-]*|[\s\u00bb\u201d\u2019\u2013\u2014\u2022\u00b7*-]+")
# A determiner, and at most four capitalised words, before this one: "the Earth", "our Sun", "the World
# Health Organization". Such a word is an institution or a thing that translations translate, unless it is
# one of CLDR's names (the Netherlands), which the check can verify. English only: in French, Spanish or
# Italian an article comes before institutions (du Gouvernement) and before place names alike (la Grande
# Barrière, les Courtes, which an MT may wrongly translate): on Text+Berg fr->de the same rule for French
# cut the names flags from 43 to 18 but lost 4 of the 11 the German original confirms.
_DETERMINERS = {"en": "the our this that these their its"}
_DETERMINER_SETS = {lang: frozenset(words.split()) for lang, words in _DETERMINERS.items()}
_PARTS_RE = re.compile("['\u2019-]")
# A date in numbers: day and month either way round (12.05.1990, 05/12/1990), or ISO (1990-05-12).
_NUMERIC_DATE_RE = re.compile(r"(?<![\d.])(?:(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})|(\d{4})-(\d{1,2})-\d{1,2})(?![\d])")
# Words in capitals that are no names: Roman numerals (Everest III, Tome II; a number, which the MT may write in
# digits) and compass points (la face SE, which German writes SO), translated as they are.
_NOT_NAME_CAPITALS_RE = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})|N[EWO]|S[EWO]|NN[EWO]|SS[EWO]|ENE|ESE|WNW|WSW|ONO|OSO")
_CLITICS = {"s", "m", "ve", "d", "ll", "re", "t"}  # English: Sun's, I'm, I've, I'd, I'll, they're, don't
_TRANSLITERATED = {"Latin", "Cyrillic", "Greek"}  # the scripts whose words skeleton() reads
_NOUN_CAPITALISING = {"de", "lb"}  # every noun is capitalised: capitals say nothing about names
# Names checked per segment: the flag shows 4, and a "segment" with thousands of names is a whole document
# on one line or a list, where checking them all only costs time.
MAX_NAMES = 64


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
    return _scan(source, lang)[1]


def _scan(source: str, lang: str) -> tuple[list[str], list[str], list[str]]:
    """(the source's names without the determiner rule, and with it and without a function word of ``lang``
    that opens a short quotation, «Мы придём»; the capitalised words that open a sentence, which may be names
    or not): one pass for all three."""
    words = WORD_RE.findall(source)
    capitals = [i for i, w in enumerate(words) if w[0].isupper()]
    if not capitals or (len(capitals) >= 0.8 * len(words) and _in_capitals(words)):
        return [], [], []
    lowered = {w.casefold() for w in words if w[0].islower()}
    if capitals == [0] and source.lstrip().startswith(words[0]):  # only the first word, at the very start
        word = _name_part(words[0])
        opener = sum(c.isalpha() for c in word) >= 2 and word.casefold() not in lowered
        return [], [], [word] if opener else []
    # A note in brackets that opens the text ("(Laughter) And so..."), or a list marker: the word after it
    # starts the sentence.
    note = _LEADING_NOTE_RE.match(source) or _LEADING_MARKER_RE.match(source)
    note_end = note.end() if note else -1
    determiners = _DETERMINER_SETS.get(lang)
    function_words = STOPWORDS.get(lang, frozenset())
    names: list[str] = []
    seen: set[str] = set()
    kept: list[str] = []
    openers: list[str] = []
    prev_start = prev_end = 0
    for m in WORD_RE.finditer(source):
        word = _name_part(m.group(0))
        # What precedes the word since the previous one: nothing at the start of the text, or
        # punctuation that opens a sentence (or a dash-led answer, a quote) make it sentence-initial; not the
        # period of a title or an initial before it (Mr. Smith, проф. Иванов, J. K. Rowling).
        between = source[prev_end:m.start()].rstrip()
        first = (prev_end == 0 and not between) or m.start() == note_end
        # (A function word after the period is a sentence's first word: the letter ended one, plan B. Then)
        abbreviated = (between == "." and prev_end > 0 and before_name(source, prev_start, prev_end)
                       and word.lower() not in function_words)
        prev_start, prev_end = m.start(), m.end()
        if not word[0].isupper() or sum(c.isalpha() for c in word) < 2:
            continue
        if source.startswith(".", m.end()) and before_name(source, m.start(), m.end()):
            continue  # Mr., St.: the MT writes мистер, Санкт- or nothing
        if first or (between and between[-1] in _STARTERS and not abbreviated
                     and not quoted_title(source, m.start(), between[-1])):
            if word.casefold() not in lowered and word not in openers:
                openers.append(word)
            continue
        if word.casefold() in lowered or word in seen or _NOT_NAME_CAPITALS_RE.fullmatch(word):
            continue
        if len(word) <= 3 and not word.isupper() and (nxt := _NEXT_WORD_RE.match(source, m.end())) \
                and nxt.group(1).isupper():
            continue  # an article or a preposition opening a title (Les Alpes): the MT may drop or translate it
        names.append(word)
        seen.add(word)
        if between and between[-1] in QUOTE_CLOSE and word.lower() in function_words:
            continue  # a quotation's first word, not a title's: «Мы придём», "We are here"
        if not (determiners and _after_determiner(determiners, source, m.start()) and not cldr_name(word, lang)):
            kept.append(word)  # (else: the Earth, a name that translations translate)
    return names, kept, [w for w in openers if w not in seen]


def document_names(sources: Iterable[str], lang: str = "") -> frozenset[str]:
    """The keys (``name_keys.name_key``: the start of a transliterated skeleton, without a Russian case
    ending, as the check compares names) of the words that a document's sources in ``lang`` write as names:
    capitalised after a sentence's first word (``source_names``), and never in lower case in any of them. For ``CheckContext.known_names``, so that a
    name that opens a sentence is checked where the document names it elsewhere (Мухтаров сказал ...,
    ... заявил Мухтарову)."""
    named: set[str] = set()
    lowered: set[str] = set()
    for source in sources:
        named.update(name_key(w, lang) for w in _scan(source, "")[0])
        lowered.update(name_key(w, lang) for w in WORD_RE.findall(source) if w[0].islower())
    return frozenset(named - lowered)


def document_lowercase(sources: Iterable[str]) -> frozenset[str]:
    """The whole words (case-folded, an English clitic dropped: turkey's -> turkey) that a document's
    sources write in lower case, among those it also writes capitalised (the only ones the check asks
    about, which keeps the set small for a large document). For ``CheckContext.document_lowercase``."""
    lowered: set[str] = set()
    capitalised: set[str] = set()
    for source in sources:
        for w in WORD_RE.findall(source):
            (lowered if w[0].islower() else capitalised).add(_name_part(w).casefold())
    return frozenset(lowered & capitalised)


def _after_determiner(determiners: frozenset[str], text: str, start: int) -> bool:
    """Does a determiner come right before the word at ``start``, or before a run of up to four capitalised
    words before it (the Big Bang, the World Health Organization), with nothing but spaces between?"""
    tail = text[max(0, start - 200):start]
    end = len(tail)
    for m in reversed(list(WORD_RE.finditer(tail))[-5:]):
        if tail[m.end():end].strip():
            return False  # punctuation between: "the Earth, Obama"
        word = m.group(0)
        if word.lower() in determiners:
            return True
        if not word[0].isupper():
            return False
        end = m.start()
    return False


def _translated_name(name: str, ctx: CheckContext, mt_words: set[str], mt_keys: dict[str, list[str]]) -> bool:
    """Does the MT have every word of an established translation of ``name`` (Китаем -> China,
    Соединенными -> United States, Monday -> понедельник)?"""

    def has(word: str) -> bool:
        # An acronym (USA, UK) must be there as it is: its 2-3 letter key would start other words.
        if word.isupper():
            return word in mt_words
        key = name_key(word, ctx.tgt_lang)
        return found(key, mt_keys.get(key[:1], []))

    if translated_institution(name, ctx.src_lang):
        return True  # Минобороны, Договору: spelt out or translated (the Ministry of Defence, the Treaty)
    if _month_in_numeric_date(name, ctx):
        return True  # May 12, 1990 -> 12.05.1990
    near = ctx.cached("source_stems", lambda: source_stems(ctx.source, ctx.src_lang))
    targets = translation_targets(name, ctx.src_lang, ctx.tgt_lang, near=near)
    return any(all(has(w) for w in words) for words in targets)


def _month_in_numeric_date(name: str, ctx: CheckContext) -> bool:
    """Is ``name`` a month that the MT writes as a number in a date (May 12, 1990 -> 12.05.1990, 05/12/1990,
    1990-05-12)?"""
    month = month_names(ctx.src_lang).get(name.casefold())
    if month is None:
        return False
    for m in _NUMERIC_DATE_RE.finditer(ctx.mt):
        day_or_month = (m.group(1), m.group(2)) if m.group(1) else (m.group(5),)
        if any(int(x) == month for x in day_or_month if x):
            return True
    return False


def check_names(ctx: CheckContext) -> list[Flag]:
    """Flag capitalised source names that the MT does not contain (in any spelling close enough)."""
    if ctx.src_lang in _NOUN_CAPITALISING or not ctx.mt.strip():
        return []
    if script_of(ctx.tgt_lang) not in _TRANSLITERATED:
        return []  # Обама can be compared with Obama, 奥巴马 or أوباما cannot: the check would flag every name
    # Without the names after an English determiner (the Earth) and the function word that opens a short
    # quotation («Мы придём»); the risk features read the full list.
    every, names, openers = ctx.cached("source_names_scan", lambda: _scan(ctx.source, ctx.src_lang))
    ctx.cached("source_names", lambda: every)
    if openers:  # a word that opens a sentence is checked when it names a country or a city (Пекин, China),
        # or when the document writes it as a name elsewhere (Мухтаров сказал ..., ... заявил Мухтаров)
        known = [w for w in openers if name_key(w, ctx.src_lang) in ctx.known_names]
        # A place name the document also writes in lower case elsewhere is a word there (Turkey is a bird:
        # ... a roast turkey), which no rule on the sentence alone could tell.
        places = [w for w in openers if w not in known and w.casefold() not in ctx.document_lowercase
                  and could_be_place(w, ctx.src_lang)]
        if places:
            near = ctx.cached("source_stems", lambda: source_stems(ctx.source, ctx.src_lang))
            places = [w for w in places if place_name(w, ctx.src_lang, near)]
        names = names + [w for w in openers if w in known or w in places]
    if not names:
        return []
    cross = script_of(ctx.src_lang) != script_of(ctx.tgt_lang)
    pinyin_to_mt = cross and ctx.src_lang in PALLADIUS_LANGS and script_of(ctx.tgt_lang) == "Latin"
    pinyin_in_source = cross and ctx.tgt_lang in PALLADIUS_LANGS and script_of(ctx.src_lang) == "Latin"
    mt_words = WORD_RE.findall(ctx.mt)
    refs = [r for r in ctx.pseudo_refs if r.strip()]
    lowered = lowercased_names(names[:MAX_NAMES], ctx.src_lang, mt_words, refs)
    if not cross:  # the common case first: the name is in the MT as it is
        mt_lower = {w.casefold() for w in mt_words}
        names = [n for n in names if n.casefold() not in mt_lower]
        if not names:
            return _flag([], [], lowered, cross, refs)
    # A hyphenated word counts whole and by its parts (по-английски has английски), and so does a word with
    # an apostrophe (O'Brien has Brien, l'Europe has Europe).
    mt_keys = key_buckets([k for w in mt_words for k in word_keys(w)] + [
        skeleton(p) for w in mt_words if "-" in w or "'" in w or "\u2019" in w for p in _PARTS_RE.split(w) if p] + (
        # Chinese names in pinyin as Russian writes them: Xiaoping as Сяопин (``pinyin``)
        [skeleton(p) for w in mt_words if w[:1].isupper() for p in palladius(w)] if pinyin_to_mt else []))
    mt_word_set = set(mt_words) | {p for w in mt_words if "-" in w for p in w.split("-")}  # UN-Sicherheitsrat
    ref_keys: list[dict[str, list[str]]] = []
    mt_sounds: frozenset[str] | None = None
    missing = []
    for name in names[:MAX_NAMES]:
        acronym = name.isupper()
        key = name_key(name, ctx.src_lang) if not acronym else skeleton(name)
        keys = with_h(name, key)  # Гарри as Harry too
        if pinyin_in_source and not acronym:  # Xiaoping as Сяопин
            keys += [name_key(p, ctx.tgt_lang) for p in palladius(name)]
        if any(found(k, mt_keys.get(k[:1], [])) for k in keys) or (
                not acronym and _translated_name(name, ctx, mt_word_set, mt_keys)) or (
                acronym and not mt_word_set.isdisjoint(acronym_renderings(name, ctx.src_lang, ctx.tgt_lang))):
            continue  # (an acronym that the target language writes otherwise: OTAN -> NATO)
        if cross and not acronym:  # a transcription: Джордж ~ George, Кэтрин ~ Catherine
            if mt_sounds is None:
                mt_sounds = mt_sound_keys(mt_words, ctx.tgt_lang, ctx.mt)
            if sounds_like(name, ctx.src_lang, mt_sounds):
                continue
            # A hyphenated name the MT writes as words of its own (Сан-Франциско as San Francisco, Нью-Дели as
            # New Delhi, Тель-Авив as Tel Aviv): each capitalised part is found as a name is.
            parts = [p for p in name.split("-") if len(p) >= 2 and p[0].isupper()]
            if len(parts) >= 2 and all(any(found(k, mt_keys.get(k[:1], [])) for k in with_h(p, name_key(
                    p, ctx.src_lang))) or sounds_like(p, ctx.src_lang, mt_sounds) for p in parts):
                continue
        if refs:
            if not ref_keys:
                ref_keys = [key_buckets([k for w in WORD_RE.findall(r) for k in word_keys(w)]) for r in refs]
            # A name that no pseudo-reference keeps has its own translation (Moscow): not a problem.
            if not any(found(k, ref.get(k[:1], [])) for ref in ref_keys for k in keys):
                continue
        elif cross and acronym:
            continue  # США -> USA: acronyms are translated, not transliterated
        missing.append(name)
    if cross and missing:  # Белом доме as the White House: translated word by word
        missing = translated_phrases(ctx, missing)
    if missing and ctx.src_lang in SURNAME_LANGS:  # Николай Платонович Патрушев as Nikolai Patrushev
        left_out = patronymics(ctx.source)
        missing = [n for n in missing if n not in left_out]
    missing = translated_titles(ctx.source, ctx.mt, missing, ctx.src_lang)  # «Star Wars» as «Звёздные войны»
    shortened = _shortened(ctx, [n for n in names[:MAX_NAMES] if n not in missing], mt_words, refs) if cross else []
    return _flag(missing, shortened, lowered, cross, refs)


def _flag(missing: list[str], shortened: list[tuple[str, str]], lowered: list[tuple[str, str]], cross: bool,
          refs: list[str]) -> list[Flag]:
    """The names flag (none when nothing is missing, cut short or lower-cased), its detail naming each."""
    if not missing and not shortened and not lowered:
        return []
    parts = []
    if missing:
        shown = ", ".join(quote(n) + (f" ({transliterate(n).capitalize()})" if cross else "") for n in missing[:4])
        parts.append(f"Name(s) {shown} from the source not found in the MT.")
    if shortened:
        shown = ", ".join(f"{quote(n)} ({transliterate(n).capitalize()}) as {quote(w)}" for n, w in shortened[:4])
        parts.append(f"Surname(s) cut short in the MT: {shown}.")
    if lowered:
        shown = ", ".join(f"{quote(n)} as {quote(w)}" for n, w in lowered[:4])
        parts.append(f"Name(s) written in lower case in the MT, capitalised by the pseudo-references: {shown}.")
    # A name in lower case is still there: a minor error beside a missing or mangled one.
    severity = 0.6 if refs and (missing or shortened) else 0.3
    return [Flag("names", " ".join(parts), severity)]


def _shortened(ctx: CheckContext, found_names: list[str], mt_words: list[str],
               refs: list[str]) -> list[tuple[str, str]]:
    """The found -ов/-ев surnames the MT writes without that suffix (Мухтаров as Mukhtar); with
    pseudo-references, only those that one of them writes whole."""
    if ctx.src_lang not in SURNAME_LANGS:
        return []
    out = shortened_surnames(found_names, mt_words, ctx.source)
    if out and refs:
        ref_words = [WORD_RE.findall(r) for r in refs]
        out = [(n, w) for n, w in out if kept_whole(n, ref_words)]
    return out
