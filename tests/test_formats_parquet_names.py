"""Parquet import reads the columns JSONL reads (README: Parquet reads "same as JSONL"), from one table of
names (``formats.fields``)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from mtreview.cli import main
from mtreview.store import Project


def test_import_reads_the_jsonl_names(tmp_path: Path, capsys) -> None:
    """src/tgt/translation, as JSONL reads them (QA: refused, "has no 'source' column"); a null translation
    falls back to the next name, then to mt, as in JSONL."""
    table = pa.table({"src": ["Да", "Нет", "Может"], "translation": ["Yes", None, None],
                      "final": [None, "No", None], "mt": ["yes?", "no?", "Maybe"]})
    pq.write_table(table, tmp_path / "in.parquet")
    out = tmp_path / "p.mtr"
    assert main(["import", str(tmp_path / "in.parquet"), "-o", str(out), "-s", "ru", "-t", "en"]) == 0, \
        capsys.readouterr().err
    with Project.open(out) as p:
        assert [(s.source_text, s.mt_text) for s in p.segments()] == [("Да", "Yes"), ("Нет", "No"),
                                                                     ("Может", "Maybe")]
    pq.write_table(pa.table({"src": ["Да"], "tgt": ["Yes"]}), tmp_path / "tgt.parquet")
    assert main(["import", str(tmp_path / "tgt.parquet"), "-o", str(tmp_path / "q.mtr"), "-s", "ru", "-t", "en"]) == 0


def test_the_names_are_the_ones_jsonl_reads(tmp_path: Path) -> None:
    """One table for both readers: a JSONL record with each name reads as the Parquet column does."""
    from mtreview.formats import read_units
    from mtreview.formats.fields import SOURCE_FIELDS, TARGET_FIELDS

    for src_name in SOURCE_FIELDS:
        for tgt_name in TARGET_FIELDS:
            (tmp_path / "r.jsonl").write_text(f'{{"{src_name}": "Да", "{tgt_name}": "Yes"}}\n', encoding="utf-8")
            pq.write_table(pa.table({src_name: ["Да"], tgt_name: ["Yes"]}), tmp_path / "r.parquet")
            for name in ("r.jsonl", "r.parquet"):
                units = list(read_units(tmp_path / name, source_lang="ru", target_lang="en"))
                assert [(u.source, u.target) for u in units] == [("Да", "Yes")]
