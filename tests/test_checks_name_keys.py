"""The names check's transliteration keys for English names in Russian: дж is j (Джонсон = Johnson) and an
initial г may be h (Гарри = Harry), in both directions."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.name_keys import transliterate


def names_detail(source: str, mt: str, sl: str, tl: str) -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Об этом заявил Борис Джонсон.", "This was stated by Boris Johnson.", "ru", "en"),
    ("He met Jennifer Jones in London.", "Он встретил Дженнифер Джонс в Лондоне.", "en", "ru"),
    ("Он смотрел Гарри Поттера.", "He watched Harry Potter.", "ru", "en"),
    ("He watched Harry Potter and Hamlet.", "Он смотрел Гарри Поттера и Гамлета.", "en", "ru"),
    ("Он читал Гегеля.", "He read Hegel.", "ru", "en"),
    ("He met Djokovic.", "Он встретил Джоковича.", "en", "ru"),
    ("Он встретил Джохара.", "He met Dzhokhar.", "ru", "en"),
])
def test_english_names_as_russian_writes_them_are_found(source: str, mt: str, sl: str, tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ("Он встретил Джонсона.", "He met Jones.", "ru", "en", "Джонсона"),
    ("Он читал Гегеля.", "He read Kant.", "ru", "en", "Гегеля"),
    ("He watched Harry Potter.", "Он смотрел Поттера.", "en", "ru", "Harry"),
])
def test_another_name_is_still_missing(source: str, mt: str, sl: str, tl: str, missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)


def test_the_flag_spells_dzh_as_j() -> None:
    assert transliterate("Джонсон") == "jonson"
    assert "(Jonsona)" in names_detail("Он встретил Джонсона.", "He met Jones.", "ru", "en")
