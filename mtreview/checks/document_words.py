"""The document's words that the names check reads (``CheckContext.known_names``, ``document_lowercase``),
gathered from a stream of source lines in bounded memory, for callers that cannot hold the document: the
streamed ``score --aligned`` and the review's checks on an edit.

``names.document_names`` and ``names.document_lowercase`` keep every word the document writes in lower case
(its whole vocabulary). The check only asks them about words that open a sentence, so two passes over the
lines keep only those: the first finds the openers (and the keys of the document's names among them), the
second which of them the document also writes in lower case. The check then finds what it finds with the
whole-document sets, and what travels to a worker with each chunk stays small."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .context import base_lang
from .name_keys import WORD_RE, name_key
from .names import _NOUN_CAPITALISING, _TRANSLITERATED, _name_part, _scan
from .scripts import script_of
from .translated_names import could_be_place

# Longer lines are not scored (``scoring.MAX_SEGMENT_CHARS``: a page on one line) and would cost ~90 bytes a
# character to scan; their words are not the document's sentences either.
MAX_LINE_CHARS = 100_000


@dataclass(frozen=True)
class DocumentWords:
    """What the names check reads of the whole document: the name keys of sentence openers that the document
    writes as names elsewhere (never in lower case), and the case-folded sentence openers that could be places
    and that the document also writes in lower case."""

    known_names: frozenset[str] = frozenset()
    lowercase: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=65_536)
def _key(word: str, lang: str) -> str:
    # A corpus repeats its common words: each lower-case word's key is made about once (Zipf's law).
    return name_key(word, lang)


def names_checked(source_lang: str, target_lang: str) -> bool:
    """Does the names check run for this pair at all (``names.check_names``: not from a language that
    capitalises every noun, not into a script whose names cannot be compared letter by letter)? Where it
    does not, the document's words are not worth a pass over the lines."""
    return (base_lang(source_lang) not in _NOUN_CAPITALISING
            and script_of(base_lang(target_lang)) in _TRANSLITERATED)


@dataclass(frozen=True)
class Openers:
    """The first pass over some of the document's lines: the name keys of the words they write as names
    (``named``) and of their sentence openers (``opener_keys``), and the openers that could be places,
    case-folded (``places``). Parts of one document merge by union (:func:`merge_openers`)."""

    named: frozenset[str]
    opener_keys: frozenset[str]
    places: frozenset[str]


@dataclass(frozen=True)
class LowerCase:
    """The second pass over some of the document's lines: which of the candidate name keys they write in lower
    case (``lower_keys``), and which candidate places they write in lower case and capitalised."""

    lower_keys: frozenset[str]
    lowered: frozenset[str]
    capitalised: frozenset[str]


def first_pass(lines: Iterable[str], lang: str) -> Openers:
    """:class:`Openers` of ``lines`` (in ``lang``, a base language code)."""
    named: set[str] = set()
    opener_keys: set[str] = set()
    places: set[str] = set()
    for line in lines:
        if len(line) > MAX_LINE_CHARS:
            continue
        every, _, openers = _scan(line, lang)
        named.update(_key(w, lang) for w in every)
        for w in openers:
            opener_keys.add(_key(w, lang))
            if could_be_place(w, lang):
                places.add(w.casefold())
    return Openers(frozenset(named), frozenset(opener_keys), frozenset(places))


def merge_openers(parts: Iterable[Openers]) -> tuple[frozenset[str], frozenset[str]]:
    """The candidates the second pass looks for, from every part's first pass: the keys of sentence openers
    the document writes as names elsewhere, and the openers that could be places."""
    parts = list(parts)
    named, opener_keys, places = (_union(getattr(p, f) for p in parts) for f in ("named", "opener_keys", "places"))
    return named & opener_keys, places


def second_pass(lines: Iterable[str], lang: str, known: frozenset[str], places: frozenset[str]) -> LowerCase:
    """:class:`LowerCase` of ``lines`` for the candidates ``known`` and ``places`` (:func:`merge_openers`)."""
    lower_keys: set[str] = set()
    lowered: set[str] = set()
    capitalised: set[str] = set()
    for line in lines:
        if len(line) > MAX_LINE_CHARS:
            continue
        for w in WORD_RE.findall(line):
            low = w[0].islower()
            if low and known and (key := _key(w, lang)) in known:
                lower_keys.add(key)
            # (_name_part only changes a word with an apostrophe: most words skip the call)
            part = (_name_part(w) if "'" in w or "\u2019" in w else w).casefold()
            if places and part in places:
                (lowered if low else capitalised).add(part)
    return LowerCase(frozenset(lower_keys), frozenset(lowered), frozenset(capitalised))


def combine(known: frozenset[str], places: frozenset[str], parts: Iterable[LowerCase]) -> DocumentWords:
    """The document's words from the candidates and every part's second pass."""
    parts = list(parts)
    lower_keys, lowered, capitalised = (_union(getattr(p, f) for p in parts)
                                        for f in ("lower_keys", "lowered", "capitalised"))
    return DocumentWords(known - lower_keys, places & lowered & capitalised)


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*sets)


def forget_keys() -> None:
    """Hand back the memory of the keys made so far: the words are not asked again until the next document."""
    _key.cache_clear()


def document_words(lines: Callable[[], Iterable[str]], lang: str) -> DocumentWords:
    """The document's words for the names check from ``lines()``, called twice (two passes over the same
    source lines, in ``lang``). Equal, for every question the check asks of them, to
    ``names.document_names`` and ``names.document_lowercase`` of all the lines; memory is bounded by the
    document's distinct sentence openers and name keys, not its vocabulary. (``batch.document_pass`` runs
    the same passes on parts of a file, on a batch engine's workers.)"""
    lang = base_lang(lang)  # as the check keys its words (CheckContext.src_lang)
    known, places = merge_openers([first_pass(lines(), lang)])
    lower = [second_pass(lines(), lang, known, places)] if known or places else []
    forget_keys()
    return combine(known, places, lower)
