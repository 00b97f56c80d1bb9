#!/usr/bin/env python
"""Scoring speed: segments per second of ``score_batch`` (the full record: BLEU, chrF, chrF++, TER against
k pseudo-references, their agreement, the checks, the diff and the risk) beside a plain per-segment
sacrebleu loop (BLEU + chrF + TER, ``sentence_score`` each), in one process, on the same data, with the
metric values compared one by one.

Data: WMT21 MQM TED en-de translations (``../shared/benchmarks/mqm-ted-ende``); each segment takes one
system's output as the MT and the next k systems' as pseudo-references, and every string gets a unique tag
so that sacrebleu's tokenizer caches (``lru_cache``) cannot make repeated strings look fast. Without the
benchmark data, a synthetic corpus (``--synthetic``) is used. Modes run interleaved, ``--rounds`` times;
the best round of each counts, in CPU seconds of this process (the machine may be shared).

    python scripts/bench_score.py                       # 2000 segments, 4 pseudo-references
    python scripts/bench_score.py --segments 5000 --refs 2 --json

Modes are a registry (``MODES``): another mode (a process pool, a Dask cluster, a size sweep) is one more
function taking the rows and returning records.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtreview.scoring import ScoreItem, score_batch  # noqa: E402

Row = tuple[str, str, tuple[str, ...]]  # source, MT, pseudo-references


def _letters(n: int) -> str:
    """A distinct tag made of letters only (digits would send tokenizers down their number paths)."""
    out = ""
    while True:
        n, d = divmod(n, 26)
        out += chr(97 + d)
        if not n:
            return out


def ted_rows(n: int, k: int) -> list[Row]:
    """Unique (source, MT, refs) rows from the MQM TED data, cycling systems and segments."""
    import mqm_ted

    texts, sources, _, _ = mqm_ted.load()
    names = mqm_ted.systems(texts)
    segs = sorted(sources)
    rows: list[Row] = []
    i = 0
    while len(rows) < n:
        si, seg = divmod(i, len(segs))
        si %= len(names)
        system = names[si]
        seg = segs[seg]
        i += 1
        tag = "#" + _letters(len(rows))
        refs = tuple(texts[(names[(si + d) % len(names)], seg)] + f" {tag}{_letters(d)}" for d in range(1, k + 1))
        rows.append((sources[seg], texts[(system, seg)] + f" {tag}", refs))
    return rows


def synthetic_rows(n: int, k: int) -> list[Row]:
    """Rows from the synthetic generator (for machines without the benchmark data)."""
    from mtreview.batch.synthetic import iter_rows

    return [(r[0], r[1], tuple(r[2:2 + k])) for r, _ in zip(iter_rows(n, refs=k), range(n), strict=False)]


def plain_sacrebleu(rows: list[Row]) -> list[tuple[float, float, float]]:
    """The baseline: sacrebleu's own metric objects, one segment at a time."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    bleu, chrf, ter = BLEU(effective_order=True), CHRF(), TER()
    return [(bleu.sentence_score(mt, list(refs)).score, chrf.sentence_score(mt, list(refs)).score,
             ter.sentence_score(mt, list(refs)).score) for _, mt, refs in rows]


def full_record(rows: list[Row]) -> list[tuple[float, float, float]]:
    """mtreview: the whole record per segment (metrics, chrF++, agreement, checks, diff, risk)."""
    items = [ScoreItem(i + 1, src, mt, refs, None, "en", "de") for i, (src, mt, refs) in enumerate(rows)]
    return [(r["bleu"], r["chrf"], r["ter"]) for r in score_batch(items)]


MODES: dict[str, Callable[[list[Row]], list[tuple[float, float, float]]]] = {
    "sacrebleu loop (BLEU+chrF+TER)": plain_sacrebleu,
    "mtreview full record": full_record,
}
BASELINE = "sacrebleu loop (BLEU+chrF+TER)"


def run(rows: list[Row], rounds: int) -> tuple[dict[str, float], dict[str, list]]:
    """Best segments/s of each mode over interleaved rounds, and each mode's values (from its last round)."""
    best: dict[str, float] = {}
    values: dict[str, list] = {}
    for _ in range(rounds):
        for name, func in MODES.items():
            gc.collect()
            # CPU time of this process: the measure that stays put when other work shares the machine.
            t0 = time.process_time()
            values[name] = func(rows)
            rate = len(rows) / (time.process_time() - t0)
            best[name] = max(best.get(name, 0.0), rate)
    return best, values


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--scale" in argv:  # corpus scale (20k/200k/1M; local workers, Dask): scripts/bench_scale.py
        import bench_scale

        sys.argv = [bench_scale.__file__, *(a for a in argv if a != "--scale")]
        return bench_scale.main()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="--scale: run scripts/bench_scale.py (its options follow) instead.")
    ap.add_argument("--segments", type=int, default=2000)
    ap.add_argument("--refs", type=int, default=4, help="pseudo-references per segment")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--synthetic", action="store_true", help="use generated text instead of the TED data")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)

    import mqm_ted

    if args.synthetic:
        rows, data = synthetic_rows(args.segments, args.refs), "synthetic"
    else:
        mqm_ted.require()
        rows, data = ted_rows(args.segments, args.refs), "WMT21 MQM TED en-de"
    best, values = run(rows, args.rounds)
    base = values[BASELINE]
    worst = 0.0
    for vals in values.values():
        for a, b in zip(vals, base, strict=True):
            worst = max(worst, *(abs(x - y) for x, y in zip(a, b, strict=True)))
    result = {
        "data": data, "segments": len(rows), "pseudo_references": args.refs, "rounds": args.rounds,
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        "segments_per_s": {k: round(v, 1) for k, v in best.items()},
        "speedup": {k: round(v / best[BASELINE], 2) for k, v in best.items()},
        "max_abs_difference_vs_sacrebleu": worst,
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{data}: {len(rows)} unique segments, {args.refs} pseudo-references, one process, "
          f"best of {args.rounds} interleaved rounds")
    print(f"{'mode':<34} {'segments/s':>11} {'speed-up':>9}")
    for name, rate in best.items():
        print(f"{name:<34} {rate:>11.1f} {rate / best[BASELINE]:>8.2f}x")
    print(f"largest |difference| of BLEU/chrF/TER vs sacrebleu: {worst:.3g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
