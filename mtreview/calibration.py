"""Calibrating the risk weights on a project's own decisions (``mtreview calibrate``).

Every decided segment is an example: the MT accepted as it is = a good translation; edited, rejected, or
replaced by a candidate = a bad one. For each number of pseudo-references present, the logistic model of
:mod:`mtreview.risk` is refitted on those examples, penalised towards the current weights (so a few dozen
decisions adjust them rather than replace them; how strongly is chosen by cross-validation, see
``L2_GRID``), and stored in the project (meta ``risk_weights``), where ``mtreview score`` and the review
pick it up. Checks that count by their own severity (weight 0: an empty MT) keep doing so. Before/after
figures say whether it helped: AUC and log-loss of the old and new weights on the decisions, and a 5-fold
cross-validated AUC of the refit (the penalty chosen again within each fold).
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import risk as risk_mod
from .bulk_decide import bulk_decided
from .errors import MtReviewError
from .project_scoring import project_items, project_weights
from .scoring import score_batch
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
    penalties: dict[str, float] = field(default_factory=dict)  # model key -> the L2 penalty chosen
    updated_segments: int = 0

    @property
    def helps(self) -> bool:
        """Does the refit rank the decisions at least as well as the current weights, cross-validated?"""
        return not self.cross_validated_auc < self.before.auc

    def as_dict(self) -> dict[str, Any]:
        return {"decisions": self.decisions, "good": self.good, "bad": self.bad, "refitted_models": self.refitted,
                "before": vars(self.before), "after": vars(self.after),
                "cross_validated_auc": self.cross_validated_auc, "penalties": self.penalties,
                "changes": [{"feature": f, "before": a, "after": b} for f, a, b in self.changes],
                "updated_segments": self.updated_segments}


def _figures(p: np.ndarray, y: np.ndarray) -> Figures:
    eps = 1e-12
    q = np.clip(p, eps, 1 - eps)
    loss = float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))
    return Figures(risk_mod.roc_auc(p, y.astype(bool)), loss)


# Penalties (towards the current weights, on standardised coefficients) that a refit chooses from by
# cross-validation. QA measured on WMT21 MQM TED (65 documents, decisions simulated from the MQM ratings,
# refit on each document's first half, AUC on its second half): a fixed 10 overfits a few dozen decisions
# (held-out AUC -0.03 on average, worse in 2/3 of the documents) while 300 neither helps nor harms there;
# where a reviewer's criterion does differ from the weights' (one who also edits every long sentence), 10
# gains +0.025 and 300 only +0.006. Choosing per project keeps most of the gain without the loss.
L2_GRID = (10.0, 30.0, 100.0, 300.0, 1000.0)
FOLDS = 5


def _risks(x: np.ndarray, share: np.ndarray, model: dict[str, Any]) -> np.ndarray:
    """The risk ``risk.predict`` gives, for rows of features: the fitted part, then the checks it cannot
    weigh (``share`` = ``risk.unflagged_share`` of each row under the prior)."""
    return 1.0 - (1.0 - risk_mod.predict_matrix(x, model)) * share


def _fit(x: np.ndarray, y: np.ndarray, prior: dict[str, Any], l2: float) -> dict[str, Any]:
    """Refit ``prior`` on rows ``x`` (ordered as its features), keeping at 0 the checks it holds at 0: those
    count by their own severity (``risk.unflagged_share``; an empty MT stays at risk 1.0), which a learnt
    weight, even a small one, would replace."""
    names = list(prior["features"])
    free = [i for i, n in enumerate(names) if not (n.startswith("flag_") and prior["coef"][i] == 0.0)]
    sub = {"features": [names[i] for i in free], "mean": [prior["mean"][i] for i in free],
           "scale": [prior["scale"][i] for i in free], "coef": [prior["coef"][i] for i in free],
           "intercept": prior["intercept"]}
    fitted = risk_mod.fit_logistic(x[:, free], y, sub["features"], l2=l2, prior=sub)
    coef = [0.0] * len(names)
    for i, c in zip(free, fitted["coef"], strict=True):
        coef[i] = c
    return {**prior, "coef": coef, "intercept": fitted["intercept"]}


def _cv_risks(x: np.ndarray, y: np.ndarray, share: np.ndarray, prior: dict[str, Any],
              grid: tuple[float, ...], for_ranking: bool = False) -> np.ndarray:
    """Risks of each row from a refit that did not see it (folds by position, deterministic); with several
    penalties in ``grid``, each fold's refit chooses its own (nested), so the figure stays honest.

    ``for_ranking`` keeps the prior's intercept: each fold's refit sets its own to the share of bad
    decisions it saw, which is low exactly where the held-out fold's is high, so an AUC over all folds'
    risks together came out below the current weights' even for a refit that changed nothing else (QA)."""
    pred = np.zeros(len(y))
    folds = np.arange(len(y)) % FOLDS
    for f in range(FOLDS):
        test = folds == f
        train = ~test
        if len(set(y[train])) < 2:
            pred[test] = _risks(x[test], share[test], prior)
            continue
        model = _fit(x[train], y[train], prior, _choose_l2(x[train], y[train], share[train], prior, grid))
        if for_ranking:
            model["intercept"] = prior["intercept"]
        pred[test] = _risks(x[test], share[test], model)
    return pred


def _choose_l2(x: np.ndarray, y: np.ndarray, share: np.ndarray, prior: dict[str, Any],
               grid: tuple[float, ...]) -> float:
    """The largest penalty of ``grid`` whose refit's cross-validated log-loss is within one standard error
    of the lowest: a weaker pull that wins by chance on a few dozen decisions is not taken."""
    if len(grid) == 1:
        return grid[0]
    eps = 1e-12
    rows = {}
    for l2 in grid:
        q = np.clip(_cv_risks(x, y, share, prior, (l2,)), eps, 1 - eps)
        rows[l2] = -(y * np.log(q) + (1 - y) * np.log(1 - q))
    best = min(grid, key=lambda v: (float(rows[v].mean()), -v))
    for l2 in sorted(grid, reverse=True):
        diff = rows[l2] - rows[best]
        if l2 == best or diff.mean() <= diff.std(ddof=1) / math.sqrt(len(diff)):
            return l2
    return best


def calibrate_project(project: Any, min_decisions: int = MIN_DECISIONS, min_each: int = MIN_EACH,
                      l2: float | None = None, dry_run: bool = False) -> CalibrationResult:
    """Refit the project's risk weights from its decisions; store them and update every risk (unless
    ``dry_run``; ``apply_calibration`` stores a dry run's result later). ``l2`` fixes the penalty towards
    the current weights; by default each model chooses one of ``L2_GRID`` by cross-validation. Raises
    ``MtReviewError`` when there are too few decisions to learn from."""
    if not project.is_scored():
        # QA: it refitted anyway and stored risks without the flags and scores they stand for (a stray
        # Russian title at risk 0.99, no flag), saying "risks of 70 segments updated" where none existed.
        raise MtReviewError(f"{project.path} is not scored yet: run 'mtreview score {project.path}' first "
                            "(calibrate refits the risk that score computes)")
    old = project_weights(project)
    items, segments, _ = project_items(project)
    bulk = bulk_decided(project)  # a rule's decisions (mtreview decide) would teach the risk its own guesses
    # The decided segments are scored first, the others only once there are enough decisions to learn from
    # (QA: a project of 20,000 segments took 10 s to say it had too few; records are per segment, so the
    # order changes none of them).
    decided = [i for i, seg in enumerate(segments)
               if seg.id not in bulk and seg.state.status in GOOD_STATUSES + BAD_STATUSES]
    records: list[dict[str, Any] | None] = [None] * len(items)
    labelled = []
    for i, rec in zip(decided, score_batch([items[i] for i in decided], old, with_features=True), strict=True):
        records[i] = rec
        if rec["features"] is None:
            continue  # a blank pair, or a segment too long to score, has no modelled risk to learn
        labelled.append((rec, 1.0 if segments[i].state.status in BAD_STATUSES else 0.0))
    bad = int(sum(y for _, y in labelled))
    good = len(labelled) - bad
    if len(labelled) < min_decisions or good < min_each or bad < min_each:
        # Say which condition failed: "40 decided segments ... need at least 20" read as a contradiction
        # when all 40 were of one kind.
        short = [f"{len(labelled)} decided segment(s), fewer than {min_decisions}"] if len(labelled) < min_decisions \
            else []
        kinds = ((good, "with the MT accepted as is"), (bad, "edited, rejected or replaced"))
        short += [f"only {n} {what}, fewer than {min_each}" for n, what in kinds if n < min_each]
        # The counts the conditions above do not name yet, once each: the message said "0 decided segment(s)
        # ...; only 0 with the MT accepted as is ... (0 MT accepted as is, 0 edited ...)", every count twice.
        said = [f"{n} {what}" for n, what in kinds if n >= min_each]
        ruled = sum(1 for seg in segments if seg.id in bulk)
        aside = ([f"{ruled} made by 'mtreview decide' are left out, as a rule's"] if ruled else [])
        raise MtReviewError(
            f"{project.path}: too few decisions to calibrate: {'; '.join(short)} "
            f"({'; '.join(said + ['it learns from both kinds'] + aside)}). Review more segments, then "
            "run calibrate again.")

    rest = [i for i, done in enumerate(records) if done is None]
    for i, rec in zip(rest, score_batch([items[i] for i in rest], old, with_features=True), strict=True):
        records[i] = rec
    new = copy.deepcopy(old)
    by_key: dict[str, list[tuple[dict[str, Any], float]]] = {}
    for rec, label in labelled:
        # The model that scores it: a segment without pseudo-references that has the source-MT similarity
        # has a model of its own (risk.EMBEDDED_KEY), refitted on such segments only.
        by_key.setdefault(risk_mod.model_key_for(rec["features"], rec["n_pseudo"], old), []).append((rec, label))
    refitted, changes = [], []
    chosen: dict[str, float] = {}
    figures_by_key: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for key, rows in sorted(by_key.items()):
        ys = [y for _, y in rows]
        if len(rows) < min_decisions or sum(ys) < min_each or len(ys) - sum(ys) < min_each:
            continue  # too few decisions for this number of pseudo-references: keep its weights
        model = old["models"].get(key) or old["models"]["0"]
        names = tuple(model["features"])
        x = np.array([[rec["features"].get(n, 0.0) for n in names] for rec, _ in rows], dtype=float)
        share = np.array([risk_mod.unflagged_share(rec["features"], model) for rec, _ in rows])
        grid = L2_GRID if l2 is None else (l2,)
        chosen[key] = _choose_l2(x, np.array(ys), share, model, grid)
        fitted = _fit(x, np.array(ys), model, chosen[key])
        new["models"][key] = fitted
        refitted.append(key)
        changes += [(n, a, b) for n, a, b in zip(names, model["coef"], fitted["coef"], strict=True)]
        # The three figures' risks by one arithmetic: risk.predict's differs in the last bit, and the ties
        # between identical segments then broke differently in each AUC.
        figures_by_key[key] = (_risks(x, share, model), _risks(x, share, fitted),
                               _cv_risks(x, np.array(ys), share, model, grid, for_ranking=True))
    if not refitted:
        raise MtReviewError(
            f"{project.path}: too few decisions for any one number of pseudo-references to calibrate "
            f"(decisions per number: {', '.join(f'{k}: {len(v)}' for k, v in sorted(by_key.items()))}); "
            f"need {min_decisions} with {min_each} of each kind")
    new["source"] = f"calibrated by mtreview calibrate on {len(labelled)} decisions of {project.path.name}, {now_iso()}"
    new.pop("cross_validation", None)

    y = np.array([yy for _, yy in labelled])
    before = np.array([rec["risk"] for rec, _ in labelled])
    after, cv = np.array(before), np.array(before)  # a model not refitted keeps its risks
    for key in refitted:
        idx = [i for i, (rec, _) in enumerate(labelled)
               if risk_mod.model_key_for(rec["features"], rec["n_pseudo"], old) == key]
        before[idx], after[idx], cv[idx] = figures_by_key[key]
    changes.sort(key=lambda c: -abs(c[2] - c[1]))
    risks = [(seg.id, rec["risk"] if rec["features"] is None  # blank (None) or too long (1.0): as scored
              else risk_mod.predict(rec["features"], rec["n_pseudo"], new))
             for seg, rec in zip(segments, _scored(records), strict=True)]
    result = CalibrationResult(len(labelled), good, bad, refitted, _figures(before, y), _figures(after, y),
                               risk_mod.roc_auc(cv, y.astype(bool)), changes[:8], new, risks, penalties=chosen)
    if not dry_run:
        apply_calibration(project, result)
    return result


def _scored(records: list[dict[str, Any] | None]) -> list[dict[str, Any]]:
    """Every segment's record, once all are scored."""
    out = [rec for rec in records if rec is not None]
    assert len(out) == len(records)
    return out


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
    records = score_batch(items, risk_mod.default_weights())
    # One transaction: a crash between the two left calibrated risks with no weights to explain them (QA).
    with project.transaction() as conn:
        conn.execute("DELETE FROM meta WHERE key='risk_weights'")
        conn.executemany("UPDATE segments SET risk=? WHERE id=?",
                         [(rec["risk"], seg.id) for seg, rec in zip(segments, records, strict=True)])
    return len(records)


def _key_name(key: str) -> str:
    """A model key as the terminal says it (``risk.EMBEDDED_KEY`` is k = 0 with the source-MT similarity)."""
    return "0 (with the source-MT similarity)" if key == risk_mod.EMBEDDED_KEY else key


def describe(result: CalibrationResult) -> list[str]:
    """Lines for the terminal."""
    def f(v: float) -> str:
        return "  n/a" if math.isnan(v) else f"{v:5.3f}"

    lines = [f"decisions: {result.decisions} ({result.good} MT accepted as is, {result.bad} edited, rejected "
             f"or replaced); refitted model(s) for k = {', '.join(map(_key_name, result.refitted))} "
             "pseudo-references",
             f"{'':<26}{'AUC':>7}{'log-loss':>10}",
             f"{'before (current weights)':<26}{f(result.before.auc):>7}{f(result.before.log_loss):>10}",
             f"{'after (on these decisions)':<26}{f(result.after.auc):>7}{f(result.after.log_loss):>10}",
             f"{'after (5-fold CV)':<26}{f(result.cross_validated_auc):>7}"]
    if result.penalties:
        lines.append("pull towards the current weights (L2, chosen by cross-validation; larger = smaller "
                     "changes): " + ", ".join(f"k = {_key_name(k)}: {v:g}" for k, v in sorted(result.penalties.items())))
    if result.changes:
        lines.append("largest weight changes: " + ", ".join(
            f"{name} {a:+.2f} -> {b:+.2f}" for name, a, b in result.changes[:4]))
    return lines
