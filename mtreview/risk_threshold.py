"""The "high risk" count that ``score --summary``, ``report`` and the review screen share.

A segment is at high risk when its risk is at or above :data:`HIGH_RISK`, the review screen's default
threshold (``mtreview review --risk-threshold``, its ``N`` key). QA: the summary counted risk > 0.5 as
``above_0.5`` while the report counted risk >= 0.5 as ``high_risk``, so a segment at exactly 0.5 (the floor
of an MT with markup left in it) was high risk in one and not in the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

HIGH_RISK = 0.5


def count_high_risk(risks: Iterable[float]) -> int:
    """How many of ``risks`` are at or above :data:`HIGH_RISK` (NaN never is)."""
    return sum(1 for r in risks if r >= HIGH_RISK)


def high_risk_entry(segments: int) -> dict[str, Any]:
    """``{"threshold": 0.5, "segments": n}``: the ``high_risk`` entry of a summary and of ``report --json``,
    for ``segments`` counted as :func:`count_high_risk` counts."""
    return {"threshold": HIGH_RISK, "segments": segments}
