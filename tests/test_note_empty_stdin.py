"""`mtreview note P N -` with nothing on standard input is refused: a failed command piped into it
(`cmd | mtreview note P 3 -`) cleared the segment's note, exit 0. '' still clears."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.project_build import build_project
from mtreview.store import Project


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    return build_project(write("s.ru.txt", "Один.\n\nДва.\n"), write("m.en.txt", "One.\n\nTwo.\n"),
                         tmp_path / "p.mtr", "ru", "en")


def _texts(path: Path) -> list[str]:
    with Project.open(path) as proj:
        return [n.text for n in proj.notes().values()]


@pytest.mark.parametrize("given", ["", "\n", "  \n\t\n"])
def test_an_empty_standard_input_keeps_the_note(project, capsys, monkeypatch, given) -> None:
    assert main(["note", str(project), "2", "Ask the client"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(given))
    assert main(["note", str(project), "2", "-"]) == 2
    assert "standard input is empty: no note to save" in capsys.readouterr().err
    assert _texts(project) == ["Ask the client"]
    assert main(["note", str(project), "2", ""]) == 0  # the way to clear it
    assert _texts(project) == []
