"""``score PROJECT -o - | head``: the reader going away ends the run with 141, quietly, but the project keeps
the scores it was given (QA: the records went to standard output before the project's transaction, and the
closed pipe threw every segment's scoring away: the review found the project unscored)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from mtreview.project_build import build_project

N = 3000


def test_a_closed_pipe_keeps_the_project_scores(tmp_path: Path, write) -> None:  # noqa: ANN001
    words = "the cat sat on a red mat near the old house by the river".split()
    src = [" ".join(words[(i + j) % len(words)] for j in range(12)) + f" {i}." for i in range(N)]
    mt = [f"die Katze sass auf einer roten Matte am alten Haus am Fluss {i}." for i in range(N)]
    pseudo = [f"die Katze sass auf der roten Matte beim alten Haus am Fluss {i}." for i in range(N)]
    project = build_project(write("s.txt", "\n".join(src) + "\n"), write("m.txt", "\n".join(mt) + "\n"),
                            tmp_path / "big.mtr", "en", "de", retranslations=[write("p.txt", "\n".join(pseudo) + "\n")],
                            mode="aligned")
    proc = subprocess.Popen([sys.executable, "-m", "mtreview", "score", str(project), "--no-retranslate",
                             "--workers", "1", "-o", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().startswith('{"id": 1,')
    proc.stdout.close()  # like `| head -1`: N records are far more than a pipe's buffer holds
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 141, err
    assert "Traceback" not in err and "Exception ignored" not in err
    with sqlite3.connect(project) as conn:
        risks = conn.execute("SELECT count(*) FROM segments WHERE risk IS NOT NULL").fetchone()[0]
    assert risks == N
