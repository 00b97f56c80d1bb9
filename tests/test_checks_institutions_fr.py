"""French capitalises the common noun that opens an institution's name (le Gouvernement népalais, la Société
autrichienne de l'Himalaya); translations translate it, so the names check does not look for its letters."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str, tl: str = "de") -> str:
    return " ".join(f.detail for f in run_checks(source, mt, "fr", tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "tl"), [
    ("Le rapport doit être remis au Gouvernement du Népal.", "Der Bericht muss der Regierung von Nepal vorgelegt werden.",
     "de"),
    ("Ces succès consoleront la Société autrichienne de l' Himalaya.",
     "Diese Erfolge werden die Österreichische Himalaya-Gesellschaft trösten.", "de"),
    ("Elle fut organisée par la Fondation suisse pour explorations alpines.",
     "Sie wurde von der Schweizerischen Stiftung für Alpine Forschungen organisiert.", "de"),
    ("Il a écrit au Ministère des Affaires étrangères.", "He wrote to the Foreign Office.", "en"),
])
def test_a_translated_institution_word_is_not_a_missing_name(source: str, mt: str, tl: str) -> None:
    assert names_detail(source, mt, tl) == ""


def test_a_name_beside_an_institution_word_is_still_checked() -> None:
    detail = names_detail("Le rapport doit être remis au Gouvernement du Népal.", "Der Bericht muss vorgelegt werden.")
    assert "Népal" in detail and "Gouvernement" not in detail
