"""The noncharacters U+FFFE/U+FFFF are removed and counted from plain-text documents, --aligned files and
Moses pairs as the TMX/XLIFF/TSV/JSONL readers remove them (they kept them, so one corpus differed by the
format it came in, and an XML export then dropped them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main

SRC = "Привет\ufffeмир. Это тест\uffff.\n"
MT = "Hello\ufffeworld. This is a test\uffff.\n"


def _texts(tmp_path: Path, project: Path) -> list[tuple[str, str]]:
    out = tmp_path / "out.jsonl"
    assert main(["export", str(project), "--all", "--format", "jsonl", "-o", str(out)]) == 0
    return [(r["source"], r["mt"]) for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())]


@pytest.mark.parametrize("mode", ["documents", "aligned", "moses"])
def test_nonchars_go_from_text_files_with_a_notice(tmp_path: Path, mode: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    src, mt = tmp_path / "c.ru", tmp_path / "c.en"
    src.write_text(SRC, encoding="utf-8")
    mt.write_text(MT, encoding="utf-8")
    project = tmp_path / "p.mtr"
    args = {"documents": [str(src), str(mt)], "aligned": [str(src), str(mt), "--aligned"],
            "moses": [str(tmp_path / "c"), "--format", "moses"]}[mode]
    assert main(["import", *args, "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    err = capsys.readouterr().err
    assert f"{src}: 2 noncharacter(s) U+FFFE/U+FFFF removed" in err
    assert f"{mt}: 2 noncharacter(s) U+FFFE/U+FFFF removed" in err
    texts = _texts(tmp_path, project)
    joined = "".join(s + t for s, t in texts)
    assert "\ufffe" not in joined and "\uffff" not in joined
    # between two words a space keeps them apart (as for control characters); before the period, nothing
    expected = ([("Привет мир.", "Hello world."), ("Это тест.", "This is a test.")] if mode == "documents"
                else [("Привет мир. Это тест.", "Hello world. This is a test.")])
    assert texts == expected
