#!/usr/bin/env python
"""Does the risk put the bundled article's garbled MT first? (the review order without retranslations)

The bundled corpus (``corpora/caspian-nato-ru-en``) is a real, badly garbled ru -> en MT with a fluent human
reference. Its project has no retranslations where no model can be loaded (as here), so its risk is the
reference-free one (k = 0). On its 67 gold segments with a source and an MT (``bench_checks.gold_segments``:
the hand alignment, so no aligner error enters), each scorer's order is judged against what the reference
says of the MT, which the risk never sees:

- Kendall tau of -risk with chrF of the MT against the reference (higher chrF = closer to a good
  translation), and ROC AUC of the risk for the segments whose chrF is below 50;
- ROC AUC for a hand-labelled list of garbled segments (``GARBLED``: the meaning lost, reversed or
  unintelligible; labelled by reading the MT beside the reference before any new scorer was run), and for a
  broader list (``GARBLED`` + ``CLUMSY``: garbled grammar that obscures the meaning);
- the rank of "And air-combat ship is not reset." (1 = reviewed first).

Rows: the risk as ``mtreview score`` computes it without retranslations, with and without the source-MT
similarity of the ``embed`` extra's sentence encoder (``project_scoring.with_source_similarity``); that similarity
alone; and, as an oracle to show what a pseudo-reference would do, the risk with the human reference given as
the one pseudo-reference (k = 1; no product path has that).

    python scripts/bench_bundled_risk.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_checks, also when a test loads this file

from bench_checks import gold_segments  # noqa: E402

from mtreview import risk  # noqa: E402
from mtreview.project_scoring import with_source_similarity  # noqa: E402
from mtreview.scoring import ScoreItem, score_batch  # noqa: E402

SEGMENT_19 = "And air-combat ship is not reset."
# The opening words of each MT, labelled by reading it beside the reference (see the module docstring).
GARBLED = (
    "However, according to the newspaper", "And this, as suggested by the observer", SEGMENT_19,
    "But this is also not an issue", "If you imagine that the change of power",
    "Not so long ago the President of Kyrgyzstan", "In this case, and with Russia",
    "He has certain obligations, beyond which", "Is not primarily in the interests",
    "Economically Russia can compete", "“SP”: — on the other hand, it is known",
    "— In Kazakhstan can not take into account", "It may be of interest only in the case",
    "The only option where Kazakhstan",
)
CLUMSY = (
    "As for the details, recently signed", "Kazakhstan cooperates with the United States in the military",
    "Yes, of Kazakhstan, apparently", "It is not possible to build your craft",
    "We do not have time to re-equip", "In recent years, its implementation",
    "As I understand it, today we are not talking", "Although the local aspects",
    "Isn’t there a risk that with the change",
)


def labelled(mts: list[str], prefixes: tuple[str, ...]) -> list[bool]:
    out = [any(mt.startswith(p) for p in prefixes) for mt in mts]
    if sum(out) != len(prefixes):
        raise SystemExit(f"bench_bundled_risk: {sum(out)} segments match the {len(prefixes)} labels")
    return out


def figures(scores: list[float], chrf: list[float], mts: list[str]) -> dict[str, float]:
    """Kendall tau and AUCs of ``scores`` (higher = riskier) against the reference (see the docstring)."""
    garbled = labelled(mts, GARBLED)
    broad = labelled(mts, GARBLED + CLUMSY)
    i19 = mts.index(SEGMENT_19)
    return {"tau_vs_ref_chrf": round(risk.kendall_tau([-s for s in scores], chrf), 4),
            "auc_ref_chrf_below_50": round(risk.roc_auc(scores, [c < 50 for c in chrf]), 4),
            "auc_garbled": round(risk.roc_auc(scores, garbled), 4),
            "auc_garbled_or_clumsy": round(risk.roc_auc(scores, broad), 4),
            "rank_of_segment_19": 1 + sum(s > scores[i19] for s in scores),
            "risk_of_segment_19": round(scores[i19], 3)}


def evaluate() -> dict[str, dict[str, float]]:
    import sacrebleu

    segs = gold_segments()
    mts = [mt for _, mt, _ in segs]
    chrf = [sacrebleu.sentence_chrf(mt, [ref]).score for _, mt, ref in segs]
    items = [ScoreItem(i + 1, src, mt, (), None, "ru", "en") for i, (src, mt, _) in enumerate(segs)]
    rows: dict[str, list[float]] = {
        "risk without retranslations, no similarity (k=0)": [r["risk"] for r in score_batch(items)]}
    embedded = with_source_similarity(items, limit=None)
    if any(it.src_mt_similarity is not None for it in embedded):
        rows["risk without retranslations, with similarity (0+emb)"] = [r["risk"] for r in score_batch(embedded)]
        rows["source-MT similarity alone"] = [-(it.src_mt_similarity or 0.0) for it in embedded]
    else:
        print("no embed extra: the rows with the source-MT similarity are left out", file=sys.stderr)
    oracle = [ScoreItem(i + 1, src, mt, (ref,), None, "ru", "en") for i, (src, mt, ref) in enumerate(segs)]
    rows["oracle: risk with the reference as pseudo-reference (k=1)"] = [r["risk"] for r in score_batch(oracle)]
    return {name: figures(scores, chrf, mts) for name, scores in rows.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    results = evaluate()
    if args.json:
        print(json.dumps({"data": "caspian-nato-ru-en gold segments", "segments": 67, "rows": results}, indent=1))
        return 0
    print(f"bundled article, 67 gold segments ({len(GARBLED)} garbled, {len(CLUMSY)} clumsy); tau: -risk vs chrF "
          "against the reference")
    print(f"{'scorer':<58} {'tau':>7} {'AUC<50':>7} {'AUC garb':>8} {'AUC +cl':>8} {'#19 rank':>8} {'risk':>6}")
    for name, f in results.items():
        print(f"{name:<58} {f['tau_vs_ref_chrf']:>7.4f} {f['auc_ref_chrf_below_50']:>7.4f} {f['auc_garbled']:>8.4f} "
              f"{f['auc_garbled_or_clumsy']:>8.4f} {f['rank_of_segment_19']:>8d} {f['risk_of_segment_19']:>6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
