"""`mtreview note PROJECT` with nothing to list says so on stderr (it printed nothing, so a translator could
not tell the command had worked); standard output stays an empty listing for scripts, exit 0."""

from __future__ import annotations

from pathlib import Path

import test_store

from mtreview.cli import main


def test_no_notes_is_said_on_stderr_and_stdout_stays_empty(tmp_path: Path, capsys) -> None:
    path = tmp_path / "p.mtr"
    proj, _ids = test_store.make_project(path, 4)
    proj.close()
    assert main(["note", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == f"mtreview: {path}: no reviewer notes\n"
    assert main(["note", str(path), "4", "Check it."]) == 0
    capsys.readouterr()
    assert main(["note", str(path), "1-3", "--json"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == f"mtreview: {path}: no reviewer notes on segments 1-3\n"
    assert main(["note", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("4\t") and err == ""
