"""A copy of the MT given as a pseudo-reference or reference, or two copies of one retranslation, is named in a
note (QA: ``cp mt.txt c.txt`` then ``--retranslation c.txt`` scored BLEU 100 on every segment, exit 0, while
the MT file itself given there is refused)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main

SRC = ["Мы покупаем индейку каждый год.", "Переговоры прошли хорошо.", "Это далеко."]
MT = ["We buy a turkey every year.", "The talks went well.", "It is far away."]
OTHER = ["Every year we buy a turkey.", "The negotiations went well.", "That is far."]


def _files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, lines in (("src.ru", SRC), ("mt.en", MT), ("copy.en", MT), ("other.en", OTHER),
                        ("other2.en", OTHER)):
        out[name] = tmp_path / name
        out[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_score_names_a_retranslation_that_is_a_copy_of_the_mt(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    f = _files(tmp_path)
    out = tmp_path / "o.jsonl"
    assert main(["score", str(f["src.ru"]), str(f["mt.en"]), "--aligned", "-s", "ru", "-t", "en",
                 "--retranslation", str(f["copy.en"]), "--retranslation", str(f["other.en"]), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"--retranslation {f['copy.en']}: the same text as the MT {f['mt.en']}" in err
    assert f"{f['other.en']}: the same text" not in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3  # a note: the run went on


def test_two_copies_of_one_retranslation_and_a_reference_copy_are_named(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture) -> None:
    f = _files(tmp_path)
    out = tmp_path / "o.jsonl"
    assert main(["score", str(f["src.ru"]), str(f["mt.en"]), "--aligned", "-s", "ru", "-t", "en",
                 "--retranslation", str(f["other.en"]), "--retranslation", str(f["other2.en"]),
                 "--reference", str(f["copy.en"]), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"--retranslation {f['other2.en']}: the same text as {f['other.en']}" in err
    assert f"--reference {f['copy.en']}: the same text as the MT" in err
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["id"] == 1


def test_import_names_the_copy_too_and_different_files_say_nothing(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture) -> None:
    f = _files(tmp_path)
    assert main(["import", str(f["src.ru"]), str(f["mt.en"]), "--aligned", "-s", "ru", "-t", "en",
                 "--retranslation", str(f["copy.en"]), "-o", str(tmp_path / "p.mtr")]) == 0
    assert "the same text as the MT" in capsys.readouterr().err
    assert main(["import", str(f["src.ru"]), str(f["mt.en"]), "--aligned", "-s", "ru", "-t", "en",
                 "--retranslation", str(f["other.en"]), "-o", str(tmp_path / "q.mtr")]) == 0
    assert "the same text" not in capsys.readouterr().err
