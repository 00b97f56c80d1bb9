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

With ``--diagnose``, where the cross-validated risk stands against what limits it: the same figures within
each MQM annotator's share (annotators differ a lot in strictness, and no input can know who annotates),
the AUC of the annotator's identity alone (each one's rate of major errors: an oracle, not a scorer), and
Kendall tau within segments (how well risk orders the 13 systems' translations of the same source).

With ``-k 0 --source-similarity`` (needs the ``embed`` extra): the reference-free model that the product uses
where a segment has no pseudo-reference and the extra is installed (``0+emb``: the k = 0 features and the
cosine of the source and the MT), cross-validated, as shipped, and the similarity alone.

With ``--embedding-features`` (needs the ``embed`` extra), an experiment: one more cross-validated row, the
risk model refitted with three sentence-embedding similarities added (source vs MT across languages, MT vs
its pseudo-references, MT vs their centroid; ``mqm_ted.add_embedding_features``), to measure what the one
multilingual model that installs offline here would add to the product's features.

    python scripts/bench_triage.py
    python scripts/bench_triage.py --json
    python scripts/bench_triage.py -k 4 --diagnose
    python scripts/bench_triage.py -k 4 --embedding-features
    python scripts/bench_triage.py -k 0 --source-similarity
"""

from __future__ import annotations

import argparse
import json

import mqm_ted

from mtreview import risk
from mtreview.scoring import score_batch

DEFAULT_K = (1, 2, 4)


def _within_segments(scores: list[float], data: list[mqm_ted.Pair]) -> float:
    """Kendall tau of -score vs MQM counted over pairs of translations of the same segment only."""
    import numpy as np

    by_seg: dict[int, list[int]] = {}
    for i, p in enumerate(data):
        by_seg.setdefault(p.seg_id, []).append(i)
    s = np.asarray(scores, dtype=float)
    m = np.array([p.mqm for p in data])
    con = dis = 0
    for idx in by_seg.values():
        a, b = -s[idx], m[idx]
        prod = np.sign(a[:, None] - a[None, :]) * np.sign(b[:, None] - b[None, :])
        con += int((prod > 0).sum()) // 2
        dis += int((prod < 0).sum()) // 2
    return (con - dis) / (con + dis) if con + dis else float("nan")


def diagnose(data: list[mqm_ted.Pair], cv: list[float]) -> dict[str, dict[str, float]]:
    """Figures that show what limits the triage figures (see the module docstring)."""
    who = mqm_ted.raters()
    rater = [who.get((p.system, p.seg_id), "?") for p in data]
    mqm = [p.mqm for p in data]
    major = [m <= mqm_ted.MAJOR for m in mqm]
    out: dict[str, dict[str, float]] = {}
    for name in sorted(set(rater)):
        idx = [i for i, r in enumerate(rater) if r == name]
        out[f"risk (CV) within {name}'s {len(idx)} pairs"] = {
            "kendall_tau": round(risk.kendall_tau([-cv[i] for i in idx], [mqm[i] for i in idx]), 4),
            "roc_auc_major": round(risk.roc_auc([cv[i] for i in idx], [major[i] for i in idx]), 4)}
    rate = {name: sum(major[i] for i, r in enumerate(rater) if r == name) / rater.count(name)
            for name in set(rater)}
    by_rater = [rate[r] for r in rater]
    out["annotator identity alone (oracle)"] = {
        "kendall_tau": round(risk.kendall_tau([-v for v in by_rater], mqm), 4),
        "roc_auc_major": round(risk.roc_auc(by_rater, major), 4)}
    out["risk (CV), tau within segments"] = {"kendall_tau": round(_within_segments(cv, data), 4),
                                            "roc_auc_major": None}  # no AUC within segments
    return out


def evaluate(k: int, workers: int, objective: str, l2: float, diagnostics: bool = False,
             embedding_features: bool = False, source_similarity: bool = False) -> dict[str, dict[str, float]]:
    data, feats, chrf, ref_chrf = mqm_ted.features(k, workers)
    mqm = [p.mqm for p in data]
    major = [m <= mqm_ted.MAJOR for m in mqm]
    cv = [float(v) for v in mqm_ted.cross_validate(data, feats, k, objective, l2)]
    shipped = [r["risk"] for r in score_batch([p.item for p in data])]
    rows = {
        "risk, cross-validated by document": cv,
        "risk, shipped weights (in-sample)": shipped,
        f"chrF vs the same {k} pseudo-refs": [-c for c in chrf] if k else None,
        "chrF vs the human reference": [-c for c in ref_chrf],
    }
    if k == 0 and source_similarity:  # the model 0+emb: k = 0 with the source-MT similarity
        data_e, feats_e, _, _ = mqm_ted.features(0, workers, similarity=True)
        rows["risk + source-MT similarity (CV, 0+emb)"] = [float(v) for v in mqm_ted.cross_validate(
            data_e, feats_e, 0, objective, l2, extra=risk.SIMILARITY_FEATURES)]
        rows["risk + source-MT similarity, shipped"] = [r["risk"] for r in score_batch([p.item for p in data_e])]
        rows["source-MT similarity alone"] = [-f["emb_src_mt"] for f in feats_e]
    if embedding_features:
        mqm_ted.add_embedding_features(data, feats)
        rows["risk + embedding features (CV)"] = [float(v) for v in mqm_ted.cross_validate(
            data, feats, k, objective, l2, extra=mqm_ted.EMBEDDING_FEATURES)]
        for name in mqm_ted.EMBEDDING_FEATURES:  # each similarity alone: lower = riskier
            rows[f"{name} alone"] = [-f[name] for f in feats]
    out = {name: {"kendall_tau": round(risk.kendall_tau([-s for s in scores], mqm), 4),
                  "roc_auc_major": round(risk.roc_auc(scores, major), 4)}
           for name, scores in rows.items() if scores is not None}
    if diagnostics:
        out.update(diagnose(data, cv))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-k", type=int, nargs="+", default=list(DEFAULT_K), help="pseudo-reference counts")
    ap.add_argument("--workers", type=int, default=2, help="processes for scoring")
    ap.add_argument("--objective", choices=mqm_ted.OBJECTIVES, default="pairwise", help="as in fit_risk.py")
    ap.add_argument("--l2", type=float, default=10.0, help="as in fit_risk.py")
    ap.add_argument("--diagnose", action="store_true",
                    help="also per-annotator figures, the annotator-only oracle and tau within segments")
    ap.add_argument("--embedding-features", action="store_true",
                    help="also the risk refitted with sentence-embedding similarities (needs the embed extra)")
    ap.add_argument("--source-similarity", action="store_true",
                    help="with -k 0: also the model 0+emb, k = 0 with the source-MT similarity (embed extra)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    mqm_ted.require()
    results = {str(k): evaluate(k, args.workers, args.objective, args.l2, args.diagnose,
                                   args.embedding_features, args.source_similarity) for k in args.k}
    if args.json:
        print(json.dumps({"data": "WMT21 MQM TED en-de", "pairs": 6877, "by_k": results}, indent=1))
        return 0
    print("WMT21 MQM TED en-de, 13 systems x 529 segments (6877 rated pairs); tau: -score vs MQM, "
          "AUC: major errors")
    print(f"{'k':>2}  {'scorer':<40} {'Kendall tau':>11} {'ROC AUC':>8}")
    for k, rows in results.items():
        for name, fig in rows.items():
            auc = "-" if fig["roc_auc_major"] is None else f"{fig['roc_auc_major']:.4f}"
            print(f"{k:>2}  {name:<40} {fig['kendall_tau']:>11.4f} {auc:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
