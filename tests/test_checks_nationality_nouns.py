"""Nouns for a people that no rule derives from CLDR's languages and countries (Poles ~ поляки beside польский,
Swiss ~ Schweizer, Jews ~ Juifs): the bundled table ``mtreview/data/nationality_nouns.tsv`` gives their
renderings, and an English -man/-woman noun counts as its language (Welshmen ~ Welsh), so that a correct MT is
not flagged while an MT that lost the people, or named another, still is."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.translated_names import cldr_name, english_nationality_adjectives


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("people", "mt"), [
    ("Poles", "поляков"), ("Turks", "турок"), ("Swiss", "швейцарцев"), ("Dutch", "голландцев"),
    ("Dutchmen", "голландцев"), ("Spaniards", "испанцев"), ("Croats", "хорватов"), ("Jews", "евреев"),
    ("Thais", "тайцев"), ("Lebanese", "ливанцев"), ("Libyans", "ливийцев"), ("Irishmen", "ирландцев"),
    ("Welshmen", "валлийцев"), ("Scotsmen", "шотландцев"),
    # Found before the table, and still: by the language's translation or by their letters.
    ("Germans", "немцев"), ("Frenchmen", "французов"), ("Danes", "датчан"), ("Greeks", "греков"),
])
def test_a_people_translated_into_russian_is_no_missing_name(people: str, mt: str) -> None:
    assert names_detail(f"He said that many {people} were there.", f"Он сказал, что там было много {mt}.",
                        "en", "ru") == ""


@pytest.mark.parametrize(("people", "mt", "tl"), [
    ("Swiss", "Er sagte, dass viele Schweizer dort waren.", "de"),
    ("Jews", "Er sagte, dass viele Juden dort waren.", "de"),
    ("Irish", "Er sagte, dass viele Iren dort waren.", "de"),
    ("Russians", "Er sagte, dass viele Russen dort waren.", "de"),
    ("Spaniards", "Il a dit que beaucoup d'Espagnols étaient là.", "fr"),
    ("Jews", "Il a dit que beaucoup de Juifs étaient là.", "fr"),
])
def test_a_people_translated_into_german_or_french_is_no_missing_name(people: str, mt: str, tl: str) -> None:
    assert names_detail(f"He said that many {people} were there.", mt, "en", tl) == ""


@pytest.mark.parametrize(("people", "mt", "tl"), [
    ("Polonais", "Он сказал, что там было много поляков.", "ru"),
    ("Turcs", "Он сказал, что там было много турок.", "ru"),
    ("Juifs", "He said that many Jews were there.", "en"),
])
def test_a_french_people_noun_is_found_too(people: str, mt: str, tl: str) -> None:
    assert names_detail(f"Il a dit que beaucoup de {people} étaient là.", mt, "fr", tl) == ""


@pytest.mark.parametrize(("source", "mt", "tl", "missing"), [
    ("He said many Poles were there.", "Он сказал, что там было много людей.", "ru", "Poles"),
    ("He said many Poles were there.", "Он сказал, что там было много чехов.", "ru", "Poles"),
    ("He said many Swiss were there.", "Он сказал, что там было много немцев.", "ru", "Swiss"),
    ("He said many Welshmen were there.", "Он сказал, что там было много шотландцев.", "ru", "Welshmen"),
    ("He said many Jews were there.", "Er sagte, dass viele Menschen dort waren.", "de", "Jews"),
    ("He said many Turks were there.", "Il a dit que beaucoup de Grecs étaient là.", "fr", "Turks"),
    ("He met Roman Abramovich yesterday.", "Вчера он встретил Абрамовича.", "ru", "Roman"),
])
def test_a_people_the_mt_lost_or_replaced_is_still_flagged(source: str, mt: str, tl: str, missing: str) -> None:
    assert missing in names_detail(source, mt, "en", tl)


def test_the_table_gives_renderings_only() -> None:
    # A noun of the table is no CLDR name of the source: after "the" it stays a phrase translations translate,
    # as before the table (and Pole is an ordinary word too).
    assert not cldr_name("Poles", "en") and not cldr_name("Pole", "en")
    assert english_nationality_adjectives("Welshmen") == ["Welsh"]
    assert english_nationality_adjectives("Freeman") == []
