"""English nationality nouns formed from an -ish adjective (Swedes, Danes: Swedish, Danish), which
CLDR does not list: the names check finds them by the language's established translation, as it finds German
and Germans."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "tl"), [
    ("He said Swedes and Germans agreed.", "Он сказал, что шведы и немцы согласились.", "ru"),
    ("Many Swedes live there.", "Там живёт много шведов.", "ru"),
    ("Many Swedes live there.", "Dort leben viele Schweden.", "de"),
    ("Many Danes live there.", "Там живёт много датчан.", "ru"),
])
def test_a_nationality_noun_translated_is_no_missing_name(source: str, mt: str, tl: str) -> None:
    assert names_detail(source, mt, "en", tl) == ""


@pytest.mark.parametrize(("source", "mt", "tl", "missing"), [
    ("Many Swedes live there.", "Там живёт много людей.", "ru", "Swedes"),
    ("Many Swedes live there.", "Dort leben viele Dänen.", "de", "Swedes"),
    ("Yesterday Dan came home.", "Вчера пришёл домой сосед.", "ru", "Dan"),
])
def test_a_nationality_the_mt_lost_is_still_flagged(source: str, mt: str, tl: str, missing: str) -> None:
    assert missing in names_detail(source, mt, "en", tl)
