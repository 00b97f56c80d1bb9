"""Times of day: an hour of the 12-hour clock before "pm" is the 24-hour clock's hour plus 12 (3 pm = 15:00),
and the ":00" of a full hour, which a translation may leave out (15 Uhr, 3 PM), is no number to find."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def numbers_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "numbers")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("The meeting is at 3 pm.", "Встреча в 15:00.", "en", "ru"),
    ("The meeting is at 3:30 p.m.", "Встреча в 15:30.", "en", "ru"),
    ("I sleep at 11pm.", "Я сплю в 23 часа.", "en", "ru"),
    ("Встреча в 15:00.", "The meeting is at 3 PM.", "ru", "en"),
    ("Встреча в 15:00.", "Das Treffen ist um 15 Uhr.", "ru", "de"),
])
def test_the_same_time_on_another_clock_is_not_flagged(source: str, mt: str, sl: str, tl: str) -> None:
    assert numbers_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "token"), [
    ("The meeting is at 3 pm.", "Встреча в 16:00.", "en", "ru", "'16'"),
    ("Встреча в 15:00.", "The meeting is at 4 PM.", "ru", "en", "'15'"),
    ("Встреча в 15:30.", "The meeting is at 3 PM.", "ru", "en", "'30'"),  # the minutes are lost
])
def test_another_time_is_still_flagged(source: str, mt: str, sl: str, tl: str, token: str) -> None:
    assert token in numbers_detail(source, mt, sl, tl)
