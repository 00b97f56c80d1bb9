"""A short quoted title that the MT translates by its meaning («Star Wars» as «Звёздные войны», „Krieg der
Sterne“) is no missing name when the MT has a quotation of its own in the same place; a title the MT lost, or
wrote without quotes, short quoted speech («Мы придём к Мухтарову») and a title word the source also uses
outside the quotes are still checked."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.name_titles import quoted_spans, translated_titles


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("He watched «Star Wars» yesterday.", "Он посмотрел «Звёздные войны» вчера.", "en", "ru"),
    ('He watched "Star Wars" yesterday.', "Er sah gestern „Krieg der Sterne“.", "en", "de"),
    ("Il a lu «Le Petit Prince» hier.", 'He read "The Little Prince" yesterday.', "fr", "en"),
    ('She quoted "Pride and Prejudice" and "Great Expectations".',
     "Она цитировала «Гордость и предубеждение» и «Большие надежды».", "en", "ru"),
])
def test_a_title_translated_by_its_meaning_in_quotes_is_no_missing_name(source: str, mt: str, sl: str,
                                                                        tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ("He watched «Star Wars» yesterday.", "Он посмотрел фильм вчера.", "en", "ru", "Star"),
    ("He watched «Star Wars» yesterday.", "Он посмотрел Звёздные войны вчера.", "en", "ru", "Star"),
    ("He watched «Star Wars» and said «fine».", "Он посмотрел и сказал «Хорошо».", "en", "ru", "Star"),
    ("He watched «Star Wars» with Luke.", "Он посмотрел «Звёздные войны».", "en", "ru", "Luke"),
    ("He met Wars fans at «Star Wars».", "Он встретил фанатов на «Звёздных войнах».", "en", "ru", "Wars"),
    ("Он сказал: «Мы придём к Мухтарову».", 'He said: "We will come to him."', "ru", "en", "Мухтарову"),
])
def test_a_title_lost_or_a_name_beside_it_is_still_flagged(source: str, mt: str, sl: str, tl: str,
                                                         missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)


def test_quoted_spans_pair_each_quote_with_its_own_closing_quote() -> None:
    text = "„Krieg der Sterne“ and “Dune” and «Война»"
    assert [text[a:b] for a, b in quoted_spans(text)] == ["Krieg der Sterne", "Dune", "Война"]
    # A title whose quotation in the MT opens in lower case is no rendering of it.
    assert translated_titles("He saw «Star Wars».", "Он видел «звёздные войны».", ["Star", "Wars"], "en") \
        == ["Star", "Wars"]


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ('Critics wrote "Obama failed" on Monday.', "Критики написали в понедельник: «Байден провалился».", "en", "ru",
     "Obama"),
    ('Critics wrote "Obama failed" on Monday.', "Критики написали в понедельник: «Провал».", "en", "ru", "Obama"),
    ('The headline read "Merkel resigns" today.', "Заголовок гласил: «Отставка» сегодня.", "en", "ru", "Merkel"),
    ("Он сказал: «Путин прав».", 'He said: "They are right".', "ru", "en", "Путин"),
])
def test_a_name_in_short_quoted_speech_the_mt_replaced_is_still_missing(source: str, mt: str, sl: str, tl: str,
                                                                        missing: str) -> None:
    # A quote of a few words in sentence case is speech or a headline, not a title translated by its meaning:
    # the MT's quote in the same place is no rendering of the name.
    assert missing in names_detail(source, mt, sl, tl)
