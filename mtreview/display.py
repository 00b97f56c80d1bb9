"""How numbers are shown to people, the same on the review screen and in the reports (HTML, Markdown), so a
reviewer comparing the two reads the same figure. Machine outputs (``--json``, exports) keep full precision."""

from __future__ import annotations

import math

MISSING = "\u2013"  # an en dash: no value


def fmt_risk(value: float | None, missing: str = MISSING) -> str:
    """A risk cut (not rounded) to two decimals, so that what is shown agrees with a threshold or filter
    on the shown digits: 0.4954 shows as 0.49 and is below "risk >= 0.5". ``missing`` for none (or NaN)."""
    if value is None or not math.isfinite(value):
        return missing
    # The small epsilon keeps 0.29 (0.28999... in binary) at 0.29.
    return f"{math.floor(value * 100 + 1e-9) / 100:.2f}"
