"""An ``--all`` export reviewed again, an edit now rejected, written back with ``export --into``: the rejected
unit keeps the file's translation (the earlier edit), and a re-import restores the rejection, not an edit of
the text it rejected (QA: "1 target(s) differ from their MT: imported as edits", and the rejected text went
into the cleaned corpus). A translation changed in the file after that is still an edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_formats import xliff12_doc

from mtreview.cli import main
from mtreview.store import Project

UNITS = """
<trans-unit id="t1"><source>Первый.</source><target>Frist.</target></trans-unit>
<trans-unit id="t2"><source>Второй.</source><target>Second.</target></trans-unit>
"""


def _states(project: Path) -> list[tuple[str, str | None]]:
    with Project.open(project) as proj:
        return [(s.state.status, s.state.final_text) for s in proj.segments()]


@pytest.mark.parametrize("fmt,suffix", [("xliff", ".xlf"), ("xliff2", ".xlf"), ("tmx", ".tmx")])
def test_a_rejected_edit_written_into_the_export_imports_as_rejected(tmp_path: Path, write, capsys,
                                                                     fmt: str, suffix: str) -> None:
    first = tmp_path / "first.mtr"
    assert main(["import", str(write("in.xlf", xliff12_doc(UNITS))), "-o", str(first), "-s", "ru", "-t", "en"]) == 0
    with Project.open(first) as proj:
        seg = proj.segments()
        proj.decide(seg[0].id, "edit", text="First, fixed.", reviewer="ann")
        proj.decide(seg[1].id, "accept_mt", reviewer="ann")
    exported = tmp_path / f"all{suffix}"
    assert main(["export", str(first), "--all", "--format", fmt, "-o", str(exported)]) == 0

    second = tmp_path / "second.mtr"  # the export, reviewed again: the edit rejected
    assert main(["import", str(exported), "-o", str(second), "-s", "ru", "-t", "en"]) == 0
    with Project.open(second) as proj:
        proj.decide(proj.segments()[0].id, "reject", reviewer="bob")
    back = tmp_path / f"back{suffix}"
    assert main(["export", str(second), "--into", str(exported), "-o", str(back)]) == 0
    assert "First, fixed." in back.read_text(encoding="utf-8")  # the rejected unit keeps its translation

    third = tmp_path / "third.mtr"
    capsys.readouterr()
    assert main(["import", str(back), "-o", str(third), "-s", "ru", "-t", "en"]) == 0
    assert "imported as edits" not in capsys.readouterr().err
    assert _states(third) == [("rejected", None), ("accepted_mt", "Second.")]

    # the kept translation changed in the file afterwards (a CAT tool): that is an edit
    changed = tmp_path / f"changed{suffix}"
    changed.write_text(back.read_text(encoding="utf-8").replace("First, fixed.", "First, really fixed."),
                       encoding="utf-8")
    fourth = tmp_path / "fourth.mtr"
    assert main(["import", str(changed), "-o", str(fourth), "-s", "ru", "-t", "en"]) == 0
    assert "1 target(s) differ from their MT: imported as edits" in capsys.readouterr().err
    assert _states(fourth)[0] == ("edited", "First, really fixed.")
