"""A reviewer's note keeps its author and its date through an ``--all`` export and a re-import, in every
format that carries notes (QA: JSONL and Parquet had no field for the author, so the note was credited to the
decision's reviewer, or "import"; and every re-imported note was dated at the import)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_formats import xliff12_doc

from mtreview.cli import main
from mtreview.store import Project

UNITS = """
<trans-unit id="t1"><source>Первый.</source><target>First.</target></trans-unit>
<trans-unit id="t2"><source>Второй.</source><target>Second.</target></trans-unit>
"""
ANN_AT = "2025-03-04T05:06:07.000+00:00"
BOB_AT = "2024-01-02T03:04:05.000+00:00"


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    """Two units: the first accepted by carl with a note by ann, the second unreviewed with a note by bob."""
    out = tmp_path / "p.mtr"
    assert main(["import", str(write("in.xlf", xliff12_doc(UNITS))), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    with Project.open(out) as proj:
        first, second = proj.segment_ids()
        proj.decide(first, "accept_mt", reviewer="carl")
        proj.set_note(first, "check the term", reviewer="ann", at="2025-03-04T07:06:07+02:00")
        proj.set_note(second, "ask the client", reviewer="bob", at="2024-01-02T03:04:05Z")
    return out


def reimported_notes(tmp_path: Path, project: Path, name: str, *fmt: str) -> list[tuple[str, str, str]]:
    out = tmp_path / name
    assert main(["export", str(project), "--all", "-o", str(out), *fmt]) == 0
    again = tmp_path / "again.mtr"
    assert main(["import", str(out), "-o", str(again), "-s", "ru", "-t", "en", *fmt]) == 0
    with Project.open(again) as proj:
        notes = proj.notes()
        return [(notes[s].text, notes[s].reviewer, notes[s].noted_at) for s in proj.segment_ids()]


@pytest.mark.parametrize(("name", "fmt"), [("a.jsonl", ()), ("a.parquet", ()), ("a.tmx", ()),
                                           ("a.xlf", ("--format", "xliff")), ("a.xlf", ("--format", "xliff2"))])
def test_a_note_keeps_its_author_and_date(tmp_path: Path, project: Path, name: str, fmt: tuple[str, ...]) -> None:
    assert reimported_notes(tmp_path, project, name, *fmt) == [
        ("check the term", "ann", ANN_AT), ("ask the client", "bob", BOB_AT)]


def test_the_jsonl_record_names_the_notes_author_and_date(tmp_path: Path, project: Path) -> None:
    out = tmp_path / "a.jsonl"
    assert main(["export", str(project), "--all", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["note"], r["note_by"], r["note_at"]) for r in rows] == [
        ("check the term", "ann", ANN_AT), ("ask the client", "bob", BOB_AT)]


def test_a_record_without_note_by_still_imports(tmp_path: Path) -> None:
    """A file written before note_by/note_at: the decision's reviewer is the note's author, as before."""
    src = tmp_path / "old.jsonl"
    src.write_text(json.dumps({"source": "Да.", "target": "Yes.", "status": "accepted_mt", "reviewer": "carl",
                               "decided_at": "2025-01-01T00:00:00Z", "note": "old note"}) + "\n", encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    with Project.open(out) as proj:
        (note,) = proj.notes().values()
        assert (note.text, note.reviewer) == ("old note", "carl")


@pytest.mark.parametrize(("value", "said"), [('"yesterday"', "not an ISO 8601"), ('"2025-01-01T00:00:00"', "no time zone"),
                                             ("5", "field 'note_at' must be a string or null")])
def test_a_bad_note_date_is_one_line_naming_the_line(tmp_path: Path, capsys, value: str, said: str) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"source": "a", "target": "b"}\n'
                   f'{{"source": "c", "target": "d", "note": "n", "note_at": {value}}}\n', encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "ru", "-t", "en"]) == 2
    err = capsys.readouterr().err
    assert said in err and "bad.jsonl" in err and ":2" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
