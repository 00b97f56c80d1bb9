"""`decide --flag` takes a check's name as users type it next to hyphenated options: `wrong-language`,
`Numbers` (before: "--flag 'wrong-language' is no check", exit 2); a name that is no check is still refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.project_build import build_project


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    src = ("Погода в Москве хорошая.\n\nВ понедельник в Москве было 25 градусов тепла.\n\n"
           "Президент сказал, что ситуация сегодня очень серьёзная и тревожная.\n")
    mt = ("The weather in Moscow is good.\n\nOn Monday it was 52 degrees of warmth in Moscow.\n\n"
          "Le président a dit que la situation est aujourd'hui très grave et inquiétante.\n")
    path = build_project(write("s.ru.txt", src), write("m.en.txt", mt), tmp_path / "p.mtr", "ru", "en")
    assert main(["score", str(path), "--no-retranslate"]) == 0
    return path


@pytest.mark.parametrize("typed,decided", [("wrong-language", [3]), ("Wrong_Language", [3]), ("NUMBERS", [2]),
                                           ("Any", [2, 3])])
def test_a_check_name_as_typed(project: Path, capsys, typed: str, decided: list[int]) -> None:
    capsys.readouterr()
    assert main(["decide", str(project), "reject", "--flag", typed, "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["decided"] == decided


def test_a_name_that_is_no_check_is_refused_as_typed(project: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["decide", str(project), "reject", "--flag", "Wrong-Lang", "--dry-run"]) == 2
    assert "--flag 'Wrong-Lang' is no check" in capsys.readouterr().err
