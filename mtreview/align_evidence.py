"""Evidence curves: how many nats a similarity level is worth for "these belong together".

A curve starts generic (linear in the calibrated similarity) and is then measured on the document itself
(``fit_evidence``): the log ratio between how often things that belong together and things that do not
reach each similarity level in a first alignment. Used for a sentence's similarity with the rest of its bead
(``align_scoring``) and for the similarity across a bead boundary (``align_boundary``).
"""

from __future__ import annotations

import numpy as np

EVIDENCE_CAP = 5.0     # no single similarity is worth more than this, for or against
UNRELATED_SHARE = 0.1  # share of a first alignment's aligned sentences taken to look unrelated (fit_evidence)
PRIOR_SENTENCES = 2.0  # weight of the smoothing of a measured histogram towards the unrelated one
# The generic evidence curve used before the document's own is measured: linear in the calibrated similarity.
GENERIC_SLOPE = 4.0
GENERIC_NEUTRAL = 0.1


class Evidence:
    """Nats of evidence for "these belong together" (a sentence and the rest of its bead; the two sides of
    a bead boundary), as a function of a calibrated similarity. Non-decreasing and capped at +-EVIDENCE_CAP."""

    def __init__(self, xs: np.ndarray | None = None, ys: np.ndarray | None = None, floor: float = -EVIDENCE_CAP):
        self.xs, self.ys, self.floor = xs, ys, floor

    def __call__(self, s_hat: np.ndarray) -> np.ndarray:
        if self.xs is None or self.ys is None:
            out = GENERIC_SLOPE * (s_hat - GENERIC_NEUTRAL)
            return np.clip(out, max(self.floor, -EVIDENCE_CAP), EVIDENCE_CAP)
        return np.interp(s_hat, self.xs, self.ys)


def fit_evidence(member: np.ndarray, unrelated: np.ndarray, unrelated_share: float = UNRELATED_SHARE) -> Evidence:
    """Measure the evidence curve on the document: the log ratio between how often a sentence of an aligned
    bead (from a first alignment pass) and an unrelated pair reach each similarity level.

    A poor MT or a free human translation has many aligned sentences with low similarity, so low
    similarity is weak evidence against; a good MT has almost none, so an unrelated line (web boilerplate)
    is confidently left out. Histograms; a level never seen among aligned sentences counts as evidence
    against.

    ``unrelated_share`` of the aligned ones are taken to look like unrelated pairs (a mixture). A first
    alignment that rests on similarity (with a translation) leaves out exactly the aligned sentences that
    look unrelated (a freely translated clause, a fragment, a failed MT line), so its histogram alone would
    call low similarity nearly impossible for an aligned sentence and the second pass would leave those
    sentences out again; with the mixture, evidence against never exceeds ``-log(unrelated_share)`` nats.
    With a share of 0 the aligned histogram is only smoothed towards the unrelated one, with the weight of
    ``PRIOR_SENTENCES``. Forced non-decreasing: more similar is never worse."""
    edges = np.arange(-1.0, 3.01, 0.25)
    centres = (edges[:-1] + edges[1:]) / 2
    lo_edge, hi_edge = edges[0] + 1e-9, edges[-1] - 1e-9
    t_hist = np.histogram(np.clip(member, lo_edge, hi_edge), edges)[0].astype(np.float64)
    r_hist = np.histogram(np.clip(unrelated, lo_edge, hi_edge), edges)[0].astype(np.float64)
    r_p = (r_hist + 0.5) / (r_hist.sum() + 0.5 * len(centres))
    if unrelated_share > 0:
        t_p = (1 - unrelated_share) * t_hist / max(t_hist.sum(), 1.0) + unrelated_share * r_p
    else:
        t_p = (t_hist + PRIOR_SENTENCES * r_p) / (t_hist.sum() + PRIOR_SENTENCES)
    llr = np.log(t_p / r_p)
    llr = np.maximum.accumulate(np.clip(llr, -EVIDENCE_CAP, EVIDENCE_CAP))
    return Evidence(centres, llr)
