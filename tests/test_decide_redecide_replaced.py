"""`decide --redecide` says whose decisions it replaced (or would replace, --dry-run), as the review says
"It replaces bob's decision": a rule run over a colleague's work had said only "N segments decided"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.project_build import build_project
from mtreview.store import Project


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    src = "".join(f"Предложение номер {n}.\n\n" for n in range(1, 6))
    mt = "".join(f"Sentence number {n}.\n\n" for n in range(1, 6))
    path = build_project(write("s.ru.txt", src), write("m.en.txt", mt), tmp_path / "p.mtr", "ru", "en")
    with Project.open(path) as proj:
        ids = proj.segment_ids()
        proj.decide(ids[0], "accept_mt", reviewer="anna")
        proj.decide(ids[1], "reject", reviewer="anna")
        proj.decide(ids[2], "edit", text="Sentence No. 3.", reviewer="bob")
    return path


def test_redecide_names_whose_decisions_it_replaced(project: Path, capsys) -> None:
    assert main(["decide", str(project), "reject", "--segments", "1-5", "--redecide", "--reviewer", "lead"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"mtreview: {project}: 5 segments decided (reject): 1, 2, 3, 4, 5",
                   f"mtreview:   3 of them replace an earlier decision (2 by anna, 1 by bob); "
                   f"'mtreview decide {project} undo' brings them back"]
    assert main(["decide", str(project), "undo"]) == 0
    with Project.open(project) as proj:
        assert [s.state.reviewer for s in proj.segments()] == ["anna", "anna", "bob", None, None]


def test_a_dry_run_says_what_it_would_replace_and_json_counts_it(project: Path, capsys) -> None:
    assert main(["decide", str(project), "accept-mt", "--segments", "3", "--redecide", "--dry-run", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines()[1] == "mtreview:   it would replace an earlier decision (by bob)"
    assert json.loads(out)["replaced"] == {"bob": 1}


def test_without_redecide_nothing_is_replaced(project: Path, capsys) -> None:
    assert main(["decide", str(project), "reject", "--all", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "earlier decision" not in err and json.loads(out)["replaced"] == {}
