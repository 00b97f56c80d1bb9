#!/usr/bin/env python
"""Alignment confidence on short documents: Text+Berg 1957 de-fr cut into pieces.

The document (``../shared/benchmarks/textberg-1957-de-fr``) is cut at gold bead boundaries into pieces of
N beads, each aligned on its own with the Google MT as the retranslation:

* against its own French: the related share (``Alignment.related_share``), the share of pieces whose
  confidences are lowered (share below 0.55) or that are warned about as unrelated (below 0.45), and the
  confidence AUC and strict F1 over all pieces together;
* against the French of a piece from the other half of the document (same topic, not a translation): the
  related share, the share of pieces warned about and the mean confidence of the aligned beads.

    python scripts/bench_align_pieces.py               # pieces of 5, 8, 12, 20 and 40 beads
    python scripts/bench_align_pieces.py --sizes 5 10 --json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from statistics import mean

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from bench_align import TEXTBERG, _auc, _lines, score  # noqa: E402

from mtreview.align import RELATED_FULL, RELATED_NONE, align_sentences  # noqa: E402

WARN = (RELATED_FULL + RELATED_NONE) / 2


def pieces(gold: list[tuple[tuple[int, ...], tuple[int, ...]]], size: int) -> list[tuple[int, int, int, int]]:
    """(source start, end, target start, end) of consecutive pieces of ``size`` gold beads."""
    out = []
    for k in range(0, len(gold) - size, size):
        part = gold[k:k + size]
        src = [i for s, _ in part for i in s]
        tgt = [j for _, t in part for j in t]
        if src and tgt:
            out.append((min(src), max(src) + 1, min(tgt), max(tgt) + 1))
    return out


def run(size: int) -> dict[str, object]:
    de, fr = _lines(TEXTBERG / "eval1957.de"), _lines(TEXTBERG / "eval1957.fr")
    mt = _lines(TEXTBERG / "eval1957.google.fr")
    gold = [(tuple(b["de"]), tuple(b["fr"])) for b in json.loads((TEXTBERG / "gold.json").read_text("utf-8"))]
    cuts = pieces(gold, size)
    shares, other_shares, other_conf = [], [], []
    right: list[float] = []
    wrong: list[float] = []
    all_gold, all_test = [], []
    for k, (i0, i1, j0, j1) in enumerate(cuts):
        beads = align_sentences(de[i0:i1], fr[j0:j1], retranslations=[mt[i0:i1]])
        part = {(tuple(i - i0 for i in s), tuple(j - j0 for j in t)) for s, t in gold
                if (s and i0 <= s[0] < i1) or (not s and t and j0 <= t[0] < j1)}
        for b in beads:
            (right if (b.source, b.target) in part else wrong).append(b.confidence)
        # pieces scored together: indices offset so that they do not collide
        all_gold += [(tuple(i + i0 for i in s), tuple(j + j0 for j in t)) for s, t in part]
        all_test += [(tuple(i + i0 for i in b.source), tuple(j + j0 for j in b.target)) for b in beads]
        shares.append(beads.related_share)
        o = cuts[(k + len(cuts) // 2) % len(cuts)]
        other = align_sentences(de[i0:i1], fr[o[2]:o[3]], retranslations=[mt[i0:i1]])
        other_shares.append(other.related_share)
        other_conf += [b.confidence for b in other if b.source and b.target]
    measured = [s for s in shares if s is not None]
    other_measured = [s for s in other_shares if s is not None]
    return {
        "beads_per_piece": size, "pieces": len(cuts),
        "related_measured": len(measured), "related_share_mean": mean(measured) if measured else None,
        "lowered": float(mean(s < RELATED_FULL for s in measured)) if measured else None,
        "warned": float(mean(s < WARN for s in measured)) if measured else None,
        "confidence_auc": _auc(right, wrong), "strict_f1": score(all_gold, all_test)["strict_f1"],
        "unrelated_measured": len(other_measured),
        "unrelated_share_mean": mean(other_measured) if other_measured else None,
        "unrelated_warned": float(mean(s < WARN for s in other_measured)) if other_measured else None,
        "unrelated_confidence_mean": mean(other_conf) if other_conf else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5, 8, 12, 20, 40], help="gold beads per piece")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    rows = [run(size) for size in args.sizes]
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print("| beads per piece | pieces | related share | lowered | warned | confidence AUC | strict F1 "
          "| unrelated: share | warned | mean confidence |")
    print("|---|---|---|---|---|---|---|---|---|---|")

    def f(x: object) -> str:
        return "-" if x is None else f"{x:.2f}" if isinstance(x, float) else str(x)

    for r in rows:
        print("| " + " | ".join(f(r[k]) for k in (
            "beads_per_piece", "pieces", "related_share_mean", "lowered", "warned", "confidence_auc", "strict_f1",
            "unrelated_share_mean", "unrelated_warned", "unrelated_confidence_mean")) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
