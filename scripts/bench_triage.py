#!/usr/bin/env python
"""Triage quality: does ``risk`` find the translations that professional MQM annotators marked as bad?

On WMT 2021 MQM TED en-de (``../shared/benchmarks/mqm-ted-ende``), as its README prescribes: every rated
(system, segment) with one system as "the MT" and the next k systems (sorted, skipping the human ``ref``) as
pseudo-references; Kendall tau-b between ``-risk`` and the MQM score over all pairs, and ROC AUC of ``risk``
for "has a major error" (score <= -5), for k = 1, 2 and 4.

Rows of the table:
- risk, cross-validated: the risk model refitted with each TED talk held out in turn (what fit_risk.py
  does), so every pair is scored by weights that never saw its document. This is the honest figure.
- risk, shipped weights: mtreview/data/risk_weights.json as shipped (fitted on all of this data: in-sample).
- chrF vs the same k pseudo-references, and chrF vs the human reference (the README's baselines).

    python scripts/bench_triage.py
    python scripts/bench_triage.py --json
"""

from __future__ import annotations

import argparse
import json

import mqm_ted

from mtreview import risk
from mtreview.scoring import score_batch

DEFAULT_K = (1, 2, 4)


def evaluate(k: int, workers: int, objective: str, l2: float) -> dict[str, dict[str, float]]:
    data, feats, chrf, ref_chrf = mqm_ted.features(k, workers)
    mqm = [p.mqm for p in data]
    major = [m <= mqm_ted.MAJOR for m in mqm]
    cv = mqm_ted.cross_validate(data, feats, k, objective, l2)
    shipped = [r["risk"] for r in score_batch([p.item for p in data])]
    rows = {
        "risk, cross-validated by document": cv,
        "risk, shipped weights (in-sample)": shipped,
        f"chrF vs the same {k} pseudo-refs": [-c for c in chrf],
        "chrF vs the human reference": [-c for c in ref_chrf],
    }
    return {name: {"kendall_tau": round(risk.kendall_tau([-s for s in scores], mqm), 4),
                   "roc_auc_major": round(risk.roc_auc(scores, major), 4)}
            for name, scores in rows.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-k", type=int, nargs="+", default=list(DEFAULT_K), help="pseudo-reference counts")
    ap.add_argument("--workers", type=int, default=2, help="processes for scoring")
    ap.add_argument("--objective", choices=mqm_ted.OBJECTIVES, default="pairwise", help="as in fit_risk.py")
    ap.add_argument("--l2", type=float, default=10.0, help="as in fit_risk.py")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    mqm_ted.require()
    results = {str(k): evaluate(k, args.workers, args.objective, args.l2) for k in args.k}
    if args.json:
        print(json.dumps({"data": "WMT21 MQM TED en-de", "pairs": 6877, "by_k": results}, indent=1))
        return 0
    print("WMT21 MQM TED en-de, 13 systems x 529 segments (6877 rated pairs); tau: -score vs MQM, "
          "AUC: major errors")
    print(f"{'k':>2}  {'scorer':<38} {'Kendall tau':>11} {'ROC AUC':>8}")
    for k, rows in results.items():
        for name, fig in rows.items():
            print(f"{k:>2}  {name:<38} {fig['kendall_tau']:>11.4f} {fig['roc_auc_major']:>8.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
