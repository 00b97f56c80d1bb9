"""Every text field of an imported unit gets the repairs its source and target get (control characters
removed, CR normalised, a lone surrogate escape replaced by U+FFFD and counted), not only those two.

QA found: a lone surrogate escape in a JSONL ``mt``, ``reviewer``, ``candidate`` or ``id`` was a
UnicodeEncodeError traceback (exit 1); a NUL, VT or CR in ``mt`` (JSONL, Parquet) stayed in the project and
reached --all TSV/CSV as raw bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.formats import ReadContext, read_units
from mtreview.store import Project

SURROGATES = ('{"id": "i\\ud800", "source": "s1", "mt": "m\\ud800z", "final": "f", "status": "accepted_candidate",'
              ' "candidate": "c\\udc00", "reviewer": "r\\udfff", "decided_at": "2026-01-01T00:00:00Z"}\n')


def test_lone_surrogates_in_every_jsonl_field_are_replaced_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "sur.jsonl"
    path.write_text(SURROGATES, encoding="utf-8")
    ctx = ReadContext()
    [unit] = list(read_units(path, ctx=ctx))
    assert (unit.id, unit.mt, unit.candidate, unit.reviewer) == ("i\ufffd", "m\ufffdz", "c\ufffd", "r\ufffd")
    assert "4 unpaired surrogate escape(s) replaced by U+FFFD" in ctx.summary_notes()


def test_a_lone_surrogate_in_the_mt_imports_instead_of_a_traceback(tmp_path: Path, capsys) -> None:
    path = tmp_path / "sur.jsonl"
    path.write_text('{"source":"s1","mt":"m\\ud800z","final":"f","status":"edited","reviewer":"r\\ud800",'
                    '"decided_at":"2026-01-01T00:00:00Z"}\n', encoding="utf-8")
    out = tmp_path / "sur.mtr"
    assert main(["import", str(path), "-o", str(out), "-s", "en", "-t", "de"]) == 0
    assert "2 unpaired surrogate escape(s) replaced by U+FFFD" in capsys.readouterr().err
    with Project.open(out) as proj:
        [seg] = proj.segments()
        assert (seg.mt_text, seg.state.final_text, seg.state.reviewer) == ("m\ufffdz", "f", "r\ufffd")


def write_parquet(path: Path, mt: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"source": ["s1"], "mt": [mt], "final": ["f"], "status": ["edited"]}), path)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_controls_in_the_mt_never_reach_an_all_tsv(tmp_path: Path, capsys, fmt: str) -> None:
    path = tmp_path / f"in.{fmt}"
    if fmt == "jsonl":
        path.write_text('{"source":"s1","mt":"m\\u0000z\\r\\nq\\u000b","final":"f","status":"edited"}\n',
                        encoding="utf-8")
    else:
        write_parquet(path, "m\x00z\r\nq\x0b")
    out = tmp_path / "p.mtr"
    assert main(["import", str(path), "-o", str(out), "-s", "en", "-t", "de"]) == 0
    with Project.open(out) as proj:
        assert proj.segments()[0].mt_text == "m z\nq"
    tsv = tmp_path / "all.tsv"
    assert main(["export", str(out), "--all", "-o", str(tsv)]) == 0
    data = tsv.read_bytes()
    assert b"\x00" not in data and b"\r" not in data and b"\x0b" not in data
