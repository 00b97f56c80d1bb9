"""A range of years with its second year written short (1956/57, 2019-20, 1999/00) matches the same range
written whole (1956-1957): Text+Berg's "Bd. XI, 1956/57" was flagged against its MT's "1956-1957"."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.numbers import match_numbers


@pytest.mark.parametrize(("source", "mt"), [
    ("Berge der Welt , Bd. XI , 1956/57 .", "Berge der Welt, Bd. XI, 1956-1957."),
    ("la saison 2019-20", "the 2019/2020 season"),
    ("en 1998–99", "in 1998-1999"),
    ("in 1999/00", "in 1999/2000"),
    ("in 1956-1957", "in 1956/57"),
])
def test_a_short_year_matches_the_whole_year(source: str, mt: str) -> None:
    assert match_numbers(source, mt) == ([], [])
    assert [f for f in run_checks(source, mt, "fr", "en") if f.name == "numbers"] == []


@pytest.mark.parametrize(("source", "mt", "missing", "extra"), [
    ("la saison 1956/57", "the 1956/58 season", ["57"], ["58"]),
    ("en 1998–99", "in 1998 and 2099", ["99"], ["2099"]),      # not a range of years any more
    ("le 1956-12", "on 1956-2012", ["12"], ["2012"]),          # a month, not a year 56 years on
])
def test_another_year_or_no_range_is_still_a_mismatch(source: str, mt: str, missing: list[str],
                                                      extra: list[str]) -> None:
    assert match_numbers(source, mt) == (missing, extra)
