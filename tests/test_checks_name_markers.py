"""The word after a list item's marker or a stray closing quote at the start of a segment opens the sentence:
its capital says nothing of a name (Text+Berg: "2° La cote", "a ) Les articles", "» Lorsque")."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.names import source_names


@pytest.mark.parametrize(("text", "names"), [
    ("1° Comment cette cote a-t-elle été obtenue ?", []),
    ("2° La cote 7422 m a été fixée par Peterkin.", ["Peterkin"]),
    ("a ) Les articles dans le Bund de mai 1956.", ["Bund"]),
    ("» Lorsque le Dhaulagiri aura été gravi.", ["Dhaulagiri"]),
    ("— Да, сказал Иванов.", ["Иванов"]),
    ("IV) Methods used by Smith.", ["Smith"]),
    # What stays a name: a title in quotes that opens the text, a name after a year.
    ("«Правда» сообщила о Мехтиеве.", ["Правда", "Мехтиеве"]),
    ("2010 Obama visited Paris.", ["Obama", "Paris"]),
])
def test_a_word_after_a_leading_marker_opens_the_sentence(text: str, names: list[str]) -> None:
    assert source_names(text) == names


def test_a_list_items_first_word_is_not_a_missing_name() -> None:
    flags = run_checks("2° La cote 7422 m a été fixée par Peterkin.",
                       "2 Die Höhe von 7422 m wurde von Peterkin festgelegt.", "fr", "de")
    assert [f for f in flags if f.name == "names"] == []


@pytest.mark.parametrize(("text", "names"), [
    ("Le sommet fut atteint par la face SE et l' arête NNE par Smith.", ["Smith"]),
    ("Voir Everest III et le tome II de Tilman.", ["Everest", "Tilman"]),
    ("He met NATO and UN officials in Paris.", ["NATO", "UN", "Paris"]),  # acronyms that are no numeral
])
def test_roman_numerals_and_compass_points_in_capitals_are_not_names(text: str, names: list[str]) -> None:
    assert source_names(text) == names


def test_a_compass_point_the_mt_translates_is_not_a_missing_name() -> None:
    flags = run_checks("Il monta par la face SO jusqu' au sommet.", "Er stieg über die SW-Wand zum Gipfel.", "fr", "de")
    assert [f for f in flags if f.name == "names"] == []
