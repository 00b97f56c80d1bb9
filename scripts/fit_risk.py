#!/usr/bin/env python
"""Fit the default risk weights on WMT 2021 MQM (TED talks, en-de) and write mtreview/data/risk_weights.json.

For each number of pseudo-references k = 0..4 (and, with the ``embed`` extra, k = 0 with the source-MT
similarity of the multilingual sentence encoder: the model ``0+emb``), every rated (system, segment) is scored with the next k
systems as pseudo-references (see ``mqm_ted.py``), and a logistic regression on the risk features
(``mtreview.risk.features_for_k``) is fitted by ``--objective``: ``pairwise`` (default; ranks best under
cross-validation) learns the direction from pairs of segments (the one with the worse MQM score should
score higher) and calibrates it to "any MQM error"; ``any`` and ``major`` fit a logistic regression to that
label directly. Before the final fit on all data,
the same fit is cross-validated leave-one-document-out (5 TED talks), and the held-out Kendall tau
(-risk vs MQM) and ROC AUC (major errors) are stored beside the weights, so the file says how good it is.

    python scripts/fit_risk.py            # writes mtreview/data/risk_weights.json
    python scripts/fit_risk.py --json     # also prints the figures as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import mqm_ted

from mtreview import risk

OUT = Path(__file__).resolve().parents[1] / "mtreview" / "data" / "risk_weights.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--objective", choices=mqm_ted.OBJECTIVES, default="pairwise",
                    help="pairwise: rank pairs by MQM score, calibrated to any error (default); any / major: "
                         "logistic fit to that label")
    ap.add_argument("--l2", type=float, default=10.0, help="L2 penalty on standardised coefficients")
    ap.add_argument("--workers", type=int, default=2, help="processes for feature extraction")
    ap.add_argument("-o", "--output", type=Path, default=OUT, help="weights file to write")
    ap.add_argument("--json", action="store_true", help="print the cross-validated figures as JSON")
    args = ap.parse_args(argv)
    mqm_ted.require()

    models, cv = {}, {}
    for k in range(risk.MAX_K + 1):
        t0 = time.time()
        data, feats, _, _ = mqm_ted.features(k, args.workers)
        names = risk.features_for_k(k)
        pred = mqm_ted.cross_validate(data, feats, k, args.objective, args.l2)
        mqm = [p.mqm for p in data]
        cv[str(k)] = {"kendall_tau": round(risk.kendall_tau([-p for p in pred], mqm), 4),
                      "roc_auc_major": round(risk.roc_auc(pred, [m <= mqm_ted.MAJOR for m in mqm]), 4),
                      "pairs": len(data)}
        model = mqm_ted.fit(mqm_ted.matrix(feats, names), mqm, names, args.objective, args.l2)
        models[str(k)] = {key: ([round(v, 6) for v in val] if isinstance(val, list) and key != "features"
                                else (round(val, 6) if isinstance(val, float) else val))
                          for key, val in model.items()}
        print(f"k={k}: cross-validated tau {cv[str(k)]['kendall_tau']:.4f}, AUC {cv[str(k)]['roc_auc_major']:.4f}"
              f" ({len(data)} pairs, {time.time() - t0:.0f} s)", file=sys.stderr)

    # The reference-free model with the source-MT similarity (risk.EMBEDDED_KEY), where the embed extra is
    # installed: without it the file keeps models 0-4 only, and segments without pseudo-references are scored
    # by model 0 as before.
    from mtreview import sentence_embeddings

    if sentence_embeddings.available():
        t0 = time.time()
        key = risk.EMBEDDED_KEY
        data, feats, _, _ = mqm_ted.features(0, args.workers, similarity=True)
        names = risk.features_for_k(0, embedded=True)
        pred = mqm_ted.cross_validate(data, feats, 0, args.objective, args.l2, extra=risk.SIMILARITY_FEATURES)
        mqm = [p.mqm for p in data]
        cv[key] = {"kendall_tau": round(risk.kendall_tau([-p for p in pred], mqm), 4),
                   "roc_auc_major": round(risk.roc_auc(pred, [m <= mqm_ted.MAJOR for m in mqm]), 4),
                   "pairs": len(data)}
        model = mqm_ted.fit(mqm_ted.matrix(feats, names), mqm, names, args.objective, args.l2)
        models[key] = {name: ([round(v, 6) for v in val] if isinstance(val, list) and name != "features"
                              else (round(val, 6) if isinstance(val, float) else val))
                       for name, val in model.items()}
        print(f"k={key}: cross-validated tau {cv[key]['kendall_tau']:.4f}, AUC {cv[key]['roc_auc_major']:.4f}"
              f" ({len(data)} pairs, {time.time() - t0:.0f} s)", file=sys.stderr)
    else:
        print(f"no embed extra: the model {risk.EMBEDDED_KEY!r} (k = 0 with the source-MT similarity) is left "
              "out", file=sys.stderr)

    weights = {
        "version": 1,
        "kind": "logistic",
        "source": "fitted by scripts/fit_risk.py on WMT 2021 MQM TED en-de (Freitag et al. 2021)",
        "target": "a major MQM error (score <= -5)" if args.objective == "major" else "any MQM error",
        "objective": {"pairwise": "pairwise ranking by MQM score (200,000 random pairs, seed 0), then "
                                  "calibrated to the target",
                      "any": "logistic regression on the target",
                      "major": "logistic regression on the target"}[args.objective],
        "l2": args.l2,
        "cross_validation": {"method": "leave one document out (5 TED talks)", "by_k": cv},
        "feature_help": {n: risk.FEATURE_HELP[n] for n in risk.FEATURES},
        "models": models,
    }
    risk.validate_weights(weights, str(args.output))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(weights, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    if args.json:
        print(json.dumps(cv, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
