"""A Russian sentence that ends with a unit razdel reads as an abbreviation (см, which is also "see"; °C; a
unit with a slash) or with a one-letter Roman numeral it reads as an initial (Пётр I) is cut before the next
capitalised sentence; a year's г., a reference's см. and a Cyrillic initial are not."""

from __future__ import annotations

import pytest

from mtreview.segment import split_sentences_in_paragraph


@pytest.mark.parametrize(("text", "sentences"), [
    ("Толщина льда 30 см. Ходить опасно.", ["Толщина льда 30 см.", "Ходить опасно."]),
    ("Вес 5 кг. Рост 180 см. Возраст 30 лет.", ["Вес 5 кг.", "Рост 180 см.", "Возраст 30 лет."]),
    ("Температура +5 °C. Ветер слабый.", ["Температура +5 °C.", "Ветер слабый."]),
    ("Температура +5 °С. Ветер слабый.", ["Температура +5 °С.", "Ветер слабый."]),  # a Cyrillic С
    ("Скорость 90 км/ч. «Это много», — сказал он.", ["Скорость 90 км/ч.", "«Это много», — сказал он."]),
    ("Ширина 5 см. См. рисунок.", ["Ширина 5 см.", "См. рисунок."]),
    ("Это было при Петре I. Потом всё изменилось.", ["Это было при Петре I.", "Потом всё изменилось."]),
    ("При Иване V. Всё было плохо.", ["При Иване V.", "Всё было плохо."]),
])
def test_a_sentence_ending_with_a_unit_is_cut(text: str, sentences: list[str]) -> None:
    assert split_sentences_in_paragraph(text, "ru") == sentences


@pytest.mark.parametrize("text", [
    "В 2018 г. Россия вступила в новый этап.",   # a year
    "Подробнее см. Приложение 2.",               # "see"
    "Длина 5 см. и ширина 3 см. равны.",         # a unit before a lower-case word
    "Толщина 5 см, 3 °C и 20 км/ч.",
    "Он встретил Ивана И. Петрова.",               # a Cyrillic initial
    "Его звали John I. Smith.",                   # a Latin name's initial
])
def test_a_unit_or_abbreviation_inside_a_sentence_is_no_end(text: str) -> None:
    assert split_sentences_in_paragraph(text, "ru") == [text]
