"""Risk: how likely a segment's MT is bad, in [0, 1], from metrics, pseudo-reference agreement and checks.

A logistic regression on a handful of named features (``FEATURES``), each standardised:
``risk = sigmoid(intercept + sum(coef_f * (x_f - mean_f) / scale_f))``. There is one model per number of
pseudo-references k (0 = reference-free: checks and lengths only; 1 = no agreement between references;
2, 3, 4+), since the informative features differ, and a second reference-free model (``EMBEDDED_KEY``,
"0+emb") that also reads the cosine of the source and the MT in the ``embed`` extra's sentence encoder,
used where a segment without pseudo-references has it (``project_scoring.with_source_similarity``). The weights are plain JSON
(``mtreview/data/risk_weights.json``): the defaults are fitted by ``scripts/fit_risk.py`` on WMT 2021 MQM
data (TED talks, en-de); ``mtreview calibrate`` refits them from a project's own decisions, pulled towards
the defaults so that a few dozen decisions cannot swing them wildly. The default coefficients are fitted
to rank (``fit_pairwise``: pairs of segments, the one with the worse MQM score should score higher), then
calibrated so that the risk is the probability of any MQM error.
A check whose weight is 0 because it never fired in the fitting data (an empty MT, say) still counts,
by its own severity: ``risk = 1 - (1 - sigmoid(z)) * prod(1 - severity)`` over such checks, and so do
the ``PRIOR_CHECKS`` (never fitted).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .checks import DESCRIPTIONS

# Checks whose meaning needs no fitting and that the MQM data can hardly teach (an MT unrelated to every
# retranslation is a misalignment or invented text; an MT in another language than the target's, or with
# HTML residue, is no translation to keep; TED systems almost never produce any of these): never a model
# input, they always count by their own severity (see ``predict``). Without this, a French "translation"
# into English kept its metric-based risk (~0.1-0.3 with a copied pseudo-reference) and passed
# ``--max-risk 0.5`` (QA on a crawled corpus).
PRIOR_CHECKS = ("unrelated", "markup", "wrong_language")
# A segment with this flag is not scored at all (``scoring.MAX_SEGMENT_CHARS``): no model ever sees it.
UNSCORED_CHECKS = ("too_long",)
CHECK_FEATURES = tuple(f"flag_{name}" for name in DESCRIPTIONS if name not in PRIOR_CHECKS + UNSCORED_CHECKS)
METRIC_FEATURES = ("chrf", "chrf_mean", "bleu", "ter", "err_mass", "ter_edits", "dis_mass", "unsupported",
                   "missing", "minority_mass")
AGREEMENT_FEATURES = ("agreement", "chrf_gap")
SHAPE_FEATURES = ("len_dev", "src_len", "src_words", "src_punct", "src_names")
# The cosine of the source and the MT in the multilingual sentence encoder of the ``embed`` extra
# (``mtreview.sentence_embeddings``): the one sign of what the MT says that the risk has where there is no
# pseudo-reference. Without it the reference-free model reads only the source's size, the MT's length and
# the checks, so a short garbled MT got the low risk of a short sentence (the bundled article's "And
# air-combat ship is not reset.": 0.26, 55th of 67; 0.34, 37th, with it). Read only by the model for k = 0
# fitted with it (``EMBEDDED_KEY``), used where the segment has it; the model for k = 0 without it stays as
# it was. On WMT21 MQM TED, cross-validated by talk, it takes k = 0 from tau 0.1997 / AUC 0.6191 to 0.2086 /
# 0.6271 (better in 4 of the 5 held-out talks by tau, all 5 by AUC); at k >= 1 it would add 0.002-0.004,
# which does not pay for embedding at corpus scale (scripts/bench_triage.py).
SIMILARITY_FEATURES = ("emb_src_mt",)
FEATURES = METRIC_FEATURES + AGREEMENT_FEATURES + SHAPE_FEATURES + CHECK_FEATURES + SIMILARITY_FEATURES
# What the shipped models read. The chrF, BLEU and TER rates are near-copies of one another (|r| 0.87-0.88
# on the dev data), as are the three "amount" features err_mass, dis_mass and unsupported (0.84-0.96);
# together they only make the coefficients unstable and hard to read, and this smaller set ranks a little
# better under cross-validation by document at every k (scripts/fit_risk.py). Amounts (characters in doubt,
# word edits, missing words) suit MQM, which sums a penalty per error; chrf_gap carries the agreement.
# minority_mass (how scattered the word choices of all the translations are: more risk) and src_names
# (names are copied, not translated: for a given length, less risk) estimate how hard the segment is; on
# the dev data most of what can be ranked is segment difficulty (the mean MQM of the other 12 systems
# alone gives tau 0.37), and these two raised the cross-validated figures at every k and in each of the
# 5 held-out talks (k=4: tau 0.233 -> 0.236, AUC 0.648 -> 0.652).
MODEL_METRICS = ("err_mass", "ter_edits", "missing", "minority_mass")
MODEL_AGREEMENT = ("chrf_gap",)
FEATURE_HELP = {
    "chrf": "chrF of the MT against the closest pseudo-reference (/100)",
    "chrf_mean": "mean chrF of the MT against each pseudo-reference (/100)",
    "bleu": "sentence BLEU against all pseudo-references (/100)",
    "ter": "TER against the pseudo-references (/100, capped at 1.5)",
    "ter_edits": "log(1 + TER word edits against the closest pseudo-reference): how much to fix, not a rate",
    "agreement": "mean chrF between the pseudo-references themselves (/100)",
    "chrf_gap": "chrf_mean minus agreement: how far the MT stands from what the references agree on",
    "err_mass": "log(1 + source characters x (1 - chrf_mean)): roughly how much text is in doubt",
    "dis_mass": "log(1 + mean chrF distance between all translations (MT and pseudo-references) x their "
                "length): how much the translations disagree, in characters",
    "unsupported": "log(1 + MT words missing from the pseudo-references, each weighted by the share of "
                   "references lacking it)",
    "missing": "log(1 + pseudo-reference words the MT lacks, each weighted by the share of references "
               "having it)",
    "minority_mass": "log(1 + words per translation (MT and pseudo-references alike) that at most half of "
                     "the translations use): how scattered the word choices are, i.e. how hard the segment is",
    "len_dev": "|log(MT length / expected length)|",
    "src_len": "log(1 + source length in characters): longer segments hold more errors",
    "src_words": "log(1 + words in the source; CJK characters count as words): more words, more errors",
    "src_punct": "log(1 + punctuation marks in the source): clause structure, quotes, lists",
    "src_names": "log(1 + capitalised names in the source, not sentence-initial; 0 for a German source): "
                 "names are copied rather than translated, so for a given length they lower the risk",
    "emb_src_mt": "cosine of the source and the MT in the multilingual sentence encoder (embed extra): how "
                  "much of the source's meaning the MT keeps; only without pseudo-references",
    **{f: f"severity of the '{f[5:]}' check (0 when it did not fire)" for f in CHECK_FEATURES},
}
MAX_K = 4


# The key of the reference-free model that also reads ``SIMILARITY_FEATURES`` (beside "0" to "4").
EMBEDDED_KEY = "0+emb"


def features_for_k(k: int, embedded: bool = False) -> tuple[str, ...]:
    """The features a model for k pseudo-references uses (``embedded``: the k = 0 model with the
    source-MT similarity)."""
    if k <= 0:
        return SHAPE_FEATURES + CHECK_FEATURES + (SIMILARITY_FEATURES if embedded else ())
    if k == 1:
        return MODEL_METRICS + SHAPE_FEATURES + CHECK_FEATURES
    return MODEL_METRICS + MODEL_AGREEMENT + SHAPE_FEATURES + CHECK_FEATURES


def model_key(k: int) -> str:
    return str(max(0, min(k, MAX_K)))


def model_key_for(features: Mapping[str, float], k: int, weights: Mapping[str, Any]) -> str:
    """The key of the model that scores a segment with these features: ``EMBEDDED_KEY`` for a segment
    without pseudo-references that has the source-MT similarity, when the weights hold that model
    (weights fitted or calibrated before it existed do not: they score it as any k = 0 segment); else
    the model for k, or the richest one below it that the weights hold."""
    models = weights["models"]
    if k <= 0 and EMBEDDED_KEY in models and all(f in features for f in SIMILARITY_FEATURES):
        return EMBEDDED_KEY
    key = model_key(k)
    while key not in models and int(key) > 0:  # fall back to the richest model available
        key = str(int(key) - 1)
    return key


# -- the model -------------------------------------------------------------------------------------------

def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def predict(features: Mapping[str, float], k: int, weights: Mapping[str, Any]) -> float:
    """Risk in [0, 1] for one segment's features, with the model for its number of pseudo-references."""
    model = weights["models"][model_key_for(features, k, weights)]
    z = model["intercept"]
    for name, coef, mean, scale in zip(model["features"], model["coef"], model["mean"], model["scale"], strict=True):
        z += coef * (features.get(name, 0.0) - mean) / scale
    return 1.0 - (1.0 - _sigmoid(z)) * unflagged_share(features, model)


def unflagged_share(features: Mapping[str, float], model: Mapping[str, Any]) -> float:
    """``prod(1 - severity)`` over the checks the model cannot weigh: those with weight 0 (they never fired
    in the data it was fitted on: an empty or truncated MT is bad whatever the fit saw) and the
    ``PRIOR_CHECKS``. ``risk = 1 - (1 - sigmoid(z)) * unflagged_share`` (a noisy-OR)."""
    share = 1.0
    for name, coef in zip(model["features"], model["coef"], strict=True):
        if coef == 0.0 and name.startswith("flag_"):
            share *= 1.0 - min(features.get(name, 0.0), 1.0)
    for name in PRIOR_CHECKS:
        share *= 1.0 - min(features.get(f"flag_{name}", 0.0), 1.0)
    return share


def contributions(features: Mapping[str, float], k: int, weights: Mapping[str, Any]) -> list[tuple[str, float]]:
    """Each feature's share of the logit (coef * standardised value), largest first: why a risk is high."""
    model = weights["models"][model_key_for(features, k, weights)]
    parts = [(name, coef * (features.get(name, 0.0) - mean) / scale)
             for name, coef, mean, scale in zip(model["features"], model["coef"], model["mean"], model["scale"], strict=True)]
    return sorted(parts, key=lambda p: -abs(p[1]))


def _standardise(x: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = np.average(x, axis=0, weights=w)
    scale = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=w))
    scale[scale < 1e-9] = 1.0
    return mean, scale


def _newton(z: np.ndarray, y: np.ndarray, w: np.ndarray, penalty: np.ndarray, beta0: np.ndarray,
            iterations: int = 50) -> np.ndarray:
    """Coefficients minimising weighted logistic loss + sum(penalty * (beta - beta0)^2) / 2 (Newton's method,
    with the step halved while it would raise the loss: a full step from far away can overshoot and diverge
    when the classes are nearly separable)."""

    def loss(b: np.ndarray) -> float:
        m = z @ b
        return float(w @ (np.logaddexp(0.0, m) - y * m) + 0.5 * penalty @ (b - beta0) ** 2)

    beta = beta0.copy()
    current = loss(beta)
    for _ in range(iterations):
        p = _expit(z @ beta)
        grad = z.T @ (w * (p - y)) + penalty * (beta - beta0)
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        for _ in range(30):
            trial = loss(beta - step)
            if trial <= current + 1e-12 * abs(current):
                break
            step = step / 2
        beta = beta - step
        current = trial
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta


def _model(names: Sequence[str], mean: np.ndarray, scale: np.ndarray, coef: np.ndarray,
           intercept: float) -> dict[str, Any]:
    return {
        "features": list(names),
        "mean": [float(v) for v in mean],
        "scale": [float(v) for v in scale],
        "coef": [float(v) for v in coef],
        "intercept": float(intercept),
    }


def fit_logistic(x: np.ndarray, y: np.ndarray, names: Sequence[str], l2: float = 1.0,
                 prior: Mapping[str, Any] | None = None, sample_weight: np.ndarray | None = None,
                 iterations: int = 50) -> dict[str, Any]:
    """L2-regularised logistic regression by Newton's method on standardised features.

    With ``prior`` (a model of the same features), the penalty pulls the coefficients towards the prior's
    instead of towards zero, and the prior's standardisation is kept."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    if prior is not None:
        mean = np.asarray(prior["mean"], dtype=float)
        scale = np.asarray(prior["scale"], dtype=float)
        beta0 = np.asarray([prior["intercept"], *prior["coef"]], dtype=float)
    else:
        mean, scale = _standardise(x, w)
        beta0 = np.zeros(x.shape[1] + 1)
    z = np.hstack([np.ones((len(y), 1)), (x - mean) / scale])
    penalty = np.full(z.shape[1], l2, dtype=float)
    penalty[0] = 1e-6  # the intercept is (almost) free
    beta = _newton(z, y, w, penalty, beta0, iterations)
    return _model(names, mean, scale, beta[1:], beta[0])


def fit_pairwise(x: np.ndarray, badness: np.ndarray, bad: np.ndarray, names: Sequence[str], l2: float = 10.0,
                 pairs: int = 200_000, seed: int = 0) -> dict[str, Any]:
    """A logistic model whose coefficients are fitted to rank, then calibrated to a probability.

    Ranking: for random pairs of rows (``pairs`` draws, fixed ``seed``) whose ``badness`` differs (e.g. minus
    the MQM score, so that every error and its severity counts), a logistic loss on the difference of their
    standardised features asks the worse row to score higher; L2 on the direction. This is the pairwise form
    of Kendall's tau, which is what a review order is judged by. Calibration: ``intercept + b * score`` is
    then fitted to ``bad`` (e.g. "has any error"), so the risk stays a probability and the result is an
    ordinary model (``predict``, ``contributions`` and ``mtreview calibrate`` read it as any other)."""
    x = np.asarray(x, dtype=float)
    badness = np.asarray(badness, dtype=float)
    ones = np.ones(len(x))
    mean, scale = _standardise(x, ones)
    z = (x - mean) / scale
    rng = np.random.default_rng(seed)
    i = rng.integers(0, len(x), pairs)
    j = rng.integers(0, len(x), pairs)
    keep = badness[i] != badness[j]
    i, j = i[keep], j[keep]
    diff = z[i] - z[j]
    # No intercept: swapping a pair flips both the difference and the label, so the loss is symmetric.
    direction = _newton(diff, (badness[i] > badness[j]).astype(float), np.ones(len(i)),
                        np.full(z.shape[1], l2, dtype=float), np.zeros(z.shape[1]))
    score = z @ direction
    ab = _newton(np.column_stack([ones, score]), np.asarray(bad, dtype=float), ones,
                 np.array([1e-6, 1e-6]), np.array([0.0, 1.0]))
    return _model(names, mean, scale, ab[1] * direction, ab[0])


def predict_matrix(x: np.ndarray, model: Mapping[str, Any]) -> np.ndarray:
    """Risks for rows of features ordered as ``model['features']``."""
    z = model["intercept"] + ((np.asarray(x, dtype=float) - model["mean"]) / model["scale"]) @ np.asarray(model["coef"])
    return _expit(z)


def _expit(z: np.ndarray) -> np.ndarray:
    """The logistic function without overflow for large |z|."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


# -- evaluation helpers (benchmarks and calibration) ---------------------------------------------------

def roc_auc(scores: Sequence[float] | np.ndarray, positive: Sequence[bool] | np.ndarray) -> float:
    """Area under the ROC curve (ties count half); nan when one class is absent."""
    s = np.asarray(scores, dtype=float)
    pos = np.asarray(positive, dtype=bool)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if not n_pos or not n_neg:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j + 2) / 2
        i = j + 1
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def kendall_tau(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray, block: int = 512) -> float:
    """Kendall's tau-b (ties in either variable handled as scipy does)."""
    a = np.asarray(x, dtype=float)
    b = np.asarray(y, dtype=float)
    n = len(a)
    con = dis = ties_a = ties_b = 0
    for start in range(0, n, block):
        stop = min(n, start + block)
        da = np.sign(a[start:stop, None] - a[None, :])
        db = np.sign(b[start:stop, None] - b[None, :])
        upper = np.arange(start, stop)[:, None] < np.arange(n)[None, :]
        prod = (da * db)[upper]
        con += int((prod > 0).sum())
        dis += int((prod < 0).sum())
        ties_a += int(((da == 0) & (db != 0))[upper].sum())
        ties_b += int(((db == 0) & (da != 0))[upper].sum())
    denom = math.sqrt((con + dis + ties_a) * (con + dis + ties_b))
    return (con - dis) / denom if denom else float("nan")


# -- weights on disk ---------------------------------------------------------------------------------------

def _fallback_weights() -> dict[str, Any]:
    """A hand-set weighted sum used only if the shipped weights file is missing: low chrF, checks and odd
    length raise the risk. (The fitted file replaces it; this keeps the tool usable without it.)"""
    models = {}
    for k in range(MAX_K + 1):
        names = features_for_k(k)
        coef = []
        for f in names:
            if f.startswith("flag_"):
                coef.append(0.8)
            elif f in ("chrf", "chrf_mean", "bleu"):
                coef.append(-0.6)
            elif f == "chrf_gap":
                coef.append(-0.6)
            elif f in ("ter", "len_dev"):
                coef.append(0.4)
            else:
                coef.append(0.0)
        models[str(k)] = {"features": list(names), "mean": [0.0] * len(names), "scale": [1.0] * len(names),
                          "coef": coef, "intercept": -1.0}
    return {"version": 1, "kind": "logistic", "source": "fallback (hand-set)", "models": models}


@lru_cache(maxsize=1)
def default_weights() -> dict[str, Any]:
    """The shipped weights (``mtreview/data/risk_weights.json``)."""
    try:
        text = resources.files("mtreview").joinpath("data/risk_weights.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return _fallback_weights()
    return validate_weights(json.loads(text), "mtreview/data/risk_weights.json")


def validate_weights(weights: Any, where: str) -> dict[str, Any]:
    """Check the shape of a weights object; raises ``MtReviewError`` naming ``where`` when it is wrong."""
    from .errors import MtReviewError

    try:
        models = weights["models"]
        if not isinstance(models, dict):  # (a list passed the "0" test below and was a traceback)
            raise TypeError(f"'models' is {type(models).__name__}, not an object of models by name")
        if "0" not in models:
            raise KeyError("models['0']")
        for key, model in models.items():
            n = len(model["features"])
            if not (len(model["coef"]) == len(model["mean"]) == len(model["scale"]) == n):
                raise ValueError(f"model {key}: features, coef, mean and scale differ in length")
            unknown = set(model["features"]) - set(FEATURES)
            if unknown:
                raise ValueError(f"model {key}: unknown feature(s) {', '.join(sorted(unknown))}")
            # QA: a NaN made every risk NaN, written as the bare token NaN (not JSON) with exit 0, and a text
            # stopped scoring with a traceback
            for name in ("coef", "mean", "scale"):
                for value in model[name]:
                    _check_weight(key, name, value)
            _check_weight(key, "intercept", model["intercept"])
            if any(s == 0 for s in model["scale"]):
                raise ValueError(f"model {key}: a scale of 0")
    except KeyError as err:  # its text is the bare key ('models'): say what is missing
        raise MtReviewError(f"{where}: not valid risk weights (no {err} entry; mtreview calibrate and "
                            "scripts/fit_risk.py write the expected shape)") from None
    except (TypeError, ValueError) as err:
        raise MtReviewError(f"{where}: not valid risk weights ({err})") from None
    return weights


def _check_weight(model: str, name: str, value: Any) -> None:
    """A ValueError unless ``value`` is a finite number (not a boolean)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        shown = json.dumps(value)[:40] if not isinstance(value, float) else ("NaN" if math.isnan(value) else
                                                                        "Infinity" if value > 0 else "-Infinity")
        raise ValueError(f"model {model}: {name} holds {shown}, not a finite number")


def load_weights(path: str | Path) -> dict[str, Any]:
    """Read risk weights from a JSON file."""
    from .errors import InputError
    from .jsonio import loads
    from .textio import read_input_bytes

    p = Path(path)
    try:
        data = loads(read_input_bytes(p).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(p, f"not a JSON file ({err})") from None
    return validate_weights(data, str(p))
