"""scripts/trace_batch.py: the timeline's arithmetic on hand-made events, and one real traced run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bench_scripts import load_script

trace = load_script("trace_batch")


def _events() -> list[dict]:
    """A parent (pid 1) started at t=100 and two pool workers: pid 2 runs two tasks, pid 3 one."""
    return [
        {"pid": 1, "t": 100.0, "ev": "start"},
        {"pid": 1, "t": 100.3, "ev": "engine-begin", "cpu": 0.25, "dask": False},
        {"pid": 2, "t": 101.0, "ev": "task", "start": 100.4, "task_cpu": 0.5, "cpu": 0.6, "dask": False,
         "segments": 400},
        {"pid": 3, "t": 101.2, "ev": "task", "start": 100.5, "task_cpu": 0.6, "cpu": 0.7, "dask": False},
        {"pid": 2, "t": 101.6, "ev": "task", "start": 101.1, "task_cpu": 0.45, "cpu": 1.1, "dask": False,
         "segments": 600},
        {"pid": 2, "t": 101.7, "ev": "exit", "cpu": 1.0, "dask": False},
        {"pid": 3, "t": 101.7, "ev": "exit", "cpu": 0.65, "dask": False},
        {"pid": 1, "t": 101.8, "ev": "exit", "cpu": 0.4, "dask": False},
    ]


def test_summary_of_hand_made_events() -> None:
    run = trace.summarize(_events(), wall=1.9, cpu=2.1)
    by_pid = {p["pid"]: p for p in run["processes"]}
    assert by_pid[1]["role"] == "parent" and by_pid[1]["engine_begin_s"] == pytest.approx(0.3)
    assert by_pid[1]["exit_s"] == pytest.approx(1.8) and by_pid[1]["cpu_s"] == pytest.approx(0.4)
    two = by_pid[2]
    assert two["role"] == "pool worker" and two["tasks"] == 2
    assert two["first_task_s"] == pytest.approx(0.4) and two["last_end_s"] == pytest.approx(1.6)
    assert two["task_cpu_s"] == pytest.approx(0.95)
    assert two["segments"] == 1000 and two["task_cpu_ms_per_segment"] == pytest.approx(0.95)
    assert by_pid[3]["task_cpu_ms_per_segment"] is None  # no segment count recorded
    assert two["idle_between_s"] == pytest.approx(0.1)  # 101.0 -> 101.1
    assert two["cpu_outside_tasks_s"] == pytest.approx(0.05)  # 1.0 at exit - 0.95 in tasks
    assert run["task_cpu_s"] == pytest.approx(1.55)
    assert run["ends_spread_s"] == pytest.approx(0.4)  # 101.6 against 101.2
    assert [p["role"] for p in run["processes"]][0] == "parent"


def test_dask_roles() -> None:
    """In a Dask run a process that never imported distributed is the engine's starter."""
    events = _events()
    events.insert(1, {"pid": 1, "t": 100.35, "ev": "cluster-begin", "cpu": 0.3, "dask": False})
    for e in events:
        if e["pid"] == 3:
            e["dask"] = True
    run = trace.summarize(events, 1.0, 1.0)
    roles = {p["pid"]: p["role"] for p in run["processes"]}
    assert roles == {1: "parent", 2: "starter", 3: "Dask worker"}
    assert run["ends_spread_s"] is None  # one worker: the starter's early end is no idle core


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_real_traced_run(tmp_path: Path) -> None:
    lines = [f"Предложение номер {i} о погоде." for i in range(120)]
    mt = [f"Sentence number {i} about the weather." for i in range(120)]
    src_p, mt_p = tmp_path / "src.txt", tmp_path / "mt.txt"
    src_p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mt_p.write_text("\n".join(mt) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = trace.traced_run(["score", str(src_p), str(mt_p), "--aligned", "-s", "ru", "-t", "en", "-o", str(out),
                            "--workers", "2", "--chunk-size", "20"], starter=None)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 120  # the command really ran
    workers = [p for p in run["processes"] if p["role"] == "pool worker"]
    assert 1 <= len(workers) <= 2
    # 6 chunks of 20 (the run's last ones split in half): every chunk ran in a traced task
    assert sum(p["tasks"] for p in workers) >= 6
    assert sum(p["segments"] for p in workers) == 120
    parent = run["processes"][0]
    assert parent["role"] == "parent" and parent["stream_begin_s"] < parent["stream_end_s"]
    assert all(parent["stream_begin_s"] <= p["first_task_s"] <= p["last_end_s"] for p in workers)
    assert run["tree_cpu_s"] > 0 and run["wall_s"] > 0
