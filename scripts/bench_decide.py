#!/usr/bin/env python
"""Bulk decisions by rule: ``mtreview decide PROJECT accept-mt --all`` and ``decide PROJECT undo`` on a
project of N scored segments, each command timed in a child process (start-up, opening, the whole run).

The project is built once per size with the store's own API (segments, six scores and a risk per segment,
as ``mtreview score`` leaves them, so each decision's score snapshot has the usual size) and copied afresh
for every run, so each run decides the same N unreviewed segments. Peak memory is the child's maximum RSS
(``wait4``). Each decision is one committed transaction, so the figures include one WAL commit per segment:
they depend on the disk under ``--dir`` (default: a temporary folder) as much as on the CPU.

With ``--baseline DIR`` (another checkout of mtreview, e.g. ``git worktree add /tmp/base HEAD~1``) the
baseline's and this checkout's runs alternate, ``--repeat`` times each, and the medians are compared:
on a shared machine, alternating keeps both exposed to the same load.

    .venv/bin/python scripts/bench_decide.py [--sizes 20000] [--repeat 3] [--baseline DIR] [--dir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

METRICS = ("bleu", "chrf", "chrf++", "ter", "agreement")


def build_project(path: Path, n: int) -> None:
    """A project of ``n`` unreviewed segments with MT, scores and a risk, as after ``mtreview score``."""
    from mtreview.store import Project

    with Project.create(path, "de", "en") as proj:
        ids = proj.add_segments(((i,), (i,), f"Quelle Satz Nummer {i} über Schiffe und die Flotte.",
                                 f"Source sentence number {i} about ships and the fleet.", 0.9)
                                for i in range(n))
        risk = [(sid, (k % 100) / 100) for k, sid in enumerate(ids)]
        proj.set_scores([(sid, 0, "pseudo", m, 50.0 + k % 7, "nrefs:2|case:mixed|eff:yes|tok:13a")
                         for k, sid in enumerate(ids) for m in METRICS]
                        + [(sid, 0, "risk", "risk", r, None) for sid, r in risk])
        proj.set_risks(risk)
    # The decide child should find the project as a user would: checkpointed, no -wal to replay.
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def run_child(root: Path, args: list[str], peak_dir: Path) -> tuple[float, int, dict]:
    """Run ``mtreview ARGS`` from checkout ``root`` in a child: (wall seconds, peak RSS bytes, --json output)."""
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{peak_dir}"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mtreview", *args, "--json"], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    # RUSAGE_CHILDREN would be the largest of all children so far: the child reports its own peak on stderr
    # (_sitecustomize_dir).
    if proc.returncode != 0:
        raise SystemExit(f"mtreview {' '.join(args)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    peak = 0
    for line in err.decode().splitlines():
        if line.startswith("bench-peak-rss "):
            peak = int(line.split()[1])
    return wall, peak, json.loads(out.decode().strip().splitlines()[-1])


def _sitecustomize_dir(tmp: Path) -> Path:
    """A folder with a ``sitecustomize`` that prints the process's peak RSS at exit (ru_maxrss, KiB on
    Linux): put on PYTHONPATH after the checkout, it reports the child's own peak, not the parent's."""
    d = tmp / "peak"
    d.mkdir(exist_ok=True)
    (d / "sitecustomize.py").write_text(
        "import atexit, resource, sys\n"
        "atexit.register(lambda: sys.stderr.write('bench-peak-rss %d\\n' % "
        "(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)))\n")
    return d


def one_run(root: Path, master: Path, work: Path, n: int, peak_dir: Path) -> dict[str, float]:
    """Copy the built project, decide every segment, then undo the run: the figures of both commands."""
    proj = work / "run.mtr"
    for suffix in ("", "-wal", "-shm"):
        Path(str(proj) + suffix).unlink(missing_ok=True)
    shutil.copyfile(master, proj)
    t_dec, m_dec, out = run_child(root, ["decide", str(proj), "accept-mt", "--all", "--reviewer", "bench"], peak_dir)
    if len(out["decided"]) != n:
        raise SystemExit(f"{root}: decided {len(out['decided'])} of {n} segments")
    t_undo, m_undo, out = run_child(root, ["decide", str(proj), "undo"], peak_dir)
    if len(out["undone"]) != n:
        raise SystemExit(f"{root}: undid {len(out['undone'])} of {n} decisions")
    return {"decide_s": t_dec, "decide_per_s": n / t_dec, "decide_peak_mib": m_dec / 2**20,
            "undo_s": t_undo, "undo_per_s": n / t_undo, "undo_peak_mib": m_undo / 2**20}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="20000", help="comma-separated segment counts [20000]")
    ap.add_argument("--repeat", type=int, default=1, help="runs per checkout; medians are reported [1]")
    ap.add_argument("--baseline", type=Path, default=None, help="another mtreview checkout to compare with")
    ap.add_argument("--dir", type=Path, default=None, help="where the projects are written [a temporary folder]")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    roots = {"current": REPO} if args.baseline is None else {"baseline": args.baseline.resolve(), "current": REPO}
    results: list[dict] = []
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp_name:
        tmp = Path(tmp_name)
        peak_dir = _sitecustomize_dir(tmp)
        for n in (int(s) for s in args.sizes.split(",")):
            master = tmp / f"master-{n}.mtr"
            build_project(master, n)
            runs: dict[str, list[dict[str, float]]] = {name: [] for name in roots}
            for _ in range(args.repeat):
                for name, root in roots.items():  # alternating: both see the same load
                    runs[name].append(one_run(root, master, tmp, n, peak_dir))
            for name, rs in runs.items():
                med = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
                results.append({"checkout": name, "root": str(roots[name]), "segments": n, "runs": len(rs),
                                **{k: round(v, 3) for k, v in med.items()},
                                "decide_s_all": [round(r["decide_s"], 2) for r in rs],
                                "undo_s_all": [round(r["undo_s"], 2) for r in rs]})
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'checkout':<10} {'segments':>9} {'decide s':>9} {'dec/s':>8} {'peak MiB':>9} "
          f"{'undo s':>8} {'undo/s':>8} {'peak MiB':>9}  runs (decide s)")
    for r in results:
        print(f"{r['checkout']:<10} {r['segments']:>9} {r['decide_s']:>9.2f} {r['decide_per_s']:>8.0f} "
              f"{r['decide_peak_mib']:>9.1f} {r['undo_s']:>8.2f} {r['undo_per_s']:>8.0f} "
              f"{r['undo_peak_mib']:>9.1f}  {r['decide_s_all']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
