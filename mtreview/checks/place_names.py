"""Cities by their name in each language, for the names check: Пекин is Beijing, München is Munich, Köln is
Cologne, which no transliteration finds.

Two sources, both data: the Unicode CLDR's exemplar cities of the time zones (``babel`` ships them: ~450
capitals and large cities, Москва / Moscow / Moskau, Афины / Athens / Athènes), and a small bundled table of
frequent cities without a time zone of their own (``mtreview/data/city_exonyms.tsv``: Beijing, Munich,
Cologne, Geneva, The Hague, ...). The time zones' cities include words that are ordinary words too (Male,
Resolute, Easter, Christmas): they only ever count as a rendering the MT may have, never make a word of the
source a name. The acronyms of organisations that languages write differently (OTAN / NATO, ONU / UN) come
from another bundled table (``mtreview/data/acronyms.tsv``), read the same way.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

EXONYMS_FILE = "data/city_exonyms.tsv"
ACRONYMS_FILE = "data/acronyms.tsv"


def exonym_rows() -> tuple[dict[str, tuple[str, ...]], ...]:
    """The bundled table of cities: one {language: its names} per city; a language without a name is left
    out."""
    return name_table(EXONYMS_FILE)


def acronym_rows() -> tuple[dict[str, tuple[str, ...]], ...]:
    """The bundled table of acronyms (OTAN / NATO / НАТО), one {language: its forms} per organisation."""
    return name_table(ACRONYMS_FILE)


@lru_cache(maxsize=4)
def name_table(path: str) -> tuple[dict[str, tuple[str, ...]], ...]:
    """A bundled table of names (``path`` under ``mtreview/``): "#" comment lines, a header of language codes,
    then one row per named thing, tab-separated, "|" between a cell's names."""
    text = resources.files("mtreview").joinpath(path).read_text(encoding="utf-8")
    header: list[str] = []
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header:
            header = cells
            continue
        rows.append({lang: names for lang, cell in zip(header, cells, strict=False)
                     if (names := tuple(n.strip() for n in cell.split("|") if n.strip()))})
    return tuple(rows)


@lru_cache(maxsize=1)
def _zone_ids() -> tuple[str, ...]:
    """CLDR's time zone ids that name a city (Europe/Moscow; not Etc/GMT+3 or EST5EDT)."""
    from babel.core import get_global

    return tuple(sorted(z for z in get_global("zone_territories") if "/" in z and not z.startswith("Etc/")))


def city_names(locale: Any) -> dict[tuple[str, object], list[str]]:
    """(kind, key) -> the locale's names of a city: kind "city" for the bundled table (keyed by the English
    name), "zone" for CLDR's exemplar cities (keyed by the zone id; a locale that gives none has the id's
    own, as CLDR's root does: Asia/Shanghai -> Shanghai)."""
    lang = str(locale.language)
    out: dict[tuple[str, object], list[str]] = {}
    for row in exonym_rows():
        if lang in row and "en" in row:
            out[("city", row["en"][0])] = list(row[lang])
    zones = locale.time_zones
    for zone in _zone_ids():
        info = zones.get(zone)
        city = info.get("city") if info else None
        out[("zone", zone)] = [str(city) if city else zone.rsplit("/", 1)[-1].replace("_", " ")]
    return out


def acronym_renderings(acronym: str, src_lang: str, tgt_lang: str) -> set[str]:
    """The forms in ``tgt_lang`` of an acronym that ``src_lang`` writes ``acronym`` (OTAN, fr -> en: NATO);
    empty when the table has neither."""
    return {form for row in acronym_rows() if acronym in row.get(src_lang, ()) for form in row.get(tgt_lang, ())}
