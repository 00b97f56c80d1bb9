"""Confidence of each bead (interim: from the bead's own cost)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def bead_confidences(path: Sequence[tuple[int, int]], step_costs: Sequence[float]) -> list[float]:
    """One value in [0, 1] per bead: higher is surer."""
    out = []
    for c in step_costs:
        out.append(1.0 / (1.0 + math.exp(min(max(c, -50.0), 50.0) / 4)))
    return out
