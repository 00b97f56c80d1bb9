"""End to end in a real terminal (tmux): ``mtreview review`` on the bundled corpus, keys a x 1 u, quit,
reopen, then the JSONL export shows exactly those decisions.

Segment 2 of the bundled corpus is the MT's stray, untranslated Russian title (no source side), so the
reviewer rejects it (x), accepts candidate 1 on segment 3, then undoes that."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import fixtures_tui
from fixtures_tui import Tmux, env_for_subprocess, reviewed_count

from mtreview.bundled import BUNDLED_NAME
from mtreview.store import Project

data_dir = fixtures_tui.data_dir
REVIEW = [sys.executable, "-m", "mtreview", "review", "--reviewer", "e2e"]


def test_review_the_bundled_corpus_in_tmux(data_dir: Path, tmp_path: Path) -> None:
    env = env_for_subprocess(data_dir)
    term = Tmux("e2e", REVIEW, env)
    try:
        # First run: the import runs in a worker behind a loading screen, then the review opens.
        term.wait(lambda s: reviewed_count(s) == 0 and "Segment 1 of" in s, timeout=120, what="the review screen")
        project = data_dir / f"{BUNDLED_NAME}.mtr"
        with Project.open(project) as proj:
            segs = proj.segments()
            cands3 = proj.candidates(segs[2].id)
        assert cands3, "segment 3 of the bundled corpus should have a candidate (its reference)"

        term.keys("a")
        term.wait(lambda s: reviewed_count(s) == 1 and "Segment 2 of" in s, what="a: accepted, on to 2")
        term.keys("x")
        term.wait(lambda s: reviewed_count(s) == 2 and "Segment 3 of" in s, what="x: rejected, on to 3")
        term.keys("1")
        term.wait(lambda s: reviewed_count(s) == 3 and "Segment 4 of" in s, what="1: candidate 1, on to 4")
        term.keys("u")
        term.wait(lambda s: reviewed_count(s) == 2 and "Segment 3 of" in s, what="u: the acceptance undone")
        term.keys("q")
        term.wait_gone()

        # Reopened: the same project, two decisions, the cursor on the first unreviewed segment.
        term.close()
        term = Tmux("e2e2", REVIEW, env)
        term.wait(lambda s: reviewed_count(s) == 2 and "Segment 3 of" in s, timeout=60, what="the reopened project")
        term.keys("q")
        term.wait_gone()
    finally:
        term.close()

    out = tmp_path / "all.jsonl"
    done = subprocess.run([sys.executable, "-m", "mtreview", "export", str(project), "--format", "jsonl", "--all",
                           "-o", str(out)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(segs)
    first, second, third = records[:3]
    assert (first["status"], first["final"], first["reviewer"]) == ("accepted_mt", segs[0].mt_text, "e2e")
    assert (second["status"], second["final"], second["reviewer"]) == ("rejected", None, "e2e")
    assert (third["status"], third["final"], third["decided_at"]) == ("unreviewed", None, None)
    # the undone acceptance is still in the log, as an event and its undo
    with Project.open(project) as proj:
        actions = [(e.action, e.candidate) for e in proj.events()]
    assert actions == [("accept_mt", None), ("reject", None), ("accept_candidate", cands3[0].name), ("undo", None)]
    assert all(r["status"] == "unreviewed" for r in records[3:])
    assert [r["id"] for r in records] == list(range(1, len(segs) + 1))


def test_keys_typed_after_q_do_nothing_in_a_real_terminal(data_dir: Path, tmp_path: Path) -> None:
    """A terminal hands "qx" or "qe" to the app in one read: the keys after q must not act."""
    project = fixtures_tui.build_project(tmp_path / "q.mtr")
    env = env_for_subprocess(data_dir)
    for keys in ("qx", "qe", "qu"):
        rc_file = tmp_path / f"rc-{keys}"
        line = f"{sys.executable} -m mtreview review {project} --reviewer qa; echo $? > {rc_file}"
        term = Tmux(f"q{keys}", ["sh", "-c", line], env)
        try:
            term.wait(lambda s: reviewed_count(s) == 0 and "Segment 1 of" in s, timeout=60, what="the review")
            term.tmux("send-keys", "-t", term.name, "-l", keys)
            term.wait_gone()
        finally:
            term.close()
        assert rc_file.read_text().strip() == "0", keys
        with Project.open(project) as proj:
            assert proj.events() == [], keys
