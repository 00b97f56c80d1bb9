"""Capitalised words that have an established translation, so that the names check does not flag a word the
MT rightly translated: countries and regions (Китай -> China, Allemagne -> Germany), languages, which several
languages also use for nationalities (German -> немецкий, les Allemands -> the Germans), weekdays and months
(Monday -> понедельник), all of which English capitalises.

The words come from the Unicode CLDR (``babel`` ships it) in both languages: ~300 territory and region
names, ~600 language names, 7 weekdays and 12 months (their forms in a date and standing alone, which differ
in Russian: января, январь). Nothing is downloaded. Languages babel does not know give no pairs, and the
check then works as it did without them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

# English names that CLDR has replaced but MT systems (and people) still write. Other target languages
# keep CLDR's names only.
_ENGLISH_ALIASES = {
    "TR": ("Turkey",), "CZ": ("Czech Republic",), "SZ": ("Swaziland",), "MK": ("Macedonia",),
    "CI": ("Ivory Coast",), "MM": ("Burma",), "CV": ("Cape Verde",), "TL": ("East Timor",),
    "US": ("America", "USA"), "GB": ("Britain", "UK"),
}


def _locale(lang: str) -> Any:
    """babel's Locale for ``lang``, or None when babel or the language is missing."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:
        return None
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _named(locale: Any) -> dict[tuple[str, object], list[str]]:
    """(kind, key) -> this locale's words for it: every territory, language, weekday and month."""
    out: dict[tuple[str, object], list[str]] = {}

    def add(kind: str, names: Mapping[Any, str]) -> None:
        for key, name in names.items():
            if isinstance(name, str) and name:
                out.setdefault((kind, key), []).append(name)

    add("territory", locale.territories)
    add("language", locale.languages)
    for context in ("format", "stand-alone"):
        add("day", locale.days.get(context, {}).get("wide", {}))
        add("month", locale.months.get(context, {}).get("wide", {}))
    return out


def _renderings(key: tuple[str, object], names: list[str], target_lang: str) -> Iterator[str]:
    yield from dict.fromkeys(names)  # in order, once (a month's two forms are often the same)
    if target_lang == "en" and key[0] == "territory":
        yield from _ENGLISH_ALIASES.get(str(key[1]), ())


@lru_cache(maxsize=32)
def name_pairs(source_lang: str, target_lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(a name in the source language, its renderings in the target language) for every territory, region,
    language, weekday and month both languages name. Base codes ('ru', 'en')."""
    if not source_lang or not target_lang or source_lang == target_lang:
        return ()
    src, tgt = _locale(source_lang), _locale(target_lang)
    if src is None or tgt is None:
        return ()
    theirs = _named(tgt)
    pairs = []
    for key, names in _named(src).items():
        if key in theirs:
            renderings = tuple(_renderings(key, theirs[key], target_lang))
            pairs += [(name, renderings) for name in dict.fromkeys(names)]
    return tuple(pairs)


@lru_cache(maxsize=32)
def month_names(lang: str) -> dict[str, int]:
    """CLDR's month names in ``lang``, case-folded, in a date and standing alone, wide and abbreviated
    (march, mar, марта, март) -> 1..12; {} when babel or the language is missing."""
    locale = _locale(lang) if lang else None
    if locale is None:
        return {}
    out: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months.get(context, {}).get(width, {}).items():
                word = str(name).strip(".").casefold()
                if word.isalpha() and len(word) >= 3:
                    out.setdefault(word, int(number))
    return out
