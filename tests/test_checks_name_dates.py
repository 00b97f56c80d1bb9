"""A month the source names and the MT writes in a date of numbers (May 12, 1990 -> 12.05.1990) is no
missing name; another month, or no date, is."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("mt", "tl"), [
    ("Он родился 12.05.1990.", "ru"),
    ("Он родился 05/12/1990.", "ru"),
    ("Er wurde am 1990-05-12 geboren.", "de"),
    ("Il est né le 12/5/90.", "fr"),
])
def test_a_month_written_as_a_number_in_a_date_is_found(mt: str, tl: str) -> None:
    assert names_detail("He was born on May 12, 1990.", mt, "en", tl) == ""


@pytest.mark.parametrize("mt", ["Он родился 12.06.1990.", "Он родился в 1990 году."])
def test_another_month_or_no_date_is_still_flagged(mt: str) -> None:
    assert "'May'" in names_detail("He was born on May 12, 1990.", mt, "en", "ru")
