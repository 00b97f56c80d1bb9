"""Bead boundaries: does content cross this boundary?

Translators (and the annotators of gold alignments) make one bead of two sentence pairs when content
crosses the sentence break: the end of one source sentence translated at the start of the next target
sentence. The similarity of each sentence with the rest of its bead cannot see that when each target
sentence still matches one source sentence best (two 1-1 beads then earn as much evidence as the 2-2 bead).
What crosses a boundary can be seen (``crossing``): what the last source sentence before it shares with the
first target sentence after it, counting only what those two do not share with their own neighbours across
the boundary (the source sentence after it, the target sentence before it), and the same the other way
round. Neighbouring sentences share names and the topic; a clause that moved across the break shares
n-grams that only the two sentences it joins have. How much it takes is measured on the document's first
alignment (``fit_boundary``): inside its multi-sentence beads against between its consecutive beads, in
units of what crosses its ordinary boundaries. The boundary at the end of an aligned bead then costs the
evidence that its two sides belong to one bead, where positive (``boundary_cost``); evidence that it is a real
boundary is not a reward, which would favour cutting documents into many beads. Unaligned sentences pay
nothing (the model is measured between aligned beads; a caption that repeats a name of the next sentence
does not belong to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .align_evidence import Evidence, fit_evidence
from .align_similarity import band_gather

if TYPE_CHECKING:
    from .align_scoring import BeadCosts


MIN_SAMPLES = 8  # of each kind (inside beads, between beads) to fit a boundary model
BETWEEN_UNIT_PERCENTILE = 90  # the crossing of this share of the boundaries between beads is the unit


def crossing(costs: BeadCosts, rows: np.ndarray, j: np.ndarray) -> np.ndarray:
    """What crosses a bead boundary at states (rows, j): the larger of the cosines of (the last source
    sentence before it, the first target sentence after it) and (the first source sentence after it, the last
    target sentence before it), each counting only the features that neither sentence shares with its
    neighbour across the boundary (``BeadCosts`` bands' ``exclusive_dots``), in units of
    ``costs.crossing_scale``. NaN where there is no such pair (the document's edges)."""
    shape = np.broadcast_shapes(rows.shape, j.shape)
    r = np.broadcast_to(rows, shape)
    c = np.broadcast_to(j, shape)
    if not costs.bands:
        return np.full(shape, np.nan)
    out = np.full(shape, -np.inf)
    for k, (rr, cc, ok) in enumerate(((r - 1, c, (r >= 1) & (c < costs.m)), (r, c - 1, (r < costs.n) & (c >= 1)))):
        ri, ci = np.clip(rr, 0, costs.n - 1), np.clip(cc, 0, costs.m - 1)
        per_signal: list[np.ndarray] = []
        present: list[np.ndarray | None] = []
        for band, averaged in zip(costs.bands, costs.averaged, strict=True):
            dots = band_gather(band.exclusive_dots()[k], rr, cc, costs.plo)
            per_signal.append(dots / np.sqrt(np.maximum(band.sq_left[ri] * band.sq_right[ci], 1e-12)))
            present.append((band.sq_left[ri] > 0) & (band.sq_right[ci] > 0) if averaged else None)
        out = np.where(ok, np.maximum(out, costs.combine(per_signal, present)), out)
    return np.where(np.isfinite(out), out * costs.crossing_scale, np.nan)


def boundary_cost(costs: BeadCosts, rows: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Cost of a bead boundary at states (rows, j): the evidence (``costs.boundary``, nats) that the content
    on its two sides belongs to one bead, where positive; 0 while no boundary model is fitted."""
    shape = np.broadcast_shapes(rows.shape, j.shape)
    if costs.boundary is None:
        return np.zeros(shape)
    x = crossing(costs, rows, j)
    return np.where(np.isnan(x), 0.0, np.maximum(costs.boundary(np.nan_to_num(x)), 0.0))


def _is_bead(a: int, b: int) -> bool:
    """Whether a part of a split bead is a bead itself (a 0-2 part is not: two unaligned sentences)."""
    return (a >= 1 and b >= 1) or (a, b) in ((1, 0), (0, 1))


def boundary_samples(path: Sequence[tuple[int, int]], costs: BeadCosts) -> tuple[np.ndarray, np.ndarray]:
    """Crossing similarity in a first alignment: inside each multi-sentence bead at its most boundary-like
    inner state (where splitting it into two beads would be cheapest), and at the boundaries between
    consecutive aligned beads."""
    steps = list(zip(path[:-1], path[1:], strict=True))
    aligned = [i1 > i0 and j1 > j0 for (i0, j0), (i1, j1) in steps]
    between = np.asarray([path[k + 1] for k in range(len(steps) - 1) if aligned[k] and aligned[k + 1]],
                         dtype=np.int64).reshape(-1, 2)
    inside = []
    for ((i0, j0), (i1, j1)), ok in zip(steps, aligned, strict=True):
        if not ok or i1 - i0 + j1 - j0 < 3:
            continue
        inner = np.asarray([(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)
                            if _is_bead(i - i0, j - j0) and _is_bead(i1 - i, j1 - j)], dtype=np.int64)
        if len(inner) == 0:
            continue
        x = crossing(costs, inner[:, 0], inner[:, 1])
        if not np.isnan(x).all():
            inside.append(float(np.nanmin(x)))
    x_between = crossing(costs, between[:, 0], between[:, 1])
    return np.asarray(inside, dtype=np.float64), x_between[~np.isnan(x_between)]


def fit_boundary(path: Sequence[tuple[int, int]], costs: BeadCosts) -> Evidence | None:
    """The boundary model of a document, measured on its first alignment; None when that alignment has too
    few multi-sentence beads or boundaries to measure it.

    Sets ``costs.crossing_scale`` so that 90% of the boundaries between the first alignment's beads have
    a crossing below 1: how much two neighbouring sentences share by chance differs a lot between a good
    MT, a poor one and none, and the evidence curve's bins need that spread in a known range."""
    costs.crossing_scale = 1.0
    inside, between = boundary_samples(path, costs)
    if len(inside) < MIN_SAMPLES or len(between) < MIN_SAMPLES:
        return None
    unit = float(np.percentile(between, BETWEEN_UNIT_PERCENTILE))
    if unit > 1e-9:
        costs.crossing_scale = 1.0 / unit
    return fit_evidence(inside * costs.crossing_scale, between * costs.crossing_scale)
