"""--reviewer is recorded with every decision and note: a blank name, or one with a control character (a tab
or line break breaks the note listing's fields and the exports' attributes), is refused before anything is
saved; spaces around a name are not part of it."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_store

from mtreview.cli import main
from mtreview.store import Project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.mtr"
    proj, _ids = test_store.make_project(path, 5)
    proj.close()
    return path


@pytest.mark.parametrize(("name", "said"), [("   ", "a name is needed (it is blank)"),
                                            ("", "a name is needed (it is blank)"),
                                            ("ann\tbob", "control character (U+0009)"),
                                            ("ann\nbob", "control character (U+000A)"),
                                            ("ann\x1b[31m", "control character (U+001B)")])
@pytest.mark.parametrize("command", [["decide", "{p}", "reject", "--segments", "1"], ["note", "{p}", "2", "Check."]])
def test_a_blank_or_controlled_name_is_refused_and_nothing_saved(project: Path, capsys, name: str, said: str,
                                                                 command: list[str]) -> None:
    assert main([a.format(p=project) for a in command] + ["--reviewer", name]) == 2
    err = capsys.readouterr().err
    assert said in err and "--reviewer" in err
    with Project.open(project) as proj:
        assert [s.state.status for s in proj.segments()] == ["unreviewed"] * 5
        assert proj.conn.execute("SELECT count(*) FROM segment_notes").fetchone()[0] == 0


def test_spaces_around_a_name_are_not_recorded(project: Path) -> None:
    assert main(["decide", str(project), "reject", "--segments", "1", "--reviewer", "  ann "]) == 0
    with Project.open(project) as proj:
        assert [tuple(r) for r in proj.conn.execute("SELECT DISTINCT reviewer FROM events")] == [("ann",)]


def test_review_refuses_a_blank_name_before_opening(project: Path, capsys) -> None:
    assert main(["review", str(project), "--reviewer", " "]) == 2
    assert "a name is needed (it is blank)" in capsys.readouterr().err
