"""Parquet in the layout Hugging Face `datasets` writes, a struct column ``translation`` of one text field per
language, imports by the languages asked (QA: "has no 'source' column (nor 'src'; columns: translation)")."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from mtreview.cli import main
from mtreview.store import Project


def write(path: Path, rows: list[dict[str, str]], **extra: list) -> Path:
    pq.write_table(pa.table({"translation": rows, **extra}), path)
    return path


def test_the_pair_is_read_by_language(tmp_path: Path) -> None:
    src = write(tmp_path / "d.parquet", [{"en": "Yes.", "ru": "Да."}, {"en": "No.", "ru": "Нет."}], id=[7, 8])
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Да.", "Yes."), ("Нет.", "No.")]


def test_a_language_missing_is_one_line(tmp_path: Path, capsys) -> None:
    src = write(tmp_path / "d.parquet", [{"de": "Ja.", "ru": "Да."}])
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("d.parquet: column 'translation' has the languages de, ru, not both ru and en"), err
