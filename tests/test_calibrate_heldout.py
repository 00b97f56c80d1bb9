"""`mtreview calibrate` as a translator's learning loop, measured on real MQM ratings: a refit on the first
half of a document's decisions must not order the second half worse than the weights it started from."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from bench_scripts import load_script

from mtreview import risk
from mtreview.calibration import calibrate_project
from mtreview.errors import MtReviewError
from mtreview.project_scoring import score_project
from mtreview.store import Project

_MQM = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "mqm-ted-ende" / "mqm_ted_ende.tsv"


def _held_out_change(tmp_path: Path, pairs: list, name: str) -> float | None:  # type: ignore[type-arg]
    """Import one document (one system's translation of one talk), decide its first half as a reviewer who
    edits every MT with an MQM error, calibrate, and return the held-out AUC after minus before."""
    proj = Project.create(tmp_path / f"{name}.mtr", "en", "de")
    ids = proj.add_segments([((i,), (i,), p.item.source, p.item.mt, 1.0) for i, p in enumerate(pairs)])
    proj.add_candidates([(sid, "retranslation", f"r{j}", ref, None, None, 0)
                         for sid, p in zip(ids, pairs, strict=True) for j, ref in enumerate(p.item.pseudo_refs)])
    score_project(proj, retranslate=False, score_candidates=False, log=lambda _: None)
    half = len(ids) // 2
    bad = [p.mqm < 0 for p in pairs]
    before = {s.id: s.risk for s in proj.segments()}
    for sid, b in zip(ids[:half], bad[:half], strict=True):
        proj.decide(sid, "edit", text="corrected") if b else proj.decide(sid, "accept_mt")
    try:
        result = calibrate_project(proj, dry_run=True)
    except MtReviewError:
        return None  # too few of one kind in this half: refused, nothing to measure
    finally:
        proj.close()
    after = dict(result.risks)
    held = ids[half:]
    auc_before = risk.roc_auc([before[i] for i in held], bad[half:])
    auc_after = risk.roc_auc([after[i] for i in held], bad[half:])
    return None if math.isnan(auc_before) else auc_after - auc_before


@pytest.mark.skipif(not _MQM.exists(), reason="../shared/benchmarks/mqm-ted-ende is not here")
def test_a_refit_on_a_few_dozen_decisions_does_not_order_held_out_ones_worse(tmp_path: Path) -> None:
    # QA: with a fixed penalty of 10 towards the shipped weights, a refit on 15-80 decisions overfitted:
    # on these 20 documents the held-out AUC fell by 0.032 on average (11 of 16 documents worse; all 65:
    # -0.036, 36 of 52). The penalty is now chosen by cross-validation: +0.005 here.
    mqm_ted = load_script("mqm_ted")
    data = mqm_ted.pairs(2)
    docs: dict[tuple[str, str], list] = {}  # type: ignore[type-arg]
    for p in data:
        docs.setdefault((p.system, p.doc), []).append(p)
    changes = []
    for n, key in enumerate(sorted(docs)[:20]):
        change = _held_out_change(tmp_path, sorted(docs[key], key=lambda p: p.seg_id), f"d{n}")
        if change is not None:
            changes.append(change)
    assert len(changes) >= 12
    assert sum(changes) / len(changes) > -0.01
