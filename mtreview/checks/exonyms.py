"""Place names that have an established translation (Китай -> China, Allemagne -> Germany), so that the
names check does not flag a country or region that the MT rightly translated.

The names come from the Unicode CLDR's territory and region names (``babel`` ships them), in both
languages: ~300 countries, territories and regions such as "Central Asia" and "Western Europe". Nothing
is downloaded. Languages babel does not know give no pairs, and the check then works as before.
"""

from __future__ import annotations

from functools import lru_cache

# English names that CLDR has replaced but MT systems (and people) still write. Other target languages
# keep CLDR's names only.
_ENGLISH_ALIASES = {
    "TR": ("Turkey",), "CZ": ("Czech Republic",), "SZ": ("Swaziland",), "MK": ("Macedonia",),
    "CI": ("Ivory Coast",), "MM": ("Burma",), "CV": ("Cape Verde",), "TL": ("East Timor",),
    "US": ("America", "USA"), "GB": ("Britain", "UK"),
}


def _territories(lang: str) -> dict[str, str]:
    """CLDR territory names in ``lang`` (code -> name), or {} when babel or the language is missing."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:
        return {}
    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError, TypeError):
        return {}


@lru_cache(maxsize=32)
def place_pairs(source_lang: str, target_lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(name in the source language, its renderings in the target language) for every territory and region
    both languages name. ``source_lang`` and ``target_lang`` are base codes ('ru', 'en')."""
    if not source_lang or not target_lang or source_lang == target_lang:
        return ()
    src, tgt = _territories(source_lang), _territories(target_lang)
    pairs = []
    for code, name in src.items():
        if code not in tgt:
            continue
        renderings = (tgt[code], *(_ENGLISH_ALIASES.get(code, ()) if target_lang == "en" else ()))
        pairs.append((name, renderings))
    return tuple(pairs)
