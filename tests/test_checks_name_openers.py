"""A name that opens a sentence: checked when it names a country, a region or a city (Пекин, China, the
United States), which a capital letter at a sentence's start cannot tell from an ordinary word."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.names import source_names


def names_detail(source: str, mt: str, sl: str = "ru", tl: str = "en") -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ("Пекин принял решение.", "The capital made a decision.", "ru", "en", "Пекин"),
    ("Мюнхен встретил их дождём.", "Berlin met them with rain.", "ru", "en", "Мюнхен"),
    ("China said no. Japan agreed.", "Китай сказал нет. Корея согласилась.", "en", "ru", "Japan"),
    ("Соединенные Штаты ввели пошлины.", "The states imposed duties.", "ru", "en", "Соединенные"),
    ("Il a parlé. Allemagne a refusé.", "He spoke. France refused.", "fr", "en", "Allemagne"),
])
def test_a_country_or_city_opening_a_sentence_is_checked(source: str, mt: str, sl: str, tl: str,
                                                          missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Пекин принял решение.", "Beijing made a decision.", "ru", "en"),
    ("Пекин принял решение.", "Peking made a decision.", "ru", "en"),
    ("China said no. Japan agreed.", "Китай сказал нет. Япония согласилась.", "en", "ru"),
    ("Соединенные Штаты ввели пошлины.", "The United States imposed duties.", "ru", "en"),
    # Openers that are no place: ordinary words, a stem one letter short of one (Самый, not Самоа), a month
    # or a language (May, Polish), and a name the check cannot tell from a word (Иван).
    ("Самый свежий пример — Турция.", "The most recent example is Turkey.", "ru", "en"),
    ("May I ask a question?", "Можно задать вопрос?", "en", "ru"),
    ("Polish the shoes first.", "Сначала почистите обувь.", "en", "ru"),
    ("Иван пришёл.", "He came.", "ru", "en"),
])
def test_a_correct_or_ordinary_opener_is_not_flagged(source: str, mt: str, sl: str, tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


def test_the_names_the_risk_model_counts_are_unchanged() -> None:
    # src_names, an input of the fitted risk model, counts names after a sentence's first word only.
    assert source_names("Пекин принял решение.") == []
    assert source_names("China said no. Japan agreed with Obama.", "en") == ["Obama"]
