#!/usr/bin/env python
"""Where a parallel ``mtreview score`` run spends its time: a timeline of every process's tasks.

Runs the ``score`` command given after ``--`` in a child process that records, in each process (the parent,
the local pool's or the Dask LocalCluster's workers, and the Dask engine's starter), when each task of
chunks starts and ends, the thread CPU time the task took, and the process's CPU time when it ends. The
parent also records when the engine is made, when the scoring stream starts and ends, and when a
LocalCluster's start begins and ends. Times are seconds since the child process started (from
``/proc/self/stat``, so Python's own start-up counts).

It prints, per process: its role, tasks, first task start, last task end, CPU inside tasks, CPU outside them
(before the first task, between tasks, after the last), and idle time between tasks; then the run's wall
time, the whole tree's CPU (the kernel's accounting of the reaped child), and how far apart the workers'
last tasks ended (a core idle meanwhile). Each process's CPU per scored segment inside its tasks compares the
engines' workers on the same work. ``--repeat N`` runs it N times and adds medians. Linux only (it reads /proc).

    .venv/bin/python scripts/trace_batch.py [--repeat N] [--starter N] [--json] -- score SOURCE MT --aligned \\
        --retranslation P1 --retranslation P2 -o OUT.jsonl --engine dask --workers 2

The instrumentation is installed after ``mtreview`` arms its fast exit (``mtreview/cli/fast_exit.py``), so
the command ends as it does for users; wrapping a task costs two ``time`` calls and one small write.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

# Runs in the traced child: argv[1] is the log path, the rest is the mtreview command line.
CHILD = r"""
import json, os, sys, time
LOG = sys.argv[1]
sys.argv = ["mtreview", *sys.argv[2:]]

def _since_boot_at_start():
    with open("/proc/self/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    return start_ticks / os.sysconf("SC_CLK_TCK")

def _uptime():
    with open("/proc/uptime") as f:
        return float(f.read().split()[0])

T_START = time.time() - (_uptime() - _since_boot_at_start())  # wall clock when this process started

def ev(name, **extra):
    import threading
    rec = {"pid": os.getpid(), "t": time.time(), "ev": name, "cpu": time.process_time(),
           "dask": "distributed" in sys.modules, **extra}
    with open(LOG, "a") as f:
        f.write(json.dumps(rec) + "\n")

def wrap(owner, name, label):
    inner = getattr(owner, name)
    def traced(*a, **k):
        ev(label + "-begin")
        try:
            return inner(*a, **k)
        finally:
            ev(label + "-end")
    setattr(owner, name, traced)

def install():
    import mtreview.batch.engines as engines
    import mtreview.batch.pipeline as pipeline
    inner_run = engines.run_chunks
    def run_chunks(func, chunks):
        t0, c0 = time.time(), time.thread_time()
        results = []
        try:
            results = inner_run(func, chunks)
            return results
        finally:
            segments = sum(getattr(r, "count", 0) for r in results)  # a ChunkResult's records
            ev("task", start=t0, task_cpu=time.thread_time() - c0, segments=segments)
    # pickled by reference (tasks name it), so it must be found where the original was
    run_chunks.__module__, run_chunks.__qualname__ = inner_run.__module__, inner_run.__qualname__
    engines.run_chunks = run_chunks
    wrap(engines, "make_engine", "engine")
    wrap(pipeline, "score_stream", "stream")
    if os.environ.get("TRACE_DASK") == "1":
        import mtreview.batch.dask_engine as dask_engine
        dask_engine.run_chunks = run_chunks
        if os.environ.get("TRACE_STARTER"):
            dask_engine.STARTER_TASKS = int(os.environ["TRACE_STARTER"])
        wrap(dask_engine.DaskEngine, "start_cluster", "cluster")
    real_exit = os._exit
    def _exit(code):
        ev("exit")
        real_exit(code)
    os._exit = _exit

with open(LOG, "a") as f:
    f.write(json.dumps({"pid": os.getpid(), "t": T_START, "ev": "start"}) + "\n")
import mtreview.cli.fast_exit as fast_exit
inner_arm = fast_exit.arm
def arm():
    armed = inner_arm()  # first, as in the real command: an exit handler registered before it disarms it
    install()
    return armed
fast_exit.arm = arm
from mtreview.cli import run
import __main__
__main__.run = run
run()
"""


def traced_run(command: list[str], starter: int | None) -> dict[str, Any]:
    """Run ``mtreview COMMAND`` traced; the parsed timeline and the tree's wall and CPU time."""
    with tempfile.TemporaryDirectory(prefix="trace-batch-") as tmp:
        log = Path(tmp) / "events.jsonl"
        env = {**os.environ, "TRACE_DASK": "1" if "dask" in command else "0"}
        if starter is not None:
            env["TRACE_STARTER"] = str(starter)
        usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", CHILD, str(log), *command], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise SystemExit(f"trace_batch: mtreview exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
        events = [json.loads(line) for line in log.read_text().splitlines()]
    cpu = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    return summarize(events, wall, cpu)


def summarize(events: list[dict[str, Any]], wall: float, cpu: float) -> dict[str, Any]:
    """Per-process figures from the raw events (times relative to the traced process's start)."""
    parent = next(e["pid"] for e in events if e["ev"] == "start")
    t0 = next(e["t"] for e in events if e["ev"] == "start")
    dask_run = any(e["ev"].startswith("cluster") for e in events)
    procs: dict[int, list[dict[str, Any]]] = {}
    for e in events:
        procs.setdefault(e["pid"], []).append(e)
    rows = []
    for pid, evs in procs.items():
        tasks = sorted((e for e in evs if e["ev"] == "task"), key=lambda e: e["start"])
        exits = [e for e in evs if e["ev"] == "exit"]
        row: dict[str, Any] = {"pid": pid, "tasks": len(tasks)}
        if pid == parent:
            row["role"] = "parent"
            for e in evs:
                if e["ev"] not in ("start", "task"):
                    row[e["ev"].replace("-", "_") + "_s"] = round(e["t"] - t0, 3)
        else:
            row["role"] = ("Dask worker" if tasks and tasks[0]["dask"] else "starter") if dask_run else "pool worker"
        if exits:
            row["cpu_s"] = round(exits[-1]["cpu"], 3)
        if tasks:
            in_tasks = sum(e["task_cpu"] for e in tasks)
            segments = sum(e.get("segments", 0) for e in tasks)
            row.update(first_task_s=round(tasks[0]["start"] - t0, 3), last_end_s=round(tasks[-1]["t"] - t0, 3),
                       segments=segments, task_cpu_s=round(in_tasks, 3),
                       task_cpu_ms_per_segment=round(1000 * in_tasks / segments, 4) if segments else None,
                       idle_between_s=round(sum(b["start"] - a["t"] for a, b in zip(tasks, tasks[1:], strict=False)), 3))
            if exits:
                row["cpu_outside_tasks_s"] = round(exits[-1]["cpu"] - in_tasks, 3)
        rows.append(row)
    rows.sort(key=lambda r: (r["role"] != "parent", r.get("first_task_s", 0.0)))
    # the starter's last task ends early by design (the workers go on): only the workers' ends tell an idle core
    ends = [r["last_end_s"] for r in rows if "last_end_s" in r and r["role"] in ("Dask worker", "pool worker")]
    return {"wall_s": round(wall, 3), "tree_cpu_s": round(cpu, 3), "processes": rows,
            "task_cpu_s": round(sum(r.get("task_cpu_s", 0.0) for r in rows), 3),
            "ends_spread_s": round(max(ends) - min(ends), 3) if len(ends) > 1 else None}


def show(run: dict[str, Any]) -> None:
    print(f"wall {run['wall_s']:.2f} s, tree CPU {run['tree_cpu_s']:.2f} s, CPU in tasks {run['task_cpu_s']:.2f} s, "
          f"workers' last tasks {run['ends_spread_s']} s apart")
    for r in run["processes"]:
        extra = {k: v for k, v in r.items() if k not in ("pid", "role")}
        print(f"  {r['role']:<12} " + "  ".join(f"{k}={v}" for k, v in extra.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 usage="%(prog)s [--repeat N] [--starter N] [--json] -- score ARGS...")
    ap.add_argument("--repeat", type=int, default=1, metavar="N", help="runs (medians are added when N > 1)")
    ap.add_argument("--starter", type=int, default=None, metavar="N",
                    help="tasks the Dask engine's starter process takes (default: the engine's)")
    ap.add_argument("--json", action="store_true", help="one JSON object with every run")
    ap.add_argument("command", nargs=argparse.REMAINDER, help="the mtreview command, after --")
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command or command[0] != "score":
        ap.error("give the mtreview score command after --, e.g. -- score SRC MT --aligned --engine dask")
    runs = []
    for i in range(max(1, args.repeat)):
        runs.append(traced_run(command, args.starter))
        if not args.json:
            print(f"run {i + 1}:")
            show(runs[-1])
    medians = {k: round(statistics.median(r[k] for r in runs if r[k] is not None), 3)
               for k in ("wall_s", "tree_cpu_s", "task_cpu_s", "ends_spread_s")
               if any(r[k] is not None for r in runs)}
    if args.json:
        print(json.dumps({"command": command, "runs": runs, "medians": medians}, indent=1))
    elif len(runs) > 1:
        print("medians: " + ", ".join(f"{k} {v}" for k, v in medians.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
