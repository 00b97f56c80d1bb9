#!/usr/bin/env python
"""Benchmark the review TUI on a generated 100,000-segment project (Cyrillic source text).

Measures, in a fresh child process so memory is the app's own:
  - time to first paint: from building the app to the first painted list rows (headless driver);
  - time per move (j, page down) and per decision (a: one committed SQLite transaction, then the repaint);
  - time of the order toggle (s) and of a search (/) over every segment ("Baku": about 2.6% of them);
  - time of a move onto a very long segment (about 122,000 and 25,000 characters: a page on one
    ``--aligned`` line) and back;
  - peak memory (max RSS of the child process).
With tmux installed it also times a real terminal: ``mtreview review PROJECT`` started in a tmux pane until
the header shows (Python start-up and imports included).

Goals (issue 6): first paint <= 2 s, a move or a decision <= 50 ms, memory <= 500 MB.

    python scripts/bench_tui.py                 # table
    python scripts/bench_tui.py --json          # one JSON object
    python scripts/bench_tui.py --segments 20000 --keep /tmp/bench.mtr
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

GOALS = {"first_paint_s": 2.0, "move_ms": 50.0, "decision_ms": 50.0, "peak_rss_mb": 500.0}
FLAG_NAMES = ("numbers", "names", "length_ratio", "untranslated", "repetition")
LONG_ROWS = (1000, 200)  # the last segments join this many generated rows: ~122,000 and ~25,000 characters
SEARCH_TEXT = "Baku"
SEARCH_REPEAT = 5
LONG_REPEAT = 3


def build(path: Path, n: int, seed: int = 0) -> None:
    """A project of ``n`` 1-1 segments with two retranslations each, risks, confidences and some flags;
    the last ``len(LONG_ROWS)`` are very long (many sentences on one line)."""
    from mtreview.batch.synthetic import iter_rows
    from mtreview.segment import Sentence
    from mtreview.store import Project

    rng = random.Random(seed)
    long_n = len(LONG_ROWS) if n > 2 * len(LONG_ROWS) else 0
    rows = list(iter_rows(n - long_n + sum(LONG_ROWS[:long_n]), refs=2, seed=seed))
    rest, rows = rows[n - long_n:], rows[:n - long_n]
    for size in LONG_ROWS[:long_n]:
        chunk, rest = rest[:size], rest[size:]
        rows.append(tuple(" ".join(col) for col in zip(*chunk, strict=True)))
    proj = Project.create(path, "ru", "en", name=f"bench-{n}", overwrite=True)
    try:
        for role, lang, col in (("source", "ru", 0), ("mt", "en", 1)):
            sents = [Sentence(i, i, r[col]) for i, r in enumerate(rows)]
            proj.add_document(role, lang, "\n".join(s.text for s in sents), sents)
        ids = proj.add_segments(((i,), (i,), r[0], r[1], round(rng.random(), 3)) for i, r in enumerate(rows))
        proj.add_candidates(
            (seg_id, "retranslation", "synthetic" if k == 0 else f"synthetic#{k + 1}", r[2 + k], "synthetic",
             {"beam": 4}, k)
            for seg_id, r in zip(ids, rows, strict=True) for k in range(2))
        proj.set_risks((seg_id, round(rng.random(), 3)) for seg_id in ids)
        with proj.transaction() as conn:
            conn.executemany(
                "INSERT INTO flags(segment_id, name, detail, severity) VALUES (?,?,?,?)",
                [(seg_id, rng.choice(FLAG_NAMES), "generated flag for the benchmark", 0.5)
                 for seg_id in ids if rng.random() < 0.2])
        proj.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        proj.close()


def _ms(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {"median": 1000 * statistics.median(values), "p95": 1000 * values[int(0.95 * (len(values) - 1))],
            "max": 1000 * values[-1]}


class PaintClock:
    """Timestamps of the app's screen updates. The headless driver skips turning an update into terminal
    output, so this does it too (``render_segments``), to count what a real terminal costs."""

    def __init__(self, app) -> None:
        from textual._compositor import CompositorUpdate

        self.stamps: list[float] = []
        original = app._display

        def display(screen, renderable) -> None:
            if renderable is not None:
                if isinstance(renderable, CompositorUpdate):
                    renderable.render_segments(app.console)
                self.stamps.append(time.perf_counter())
            original(screen, renderable)

        app._display = display

    async def settle(self, quiet: float = 0.05, timeout: float = 10.0) -> None:
        """Wait until nothing was painted for ``quiet`` seconds."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            last = self.stamps[-1] if self.stamps else start
            if time.perf_counter() - last >= quiet:
                return
            await asyncio.sleep(0.005)

    async def time_key(self, app, key: str, quiet: float = 0.05, timeout: float = 10.0) -> tuple[float, float]:
        """Seconds from a key press to the last paint it caused, and the CPU seconds spent meanwhile."""
        from textual import events

        await self.settle(quiet)
        n = len(self.stamps)
        t0, c0 = time.perf_counter(), time.process_time()
        char = key if len(key) == 1 else None
        app._driver.send_message(events.Key(key, char))
        while len(self.stamps) == n:
            if time.perf_counter() - t0 > timeout:
                raise RuntimeError(f"key {key!r} painted nothing within {timeout:g} s (end of the list?)")
            await asyncio.sleep(0.001)
        await self.settle(quiet)
        end = self.stamps[-1]
        return end - t0, time.process_time() - c0


async def _submit(app, pilot, key: str, text: str) -> None:
    """Open the dialog of ``key`` and type ``text`` (not yet submitted)."""
    from mtreview.tui.screens.dialogs import InputDialog

    await pilot.press(key)
    while not isinstance(app.screen, InputDialog):
        await asyncio.sleep(0.001)
    await pilot.press(*text)


async def _long_moves(app, pilot, clock: PaintClock) -> dict[str, object]:
    """Go to the segment before each very long one, then time ``j`` onto it and ``k`` back (the first
    visit and the median of the rest)."""
    view = app.screen.view
    lengths = dict(view.project.conn.execute("SELECT id, length(mt_text) FROM segments WHERE active=1"))
    longest = sorted(view.doc_ids, key=lambda i: -lengths[i])[:len(LONG_ROWS)]
    out: dict[str, object] = {}
    for seg_id in sorted(longest, key=lambda i: -lengths[i]):
        number = view.number[seg_id]
        if lengths[seg_id] < 10_000 or number < 2:
            continue
        await _submit(app, pilot, "g", str(number - 1))
        await clock.time_key(app, "enter")
        onto, back = [], []
        for _ in range(LONG_REPEAT):
            onto.append((await clock.time_key(app, "j"))[0])
            back.append((await clock.time_key(app, "k"))[0])
        out[f"long_{lengths[seg_id]}_chars"] = {"onto_first_ms": 1000 * onto[0], "onto_ms": _ms(onto),
                                                "back_ms": _ms(back)}
    await _submit(app, pilot, "g", "1")  # leave the long segments: the next measures repaint the cursor's
    await clock.time_key(app, "enter")
    return out


async def _measure(project: Path, moves: int, decisions: int) -> dict[str, object]:
    from mtreview.tui.app import make_app
    from mtreview.tui.screens.main import MainScreen

    t0 = time.perf_counter()
    app = make_app(project, reviewer="bench", cursor_blink=False)
    async with app.run_test(size=(160, 50)) as pilot:
        clock = PaintClock(app)
        while not (isinstance(app.screen, MainScreen) and app.screen.view._rows):
            await asyncio.sleep(0.001)
        first_paint = time.perf_counter() - t0
        await clock.settle(0.3)
        screen = app.screen
        timings: dict[str, list[float]] = {"move": [], "page": [], "decision": []}
        cpu: dict[str, list[float]] = {"move": [], "page": [], "decision": []}
        for kind, key, count in (("move", "j", moves), ("page", "pagedown", max(1, moves // 4)),
                                 ("decision", "a", decisions)):
            for _ in range(count):
                wall, used = await clock.time_key(app, key)
                timings[kind].append(wall)
                cpu[kind].append(used)
        long_moves = await _long_moves(app, pilot, clock)
        order_s, _ = await clock.time_key(app, "s")
        searches: list[float] = []
        for _ in range(SEARCH_REPEAT):
            await _submit(app, pilot, "slash", SEARCH_TEXT)
            searches.append((await clock.time_key(app, "enter"))[0])
            hits = len(screen.view)
            await pilot.press("escape")
            while screen.view.filter.active:
                await asyncio.sleep(0.001)
        reviewed = screen.view.reviewed
        total = screen.view.total
    return {
        "segments": total,
        "first_paint_s": first_paint,
        "move_ms": _ms(timings["move"]),
        "move_cpu_ms": _ms(cpu["move"]),
        "page_down_ms": _ms(timings["page"]),
        "decision_ms": _ms(timings["decision"]),
        "decision_cpu_ms": _ms(cpu["decision"]),
        "order_toggle_ms": 1000 * order_s,
        "search_text": SEARCH_TEXT,
        "search_hits": hits,
        "search_first_ms": 1000 * searches[0],
        "search_ms": _ms(searches),
        "long_segments": long_moves,
        "decisions_stored": reviewed,
        "peak_rss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """Peak resident memory of this process. Linux: VmHWM, which belongs to this program's own address
    space (``ru_maxrss`` carries over the parent's peak across fork and exec, here the project builder's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tmux_first_paint(project: Path, timeout: float = 30.0) -> float | None:
    """Seconds from starting ``mtreview review`` in a tmux pane to the header on screen (None: no tmux)."""
    if shutil.which("tmux") is None:
        return None
    session = f"bench-tui-{os.getpid()}"
    exe = Path(sys.executable).with_name("mtreview")
    cmd = f"{exe if exe.exists() else sys.executable + ' -m mtreview'} review {project} --reviewer bench"
    env = dict(os.environ, TERM="xterm-256color")
    t0 = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "50", cmd], check=True, env=env)
    try:
        while time.perf_counter() - t0 < timeout:
            out = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            if "Reviewed " in out and "Segment " in out:
                return time.perf_counter() - t0
            time.sleep(0.01)
        return float("nan")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def child(project: Path, moves: int, decisions: int) -> None:
    print(json.dumps(asyncio.run(_measure(project, moves, decisions))))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--segments", type=int, default=100_000)
    ap.add_argument("--moves", type=int, default=200)
    ap.add_argument("--decisions", type=int, default=100)
    ap.add_argument("--keep", type=Path, help="build the project here (reused when it exists)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.moves, args.decisions)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="bench_tui_"))
    try:
        project = args.keep or tmp / "bench.mtr"
        build_s = None
        if not project.exists():
            t = time.perf_counter()
            build(project, args.segments)
            build_s = time.perf_counter() - t
        work = tmp / "work.mtr"  # decisions go to a copy, so a kept project stays unreviewed
        shutil.copy(project, work)
        out = subprocess.run([sys.executable, __file__, "--child", str(work), "--moves", str(args.moves),
                              "--decisions", str(args.decisions)], capture_output=True, text=True)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return 1
        result = json.loads(out.stdout.strip().splitlines()[-1])
        result["build_s"] = build_s
        shutil.copy(project, work)
        result["tmux_first_paint_s"] = tmux_first_paint(work)
        result["goals"] = GOALS
        result["machine"] = f"{os.cpu_count()} CPU(s), {sys.platform}, Python {sys.version.split()[0]}"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    met = {
        "first_paint_s": result["first_paint_s"] <= GOALS["first_paint_s"],
        "move_ms": result["move_ms"]["p95"] <= GOALS["move_ms"],
        "decision_ms": result["decision_ms"]["p95"] <= GOALS["decision_ms"],
        "peak_rss_mb": result["peak_rss_mb"] <= GOALS["peak_rss_mb"],
    }
    print(f"review TUI benchmark: {result['segments']:,} segments ({result['machine']})")
    print(f"{'measure':<34}{'value':>14}  goal")
    rows = [
        ("first paint (headless, in-process)", f"{result['first_paint_s']:.2f} s", "<= 2 s", met["first_paint_s"]),
        ("first paint (tmux, process start)",
         "n/a (no tmux)" if result["tmux_first_paint_s"] is None else f"{result['tmux_first_paint_s']:.2f} s",
         "", None),
        ("move j, median / p95", f"{result['move_ms']['median']:.1f} / {result['move_ms']['p95']:.1f} ms",
         "<= 50 ms", met["move_ms"]),
        ("page down, median / p95", f"{result['page_down_ms']['median']:.1f} / {result['page_down_ms']['p95']:.1f} ms",
         "", None),
        ("decision a, median / p95",
         f"{result['decision_ms']['median']:.1f} / {result['decision_ms']['p95']:.1f} ms", "<= 50 ms",
         met["decision_ms"]),
        ("toggle order s", f"{result['order_toggle_ms']:.0f} ms", "", None),
        (f"search {result['search_text']!r} ({result['search_hits']:,} hits) first/median",
         f"{result['search_first_ms']:.0f} / {result['search_ms']['median']:.0f} ms", "", None),
        *((f"onto {int(name.split('_')[1]):,} chars first/median",
           f"{m['onto_first_ms']:.0f} / {m['onto_ms']['median']:.0f} ms", "", None)
          for name, m in result["long_segments"].items()),
        ("peak memory (max RSS)", f"{result['peak_rss_mb']:.0f} MB", "<= 500 MB", met["peak_rss_mb"]),
    ]
    for name, value, goal, ok in rows:
        mark = "" if ok is None else ("  met" if ok else "  NOT MET")
        print(f"{name:<34}{value:>14}  {goal}{mark}")
    if build_s is not None:
        print(f"(project generated in {build_s:.1f} s; decisions stored: {result['decisions_stored']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
