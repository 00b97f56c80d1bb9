"""Reviewer notes in the exports: XLIFF 1.2 ``<note from="REVIEWER">``, XLIFF 2.0 ``<notes><note>``, TMX
``<note>``, the JSONL/Parquet ``note`` field; valid output whatever the note holds (<, &, quotes, line breaks,
emoji, a control character), beside the file's own notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_formats import xliff12_doc
from lxml import etree

from mtreview.cli import main
from mtreview.formats import read_units
from mtreview.project_build import build_project
from mtreview.store import Project

TRICKY = "Check <b> & \"term\" 'x' ]]>\nline two 😀"
UNITS = """
<trans-unit id="t1"><source>Первый.</source><target>First.</target><note>UI</note></trans-unit>
<trans-unit id="t2"><source>Второй.</source><target>Second.</target></trans-unit>
<trans-unit id="t3"><source>Третий.</source><target>Third.</target></trans-unit>
"""
MTR = "urn:mtreview:1"


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    """Three XLIFF units: the first edited with a file note and a tricky reviewer note, the second accepted
    without a note, the third unreviewed with a note (only --all exports it)."""
    src = write("in.xlf", xliff12_doc(UNITS))
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    with Project.open(out) as proj:
        s = proj.segments()
        proj.decide(s[0].id, "edit", text="First!", reviewer="ann")
        proj.set_note(s[0].id, TRICKY, reviewer="ann")
        proj.decide(s[1].id, "accept_mt", reviewer="bob")
        proj.set_note(s[2].id, "ask the client\x07", reviewer="bob")
    return out


def export(capsys, project: Path, out: Path, *args: str) -> None:
    code = main(["export", str(project), "-o", str(out), *args])
    err = capsys.readouterr().err
    assert code == 0, err


def parse(path: Path) -> etree._Element:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False)).getroot()  # raises on invalid XML


def test_jsonl_has_the_note_or_null(tmp_path: Path, project: Path, capsys) -> None:
    export(capsys, project, tmp_path / "clean.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "clean.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["note"], r["notes"]) for r in rows] == [(TRICKY, ["UI"]), (None, [])]
    export(capsys, project, tmp_path / "all.jsonl", "--all")
    rows = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["note"] for r in rows] == [TRICKY, None, "ask the client"]  # the control character was not kept


def test_parquet_has_the_note_column(tmp_path: Path, project: Path, capsys) -> None:
    import pyarrow.parquet as pq

    export(capsys, project, tmp_path / "all.parquet", "--all")
    table = pq.read_table(tmp_path / "all.parquet")
    assert table.column("note").to_pylist() == [TRICKY, None, "ask the client"]


def test_xliff12_writes_a_note_from_the_reviewer(tmp_path: Path, project: Path, capsys) -> None:
    out = tmp_path / "all.xlf"
    export(capsys, project, out, "--all", "--format", "xliff")
    units = parse(out).findall(".//{*}trans-unit")
    notes = [[(n.get("from"), n.text) for n in u.findall("{*}note")] for u in units]
    assert notes == [[(None, "UI"), ("ann", TRICKY)], [], [("bob", "ask the client")]]
    assert list(read_units(out, source_lang="ru", target_lang="en"))[0].target == "First!"  # reads back


def test_xliff20_writes_the_note_in_the_units_notes(tmp_path: Path, project: Path, capsys) -> None:
    out = tmp_path / "all.xlf"
    export(capsys, project, out, "--all", "--format", "xliff2")
    units = parse(out).findall(".//{*}unit")
    notes = [[(n.get("category"), n.get(f"{{{MTR}}}reviewer"), n.text) for n in u.findall("{*}notes/{*}note")]
             for u in units]
    assert notes == [[(None, None, "UI"), ("review", "ann", TRICKY)], [], [("review", "bob", "ask the client")]]
    # <notes> comes before the segment, as XLIFF 2.0 orders a unit's children
    assert [c.tag.split("}")[1] for c in units[0]][:2] == ["notes", "segment"]


def test_tmx_writes_the_note_in_the_tu(tmp_path: Path, project: Path, capsys) -> None:
    out = tmp_path / "clean.tmx"
    export(capsys, project, out)
    tus = parse(out).findall(".//tu")
    assert [[n.text for n in tu.findall("note")] for tu in tus] == [["UI", TRICKY], []]
    # a TMX <tu>: notes, then props, then the variants
    assert [c.tag for c in tus[0]][:2] == ["note", "note"]


def test_notes_of_a_plain_text_project_are_exported(tmp_path: Path, write, capsys) -> None:
    """A project from two text files has no unit extras: the note still goes out."""
    path = build_project(write("s.ru.txt", "Один.\n"), write("m.en.txt", "One.\n"), tmp_path / "p.mtr", "ru", "en")
    with Project.open(path) as proj:
        seg = proj.segment_ids()[0]
        proj.decide(seg, "accept_mt", reviewer="ann")
        proj.set_note(seg, "a & b", reviewer="ann")
    export(capsys, path, tmp_path / "o.jsonl")
    assert json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))["note"] == "a & b"
    export(capsys, path, tmp_path / "o.xlf", "--format", "xliff")
    assert [(n.get("from"), n.text) for n in parse(tmp_path / "o.xlf").iter("{*}note")] == [("ann", "a & b")]


@pytest.mark.parametrize("name", ["all.jsonl", "all.parquet"])
def test_an_all_export_imports_back_with_its_notes(tmp_path: Path, project: Path, capsys, name: str) -> None:
    export(capsys, project, tmp_path / name, "--all")
    again = tmp_path / "again.mtr"
    assert main(["import", str(tmp_path / name), "-o", str(again), "-s", "ru", "-t", "en"]) == 0
    with Project.open(again) as proj:
        segs = proj.segments()
        notes = proj.notes()
        assert [(notes[s.id].text, notes[s.id].reviewer) if s.id in notes else None for s in segs] == [
            (TRICKY, "ann"), None, ("ask the client", "bob")]  # its author (note_by), not the decision's
        assert [s.state.status for s in segs] == ["edited", "accepted_mt", "unreviewed"]


def test_a_jsonl_note_that_is_not_text_names_the_line(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"source": "a", "target": "b"}\n{"source": "c", "target": "d", "note": 5}\n', encoding="utf-8")
    assert main(["import", str(src), "-o", str(tmp_path / "p.mtr"), "-s", "ru", "-t", "en"]) == 2
    err = capsys.readouterr().err
    assert "field 'note' must be a string or null" in err and "in.jsonl" in err and ":2" in err


def test_a_note_on_a_segment_left_out_is_named(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """QA: a note on an unreviewed (or rejected) segment is not in the cleaned corpus, and the export said only
    'left out: 1 unreviewed': the reviewer's query vanished unexplained. It says so, and --all carries it."""
    from mtreview.cli import main

    src, mt = tmp_path / "s.ru", tmp_path / "m.en"
    src.write_text("Да.\nНет.\nМожет быть.\n", encoding="utf-8")
    mt.write_text("Yes.\nNo.\nMaybe.\n", encoding="utf-8")
    proj = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "-o", str(proj)]) == 0
    with Project.open(proj) as p:
        first, second, third = p.segments()
        p.decide(first.id, "accept_mt", reviewer="ann")
        p.decide(third.id, "reject", reviewer="ann")
    assert main(["note", str(proj), "1-3", "check the term"]) == 0
    capsys.readouterr()
    assert main(["export", str(proj), "--format", "tmx", "-o", str(tmp_path / "c.tmx")]) == 0
    err = capsys.readouterr().err
    assert "2 segments left out have a reviewer's note" in err and "--all exports" in err
    assert main(["export", str(proj), "--all", "--format", "tmx", "-o", str(tmp_path / "a.tmx")]) == 0
    assert "reviewer's note" not in capsys.readouterr().err  # nothing left out
    assert main(["export", str(proj), "--format", "tsv", "-o", str(tmp_path / "c.tsv")]) == 0
    assert "reviewer's note" not in capsys.readouterr().err  # TSV carries no note, with or without --all
