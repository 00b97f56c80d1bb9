"""decide --json writes its JSON after the decisions are saved: when standard output cannot take it (a full
disk, /dev/full), the run still says on stderr what it saved, before the one-line error (exit 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import test_store

from mtreview.store import Project


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_decisions_saved_before_a_failed_json_output_are_said(tmp_path: Path) -> None:
    path = tmp_path / "p.mtr"
    proj, _ids = test_store.make_project(path, 5)
    proj.close()

    def decide(*args: str) -> subprocess.CompletedProcess[str]:
        with open("/dev/full", "w") as full:
            return subprocess.run([sys.executable, "-m", "mtreview", "decide", str(path), *args, "--json"],
                                  stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)

    run = decide("reject", "--segments", "2,4")
    assert run.returncode == 2
    lines = run.stderr.splitlines()
    assert lines == [f"mtreview: {path}: 2 segments decided (reject): 2, 4",
                     "mtreview: error: cannot write to standard output: No space left on device"]
    with Project.open(path) as proj:
        assert [s.state.status for s in proj.segments()] == ["unreviewed", "rejected", "unreviewed", "rejected",
                                                              "unreviewed"]

    undo = decide("undo")
    assert undo.returncode == 2
    assert undo.stderr.splitlines()[0] == f"mtreview: {path}: 2 decisions of the last decide run taken back: 2, 4"
    with Project.open(path) as proj:
        assert [s.state.status for s in proj.segments()] == ["unreviewed"] * 5
