"""A title, an address or an initial before a name (Mr. Smith, St. Petersburg, проф. Иванов, ул. Ленина,
J. K. Rowling, H.W.Tilman): its period ends no sentence, so the name after it is checked, and the abbreviation
itself is no name the MT must have."""

from __future__ import annotations

import re
import sys

import pytest

from mtreview.checks import name_abbreviations, run_checks
from mtreview.checks.name_abbreviations import before_name
from mtreview.checks.names import source_names


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Yesterday Mr. Smith arrived.", "Вчера прибыл мистер Смит.", "en", "ru"),
    ("Yesterday Dr. Jones and Mrs. Brown arrived.", "Вчера прибыли доктор Джонс и миссис Браун.", "en", "ru"),
    ("He lives in St. Petersburg.", "Он живёт в Санкт-Петербурге.", "en", "ru"),
    ("Yesterday Gen. Patton arrived.", "Вчера прибыл генерал Паттон.", "en", "ru"),
    ("Вчера проф. Иванов выступил.", "Yesterday Professor Ivanov spoke.", "ru", "en"),
    ("Yesterday J. K. Rowling spoke.", "Вчера выступила Роулинг.", "en", "ru"),
])
def test_an_abbreviation_before_a_name_is_no_missing_name(source: str, mt: str, sl: str, tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    # Each of these names was taken for a sentence's first word, and never checked.
    ("Yesterday Mr. Smith arrived.", "Вчера прибыл мистер.", "en", "ru", "Smith"),
    ("He lives in St. Petersburg.", "Он живёт в Москве.", "en", "ru", "Petersburg"),
    ("Вчера проф. Иванов выступил.", "Yesterday the professor spoke.", "ru", "en", "Иванов"),
    ("Он живёт на ул. Ленина.", "He lives on Main Street.", "ru", "en", "Ленина"),
    ("Yesterday J. K. Rowling spoke.", "Вчера выступила писательница.", "en", "ru", "Rowling"),
    ("Ce n'est qu'en 1947 que H.W.Tilman s'en occupa.", "Erst 1947 kümmerte sich H.W. darum.", "fr", "de",
     "Tilman"),
])
def test_a_name_after_an_abbreviation_the_mt_lost_is_flagged(source: str, mt: str, sl: str, tl: str,
                                                             missing: str) -> None:
    detail = names_detail(source, mt, sl, tl)
    assert missing in detail
    assert "'Mr'" not in detail and "'St'" not in detail


@pytest.mark.parametrize("source", [
    "Это было в 1990 г. Потом он уехал.",  # г. (год) ends sentences: not a title
    "He finished 1st. Then he left.",  # a word glued to a number
    "He fought in World War I. Then he left.",  # a Roman numeral, no initial
    "He lives in Washington, D.C. Yesterday he left.",  # a dotted acronym, no initial
])
def test_a_sentence_end_after_other_abbreviations_stays_one(source: str) -> None:
    assert not {"Потом", "Then", "Yesterday"} & set(source_names(source, "ru" if "г." in source else "en"))


def test_the_word_after_a_dotted_acronym_is_no_name_to_check() -> None:
    # As before the initials rule: "the U.S. Navy" may be "die US-Marine", and "U.S." may end a sentence.
    assert names_detail("He said the U.S. Navy would help.", "Er sagte, die US-Marine werde helfen.", "en", "de") == ""


def test_before_name() -> None:
    text = "Mr. Smith, проф. Иванов, J. K. Rowling, 1st. Then"
    assert before_name(text, 0, 2) and before_name(text, 11, 15) and before_name(text, 25, 26)
    assert not before_name(text, text.index("st."), text.index("st.") + 2)


@pytest.mark.parametrize(("source", "mt"), [
    ("We chose plan B. Then we left for Paris.", "Мы выбрали план Б. Потом мы уехали в Париж."),
    ("The answer is D. The rest were wrong.", "Ответ — D. Остальные были неверны."),
    ("He lives on Baker St. It is a quiet street.", "Он живёт на Бейкер-стрит. Это тихая улица."),
])
def test_a_letter_or_title_that_ends_a_sentence_leaves_the_next_function_word_a_first_word(
        source: str, mt: str) -> None:
    # A function word is never a name: the period before it ended a sentence, whatever letter came before.
    detail = names_detail(source, mt, "en", "ru")
    assert not {"'Then'", "'The'", "'It'"} & set(detail.split())
    assert not {"Then", "The", "It"} & set(source_names(source, "en"))


@pytest.mark.parametrize("source", ["Я позвонил им. Вчера они ответили.", "Мы благодарны им. Сегодня праздник."])
def test_the_pronoun_im_ends_a_sentence(source: str) -> None:
    # им. abbreviates имени (театр им. Пушкина), but is far more often the pronoun "them" ending a sentence:
    # the next sentence's first word is no name the MT must keep.
    assert not {"Вчера", "Сегодня"} & set(source_names(source, "ru"))


class _CountingPattern:
    """Stands for ``name_abbreviations._LETTER_CHAIN_RE``, adding up the characters each search may scan."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        self.scanned += min(endpos, len(text)) - pos
        return self.pattern.search(text, pos, endpos)


def test_a_line_of_many_initials_is_scanned_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    # A list of references on one line (Smith, J. A., ...): each initial's chain was looked for from the
    # text's start, so the work grew with the square of the line's length (14,000 characters: 0.4 s a scan).
    counting = _CountingPattern(name_abbreviations._LETTER_CHAIN_RE)
    monkeypatch.setattr(name_abbreviations, "_LETTER_CHAIN_RE", counting)
    text = "Refs: " + "Smith, J. A., " * 1000
    source_names(text, "en")
    assert 0 < counting.scanned <= 20 * 2000  # a few characters per initial, not the line before it


@pytest.mark.parametrize("text", ["He met J. K. Rowling.", "the U.S. Navy", "Washington, D.C. Yesterday",
                                  "xab. K. Rowling", "A. B. C. D. E. Smith", "Dr. Smith. K. Rowling",
                                  "А. С. Пушкин", "H.W.Tilman"])
def test_the_bounded_chain_search_finds_what_the_whole_text_gives(text: str) -> None:
    # The chain spans at most _CHAIN_CHARS characters: looked for in those alone, it is the same chain.
    pattern, window = name_abbreviations._LETTER_CHAIN_RE, name_abbreviations._CHAIN_CHARS
    for i in range(len(text) + 1):
        whole, bounded = pattern.search(text, 0, i), pattern.search(text, max(0, i - window), i)
        assert (whole and whole.group(0)) == (bounded and bounded.group(0)), (text, i)
