"""An edited segment's target changed by hand in an ``--all`` export (a spreadsheet, a CAT tool) imports back
as a new edit, counted with the changed MTs, in every format the export writes.

QA found: the exports recorded the MT but not the edited text, so the changed target came back silently,
as if the reviewer had decided it. The exports now record the decided text's digest (``final_digest``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.formats.final_digest import final_digest
from mtreview.store import Project

T_EDIT = "2025-03-04T05:06:07.089+00:00"
FORMATS = ["jsonl", "csv", "tsv", "parquet", "tmx", "xliff", "xliff2"]
NOTE = "target(s) differ from their MT: imported as edits"


def project(tmp_path: Path) -> Path:
    """Three segments: edited by alice (a line break in her text), MT accepted by bob, unreviewed."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"source": s, "target": t}) + "\n"
                           for s, t in (("a", "MT one"), ("b", "MT two"), ("c", "MT three"))), encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "en", "-t", "de"]) == 0
    with Project.open(out) as proj:
        s = proj.segments()
        proj.decide(s[0].id, "edit", text="ALICE one\nline two", reviewer="alice", at=T_EDIT)
        proj.decide(s[1].id, "accept_mt", reviewer="bob", at=T_EDIT)
    return out


def change_edited_target(path: Path, fmt: str) -> None:
    """Change the edited segment's target as a colleague would: that cell or element only."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        final = [None if f is None else f.replace("ALICE one", "BOB one") for f in table.column("final").to_pylist()]
        pq.write_table(table.set_column(table.schema.get_field_index("final"), "final",
                                        pa.array(final, type=pa.string())), path)
        return
    text = path.read_text(encoding="utf-8")
    assert text.count("ALICE one") == 1
    path.write_text(text.replace("ALICE one", "BOB one"), encoding="utf-8")


def reimport(tmp_path: Path, out: Path, fmt: str, capsys) -> tuple[str, list[tuple[str, str, str, str | None]]]:
    capsys.readouterr()
    again = tmp_path / "again.mtr"
    assert main(["import", str(out), "-o", str(again), "-s", "en", "-t", "de", "-f", fmt]) == 0
    err = capsys.readouterr().err
    with Project.open(again) as proj:
        got = [(s.mt_text, s.state.status, " ".join((s.state.final_text or s.mt_text).split()), s.state.reviewer)
               for s in proj.segments()]
    return err, got


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_edited_target_changed_after_an_all_export_imports_as_a_new_edit(tmp_path: Path, capsys,
                                                                          fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    assert main(["export", str(project(tmp_path)), "--all", "-f", fmt, "-o", str(out)]) == 0
    change_edited_target(out, fmt)
    err, got = reimport(tmp_path, out, fmt, capsys)
    assert f"1 {NOTE}" in err
    # credited as a changed MT is: to the reviewer the file names for the row (README "by the file's reviewer")
    assert got[0] == ("MT one", "edited", "BOB one line two", "alice")
    assert got[1:] == [("MT two", "accepted_mt", "MT two", "bob"), ("MT three", "unreviewed", "MT three", None)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_plain_round_trip_of_an_edited_text_is_no_hand_edit(tmp_path: Path, capsys, fmt: str) -> None:
    """The digest is of the text as the format reads it back: TSV's line break written as a space is no change."""
    out = tmp_path / f"all.{fmt}"
    assert main(["export", str(project(tmp_path)), "--all", "-f", fmt, "-o", str(out)]) == 0
    err, got = reimport(tmp_path, out, fmt, capsys)
    assert NOTE not in err
    assert got[0] == ("MT one", "edited", "ALICE one line two", "alice")


def test_an_export_without_the_digest_reads_as_before(tmp_path: Path, capsys) -> None:
    """A TSV an earlier mtreview wrote (no final_digest column): an edited row keeps its target, uncounted."""
    old = tmp_path / "old.tsv"
    old.write_text("id\tsource\ttarget\tmt\tstatus\trisk\treviewer\tcandidate\tdecided_at\n"
                   f"1\ta\tBOB one\tMT one\tedited\t\talice\t\t{T_EDIT}\n", encoding="utf-8")
    err, got = reimport(tmp_path, old, "tsv", capsys)
    assert NOTE not in err
    assert got == [("MT one", "edited", "BOB one", "alice")]


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "xliff2"])
def test_export_into_an_all_export_records_the_new_edit(tmp_path: Path, capsys, fmt: str) -> None:
    """An ``--all`` export reviewed again and written back with ``--into`` gets the new decision's digest: a
    re-edit in the project is not taken for a hand edit when the written file is imported."""
    first = tmp_path / f"all.{fmt}"
    assert main(["export", str(project(tmp_path)), "--all", "-f", fmt, "-o", str(first)]) == 0
    second = tmp_path / "second.mtr"
    assert main(["import", str(first), "-o", str(second), "-s", "en", "-t", "de", "-f", fmt]) == 0
    with Project.open(second) as proj:
        proj.decide(proj.segments()[0].id, "edit", text="ALICE again", reviewer="alice", at=T_EDIT)
    out = tmp_path / f"into.{fmt}"
    assert main(["export", str(second), "--into", str(first), "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert final_digest("ALICE again") in written and final_digest("ALICE one\nline two") not in written
    err, got = reimport(tmp_path, out, fmt, capsys)
    assert NOTE not in err
    assert got[0] == ("MT one", "edited", "ALICE again", "alice")
