"""A Russian possessive adjective made from a name (Эйфелеву башню) is no surname cut short when the MT writes
the name alone (the Eiffel Tower); a surname before a verb still is (``surnames.possessive_adjective``)."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.surnames import possessive_adjective


def names_detail(source: str, mt: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, "ru", "en") if f.name == "names")


@pytest.mark.parametrize(("source", "mt"), [
    ("Мы видели Эйфелеву башню.", "We saw the Eiffel Tower."),
    ("Корабль шёл по Баренцеву морю.", "The ship sailed the Barents Sea."),
    ("У Эйфелевой башни много туристов.", "There are many tourists at the Eiffel Tower."),
    ("Мы плыли Беринговым проливом.", "We sailed through the Bering Strait."),
])
def test_a_possessive_adjective_before_its_noun_is_no_surname_cut_short(source: str, mt: str) -> None:
    assert names_detail(source, mt) == ""


@pytest.mark.parametrize(("source", "mt"), [
    ("Об этом заявили Мухтаровым.", "Mukhtar was told about it."),
    ("Вчера Мухтарову позвонили.", "Yesterday Mukhtar was called."),
    ("Вчера Мухтарова сказала нет.", "Yesterday Mukhtar said no."),
    ("Вчера Мухтаровой не было.", "Yesterday Mukhtar was absent."),
])
def test_a_surname_before_a_verb_or_a_function_word_is_still_cut_short(source: str, mt: str) -> None:
    assert "cut short" in names_detail(source, mt)


def test_the_adjective_agrees_with_the_noun_after_it() -> None:
    assert possessive_adjective("Эйфелеву", "Мы видели Эйфелеву башню.")
    assert not possessive_adjective("Мухтарову", "Вчера Мухтарову позвонили.")
    assert not possessive_adjective("Мухтаров", "Мухтаров заявил.")  # the nominative is left to the check
