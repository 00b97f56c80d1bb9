"""A short quotation opens with a capital as a title does, but its first word, when it is one of the
language's function words (Мы, We, Nous), is no name: «Мы придём» translated "We will come" was flagged."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Он сказал: «Мы придём».", 'He said: "We will come."', "ru", "en"),
    ('He said "We are here" and left.', "Он сказал «Мы здесь» и ушёл.", "en", "ru"),
    ("Il a dit : « Nous venons ».", 'He said: "We are coming."', "fr", "en"),
])
def test_a_function_word_opening_a_quotation_is_no_name(source: str, mt: str, sl: str, tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    # A short quoted title is still a name: the newspaper the MT made "the Truth.ru".
    ("Как пишет обозреватель «Правды.ру» Айдын Мехтиев.", "As the observer of the Truth.ru Aydin Mehdiyev writes.",
     "ru", "en", "Правды"),
    ("Он сказал: «Мы придём к Мухтарову».", 'He said: "We will come to him."', "ru", "en", "Мухтарову"),
])
def test_a_title_or_a_name_inside_a_quotation_is_still_checked(source: str, mt: str, sl: str, tl: str,
                                                               missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)
