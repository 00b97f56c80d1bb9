"""The reviewer's note travels through every ``--all`` export and back: TSV and CSV carry it in ``note``,
``note_by`` and ``note_at`` columns; TMX names the reviewer's ``<note>`` by its text, so a note a CAT tool adds
after it (or a reordering) does not take its place.

QA found: TSV/CSV exports dropped the reviewer's notes; a TMX ``<tu>`` to which a CAT tool had added a note
re-imported with that note as the reviewer's and the reviewer's as a note of the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

NOTE_AT = "2025-03-04T05:06:07.089+00:00"


def _project(tmp_path: Path) -> Path:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"source": s, "target": t}) + "\n" for s, t in (("a", "MT one"), ("b", "MT two"))),
                   encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "en", "-t", "de"]) == 0
    with Project.open(out) as proj:
        s = proj.segments()
        proj.decide(s[0].id, "accept_mt", reviewer="bob")
        proj.set_note(s[1].id, "ask the client, about «this»", reviewer="ann", at=NOTE_AT)
    return out


def _notes(path: Path) -> list[tuple[str, str, str] | None]:
    with Project.open(path) as proj:
        notes = proj.notes()
        return [None if (n := notes.get(s.id)) is None else (n.text, n.reviewer, n.noted_at) for s in proj.segments()]


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_tsv_and_csv_all_exports_carry_the_reviewers_note_back(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    assert main(["export", str(_project(tmp_path)), "--all", "-o", str(out)]) == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("decided_at\tnote\tnote_by\tnote_at\tfinal_digest" if fmt == "tsv"
                           else "decided_at,note,note_by,note_at,final_digest")
    again = tmp_path / "again.mtr"
    assert main(["import", str(out), "-o", str(again), "-s", "en", "-t", "de"]) == 0
    assert _notes(again) == [None, ("ask the client, about «this»", "ann", NOTE_AT)]


def test_a_note_column_of_a_table_that_is_no_all_export_stays_the_files(tmp_path: Path) -> None:
    table = tmp_path / "in.tsv"
    table.write_text("source\ttarget\tnote\na\tA\tfrom the client\n", encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(table), "-o", str(out), "-s", "en", "-t", "de"]) == 0
    assert _notes(out) == [None]


def test_a_tmx_note_added_after_the_reviewers_does_not_take_its_place(tmp_path: Path) -> None:
    out = tmp_path / "all.tmx"
    assert main(["export", str(_project(tmp_path)), "--all", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    mine = "<note>ask the client, about «this»</note>"
    assert text.count(mine) == 1
    out.write_text(text.replace(mine, f"{mine}\n      <note>TM manager: checked</note>"), encoding="utf-8")
    again = tmp_path / "again.mtr"
    assert main(["import", str(out), "-o", str(again), "-s", "en", "-t", "de"]) == 0
    assert _notes(again) == [None, ("ask the client, about «this»", "ann", NOTE_AT)]
    back = tmp_path / "back.jsonl"
    assert main(["export", str(again), "--all", "-o", str(back)]) == 0
    assert [json.loads(line)["notes"] for line in back.read_text(encoding="utf-8").splitlines()] == [
        [], ["TM manager: checked"]]
