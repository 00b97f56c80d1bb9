#!/usr/bin/env python
"""TER alone: ``ter_edits`` in C (``mtreview._ter_native``) beside its pure-Python path and sacrebleu's
``translation_edit_rate``, on the same tokenised pairs, with the edit counts compared one by one.

Data: the MT against each pseudo-reference of a line-aligned corpus (``--data DIR`` with mt.txt,
pseudo1.txt, pseudo2.txt, e.g. ``/tmp/scale/n20000`` written by ``scripts/bench_scale.py``), or, without
``--data``, ``--segments`` rows of the same synthetic generator made in memory. Words come from sacrebleu's
TER tokenizer with ``TER()``'s defaults, as ``mtreview score`` tokenises. Times are CPU seconds of this
process (the machine may be shared); sacrebleu runs on the first ``--sacrebleu-sample`` pairs only (it is
slow) and its rate is per pair.

    .venv/bin/python scripts/bench_ter.py [--data /tmp/scale/n20000] [--segments 20000] [--json]

No files from ../shared/benchmarks are needed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtreview import ter_fast  # noqa: E402
from mtreview.metric_tokens import ter_tokenizer  # noqa: E402

Pair = tuple[list[str], list[str]]


def read_pairs(data: Path | None, segments: int) -> list[Pair]:
    """(MT words, pseudo-reference words) for each line and each pseudo-reference."""
    if data is not None:
        mt = (data / "mt.txt").read_text(encoding="utf-8").split("\n")[:segments]
        refs = [(data / name).read_text(encoding="utf-8").split("\n")[:segments]
                for name in ("pseudo1.txt", "pseudo2.txt") if (data / name).exists()]
    else:
        from mtreview.batch.synthetic import iter_rows

        rows = [r for r, _ in zip(iter_rows(segments, refs=2), range(segments), strict=False)]
        mt = [r[1] for r in rows]
        refs = [[r[2] for r in rows], [r[3] for r in rows]]
    tok = ter_tokenizer()
    pairs = []
    for k, hyp in enumerate(mt):
        for ref in refs:
            if k < len(ref):
                pairs.append((tok(hyp.rstrip()).split(), tok(ref[k].rstrip()).split()))
    return pairs


def timed(func: Callable[[list[str], list[str]], tuple[int, int]], pairs: list[Pair]) -> tuple[float, list[int]]:
    """CPU seconds and the edit counts of ``func`` over ``pairs``."""
    t0 = time.process_time()
    edits = [func(h, r)[0] for h, r in pairs]
    return time.process_time() - t0, edits


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="folder with mt.txt, pseudo1.txt, pseudo2.txt")
    ap.add_argument("--segments", type=int, default=20000)
    ap.add_argument("--sacrebleu-sample", type=int, default=2000, help="pairs given to sacrebleu (0: none)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    if args.data is not None and not (args.data / "mt.txt").exists():
        print(f"bench_ter: {args.data}/mt.txt is missing (scripts/bench_scale.py --data writes it)",
              file=sys.stderr)
        return 2
    pairs = read_pairs(args.data, args.segments)
    load = os.getloadavg()[0]

    results = []
    native = ter_fast._NATIVE
    py_s, py_edits = timed(ter_fast.ter_edits_python, pairs)
    results.append({"path": "python (ter_edits_python)", "pairs": len(pairs), "cpu_s": py_s})
    if native is not None:
        c_s, c_edits = timed(ter_fast.ter_edits, pairs)
        results.append({"path": "C (mtreview._ter_native)", "pairs": len(pairs), "cpu_s": c_s,
                        "differences_vs_python": sum(a != b for a, b in zip(c_edits, py_edits, strict=True))})
    sample = pairs[:args.sacrebleu_sample]
    if sample:
        from sacrebleu.metrics.lib_ter import translation_edit_rate

        s_s, s_edits = timed(translation_edit_rate, sample)
        row = {"path": "sacrebleu translation_edit_rate", "pairs": len(sample), "cpu_s": s_s,
               "differences_vs_python": sum(a != b for a, b in zip(s_edits, py_edits, strict=False))}
        if native is not None:
            row["differences_vs_c"] = sum(a != b for a, b in zip(s_edits, c_edits, strict=False))
        results.append(row)
    for r in results:
        r["us_per_pair"] = 1e6 * r["cpu_s"] / max(1, r["pairs"])
    words = sum(len(h) + len(r) for h, r in pairs) / max(1, 2 * len(pairs))
    meta = {"data": str(args.data) if args.data else f"synthetic ({args.segments} rows)", "load_before": load,
            "mean_words": round(words, 1), "native_built": native is not None,
            "machine": f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"}

    if args.json:
        print(json.dumps({"meta": meta, "results": results}, indent=1))
        return 0
    base = results[0]["us_per_pair"]
    print(f"# TER on {len(pairs)} pairs, {meta['mean_words']} words per side on average; {meta['data']}")
    print(f"{'path':34} {'pairs':>7} {'cpu s':>8} {'us/pair':>9} {'x python':>9}  differences")
    for r in results:
        diffs = ", ".join(f"{k.split('_vs_')[1]}: {v}" for k, v in r.items() if k.startswith("differences_vs_"))
        print(f"{r['path']:34} {r['pairs']:>7} {r['cpu_s']:>8.2f} {r['us_per_pair']:>9.1f} "
              f"{base / r['us_per_pair']:>9.2f}  {diffs or '-'}")
    if native is None:
        print("# the C module is not built (or MTREVIEW_NO_NATIVE is set): python path only")
    print(f"# load before: {load:.2f}; {meta['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
