"""`export --all --dedupe`: among copies of a pair, the one that goes out is the first accepted or edited one,
wherever it stands (QA: a rejected first copy went out and a later accepted one was dropped, and re-importing
the export lost the acceptance)."""

from __future__ import annotations

import json
from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project


def _project(tmp_path: Path, pairs: list[tuple[str, str]], decisions: list[str | None]) -> Path:
    tmp_path.mkdir(exist_ok=True)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"source": s, "target": t}) + "\n" for s, t in pairs), encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "en", "-t", "de"]) == 0
    with Project.open(out) as proj:
        for seg, action in zip(proj.segments(), decisions, strict=True):
            if action is not None:
                proj.decide(seg.id, action, reviewer="ann")
    return out


def _rows(capsys, proj: Path, out: Path, *args: str) -> tuple[list[tuple[int, str]], str]:
    capsys.readouterr()
    assert main(["export", str(proj), "-f", "jsonl", "-o", str(out), "--all", *args]) == 0
    err = capsys.readouterr().err
    return [(r["id"], r["status"]) for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())], err


def test_the_accepted_copy_wins_over_a_rejected_first_one(tmp_path: Path, capsys) -> None:
    proj = _project(tmp_path, [("a", "A"), ("a", "A"), ("b", "B")], ["reject", "accept_mt", None])
    rows, err = _rows(capsys, proj, tmp_path / "o.jsonl", "--dedupe")
    assert rows == [(2, "accepted_mt"), (3, "unreviewed")]
    assert "2 segment(s) kept; left out: 1 duplicate" in err
    # no copy reviewed: the first one goes out, as before
    proj2 = _project(tmp_path / "two", [("a", "A"), ("a", "A")], ["reject", None])
    assert _rows(capsys, proj2, tmp_path / "o2.jsonl", "--dedupe")[0] == [(1, "rejected")]


def test_normalized_counts_agree_with_exact(tmp_path: Path, capsys) -> None:
    """1 and 3 are exact copies, 2 a near one: 2 (accepted) goes out; 3 is an exact duplicate and 1 a
    near-duplicate, so the exact count is the one --dedupe gives."""
    proj = _project(tmp_path, [("Read more.", "Mehr."), ("read more", "mehr"), ("Read more.", "Mehr.")],
                    ["reject", "accept_mt", None])
    rows, err = _rows(capsys, proj, tmp_path / "o.jsonl", "--dedupe-normalized")
    assert rows == [(2, "accepted_mt")]
    assert "left out: 1 duplicate, 1 near-duplicate (equal after normalization)" in err
    rows, err = _rows(capsys, proj, tmp_path / "o.jsonl", "--dedupe")
    assert rows == [(1, "rejected"), (2, "accepted_mt")] and "left out: 1 duplicate" in err


def test_help_says_which_copy_is_kept(capsys) -> None:
    assert main(["export", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "With --all the copy kept is the first accepted or edited one" in out
