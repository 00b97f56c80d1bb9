"""score PROJECT at a terminal shows a progress bar while it scores, as score of files does (QA: a project of
20,000 segments was scored for 25 s with nothing on the screen); piped, nothing is drawn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fixtures_terminal import BAR, on_a_terminal

from mtreview.cli import main

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal")


def _project(folder: Path, n: int = 30) -> Path:
    (folder / "s.txt").write_text("".join(f"Das ist Satz Nummer {i}.\n" for i in range(n)), encoding="utf-8")
    (folder / "m.txt").write_text("".join(f"C'est la phrase numéro {i}.\n" for i in range(n)), encoding="utf-8")
    (folder / "p.txt").write_text("".join(f"Voici la phrase {i}.\n" for i in range(n)), encoding="utf-8")
    path = folder / "p.mtr"
    assert main(["import", str(folder / "s.txt"), str(folder / "m.txt"), "-s", "de", "-t", "fr", "--aligned",
                 "--retranslation", str(folder / "p.txt"), "-o", str(path)]) == 0
    return path


def test_a_project_is_scored_with_a_bar_at_a_terminal(tmp_path: Path) -> None:
    _project(tmp_path)
    shown = on_a_terminal(["score", "p.mtr", "--workers", "1", "--chunk-size", "10"], tmp_path)
    assert BAR in shown and "30/30 segments" in shown
    assert "30 segments scored" in shown


def test_no_bar_when_piped(tmp_path: Path) -> None:
    _project(tmp_path)
    done = subprocess.run([sys.executable, "-m", "mtreview", "score", "p.mtr", "--workers", "1"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert BAR not in done.stderr and "\x1b" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith("mtreview: 30 segments scored")
