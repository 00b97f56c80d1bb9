"""A decided segment that the rule's conditions (risk, confidence) do not take is outside the selection, not
"already decided": only segments the conditions take are counted as skipped (QA: `--max-risk 0.1` said "3
segments not decided: already decided" of segments at risk 0.8 and 0.9)."""

from __future__ import annotations

from pathlib import Path

import test_store

from mtreview.cli import main


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "p.mtr"
    proj, ids = test_store.make_project(path, 4)
    proj.set_risks(list(zip(ids, [0.05, 0.9, 0.8, 0.07], strict=True)))
    proj.close()
    return path


def test_decided_segments_outside_the_risk_range_are_not_counted(tmp_path: Path, capsys) -> None:
    path = _project(tmp_path)
    assert main(["decide", str(path), "reject", "--segments", "2,3"]) == 0  # risks 0.9 and 0.8
    capsys.readouterr()
    assert main(["decide", str(path), "accept-mt", "--max-risk", "0.1", "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert f"{path}: 2 segments would be decided (accept-mt): 1, 4" in err
    assert "already decided" not in err


def test_decided_segments_inside_the_range_are_still_counted(tmp_path: Path, capsys) -> None:
    path = _project(tmp_path)
    assert main(["decide", str(path), "reject", "--segments", "1,2"]) == 0  # risks 0.05 and 0.9
    capsys.readouterr()
    assert main(["decide", str(path), "accept-mt", "--max-risk", "0.1", "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert f"{path}: 1 segment would be decided (accept-mt): 4" in err
    assert "1 segment not decided: already decided (--redecide replaces)" in err
