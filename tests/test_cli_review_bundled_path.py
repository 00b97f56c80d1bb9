"""Leaving ``mtreview review`` on the bundled example names the project it saved the review in: the
review finds it in the data folder by itself, while ``decide``, ``note`` and ``export`` need its path."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from mtreview.cli import cmd_review, main


class _QuitAtOnce:
    """Stands in for the review app: the reviewer pressed q straight away."""

    def __init__(self, project_path: Path) -> None:
        self.project_path = project_path
        self.return_code = 0
        self.farewell: str | None = None
        self.failure: str | None = None

    def run(self, loop: asyncio.AbstractEventLoop) -> None:
        return None


def _review(monkeypatch: pytest.MonkeyPatch, app: _QuitAtOnce, *args: str) -> int:
    import mtreview.tui.app as tui_app

    def fake_make_app(project: Any = None, **kwargs: Any) -> _QuitAtOnce:
        return app

    monkeypatch.setattr(tui_app, "make_app", fake_make_app)
    monkeypatch.setattr(cmd_review, "_require_terminal", lambda: None)
    return main(["review", *args])


def test_leaving_the_example_names_its_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "my data" / "caspian-nato-ru-en.mtr"
    project.parent.mkdir()
    project.write_bytes(b"")
    assert _review(monkeypatch, _QuitAtOnce(project)) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"saved in {project}: give that path to decide, note and export" in err
    assert f"mtreview export '{project}' -o article.en.txt" in err


def test_a_named_project_is_not_repeated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "article.mtr"
    project.write_bytes(b"")
    assert _review(monkeypatch, _QuitAtOnce(project), str(project)) == 0
    assert capsys.readouterr().err == ""


def test_a_cancelled_first_import_says_only_that(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    app = _QuitAtOnce(tmp_path / "caspian-nato-ru-en.mtr")  # never made
    app.return_code = 130
    app.farewell = "cancelled: the bundled example was not prepared"
    assert _review(monkeypatch, app) == 130
    err = capsys.readouterr().err
    assert "saved in" not in err and "not prepared" in err
