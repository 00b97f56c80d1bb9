"""``score`` of documents or sentence lists draws the aligner's progress bar at a terminal, as ``import`` does:
it aligned 3,000 presegmented lines for over a minute with nothing on the screen before the scoring bar (QA,
tmux). Away from a terminal nothing is drawn."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(("tty", "drawn"), [("1", True), ("0", False)])
def test_aligning_shows_a_bar_at_a_terminal(write, tmp_path: Path, tty: str, drawn: bool) -> None:  # noqa: ANN001
    src = write("s.ru", "".join(f"Это предложение номер {i}.\n" for i in range(30)))
    mt = write("m.en", "".join(f"This is sentence number {i}.\n" for i in range(30)))
    env = {**os.environ, "TTY_COMPATIBLE": tty}  # rich's switch: stderr counts as a terminal, or not
    # relative names: the test's folder name holds the word "aligning"
    res = subprocess.run([sys.executable, "-m", "mtreview", "score", src.name, mt.name, "-s", "ru", "-t", "en",
                          "--presegmented", "--no-retranslate", "--workers", "1", "-o", "o.jsonl"],
                         capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert ("aligning" in res.stderr) is drawn, res.stderr
    assert ("scoring" in res.stderr) is drawn, res.stderr
