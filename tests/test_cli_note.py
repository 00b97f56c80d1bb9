"""`mtreview note`: set, clear and list reviewer notes from the command line (the review UI's C)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.project_build import build_project
from mtreview.store import Project

TRICKY = 'Ask <client> & "x" 😀'


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    return build_project(write("s.ru.txt", "Один.\n\nДва.\n\nТри.\n"), write("m.en.txt", "One.\n\nTwo.\n\nThree.\n"),
                         tmp_path / "p.mtr", "ru", "en")


def notes(path: Path) -> dict[int, tuple[str, str]]:
    with Project.open(path) as proj:
        number = {sid: n for n, sid in enumerate(proj.segment_ids(), 1)}
        return {number[sid]: (n.text, n.reviewer) for sid, n in proj.notes().items()}


def test_set_list_and_clear(project: Path, capsys) -> None:
    assert main(["note", str(project), "2", TRICKY, "--reviewer", "ann"]) == 0
    assert "note saved on 1 segment" in capsys.readouterr().err
    assert notes(project) == {2: (TRICKY, "ann")}
    assert main(["note", str(project), "1,3", "same", "--reviewer", "bo"]) == 0
    capsys.readouterr()
    assert main(["note", str(project)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[::3] for line in lines] == [["1", "same"], ["2", TRICKY], ["3", "same"]]
    assert main(["note", str(project), "2", "--json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert (rec["segment"], rec["reviewer"], rec["text"]) == (2, "ann", TRICKY)
    assert main(["note", str(project), "1-2", ""]) == 0
    assert "note cleared on 2 segments" in capsys.readouterr().err
    assert notes(project) == {3: ("same", "bo")}


def test_text_from_standard_input_keeps_its_lines(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("first line\nsecond line\n"))
    assert main(["note", str(project), "3", "-", "--reviewer", "ann"]) == 0
    assert notes(project) == {3: ("first line\nsecond line", "ann")}
    capsys.readouterr()
    assert main(["note", str(project)]) == 0
    assert capsys.readouterr().out.rstrip("\n").endswith("first line \u23ce second line")


def test_a_note_is_undoable_like_a_decision(project: Path) -> None:
    assert main(["note", str(project), "1", "keep"]) == 0
    assert main(["note", str(project), "1", "replace"]) == 0
    with Project.open(project) as proj:
        proj.undo()
    assert notes(project)[1][0] == "keep"


@pytest.mark.parametrize("args,said", [(["9", "x"], "segments '9': '9' goes past the last segment"),
                                       (["x-y", "x"], "'x-y' is not a number")])
def test_bad_segments_are_one_line_naming_the_project(project: Path, capsys, args: list[str], said: str) -> None:
    assert main(["note", str(project), *args]) == 2
    err = capsys.readouterr().err
    assert said in err and str(project) in err and len(err.strip().splitlines()) == 1
    assert notes(project) == {}


def test_a_tab_in_a_note_keeps_the_listing_at_four_fields(project: Path, capsys) -> None:
    # QA: a note pasted from a table ("a\tb") gave its line five tab-separated fields; --json keeps the tab.
    # The command line refuses such a reviewer name, but an imported note (a TSV's note_by) may carry one.
    with Project.open(project) as proj:
        proj.set_note(proj.segment_ids()[1], "cell a\tcell b\nnext", reviewer="ann\tlee")
    assert main(["note", str(project)]) == 0
    fields = capsys.readouterr().out.rstrip("\n").split("\t")
    assert len(fields) == 4
    assert (fields[0], fields[1], fields[3]) == ("2", "ann lee", "cell a cell b \u23ce next")
    assert main(["note", str(project), "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "cell a\tcell b\nnext"


def test_every_kind_of_line_break_in_a_note_is_listed_as_one(project: Path, capsys) -> None:
    """U+2028 and U+2029 (pasted from a word processor) and NEL end a line for str.splitlines(): the listing
    showed them as they are, so a note's second line read as a listing line of its own."""
    text = "First.\u2028Second.\u2029Third.\x85Fourth.\nFifth."
    assert main(["note", str(project), "2", text, "--reviewer", "ann"]) == 0
    capsys.readouterr()
    assert main(["note", str(project)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [out.rstrip("\n")]
    assert out.rstrip("\n").split("\t")[3] == "First. \u23ce Second. \u23ce Third. \u23ce Fourth. \u23ce Fifth."
    assert main(["note", str(project), "2", "--json"]) == 0  # --json keeps the text as it is
    assert json.loads(capsys.readouterr().out)["text"] == text


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_note_typed_at_a_terminal_is_asked_for(project: Path, capsys, monkeypatch) -> None:
    """`note P 3 -` at a terminal waited for the text without a word, as if it hung."""
    monkeypatch.setattr("sys.stdin", _Terminal("Typed here.\nSecond line.\n"))
    assert main(["note", str(project), "3", "-", "--reviewer", "ann"]) == 0
    assert capsys.readouterr().err.startswith("mtreview: type the note, then Ctrl-D on a line of its own to save "
                                              "it (Ctrl-C: nothing saved)\n")
    assert notes(project) == {3: ("Typed here.\nSecond line.", "ann")}


def test_a_note_piped_in_is_not_asked_for(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Piped.\n"), encoding="utf-8"))
    assert main(["note", str(project), "3", "-", "--reviewer", "ann"]) == 0
    assert "type the note" not in capsys.readouterr().err
    assert notes(project) == {3: ("Piped.", "ann")}


@pytest.mark.parametrize(("args", "said"), [
    (["12", "Check", "the", "term"], "Got unexpected extra arguments (the term); a note of several words goes in "
                                     "quotes: mtreview note PROJECT 12 'Check the term'"),
    (["3", "-5 degrees"], "No such option '-5'. A note that starts with '-' goes after '--': mtreview note PROJECT "
                          "3 -- '-5 degrees'"),
    (["3", "x", "--reviwer", "ann"], "No such option '--reviwer'. Did you mean '--reviewer'?"),  # an option: no hint
])
def test_a_note_typed_as_the_shell_splits_it_says_how_to_give_it(project: Path, capsys, args: list[str],
                                                                   said: str) -> None:
    assert main(["note", str(project), *args]) == 2
    assert capsys.readouterr().err == f"mtreview: error: {said} (see 'mtreview note --help')\n"
    assert notes(project) == {}


def test_a_note_that_starts_with_a_dash_goes_after_two_dashes(project: Path, capsys) -> None:
    assert main(["note", str(project), "3", "--reviewer", "ann", "--", "-5 degrees, not 5"]) == 0
    assert notes(project) == {3: ("-5 degrees, not 5", "ann")}


def _stop_setting_notes_at(monkeypatch, call: int, stop: BaseException, after_commit: bool) -> None:
    real = Project.set_note
    calls = [0]

    def set_note(self, *args, **kwargs):
        calls[0] += 1
        if calls[0] == call and not after_commit:
            raise stop
        note = real(self, *args, **kwargs)
        if calls[0] == call:
            raise stop
        return note

    monkeypatch.setattr(Project, "set_note", set_note)


@pytest.mark.parametrize(("after_commit", "saved"), [(False, "1, 2"), (True, "1, 2, 3")])
def test_notes_stopped_half_way_say_which_stay_saved(project: Path, capsys, monkeypatch, after_commit: bool,
                                                     saved: str) -> None:
    _stop_setting_notes_at(monkeypatch, 3, KeyboardInterrupt(), after_commit)
    assert main(["note", str(project), "1-3", "Query.", "--reviewer", "ann"]) == 130
    n = saved.count(",") + 1
    assert capsys.readouterr().err == (f"mtreview: {project}: stopped; the note stays saved on {n} segments "
                                       f"({saved})\nmtreview: interrupted\n")  # (before: only "interrupted")
    monkeypatch.undo()
    assert notes(project) == {k: ("Query.", "ann") for k in range(1, n + 1)}


def test_notes_stopped_by_a_full_disk_say_which_stay_saved(project: Path, capsys, monkeypatch) -> None:
    from mtreview.errors import ProjectWriteError

    full = ProjectWriteError(f"{project}: cannot write to the project (the disk is full); this change was not saved",
                             "the disk is full")
    _stop_setting_notes_at(monkeypatch, 2, full, after_commit=False)
    assert main(["note", str(project), "1-3", "Query.", "--reviewer", "ann"]) == 2
    assert capsys.readouterr().err == (f"mtreview: error: {project}: cannot write to the project (the disk is full); "
                                       "this change was not saved; the note stays saved on 1 segment (1) before it\n")
    monkeypatch.undo()
    assert notes(project) == {1: ("Query.", "ann")}
