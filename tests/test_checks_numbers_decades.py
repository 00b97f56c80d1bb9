"""Decades: Russian 90-е (90-х) годы and English "the 90s" are the 1990s, which the MT may write whole."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def numbers_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "numbers")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("В 90-е годы всё изменилось.", "In the 1990s everything changed.", "ru", "en"),
    ("В 90-х годах всё изменилось.", "In the 1990s everything changed.", "ru", "en"),
    ("In the 1990s everything changed.", "В 90-е годы всё изменилось.", "en", "ru"),
    ("In the '80s it was cool.", "В 1980-х это было круто.", "en", "ru"),
])
def test_a_decade_written_short_or_whole_is_not_flagged(source: str, mt: str, sl: str, tl: str) -> None:
    assert numbers_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "token"), [
    ("В 90-е годы всё изменилось.", "In the 1980s everything changed.", "ru", "en", "'90'"),
    ("In the 1990s everything changed.", "В 80-е годы всё изменилось.", "en", "ru", "'1990'"),
])
def test_another_decade_is_still_flagged(source: str, mt: str, sl: str, tl: str, token: str) -> None:
    assert token in numbers_detail(source, mt, sl, tl)
