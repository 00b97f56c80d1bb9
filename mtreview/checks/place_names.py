"""Cities by their name in each language, for the names check: Пекин is Beijing, München is Munich, Köln is
Cologne, which no transliteration finds.

Two sources, both data: the Unicode CLDR's exemplar cities of the time zones (``babel`` ships them: ~450
capitals and large cities, Москва / Moscow / Moskau, Афины / Athens / Athènes), and a small bundled table of
frequent cities without a time zone of their own (``mtreview/data/city_exonyms.tsv``: Beijing, Munich,
Cologne, Geneva, The Hague, ...). The time zones' cities include words that are ordinary words too (Male,
Resolute, Easter, Christmas): they only ever count as a rendering the MT may have, never make a word of the
source a name.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

EXONYMS_FILE = "data/city_exonyms.tsv"


@lru_cache(maxsize=1)
def exonym_rows() -> tuple[dict[str, tuple[str, ...]], ...]:
    """The bundled table: one {language: its names} per city; a language without a name is left out."""
    text = resources.files("mtreview").joinpath(EXONYMS_FILE).read_text(encoding="utf-8")
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
