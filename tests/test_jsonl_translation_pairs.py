"""JSONL in the layout Hugging Face `datasets` writes, ``{"translation": {"ru": ..., "en": ...}}``, imports by
the languages asked (QA: "record has no 'source' field")."""

from __future__ import annotations

import json
from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project


def write(tmp_path: Path, *records: dict) -> Path:
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_the_pair_is_read_by_language(tmp_path: Path) -> None:
    src = write(tmp_path, {"id": 7, "translation": {"en": "Yes.", "ru": "Да."}},
                {"translation": {"ru": "Нет.", "en-GB": "No.", "de": "Nein."}})
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Да.", "Yes."), ("Нет.", "No.")]


def test_a_language_missing_is_one_line_naming_the_record(tmp_path: Path, capsys) -> None:
    src = write(tmp_path, {"translation": {"ru": "Да.", "en": "Yes."}}, {"translation": {"ru": "Нет."}})
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("d.jsonl:2: record's 'translation' has the languages ru, not both ru and en"), err
