"""`mtreview decide` stopped half-way (Ctrl-C, SIGTERM, a full disk): the decisions it saved stay, and it
says how many, which, and that `undo` takes them back (before: only "mtreview: interrupted", or the failing
decision's error, and a script or a person could not tell whether anything had been saved)."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_store

from mtreview.cli import main
from mtreview.errors import ProjectWriteError
from mtreview.store import Project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.mtr"
    test_store.make_project(path, 8)[0].close()
    return path


def _statuses(path: Path) -> list[str]:
    with Project.open(path) as proj:
        return [s.state.status for s in proj.segments()]


def _stop_at(monkeypatch, call: int, stop: BaseException, after_commit: bool) -> None:
    """The ``call``-th decision raises ``stop``: before it is saved, or just after its commit (a signal
    that lands between the commit and the run's count of it)."""
    real = Project.decide
    calls = [0]

    def decide(self, *args, **kwargs):
        calls[0] += 1
        if calls[0] == call and not after_commit:
            raise stop
        state = real(self, *args, **kwargs)
        if calls[0] == call:
            raise stop
        return state

    monkeypatch.setattr(Project, "decide", decide)


@pytest.mark.parametrize(("after_commit", "saved"), [(False, 3), (True, 4)])
def test_an_interrupted_run_says_which_decisions_stay_saved(project: Path, monkeypatch, capsys,
                                                            after_commit: bool, saved: int) -> None:
    _stop_at(monkeypatch, 4, KeyboardInterrupt(), after_commit)
    assert main(["decide", str(project), "reject", "--all"]) == 130
    err = capsys.readouterr().err
    numbers = ", ".join(str(n) for n in range(1, saved + 1))
    assert err == (f"mtreview: {project}: stopped after {saved} decisions ({numbers}), saved ('mtreview decide "
                   f"{project} undo' takes them back)\nmtreview: interrupted\n")  # and no blank line (click's)
    monkeypatch.undo()
    assert _statuses(project) == ["rejected"] * saved + ["unreviewed"] * (8 - saved)
    assert main(["decide", str(project), "undo"]) == 0  # as the line says
    assert _statuses(project) == ["unreviewed"] * 8


def test_a_run_stopped_by_a_full_disk_names_the_decisions_it_saved_before(project: Path, monkeypatch,
                                                                            capsys) -> None:
    stop = ProjectWriteError(f"{project}: cannot write to the project (the disk is full); this change was not saved",
                             "the disk is full")
    _stop_at(monkeypatch, 3, stop, after_commit=False)
    assert main(["decide", str(project), "reject", "--segments", "2-8"]) == 2
    err = capsys.readouterr().err
    assert err == (f"mtreview: error: {project}: cannot write to the project (the disk is full); this change was "
                   "not saved; the 2 decisions this run made before it (2, 3) stay saved ('mtreview decide "
                   f"{project} undo' takes them back)\n")
    monkeypatch.undo()
    assert _statuses(project) == ["unreviewed", "rejected", "rejected"] + ["unreviewed"] * 5


def test_a_run_stopped_before_any_decision_says_only_what_stopped_it(project: Path, monkeypatch, capsys) -> None:
    _stop_at(monkeypatch, 1, KeyboardInterrupt(), after_commit=False)
    assert main(["decide", str(project), "reject", "--all"]) == 130
    assert capsys.readouterr().err == "mtreview: interrupted\n"
    monkeypatch.undo()
    assert _statuses(project) == ["unreviewed"] * 8


def test_a_terminated_run_says_so_on_one_line(project: Path, monkeypatch, capsys) -> None:
    """SIGTERM (a job scheduler, systemd): stderr was a blank line, click's, then "mtreview: terminated"."""
    from mtreview.interrupts import Terminated

    _stop_at(monkeypatch, 2, Terminated(), after_commit=False)
    assert main(["decide", str(project), "reject", "--all"]) == 143
    assert capsys.readouterr().err == (f"mtreview: {project}: stopped after 1 decision (1), saved ('mtreview decide "
                                       f"{project} undo' takes it back)\nmtreview: terminated\n")


@pytest.mark.parametrize(("after_commit", "taken_back"), [(False, 2), (True, 3)])
def test_an_interrupted_undo_says_how_many_it_took_back(project: Path, monkeypatch, capsys, after_commit: bool,
                                                        taken_back: int) -> None:
    """(before: only "mtreview: interrupted")"""
    assert main(["decide", str(project), "reject", "--all"]) == 0
    capsys.readouterr()
    real = Project._apply_undo_redo
    calls = [0]

    def apply(self, *args, **kwargs):
        calls[0] += 1
        if calls[0] == 3 and not after_commit:
            raise KeyboardInterrupt
        seg = real(self, *args, **kwargs)
        if calls[0] == 3:
            raise KeyboardInterrupt
        return seg

    monkeypatch.setattr(Project, "_apply_undo_redo", apply)
    assert main(["decide", str(project), "undo"]) == 130
    assert capsys.readouterr().err == (f"mtreview: {project}: {taken_back} decisions of the last decide run taken "
                                       f"back before it stopped; 'mtreview decide {project} undo' again takes back "
                                       "the rest\nmtreview: interrupted\n")
    monkeypatch.undo()
    assert _statuses(project).count("unreviewed") == taken_back
    assert main(["decide", str(project), "undo"]) == 0  # as the line says
    assert _statuses(project) == ["unreviewed"] * 8
