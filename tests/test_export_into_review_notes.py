"""`export --into` marks the reviewer's note as the exports mark it, where the file records the review (any
TMX; an `--all` XLIFF export reviewed again), so that importing the written file gives each segment its note
again, by its reviewer and dated, not one of the file's notes; a note changed or cleared since replaces or
takes out the one an earlier review wrote (QA: it came back as a file note, and a changed note stood beside
the old one, which the re-import restored)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_export_into_notes import TMX, XLIFF12, XLIFF20

from mtreview.cli import main
from mtreview.formats.unitstore import load_extras
from mtreview.store import Project

FIRST_AT = "2026-01-02T03:04:05.000+00:00"
SECOND_AT = "2026-02-03T04:05:06.000+00:00"
SUFFIX = {"xliff": "xlf", "xliff2": "xlf2", "tmx": "tmx"}
TEXT = {"xliff": XLIFF12, "xliff2": XLIFF20, "tmx": TMX}


def _import(path: Path, project: Path) -> None:
    assert main(["import", str(path), "-s", "en", "-t", "de", "-o", str(project)]) == 0


def _notes(project: Path) -> list[tuple[str | None, str | None, str | None, list[str]]]:
    """Each segment's (note, its reviewer, its date, the file's own notes)."""
    out = []
    with Project.open(project) as proj:
        for sid in proj.segment_ids():
            note = proj.note(sid)
            extras = load_extras(proj.conn, sid) or {}
            out.append((note.text if note else None, note.reviewer if note else None,
                        note.noted_at if note else None, extras.get("notes", [])))
    return out


def _all_export_reviewed_again(tmp_path: Path, fmt: str) -> tuple[Path, Path]:
    """An `--all` export of a project whose first segment has ann's note, imported and reviewed by bob."""
    original = tmp_path / f"job.{SUFFIX[fmt]}"
    original.write_text(TEXT[fmt], encoding="utf-8")
    first = tmp_path / "first.mtr"
    _import(original, first)
    with Project.open(first) as proj:
        a, _ = proj.segment_ids()
        proj.decide(a, "edit", text="Öffne es bitte.", reviewer="ann")
        proj.set_note(a, "first note", reviewer="ann", at=FIRST_AT)
    exported = tmp_path / f"all.{SUFFIX[fmt]}"
    assert main(["export", str(first), "--all", "--format", fmt, "-o", str(exported)]) == 0
    second = tmp_path / "second.mtr"
    _import(exported, second)
    return exported, second


def test_tmx_into_note_reimports_as_the_segments_note(tmp_path: Path, capsys) -> None:
    original = tmp_path / "mem.tmx"
    original.write_text(TMX, encoding="utf-8")
    project = tmp_path / "job.mtr"
    _import(original, project)
    with Project.open(project) as proj:
        a, b = proj.segment_ids()
        proj.decide(a, "edit", text="Öffne es bitte.", reviewer="ann")
        proj.set_note(a, "Check the verb", reviewer="ann", at=FIRST_AT)
        proj.decide(b, "accept_mt", reviewer="ann")
    out = tmp_path / "out.tmx"
    assert main(["export", str(project), "--into", str(original), "-o", str(out)]) == 0
    again = tmp_path / "again.mtr"
    _import(out, again)
    assert _notes(again) == [("Check the verb", "ann", FIRST_AT, []), (None, None, None, [])]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_changed_note_replaces_the_earlier_reviews(tmp_path: Path, capsys, fmt: str) -> None:
    exported, second = _all_export_reviewed_again(tmp_path, fmt)
    with Project.open(second) as proj:
        a, b = proj.segment_ids()
        proj.set_note(a, "second note", reviewer="bob", at=SECOND_AT)
        proj.decide(b, "accept_mt", reviewer="bob")
        proj.set_note(b, "note b", reviewer="bob", at=SECOND_AT)
    out = tmp_path / f"out.{SUFFIX[fmt]}"
    assert main(["export", str(second), "--into", str(exported), "-o", str(out)]) == 0
    assert "could not be copied byte for byte" not in capsys.readouterr().err
    assert "first note" not in out.read_text(encoding="utf-8")
    third = tmp_path / "third.mtr"
    _import(out, third)
    client = [] if fmt == "tmx" else ["from the client"]  # (the TMX has no note of the file's)
    first_notes, second_notes = ((client, []) if fmt == "xliff" else ([], client))
    assert _notes(third) == [("second note", "bob", SECOND_AT, first_notes),
                             ("note b", "bob", SECOND_AT, second_notes)]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_cleared_note_is_taken_out_of_the_file(tmp_path: Path, capsys, fmt: str) -> None:
    exported, second = _all_export_reviewed_again(tmp_path, fmt)
    with Project.open(second) as proj:
        a, _ = proj.segment_ids()
        proj.set_note(a, "", reviewer="bob")
        proj.decide(a, "edit", text="Öffne es jetzt.", reviewer="bob")
    out = tmp_path / f"out.{SUFFIX[fmt]}"
    assert main(["export", str(second), "--into", str(exported), "-o", str(out)]) == 0
    assert "could not be copied byte for byte" not in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert "first note" not in text and "note-by" not in text
    third = tmp_path / "third.mtr"
    _import(out, third)
    assert [n[0] for n in _notes(third)] == [None, None]
    # the note went with its line: no blank line is left where it stood
    assert all(line.strip() for line in text.splitlines())


def test_namespaced_tmx_note_taken_out_byte_for_byte(tmp_path: Path, capsys) -> None:
    """A TMX in the TMX 1.4 namespace: taking the old note and its props out keeps every other byte (an
    element taken out of a namespaced tree made the whole file be rewritten)."""
    original = tmp_path / "mem.tmx"
    original.write_text(TMX.replace('<tmx version="1.4">', '<tmx xmlns="http://www.lisa.org/tmx14" version="1.4">'),
                        encoding="utf-8")
    project = tmp_path / "job.mtr"
    _import(original, project)
    with Project.open(project) as proj:
        a, _ = proj.segment_ids()
        proj.decide(a, "edit", text="Öffne es bitte.", reviewer="ann")
        proj.set_note(a, "first note", reviewer="ann", at=FIRST_AT)
    first = tmp_path / "first.tmx"
    assert main(["export", str(project), "--into", str(original), "-o", str(first)]) == 0
    with Project.open(project) as proj:
        proj.set_note(proj.segment_ids()[0], "", reviewer="ann")
    second = tmp_path / "second.tmx"
    capsys.readouterr()
    assert main(["export", str(project), "--into", str(first), "-o", str(second)]) == 0
    assert "could not be copied byte for byte" not in capsys.readouterr().err
    gone = [line for line in first.read_text(encoding="utf-8").splitlines()
            if "first note" in line or "x-mtreview-note" in line]
    assert len(gone) == 4  # the <note> and its three props
    assert second.read_text(encoding="utf-8").splitlines() == [
        line for line in first.read_text(encoding="utf-8").splitlines() if line not in gone]
