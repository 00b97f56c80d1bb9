"""A TSV ``--all`` export counts the line breaks it flattens in reviewers' notes as the notes', apart from
the segments' texts (QA: "15 segment(s): line breaks/tabs replaced by spaces" for 15 notes of two lines,
when no segment text had any)."""

from __future__ import annotations

from pathlib import Path

from fixtures_formats import xliff12_doc

from mtreview.cli import main
from mtreview.store import Project

UNITS = """
<trans-unit id="1"><source>Один.</source><target>One.</target></trans-unit>
<trans-unit id="2"><source>Два.</source><target>Two.</target></trans-unit>
"""


def test_note_line_breaks_are_counted_as_the_notes(tmp_path: Path, write, capsys) -> None:
    project = tmp_path / "p.mtr"
    assert main(["import", str(write("in.xlf", xliff12_doc(UNITS))), "-o", str(project), "-s", "ru", "-t", "en"]) == 0
    with Project.open(project) as proj:
        first, second = proj.segments()
        proj.decide(first.id, "edit", text="One,\tedited.", reviewer="ann")
        proj.set_note(first.id, "check\nthis", reviewer="ann")
        proj.set_note(second.id, "and\nthis", reviewer="ann")
    out = tmp_path / "all.tsv"
    capsys.readouterr()
    assert main(["export", str(project), "--all", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 segment(s): in the reviewer's note, line breaks/tabs replaced by spaces (tsv cannot carry them)" in err
    assert "1 segment(s): line breaks/tabs replaced by spaces (tsv cannot carry them)" in err
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r[2], r[9]) for r in rows[1:]] == [("One, edited.", "check this"), ("Two.", "and this")]
