"""`mtreview note` over an existing note: the note it replaces or clears is quoted on stderr with its author
and time (a colleague's query, or a range typed wrong, was lost without a word, and no command gives it
back), and in --json under "replaced"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.project_build import build_project
from mtreview.store import Project


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    src = "".join(f"Предложение {n}.\n\n" for n in range(1, 9))
    mt = "".join(f"Sentence {n}.\n\n" for n in range(1, 9))
    return build_project(write("s.ru.txt", src), write("m.en.txt", mt), tmp_path / "p.mtr", "ru", "en")


def _noted_at(path: Path, number: int) -> str:
    with Project.open(path) as proj:
        note = proj.note(proj.segment_ids()[number - 1])
        assert note is not None
        return note.noted_at


def test_a_replaced_note_is_quoted_with_its_author(project: Path, capsys) -> None:
    assert main(["note", str(project), "3", "Ask the client\nabout the term", "--reviewer", "bob"]) == 0
    when = _noted_at(project, 3)
    capsys.readouterr()
    assert main(["note", str(project), "2-4", "Checked", "--reviewer", "ann"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"mtreview: {project}: note saved on 3 segments",
                   f"mtreview: {project}: segment 3 had bob's note of {when}, now replaced: "
                   "Ask the client \u23ce about the term"]


def test_a_cleared_note_is_quoted_and_json_lists_it(project: Path, capsys) -> None:
    assert main(["note", str(project), "5", "Keep this", "--reviewer", "bob"]) == 0
    when = _noted_at(project, 5)
    capsys.readouterr()
    assert main(["note", str(project), "5-6", "", "--json"]) == 0
    out, err = capsys.readouterr()
    assert f"segment 5 had bob's note of {when}, now cleared: Keep this" in err
    assert json.loads(out) == {"changed": [5], "replaced": [
        {"segment": 5, "reviewer": "bob", "noted_at": when, "text": "Keep this"}]}


def test_the_same_text_again_replaces_nothing(project: Path, capsys) -> None:
    assert main(["note", str(project), "1", "Same"]) == 0
    capsys.readouterr()
    assert main(["note", str(project), "1", "Same", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "now replaced" not in err and json.loads(out)["replaced"] == []


def test_past_five_replaced_notes_only_their_numbers(project: Path, capsys) -> None:
    assert main(["note", str(project), "1-8", "old", "--reviewer", "bob"]) == 0
    capsys.readouterr()
    assert main(["note", str(project), "1-8", "new"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line.split(" had ")[0] for line in err[1:6]] == [f"mtreview: {project}: segment {n}" for n in range(1, 6)]
    assert err[6] == f"mtreview: {project}: 3 other earlier notes replaced too, on segments 6, 7, 8 (--json lists them all)"
    assert len(err) == 7
