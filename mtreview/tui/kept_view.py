"""The order and filter a reviewer left the list in, kept for their next review of the project, as their place
is (``resume.py``).

QA: a reviewer who worked through the high-risk segments in risk order with the filter "status=new" found the
list back in document order, unfiltered, every time they reopened the project, and had to set both again
(s s, f ...) before going on. Kept in the project's ``meta`` table under the reviewer's name, as a draft is
(``drafts.py``), so it goes with the project; the search is not kept (it is a look-up, not a way of working
through the list), nor is anything another reviewer set.
"""

from __future__ import annotations

import json
import math
import sqlite3

from ..errors import MtReviewError
from ..store import STATUSES, Project
from .view import ORDERS, Filter

_KEY = "review_list:"


def kept_view(project: Project, reviewer: str) -> tuple[str, Filter]:
    """The order and filter (without a search) ``reviewer`` last left the list in; document order and no
    filter when they never changed them, or what is kept cannot be read (a newer or a hand-edited value)."""
    raw = project.meta(_KEY + reviewer)
    try:
        data = json.loads(raw) if raw else {}
        if not isinstance(data, dict):
            raise TypeError(data)
        order = data.get("order", "document")
        status, flag, min_risk = data.get("status"), data.get("flag"), data.get("min_risk")
        noted = data.get("noted", False)
        if (order not in ORDERS or status not in (None, *STATUSES) or not isinstance(flag, str | None)
                or not isinstance(noted, bool) or isinstance(min_risk, bool)
                or not (min_risk is None or isinstance(min_risk, int | float) and 0 <= min_risk <= 1)):
            raise ValueError(data)
    except (ValueError, TypeError):
        return "document", Filter()
    return order, Filter(status=status, flag=flag or None, noted=noted,
                         min_risk=None if min_risk is None or math.isnan(min_risk) else float(min_risk))


def keep_view(project: Project, reviewer: str, order: str, filt: Filter) -> bool:
    """Store ``order`` and ``filt`` (its search left out) for ``reviewer``'s next review; written only when
    they differ from what is kept (every write is a change the other open sessions notice). False when the
    project cannot be written now (they are then not kept)."""
    if kept_view(project, reviewer) == (order, Filter(filt.status, filt.flag, filt.min_risk, None, filt.noted)):
        return True
    value = json.dumps({"order": order, "status": filt.status, "flag": filt.flag, "min_risk": filt.min_risk,
                        "noted": filt.noted}, ensure_ascii=False)
    try:
        project.set_meta(_KEY + reviewer, value)
    except (sqlite3.Error, OSError, MtReviewError):
        return False
    return True


def describe_kept(order: str, filt: Filter) -> str | None:
    """What the review opened with from the reviewer's last one, for the opening message; None: nothing."""
    parts = [] if order == "document" else [f"{order} order"]
    if filt.active:
        parts.append(f"filter {filt.describe()}")
    return " and ".join(parts) or None
