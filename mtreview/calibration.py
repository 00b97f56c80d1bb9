"""Calibrating the risk weights on a project's own decisions (``mtreview calibrate``).

Every decided segment is an example: the MT accepted as it is = a good translation; edited, rejected, or
replaced by a candidate = a bad one. For each number of pseudo-references present, the logistic model of
:mod:`mtreview.risk` is refitted on those examples, penalised towards the current weights (so a few dozen
decisions adjust them rather than replace them), and stored in the project (meta ``risk_weights``), where
``mtreview score`` and the review pick it up. Before/after figures say whether it helped: AUC and log-loss
of the old and new weights on the decisions, and a 5-fold cross-validated AUC of the refit.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import risk as risk_mod
from .errors import MtReviewError
from .scoring import project_items, project_weights, score_batch
from .store import now_iso

GOOD_STATUSES = ("accepted_mt",)
BAD_STATUSES = ("edited", "rejected", "accepted_candidate")
MIN_DECISIONS = 20
MIN_EACH = 5


@dataclass
class Figures:
    """How well some weights rank the decided segments."""

    auc: float
    log_loss: float


@dataclass
class CalibrationResult:
    """What calibrating did (or would do, with ``dry_run``)."""

    decisions: int
    good: int
    bad: int
    refitted: list[str]  # model keys (numbers of pseudo-references) that were refitted
    before: Figures
    after: Figures
    cross_validated_auc: float
    changes: list[tuple[str, float, float]] = field(default_factory=list)  # feature, old coef, new coef
    weights: dict[str, Any] = field(default_factory=dict)
    risks: list[tuple[int, float | None]] = field(default_factory=list)  # (segment id, risk) under the new weights
    updated_segments: int = 0

    @property
    def helps(self) -> bool:
        """Does the refit rank the decisions at least as well as the current weights, cross-validated?"""
        return not self.cross_validated_auc < self.before.auc

    def as_dict(self) -> dict[str, Any]:
        return {"decisions": self.decisions, "good": self.good, "bad": self.bad, "refitted_models": self.refitted,
                "before": vars(self.before), "after": vars(self.after),
                "cross_validated_auc": self.cross_validated_auc,
                "changes": [{"feature": f, "before": a, "after": b} for f, a, b in self.changes],
                "updated_segments": self.updated_segments}


def _figures(p: np.ndarray, y: np.ndarray) -> Figures:
    eps = 1e-12
    q = np.clip(p, eps, 1 - eps)
    loss = float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))
    return Figures(risk_mod.roc_auc(p, y.astype(bool)), loss)


def _cv_auc(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], prior: dict[str, Any], l2: float) -> np.ndarray:
    """5-fold predictions (folds by position, deterministic) of the refit."""
    pred = np.zeros(len(y))
    folds = np.arange(len(y)) % 5
    for f in range(5):
        test = folds == f
        train = ~test
        if len(set(y[train])) < 2:
            pred[test] = risk_mod.predict_matrix(x[test], prior)
            continue
        model = risk_mod.fit_logistic(x[train], y[train], names, l2=l2, prior=prior)
        pred[test] = risk_mod.predict_matrix(x[test], model)
    return pred


def calibrate_project(project: Any, min_decisions: int = MIN_DECISIONS, min_each: int = MIN_EACH,
                      l2: float = 10.0, dry_run: bool = False) -> CalibrationResult:
    """Refit the project's risk weights from its decisions; store them and update every risk (unless
    ``dry_run``; ``apply_calibration`` stores a dry run's result later). Raises ``MtReviewError`` when there
    are too few decisions to learn from."""
    old = project_weights(project)
    items, segments, _ = project_items(project)
    records = score_batch(items, old, with_features=True)
    labelled = []
    for seg, rec in zip(segments, records, strict=True):
        status = seg.state.status
        if rec["blank"]:
            continue  # a blank pair has no risk to learn (scoring.is_blank_pair)
        if status in GOOD_STATUSES or status in BAD_STATUSES:
            labelled.append((rec, 1.0 if status in BAD_STATUSES else 0.0))
    bad = int(sum(y for _, y in labelled))
    good = len(labelled) - bad
    if len(labelled) < min_decisions or good < min_each or bad < min_each:
        # Say which condition failed: "40 decided segments ... need at least 20" read as a contradiction
        # when all 40 were of one kind.
        short = [f"{len(labelled)} decided segment(s), fewer than {min_decisions}"] if len(labelled) < min_decisions \
            else []
        short += [f"only {n} {what}, fewer than {min_each}" for n, what in
                  ((good, "with the MT accepted as is"), (bad, "edited, rejected or replaced")) if n < min_each]
        raise MtReviewError(
            f"{project.path}: too few decisions to calibrate: {'; '.join(short)} ({good} MT accepted as is, "
            f"{bad} edited, rejected or replaced; it learns from both kinds). Review more segments, then run "
            "calibrate again.")

    new = copy.deepcopy(old)
    by_key: dict[str, list[tuple[dict[str, Any], float]]] = {}
    for rec, label in labelled:
        by_key.setdefault(risk_mod.model_key(rec["n_pseudo"]), []).append((rec, label))
    refitted, changes = [], []
    for key, rows in sorted(by_key.items()):
        ys = [y for _, y in rows]
        if len(rows) < min_decisions or sum(ys) < min_each or len(ys) - sum(ys) < min_each:
            continue  # too few decisions for this number of pseudo-references: keep its weights
        model = old["models"].get(key) or old["models"]["0"]
        names = tuple(model["features"])
        x = np.array([[rec["features"].get(n, 0.0) for n in names] for rec, _ in rows], dtype=float)
        fitted = risk_mod.fit_logistic(x, np.array(ys), names, l2=l2, prior=model)
        new["models"][key] = fitted
        refitted.append(key)
        changes += [(n, a, b) for n, a, b in zip(names, model["coef"], fitted["coef"], strict=True)]
    if not refitted:
        raise MtReviewError(
            f"{project.path}: too few decisions for any one number of pseudo-references to calibrate "
            f"(decisions per number: {', '.join(f'{k}: {len(v)}' for k, v in sorted(by_key.items()))}); "
            f"need {min_decisions} with {min_each} of each kind")
    new["source"] = f"calibrated by mtreview calibrate on {len(labelled)} decisions of {project.path.name}, {now_iso()}"
    new.pop("cross_validation", None)

    y = np.array([yy for _, yy in labelled])
    before = np.array([rec["risk"] for rec, _ in labelled])
    after = np.array([risk_mod.predict(rec["features"], rec["n_pseudo"], new) for rec, _ in labelled])
    cv = np.array(before)
    for key in refitted:
        idx = [i for i, (rec, _) in enumerate(labelled) if risk_mod.model_key(rec["n_pseudo"]) == key]
        model = old["models"].get(key) or old["models"]["0"]
        names = tuple(model["features"])
        x = np.array([[labelled[i][0]["features"].get(n, 0.0) for n in names] for i in idx], dtype=float)
        cv[idx] = _cv_auc(x, y[idx], names, model, l2)
    changes.sort(key=lambda c: -abs(c[2] - c[1]))
    risks = [(seg.id, None if rec["blank"] else risk_mod.predict(rec["features"], rec["n_pseudo"], new))
             for seg, rec in zip(segments, records, strict=True)]
    result = CalibrationResult(len(labelled), good, bad, refitted, _figures(before, y), _figures(after, y),
                               risk_mod.roc_auc(cv, y.astype(bool)), changes[:8], new, risks)
    if not dry_run:
        apply_calibration(project, result)
    return result


def apply_calibration(project: Any, result: CalibrationResult) -> None:
    """Store calibrated weights in the project and set every segment's risk under them."""
    with project.transaction():
        project.set_meta("risk_weights", json.dumps(result.weights, ensure_ascii=False))
        project.set_risks(result.risks)
    result.updated_segments = len(result.risks)


def reset_calibration(project: Any) -> int | None:
    """Drop a project's calibrated weights and put back the default risks. Returns how many segments, or
    None when the project had no calibrated weights (nothing changes)."""
    if project.meta("risk_weights") is None:
        return None
    items, segments, _ = project_items(project)
    with project.transaction() as conn:
        conn.execute("DELETE FROM meta WHERE key='risk_weights'")
    records = score_batch(items, risk_mod.default_weights())
    project.set_risks([(seg.id, rec["risk"]) for seg, rec in zip(segments, records, strict=True)])
    return len(records)


def describe(result: CalibrationResult) -> list[str]:
    """Lines for the terminal."""
    def f(v: float) -> str:
        return "  n/a" if math.isnan(v) else f"{v:5.3f}"

    lines = [f"decisions: {result.decisions} ({result.good} MT accepted as is, {result.bad} edited, rejected "
             f"or replaced); refitted model(s) for k = {', '.join(result.refitted)} pseudo-references",
             f"{'':<26}{'AUC':>7}{'log-loss':>10}",
             f"{'before (current weights)':<26}{f(result.before.auc):>7}{f(result.before.log_loss):>10}",
             f"{'after (on these decisions)':<26}{f(result.after.auc):>7}{f(result.after.log_loss):>10}",
             f"{'after (5-fold CV)':<26}{f(result.cross_validated_auc):>7}"]
    if result.changes:
        lines.append("largest weight changes: " + ", ".join(
            f"{name} {a:+.2f} -> {b:+.2f}" for name, a, b in result.changes[:4]))
    return lines
