"""The names check and cities: an exonym the MT uses (Пекин -> Beijing, Köln -> Cologne) is the name, from
CLDR's time zone cities and the bundled table ``mtreview/data/city_exonyms.tsv``."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.names import source_names
from mtreview.checks.place_names import exonym_rows


def names_detail(source: str, mt: str, sl: str = "ru", tl: str = "en", refs: tuple[str, ...] = ()) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl, refs) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Вчера в Пекине прошла встреча.", "Yesterday a meeting was held in Beijing.", "ru", "en"),
    ("Он живёт в Мюнхене.", "He lives in Munich.", "ru", "en"),
    ("Он приехал из Варшавы в Санкт-Петербург.", "He came from Warsaw to St. Petersburg.", "ru", "en"),
    ("Он учился в Неаполе и в Венеции.", "He studied in Naples and in Venice.", "ru", "en"),
    ("Переговоры прошли в Гааге и Женеве.", "The talks were held in The Hague and Geneva.", "ru", "en"),
    ("Il habite à Cologne depuis 2010.", "Er wohnt seit 2010 in Köln.", "fr", "de"),
    ("He lives in Munich with his family.", "Он живёт в Мюнхене с семьёй.", "en", "ru"),
    ("He flew to Beijing and then to Munich.", "Er flog nach Peking und dann nach München.", "en", "de"),
    # CLDR's time zone cities: Афины and Рим have no letters of Athens and Rome.
    ("Он живёт в Афинах, а не в Риме.", "He lives in Athens, not in Rome.", "ru", "en"),
    ("Il est né à Varsovie.", "He was born in Warsaw.", "fr", "en"),
])
def test_a_city_the_mt_names_by_its_exonym_is_not_a_missing_name(source: str, mt: str, sl: str, tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ("Он живёт в Мюнхене.", "He lives in Berlin.", "ru", "en", "Мюнхене"),
    ("Вчера в Пекине прошла встреча.", "Yesterday a meeting was held.", "ru", "en", "Пекине"),
    ("He lives in Munich with his family.", "Он живёт в Берлине с семьёй.", "en", "ru", "Munich"),
])
def test_a_city_the_mt_drops_or_replaces_is_still_flagged(source: str, mt: str, sl: str, tl: str,
                                                           missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)


def test_a_city_of_the_table_is_a_name_after_the_and_a_time_zones_ordinary_word_is_not() -> None:
    # "the Hague" is checked like "the Netherlands"; the time zones' Resolute (Bay) and Male (the Maldives)
    # only count as renderings, so the determiner rule still treats them as translated words.
    assert source_names("He moved to the Hague last year.", "en") == ["Hague"]
    assert source_names("He sat at the Resolute desk in the Male ward.", "en") == []


def test_the_bundled_table_is_well_formed() -> None:
    rows = exonym_rows()
    assert len(rows) >= 50
    english = [row["en"][0] for row in rows]
    assert len(set(english)) == len(english)  # one row a city
    for row in rows:
        assert {"en", "ru", "de", "fr"} <= set(row), row
        for names in row.values():
            for name in names:
                assert name == name.strip() and name[0].isupper(), (row["en"], name)
