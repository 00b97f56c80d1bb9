"""The common nouns of English place names (Red Square, Lake Baikal, Baker Street, the Bering Strait), which
translations translate: found by their translation in the MT (``mtreview/data/place_nouns.tsv``), so that a
correct MT is not flagged, while an MT that lost the noun or put another in its place still is. "Mount", which
Russian mostly leaves out (Эверест), is not looked for; the mountain's own name is."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "tl"), [
    ("He visited Red Square.", "Он посетил Красную площадь.", "ru"),
    ("He swam in Lake Baikal yesterday.", "Вчера он плавал в озере Байкал.", "ru"),
    ("He crossed the Bering Strait.", "Он пересёк Берингов пролив.", "ru"),
    ("He climbed Mount Everest.", "Он поднялся на Эверест.", "ru"),
    ("He visited Red Square.", "Er besuchte den Roten Platz.", "de"),
    ("He visited Red Square.", "Il a visité la place Rouge.", "fr"),
    ("He lives on Baker Street.", "Il habite rue Baker.", "fr"),
])
def test_a_place_noun_translated_is_no_missing_name(source: str, mt: str, tl: str) -> None:
    assert names_detail(source, mt, "en", tl) == ""


@pytest.mark.parametrize(("source", "mt", "tl", "missing"), [
    ("He visited Red Square.", "Он посетил Красную улицу.", "ru", "Square"),
    ("He swam in Lake Baikal yesterday.", "Вчера он плавал в реке.", "ru", "Baikal"),
    ("He climbed Mount Everest.", "Он поднялся на Эльбрус.", "ru", "Everest"),
    ("He crossed the Bering Strait.", "Er überquerte das Beringmeer.", "de", "Strait"),
])
def test_a_place_noun_or_name_the_mt_lost_is_still_flagged(source: str, mt: str, tl: str, missing: str) -> None:
    assert missing in names_detail(source, mt, "en", tl)


def test_a_french_mont_is_part_of_a_name_not_a_place_noun() -> None:
    # French writes its place nouns in lower case; a capitalised Mont is the name's (Mont Blanc), kept as it is.
    assert "Mont" in names_detail("Il a gravi le Mont Blanc hier.", "Er hat gestern den höchsten Berg bestiegen.",
                                  "fr", "de")
