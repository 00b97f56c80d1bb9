"""A reviewer's note in a TMX, XLIFF 1.2 or XLIFF 2.0 export mtreview wrote imports back as the project's note
(by its reviewer), not as one of the unit's notes from the file; the file's own notes stay the file's.

QA found: the note came back among the unit's file notes, the project's note empty (JSONL and Parquet
restored it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_formats import xliff12_doc, xliff20_doc

from mtreview.cli import main
from mtreview.formats.unitstore import load_extras
from mtreview.store import Project

UNITS = """
<trans-unit id="t1"><source>Первый.</source><target>First.</target><note>UI</note><note from="pm">short</note></trans-unit>
<trans-unit id="t2"><source>Второй.</source><target>Second.</target></trans-unit>
<trans-unit id="t3"><source>Третий.</source><target>Third.</target></trans-unit>
"""
# One 2.0 unit of two segments: each segment is reviewed on its own, with its own note
SPLIT = """<unit id="u1"><notes><note>about both</note></notes>
<segment id="s1"><source>Один.</source><target>One.</target></segment>
<segment id="s2"><source>Два.</source><target>Two.</target></segment></unit>"""


def notes_of(project: Path) -> list[tuple[tuple[str, str] | None, list[str]]]:
    """Per segment: (the reviewer's note, its reviewer) or None, and the unit's notes from its file."""
    with Project.open(project) as proj:
        notes = proj.notes()
        return [((notes[s.id].text, notes[s.id].reviewer) if s.id in notes else None,
                 list((load_extras(proj.conn, s.id) or {}).get("notes", []))) for s in proj.segments()]


def import_(path: Path, out: Path, *args: str) -> None:
    assert main(["import", str(path), "-o", str(out), "-s", "ru", "-t", "en", "--force", *args]) == 0


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "xliff2"])
def test_an_all_export_brings_the_reviewers_notes_back(tmp_path: Path, write, capsys, fmt: str) -> None:
    first = tmp_path / "p.mtr"
    import_(write("in.xlf", xliff12_doc(UNITS)), first)
    with Project.open(first) as proj:
        s = proj.segments()
        proj.decide(s[0].id, "edit", text="First!", reviewer="ann")
        proj.set_note(s[0].id, "Check <b> & term\nline two", reviewer="ann")
        proj.set_note(s[2].id, "ask the client", reviewer="bob")
    out = tmp_path / f"all.{fmt}"
    assert main(["export", str(first), "--all", "-f", fmt, "-o", str(out)]) == 0
    again = tmp_path / "again.mtr"
    import_(out, again, "-f", fmt)
    assert notes_of(again) == [(("Check <b> & term\nline two", "ann"), ["UI", "short"]), (None, []),
                               (("ask the client", "bob"), [])]
    # and the re-imported project exports the same file again
    two = tmp_path / f"two.{fmt}"
    assert main(["export", str(again), "--all", "-f", fmt, "-o", str(two)]) == 0
    assert two.read_bytes().count(b">ask the client</note>") == 1  # one note (TMX names it in a prop too)
    assert two.read_bytes().count(b"UI<") == 1


def test_each_segment_of_a_two_segment_xliff2_unit_gets_its_own_note_back(tmp_path: Path, write, capsys) -> None:
    first = tmp_path / "p.mtr"
    import_(write("in.xlf", xliff20_doc(SPLIT)), first)
    with Project.open(first) as proj:
        s = proj.segments()
        proj.set_note(s[1].id, "only the second", reviewer="ann")
    out = tmp_path / "all.xlf"
    assert main(["export", str(first), "--all", "-f", "xliff2", "-o", str(out)]) == 0
    again = tmp_path / "again.mtr"
    import_(out, again)
    assert notes_of(again) == [(None, ["about both"]), (("only the second", "ann"), ["about both"])]


def test_a_note_from_someone_in_a_file_mtreview_did_not_review_stays_the_files(tmp_path: Path, write) -> None:
    again = tmp_path / "p.mtr"
    import_(write("in.xlf", xliff12_doc(UNITS)), again)
    assert notes_of(again)[0] == (None, ["UI", "short"])



def test_a_note_a_translator_adds_after_the_reviewers_stays_the_files(tmp_path: Path, write, capsys) -> None:
    """An --all XLIFF sent to a translator, whose CAT tool appends a note of its own after the reviewer's."""
    first = tmp_path / "p.mtr"
    import_(write("in.xlf", xliff12_doc(UNITS)), first)
    with Project.open(first) as proj:
        proj.set_note(proj.segments()[0].id, "check the term", reviewer="ann")
    out = tmp_path / "all.xlf"
    assert main(["export", str(first), "--all", "-f", "xliff", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    out.write_text(text.replace("check the term</note>", 'check the term</note><note from="tr">done</note>', 1),
                   encoding="utf-8")
    again = tmp_path / "again.mtr"
    import_(out, again)
    assert notes_of(again)[0] == (("check the term", "ann"), ["UI", "short", "done"])
