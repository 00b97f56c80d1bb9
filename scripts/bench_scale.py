#!/usr/bin/env python
"""Batch scoring at corpus scale: one process, local worker processes, and a 2-worker Dask cluster,
beside a plain per-segment sacrebleu loop on the same data.

Data: synthetic line-aligned corpora (``mtreview.batch.synthetic``): unique sentences (so no tokenizer cache
helps anyone), ~18 words, a source, an MT and 2 pseudo-references, written once into ``--data``. Each
configuration runs ``mtreview score SOURCE MT --aligned --retranslation P1 --retranslation P2 -o OUT.jsonl``
in a child process (reading, scoring, writing, summary: the whole command), with ``--workers 1``,
``--workers N`` or ``--engine dask``. A sampler adds up the memory of the child and all its descendants
(PSS, so pages shared after fork count once; RSS where PSS is unavailable) every 0.2 s: the peak is the
command's total footprint, Dask scheduler, nannies and workers included. The outputs of the three
configurations are compared byte for byte.

CPU seconds are split into the parent (reading, writing, and with a Dask LocalCluster the scheduler and
nannies, which run in it) and the worker processes, from the command's own accounting at exit; ``others``
is what the rest of the machine used meanwhile (from /proc/stat): wall-clock ratios are only worth
comparing between runs where it is near 0 (``--wait-idle`` waits for a quiet machine before each run).

The plain loop is sacrebleu's ``sentence_score`` for BLEU (effective order), chrF and TER, one segment
after the other, in this process (the loop ``scripts/bench_score.py`` and issue 5 define; the records hold
chrF++, checks, diff and risk besides): the values are checked against the records on the sample. For sizes above ``--plain-sample`` it runs on the first ``--plain-sample`` segments and the rate is
extrapolated (the table says so).

    .venv/bin/python scripts/bench_scale.py [--sizes 20000,200000,1000000] [--configs one,local,dask,plain]
        [--data DIR] [--workers N] [--plain-sample 20000] [--wait-idle SECONDS] [--json]

No files from ../shared/benchmarks are needed (the data is generated).
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CONFIGS = ("one", "local", "dask", "plain")
# On request: the same 2-worker cluster, started before the run; a LocalCluster without the forked starter
# process that scores the first tasks while it starts (dask_engine.STARTER_TASKS = 0)
EXTRA_CONFIGS = ("dask-running", "dask-nostarter")

# Runs `mtreview ARGS` as `python -m mtreview` does and, once the command has returned, reports this process's
# CPU time: the parent's (reading, writing, and with Dask the scheduler and nannies, which run in it). The
# whole tree's CPU (the local pool's or LocalCluster's worker processes included, all joined on close) comes
# from the benchmark's own accounting of its reaped child (``run_measured``): workers = tree - parent. On a
# shared machine these seconds hardly depend on the load, unlike wall times. The report is not an exit
# handler: one registered before mtreview's would keep `score` from ending without the interpreter's
# teardown, as it does for users (mtreview/cli/fast_exit.py), and the runs would time something else.
CPU_WRAPPER = """import json, os, runpy, sys
if os.environ.get("BENCH_DASK_STARTER") is not None:  # dask-nostarter: the LocalCluster's start not overlapped
    import mtreview.batch.dask_engine
    mtreview.batch.dask_engine.STARTER_TASKS = int(os.environ["BENCH_DASK_STARTER"])
sys.argv = ["mtreview", *sys.argv[1:]]
try:
    runpy.run_module("mtreview", run_name="__main__", alter_sys=True)
finally:
    t = os.times()
    sys.stderr.write("\\nbench-cpu " + json.dumps({"parent": t.user + t.system}) + "\\n")
"""


def tree_memory(pid: int) -> tuple[int, int]:
    """Bytes used by a process and all its descendants: (PSS sum, RSS sum). PSS counts a page shared by
    k processes as 1/k in each, so its sum is the tree's real footprint; the RSS sum counts shared pages
    (libraries, fork copy-on-write) once per process and overstates it. PSS falls back to RSS.

    Kept cheap (one scan of the process table, one read per process; the CPU times no longer sampled): the
    sampler shares the machine with the runs it measures, and what it takes is taken from the configurations
    that keep both cores busy, not from the one-process run. Measured 2026-12-07 on 20,000-segment Dask runs
    of ~5.5 s: 0.29-0.31 s of this process's CPU per run, against 0.32-0.37 s before."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    pss = rss = 0
    for p in procs:
        try:
            try:
                full = p.memory_full_info()  # rss and pss together (smaps_rollup)
                rss, pss = rss + full.rss, pss + getattr(full, "pss", full.rss)
            except psutil.AccessDenied:
                r = p.memory_info().rss
                rss, pss = rss + r, pss + r
        except psutil.NoSuchProcess:
            continue
    return pss, rss


def machine_busy_s() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (all processes, all cores; Linux only)."""
    try:
        with open("/proc/stat") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_for_idle(max_wait: float, busy_below: float = 0.15) -> float | None:
    """Wait (at most ``max_wait`` s) until a 1-second sample shows the machine's cores less than
    ``busy_below`` busy; returns the last sample's busy fraction (None where it cannot be measured)."""
    deadline = time.monotonic() + max_wait
    ncpu = os.cpu_count() or 1
    while True:
        b0 = machine_busy_s()
        time.sleep(1.0)
        b1 = machine_busy_s()
        if b0 is None or b1 is None:
            return None
        busy = (b1 - b0) / ncpu
        if busy < busy_below or time.monotonic() >= deadline:
            return busy
        time.sleep(2.0)


class RunningCluster:
    """A 2-worker Dask LocalCluster started by this script before a ``dask-running`` run, as a user's
    already running cluster would be: mtreview's own LocalCluster set-up (``DaskEngine``), workers forked
    with mtreview imported, nothing scored yet (a fresh cluster per run, so no tokenizer cache of an
    earlier run of the same text helps). Its scheduler runs in this process and its workers are this
    process's children: their CPU seconds and memory during the run are added to the run's."""

    def __init__(self, workers: int) -> None:
        import mtreview.scoring  # noqa: F401  (forked workers start with it imported, as mtreview's own do)
        from mtreview.batch.dask_engine import DaskEngine

        self.engine = DaskEngine(workers=workers)
        self.address = self.engine.cluster.scheduler_address
        import psutil

        self._me = psutil.Process()
        self._workers = [p for p in self._me.children(recursive=True)]

    def _procs(self) -> list:
        return [self._me, *self._workers]

    def cpu_s(self) -> float:
        """CPU seconds used so far by this process (the scheduler; the sampler thread is included, a few
        milliseconds) and the worker processes."""
        total = 0.0
        for p in self._procs():
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except Exception:  # a worker gone
                pass
        return total

    def memory(self) -> tuple[int, int]:
        """(PSS, RSS) of the worker processes (the scheduler's share of this process is not separated)."""
        pss = rss = 0
        for p in self._workers:
            a, b = tree_memory(p.pid)
            pss, rss = pss + a, rss + b
        return pss, rss

    def close(self) -> None:
        self.engine.close()


def run_measured(cmd: list[str], cluster: RunningCluster | None = None, env: dict[str, str] | None = None) -> dict:
    """Run ``cmd``; wall time, CPU time of the whole tree, peak tree memory, and the CPU seconds other
    processes on the machine took meanwhile (what makes wall-clock ratios noisy). With ``cluster`` (a Dask
    cluster the command connects to), its CPU seconds meanwhile and memory count as the command's.

    The tree's CPU time is what the kernel accounts to the child once reaped (``RUSAGE_CHILDREN``: the
    command and every process it waited for), exact and free of sampling."""
    import resource

    peak = peak_rss = 0
    cluster_cpu0 = cluster.cpu_s() if cluster else 0.0
    busy0 = machine_busy_s()
    usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_rss
        while not done.is_set():
            pss, rss = tree_memory(proc.pid)
            if cluster is not None:
                cpss, crss = cluster.memory()
                pss, rss = pss + cpss, rss + crss
            peak, peak_rss = max(peak, pss), max(peak_rss, rss)
            done.wait(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    th.join()
    busy1 = machine_busy_s()
    cluster_cpu = cluster.cpu_s() - cluster_cpu0 if cluster else 0.0
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    tree_cpu = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    out = {"wall_s": wall, "cpu_s": tree_cpu + cluster_cpu, "peak_mb": peak / 2**20,
           "peak_rss_mb": peak_rss / 2**20, "stderr": err.strip()}
    split = [json.loads(line[len("bench-cpu "):]) for line in err.splitlines() if line.startswith("bench-cpu ")]
    if split:  # the parent's own, reported by the wrapper once the command returned
        parent = min(split[-1]["parent"], tree_cpu)
        out.update(cpu_parent_s=parent, cpu_workers_s=tree_cpu - parent + cluster_cpu)
    if busy0 is not None and busy1 is not None:
        out["others_cpu_s"] = max(0.0, busy1 - busy0 - out["cpu_s"])
    return out


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def plain_loop(paths: dict[str, Path], n: int) -> tuple[float, float, list[tuple[float, float, float]]]:
    """sacrebleu sentence BLEU, chrF and TER, one segment at a time; returns (wall s, CPU s, values)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    bleu, chrf, ter = BLEU(effective_order=True), CHRF(), TER()
    files = [open(paths[k], encoding="utf-8") for k in ("mt", "pseudo1", "pseudo2")]
    rows = []
    for _ in range(n):
        rows.append([f.readline().rstrip("\n") for f in files])
    for f in files:
        f.close()
    values = []
    t0, c0 = time.perf_counter(), time.process_time()
    for hyp, r1, r2 in rows:
        refs = [r1, r2]
        values.append((bleu.sentence_score(hyp, refs).score, chrf.sentence_score(hyp, refs).score,
                       ter.sentence_score(hyp, refs).score))
    return time.perf_counter() - t0, time.process_time() - c0, values


def compare_with_plain(out: Path, values: list[tuple[float, float, float]]) -> float:
    """Largest difference between the records' metrics and the plain loop's, over the sample."""
    worst = 0.0
    with open(out, encoding="utf-8") as fh:
        for vals, line in zip(values, fh, strict=False):
            rec = json.loads(line)
            for v, key in zip(vals, ("bleu", "chrf", "ter"), strict=True):
                worst = max(worst, abs(v - rec[key]))
    return worst


def merge_rounds(rows: list[dict]) -> list[dict]:
    """One row per configuration from several rounds: the median run (by wall time) with the median, min and
    max of the per-round speedups over one process, and every round's wall time."""
    from statistics import median

    merged = []
    for config in dict.fromkeys(r["config"] for r in rows):
        runs = sorted((r for r in rows if r["config"] == config), key=lambda r: r["wall_s"])
        row = dict(runs[(len(runs) - 1) // 2])  # the lower median: a real run, not an average of two
        row.pop("round", None)
        row["rounds"] = len(runs)
        row["walls_s"] = [r["wall_s"] for r in sorted(runs, key=lambda r: r["round"])]
        row["peak_mb"] = max(r["peak_mb"] for r in runs)
        ratios = [r["speedup_vs_one"] for r in runs if "speedup_vs_one" in r]
        if ratios:
            row["speedup_vs_one"] = round(median(ratios), 2)
            row["speedup_min"], row["speedup_max"] = min(ratios), max(ratios)
        merged.append(row)
    return merged


def starter_tasks(config: str) -> int | None:
    """The starter tasks a config asks for: ``dask-nostarter`` 0, ``dask-starterN`` N; None for the default."""
    if config == "dask-nostarter":
        return 0
    m = re.fullmatch(r"dask-starter(\d+)", config)
    return int(m.group(1)) if m else None


def score_command(paths: dict[str, Path], out: Path, config: str, workers: int, chunk: int | None,
                  scheduler: str | None = None) -> list[str]:
    cmd = [sys.executable, "-c", CPU_WRAPPER, "score", str(paths["source"]), str(paths["mt"]), "--aligned",
           "-s", "ru", "-t", "en", "--retranslation", str(paths["pseudo1"]), "--retranslation",
           str(paths["pseudo2"]), "-o", str(out), "--summary", str(out.with_suffix(".summary.json"))]
    if config == "one":
        cmd += ["--workers", "1"]
    elif config == "local":
        cmd += ["--workers", str(workers)]
    elif config == "dask-running":
        cmd += ["--engine", "dask", "--scheduler", str(scheduler)]
    else:
        cmd += ["--engine", "dask", "--workers", str(workers)]
    if chunk:
        cmd += ["--chunk-size", str(chunk)]
    return cmd


def api_command(paths: dict[str, Path], out: Path, config: str, workers: int, chunk: int | None) -> list[str]:
    """The same work through the Python API in a child process (``--via api``)."""
    return [sys.executable, str(Path(__file__).resolve()), "--child", config, "--data", str(paths["mt"].parent),
            "--child-out", str(out), "--workers", str(workers)] + (["--chunk-size", str(chunk)] if chunk else [])


def child(args: argparse.Namespace) -> int:
    """``--child CONFIG``: score the corpus in ``--data`` with the batch pipeline, write ``--child-out``."""
    from mtreview.batch.engines import make_engine
    from mtreview.batch.pipeline import DEFAULT_CHUNK, aligned_items, score_stream
    from mtreview.batch.writers import RecordWriter

    def report() -> None:
        t = os.times()
        print("bench-cpu " + json.dumps({"parent": t.user + t.system, "workers": t.children_user + t.children_system}),
              file=sys.stderr)

    atexit.register(report)
    d = Path(args.data)
    items = aligned_items(d / "source.txt", d / "mt.txt", [d / "pseudo1.txt", d / "pseudo2.txt"], None, "ru", "en")
    if args.child == "dask-nostarter":
        import mtreview.batch.dask_engine

        mtreview.batch.dask_engine.STARTER_TASKS = 0
    engine = make_engine("dask" if args.child.startswith("dask") else "local",
                         workers=1 if args.child == "one" else args.workers)
    with engine, RecordWriter(args.child_out) as writer:
        summary = score_stream(items, engine, writer.write, chunk_size=args.chunk_size or DEFAULT_CHUNK,
                               target_lang="en", progress=False, encode="jsonl")  # as the CLI does
    Path(args.child_out).with_suffix(".summary.json").write_text(json.dumps(summary.to_dict()))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--via", choices=("cli", "api"), default="cli",
                    help="Run 'mtreview score' (default) or the batch pipeline's Python API in the child.")
    ap.add_argument("--child", choices=("one", "local", "dask", "dask-nostarter"), help=argparse.SUPPRESS)
    ap.add_argument("--child-out", help=argparse.SUPPRESS)
    ap.add_argument("--sizes", default="20000,200000,1000000")
    ap.add_argument("--configs", default=",".join(CONFIGS),
                    help=f"Comma-separated, from {', '.join(CONFIGS + EXTRA_CONFIGS)}; dask-running connects to a "
                         "2-worker cluster started just before the run (--scheduler), so Dask's start-up is "
                         "not timed; dask-nostarter starts a LocalCluster without the forked process that scores "
                         "the first tasks while the cluster starts, dask-starterN with N such tasks (default 2).")
    ap.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "mtreview-bench-scale"),
                    help="Folder for the generated corpora (reused between runs).")
    ap.add_argument("--workers", type=int, default=2, help="Local processes / Dask workers.")
    ap.add_argument("--chunk-size", type=int, default=None)
    ap.add_argument("--plain-sample", type=int, default=20000)
    ap.add_argument("--keep", action="store_true", help="Keep the score outputs.")
    ap.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                    help="Before each run, wait up to this long for the machine to be idle (other processes "
                         "below 15%% of the cores), for steadier wall times on a shared machine.")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="Rounds of the configurations, interleaved; the table shows each configuration's median "
                         "wall time and the median (min-max) of the per-round ratios to one process.")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if args.child:
        return child(args)

    from mtreview.batch.synthetic import write_corpus

    sizes = [int(s) for s in args.sizes.split(",")]
    configs = [c for c in args.configs.split(",") if c]
    rows = []
    for n in sizes:
        t = time.perf_counter()
        paths = write_corpus(Path(args.data) / f"n{n}", n, refs=2, seed=0)
        print(f"# {n} segments: data ready in {time.perf_counter() - t:.1f}s ({paths['mt'].parent})", file=sys.stderr)
        outs = {}
        one_rate = None
        with tempfile.TemporaryDirectory(prefix="bench-scale-", dir=args.data) as tmp:
            digests: dict[str, set[str]] = {}
            round_rows: list[dict] = []
            # Rounds interleave the configurations (one, local, dask, one, local, dask, ...), so a slow spell
            # of the machine hits every configuration alike; each round's ratios compare neighbouring runs.
            for rnd in range(args.repeat):
                for config in configs:
                    if config == "plain":
                        continue
                    out = Path(tmp) / f"{config}.jsonl"
                    if args.wait_idle > 0:
                        wait_for_idle(args.wait_idle)
                    load = os.getloadavg()[0]
                    cluster = RunningCluster(args.workers) if config == "dask-running" else None
                    try:
                        if cluster is not None:
                            if args.via != "cli":
                                raise SystemExit("dask-running needs --via cli")
                            cmd = score_command(paths, out, config, args.workers, args.chunk_size, cluster.address)
                            time.sleep(1.0)  # let the cluster's start settle before the clock starts
                        else:
                            make = score_command if args.via == "cli" else api_command
                            cmd = make(paths, out, config, args.workers, args.chunk_size)
                        env = ({**os.environ, "BENCH_DASK_STARTER": str(starter_tasks(config))}
                               if starter_tasks(config) is not None else None)
                        m = run_measured(cmd, cluster, env)
                    finally:
                        if cluster is not None:
                            cluster.close()
                    outs[config] = out
                    digests.setdefault(config, set()).add(sha256(out))
                    row = {"segments": n, "config": config, "round": rnd + 1, "wall_s": round(m["wall_s"], 2),
                           "seg_per_s": round(n / m["wall_s"]), "cpu_s": round(m["cpu_s"], 1),
                           "cpu_parent_s": round(m.get("cpu_parent_s", 0), 2),
                           "cpu_workers_s": round(m.get("cpu_workers_s", 0), 2), "peak_mb": round(m["peak_mb"]),
                           "peak_rss_sum_mb": round(m["peak_rss_mb"]), "load_before": round(load, 2),
                           "others_cpu_s": round(m["others_cpu_s"], 1) if "others_cpu_s" in m else None,
                           "sha256": sha256(out)[:16]}
                    one = next((r for r in round_rows if r["config"] == "one" and r["round"] == rnd + 1), None)
                    if one is not None and config != "one":
                        row["speedup_vs_one"] = round(one["wall_s"] / row["wall_s"], 2)
                    round_rows.append(row)
                    print(json.dumps(row), file=sys.stderr)
            merged = merge_rounds(round_rows) if args.repeat > 1 else round_rows
            one_rate = next((r["seg_per_s"] for r in merged if r["config"] == "one"), None)
            rows.extend(merged)
            identical = len(set().union(*digests.values())) == 1 if digests else False
            for row in rows:
                if row["segments"] == n and row["config"] in digests:
                    row["identical_output"] = identical
            if "plain" in configs:
                k = min(n, args.plain_sample)
                load = os.getloadavg()[0]
                secs, cpu, values = plain_loop(paths, k)
                rate = k / secs
                row = {"segments": n, "config": "plain", "wall_s": round(secs * n / k, 2), "seg_per_s": round(rate),
                       "cpu_s": round(cpu * n / k, 1), "extrapolated_from": k if k < n else None,
                       "load_before": round(load, 2)}
                if outs:
                    row["max_abs_diff_vs_records"] = compare_with_plain(next(iter(outs.values())), values)
                if one_rate:
                    row["one_process_speedup_over_plain"] = round(one_rate / rate, 2)
                    one_cpu = next(r["cpu_s"] for r in rows if r["segments"] == n and r["config"] == "one")
                    # CPU seconds do not depend on what else the machine runs: the fair ratio on a shared box
                    row["one_process_cpu_speedup_over_plain"] = round(cpu * n / k / one_cpu, 2)
                rows.append(row)
                print(json.dumps(row), file=sys.stderr)
            if args.keep:
                for c, p in outs.items():
                    p.replace(Path(args.data) / f"n{n}-{c}.jsonl")
    meta = {"machine": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()}
    if args.json:
        print(json.dumps({"meta": meta, "rows": rows}, indent=1))
        return 0
    print(f"{'segments':>9} {'config':>6} {'wall s':>8} {'seg/s':>7} {'x one':>6} {'PSS MB':>7} {'RSS MB':>7} "
          f"{'cpu s':>8} {'parent':>7} {'workers':>8} {'others':>7} {'load':>5}  same output / note")
    for r in rows:
        note = ""
        if r["config"] == "plain":
            note = (f"extrapolated from {r['extrapolated_from']}" if r.get("extrapolated_from") else "measured")
            if "one_process_speedup_over_plain" in r:
                note += (f"; one process = {r['one_process_speedup_over_plain']}x this "
                         f"({r['one_process_cpu_speedup_over_plain']}x in CPU time)")
            if "max_abs_diff_vs_records" in r:
                note += f"; max |diff| vs records {r['max_abs_diff_vs_records']:.1e}"
        else:
            note = "identical" if r.get("identical_output") else "DIFFERENT" if "identical_output" in r else ""
            if r.get("rounds", 1) > 1:
                note += f"; median of {r['rounds']} runs"
                if "speedup_min" in r:
                    note += f", x one per round {r['speedup_min']}-{r['speedup_max']}"
        print(f"{r['segments']:>9} {r['config']:>6} {r['wall_s']:>8} {r['seg_per_s']:>7} "
              f"{r.get('speedup_vs_one', ''):>6} {r.get('peak_mb', ''):>7} {r.get('peak_rss_sum_mb', ''):>7} "
              f"{r.get('cpu_s', ''):>8} {r.get('cpu_parent_s', ''):>7} {r.get('cpu_workers_s', ''):>8} "
              f"{r.get('others_cpu_s') if r.get('others_cpu_s') is not None else '':>7} "
              f"{r['load_before']:>5}  {note}")
    print(f"# {meta['machine']}, {meta['cpus']} CPUs, Python {meta['python']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
