#!/usr/bin/env python
"""Alignment where one side lacks many sentences of the other: Text+Berg 1957 de-fr, altered.

Two cases, each on the first N German sentences (with the French of their gold beads; N = 120 by default,
QA's excerpt) and on the whole document, with the Google MT as the retranslation and with no MT:

* **MT drops every k-th sentence**: the French of every gold bead whose first German sentence ``i`` has
  ``i % k == 1`` is removed (those German sentences become unaligned in the gold); strict and lax
  precision, recall and F1 as ``bench_align.py`` scores them, and the confidence AUC.
* **source twice**: the German pasted twice (its retranslation too) against the French once. A right
  alignment aligns each French sentence with its gold partner in either copy and leaves the other copy's
  sentences unaligned. Scored over the aligned beads only (a bead of the second copy is folded onto the
  first): precision (aligned beads that are a gold bead of either copy), recall (gold beads with both sides
  found in either copy), F1, the number of wrong aligned beads, and the confidence AUC.

    python scripts/bench_align_missing.py                 # k = 3, N = 120 and the whole document
    python scripts/bench_align_missing.py --every 2 3 4 --json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from bench_align import TEXTBERG, BeadT, _auc, _counts, _lines, rates, score  # noqa: E402

from mtreview.align import Alignment, align_sentences  # noqa: E402


def excerpt(gold: Sequence[BeadT], n: int) -> tuple[list[BeadT], int]:
    """The gold beads of the first ``n`` source sentences (and the target-only beads among them), and the
    number of target sentences they cover."""
    starts = [t[0] for s, t in gold if s and t and s[0] >= n]
    m = min(starts) if starts else 1 + max(j for _, t in gold for j in t)
    part = [(s, t) for s, t in gold if (s and s[-1] < n) or (not s and t and t[0] < m)]
    return part, m


def drop_every(gold: Sequence[BeadT], k: int) -> tuple[list[int], list[BeadT]]:
    """The target sentences kept when the target of every gold bead whose first source sentence ``i`` has
    ``i % k == 1`` is dropped, and the gold re-indexed (the dropped beads' source sentences unaligned)."""
    def dropped(s: tuple[int, ...]) -> bool:
        return bool(s) and s[0] % k == 1

    kept = sorted(j for s, t in gold if not dropped(s) for j in t)
    new_index = {j: x for x, j in enumerate(kept)}
    out: list[BeadT] = []
    for s, t in gold:
        if dropped(s):
            out += [((i,), ()) for i in s]
        else:
            out.append((s, tuple(new_index[j] for j in t)))
    return kept, out


def score_twice(gold: Sequence[BeadT], test: Sequence[BeadT], n: int) -> dict[str, float]:
    """Aligned beads of a source pasted twice (``n`` sentences a copy) against the gold of one copy: a bead
    of the second copy is folded onto the first; null beads are left out of both precision and recall."""
    folded = [(tuple(i % n for i in s) if s and s[0] >= n and s[-1] >= n else s, t) for s, t in test if s and t]
    aligned_gold = [b for b in gold if b[0] and b[1]]
    out = rates(_counts(aligned_gold, folded), _counts(folded, aligned_gold))
    out["aligned"] = len(folded)
    out["wrong"] = sum(1 for b in folded if b not in set(aligned_gold))
    return out


def _auc_of(beads: Alignment, right: set[BeadT]) -> float | None:
    return _auc([b.confidence for b in beads if (b.source, b.target) in right],
                [b.confidence for b in beads if (b.source, b.target) not in right])


def run(every: Sequence[int], sizes: Sequence[int | None]) -> list[dict[str, object]]:
    de, fr = _lines(TEXTBERG / "eval1957.de"), _lines(TEXTBERG / "eval1957.fr")
    g_fr = _lines(TEXTBERG / "eval1957.google.fr")
    whole = [(tuple(b["de"]), tuple(b["fr"])) for b in json.loads((TEXTBERG / "gold.json").read_text("utf-8"))]
    rows: list[dict[str, object]] = []
    for n in sizes:
        gold, m = excerpt(whole, n) if n else (whole, len(fr))
        n = n or len(de)
        data = f"textberg de 0-{n}" if n < len(de) else "textberg-1957-de-fr"
        for mt_label, mt in (("Google MT (de->fr)", g_fr[:n]), ("no MT", None)):
            for k in every:
                kept, gd = drop_every(gold, k)
                beads = align_sentences(de[:n], [fr[j] for j in kept], retranslations=[mt] if mt else None)
                test = [(b.source, b.target) for b in beads]
                rows.append({"data": data, "case": f"MT drops 1 in {k}", "setting": mt_label,
                             "confidence_auc": _auc_of(beads, set(gd)), **score(gd, test)})
            beads = align_sentences(de[:n] * 2, fr[:m], retranslations=[mt * 2] if mt else None)
            test = [(b.source, b.target) for b in beads]
            either = set(gold) | {(tuple(i + n for i in s), t) for s, t in gold}
            rows.append({"data": data, "case": "source twice", "setting": mt_label,
                         "confidence_auc": _auc_of(beads, {b for b in either if b[0] and b[1]}),
                         **score_twice(gold, test, n)})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=int, nargs="+", default=[3], help="k: the MT drops every k-th sentence")
    ap.add_argument("--sentences", type=int, default=120,
                    help="the excerpt's German sentences (besides the whole document; 0: whole document only)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    if not TEXTBERG.is_dir():
        raise SystemExit(f"bench_align_missing: {TEXTBERG} is missing (see the benchmarks README)")
    rows = run(args.every, ([args.sentences] if args.sentences else []) + [None])
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'data':20} {'case':22} {'setting':20} {'strict P':>8} {'R':>6} {'F1':>6} {'lax P':>6} {'R':>6}"
          f" {'F1':>6} {'AUC':>5}  notes")
    for r in rows:
        auc = r["confidence_auc"]
        note = f"{r['wrong']} of {r['aligned']} aligned beads wrong" if "wrong" in r else ""
        print(f"{r['data']:20} {r['case']:22} {r['setting']:20} {r['strict_p']:8.3f} {r['strict_r']:6.3f}"
              f" {r['strict_f1']:6.3f} {r['lax_p']:6.3f} {r['lax_r']:6.3f} {r['lax_f1']:6.3f}"
              f" {auc if auc is None else format(auc, '5.3f'):>5}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
