"""The review queue: which segments the list shows, in which order, and the progress counts.

Holds one small record per segment (id, number, status, risk) so ordering, filtering, progress and
"next unreviewed" never touch segment text; the text of the rows on screen is fetched by id and cached.
No textual import: this is plain logic the widgets read.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..risk_threshold import HIGH_RISK
from ..search_index import FoldedTexts
from ..store import Project
from ..store_notes import ids_with_note
from ..store_views import RowSummary, flag_names, ids_with_flag, row_summaries, segment_states

NOTED_WORDS = "with a reviewer note"
"""The note filter, in the filter dialog's list and in the header and messages: one wording (QA: the list said
"with a reviewer note", the header "with a note")."""

ORDERS = ("document", "risk", "confidence")
ROW_CACHE_SIZE = 4000


@dataclass(frozen=True)
class Filter:
    """What the list shows: a status, a check flag, a minimum risk and a search text (None: any), and
    whether only segments with a reviewer's note."""

    status: str | None = None
    flag: str | None = None
    min_risk: float | None = None
    search: str | None = None
    noted: bool = False

    @property
    def active(self) -> bool:
        return self.noted or any(v is not None for v in (self.status, self.flag, self.min_risk, self.search))

    def describe(self) -> str:
        parts = []
        if self.status:
            parts.append(f"status={self.status}")
        if self.flag:
            parts.append(f"flag={self.flag}")
        if self.noted:
            parts.append(NOTED_WORDS)
        if self.min_risk is not None:
            parts.append(f"risk>={self.min_risk:g}")
        if self.search:
            parts.append(f"search={self.search!r}")
        return ", ".join(parts) or "none"


class ReviewView:
    """Order, filter, cursor targets and progress over a project's active segments."""

    def __init__(self, project: Project, risk_threshold: float = HIGH_RISK) -> None:
        self.project = project
        self.risk_threshold = risk_threshold
        self.order = "document"
        self.filter = Filter()
        self.ids: list[int] = []  # what the list shows, in its order
        self._index: dict[int, int] = {}  # id -> position in ``ids``
        self._rows: OrderedDict[int, RowSummary] = OrderedDict()
        self.reload()

    # -- loading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read order and states from the store (after a merge, split, rescoring...)."""
        cols = segment_states(self.project)
        self.doc_ids = cols.ids
        self.number = dict(zip(cols.ids, range(1, len(cols.ids) + 1), strict=True))
        self.status = dict(zip(cols.ids, cols.statuses, strict=True))
        self.risk = dict(zip(cols.ids, cols.risks, strict=True))
        self.id_of_number = self.doc_ids  # number n is doc_ids[n - 1]
        self.scored = any(r is not None for r in cols.risks)
        self.noted = ids_with_note(self.project.conn)  # segments with a reviewer's note (few: one query)
        self._rows.clear()
        self._confidence: dict[int, float | None] | None = None
        # The segments' texts may have changed: the search reads them again (the screen builds it while idle).
        self.search_index = FoldedTexts(self.project)
        self._recount()
        self.apply()

    def _recount(self) -> None:
        self.total = len(self.doc_ids)
        statuses = list(self.status.values())
        self.reviewed = len(statuses) - statuses.count("unreviewed")
        thr = self.risk_threshold
        self.high_risk_left = sum(1 for s, r in zip(statuses, self.risk.values(), strict=True)
                                  if s == "unreviewed" and r is not None and r >= thr)

    def _is_high_risk_left(self, seg_id: int) -> bool:
        risk = self.risk.get(seg_id)
        return self.status.get(seg_id) == "unreviewed" and risk is not None and risk >= self.risk_threshold

    def apply(self, order: str | None = None, filt: Filter | None = None) -> None:
        """Rebuild the shown list for an order and a filter."""
        if order is not None:
            if order not in ORDERS:
                raise ValueError(f"unknown order {order!r}")
            self.order = order
        if filt is not None:
            self.filter = filt
        f = self.filter
        tests: list[Callable[[int], bool]] = []
        if f.status:
            tests.append(lambda i: self.status[i] == f.status)
        min_risk = f.min_risk
        if min_risk is not None:
            tests.append(lambda i: (self.risk[i] or 0.0) >= min_risk)
        # A search or a flag selects a set: start from it, in document order, rather than test every id.
        pool: set[int] | None = None
        for found in ((ids_with_flag(self.project, f.flag) if f.flag else None),
                      (set(self.noted) if f.noted else None),
                      (self.search_index.search(f.search) if f.search else None)):
            if found is not None:
                pool = found if pool is None else pool & found
        if pool is None:
            ids = list(self.doc_ids)
        else:
            ids = sorted((i for i in pool if i in self.number), key=self.number.__getitem__)
        for test in tests:
            ids = [i for i in ids if test(i)]
        if self.order != "document":
            ids.sort(key=self._order_key())
        self.ids = ids
        self._index = {seg_id: k for k, seg_id in enumerate(ids)}

    def _order_key(self) -> Callable[[int], tuple[bool, float, int]]:
        """The sort key of the list's order, for a segment id."""
        if self.order == "risk":
            # Highest risk first; unscored segments last, each group in document order.
            return lambda i: (self.risk[i] is None, -(self.risk[i] or 0.0), self.number[i])
        if self.order == "confidence":
            # Least sure alignment first (the beads most worth a look for repair); unknown last.
            conf = self.confidences()
            return lambda i: (conf.get(i) is None, conf.get(i) or 0.0, self.number[i])
        return lambda i: (False, 0.0, self.number[i])

    def position_of(self, seg_id: int) -> int | None:
        """Where ``seg_id`` is in the shown list, or, when the filter hides it, the row of the first shown
        segment after it in the list's order (``len(self)`` when none is); None when it is gone."""
        if seg_id in self._index:
            return self._index[seg_id]
        if seg_id not in self.number:
            return None
        key = self._order_key()
        return bisect_left(self.ids, key(seg_id), key=key)

    def confidences(self) -> dict[int, float | None]:
        """Alignment confidence of every active segment (read when the confidence order is chosen)."""
        if self._confidence is None:
            cur = self.project.conn.cursor()
            cur.row_factory = None
            self._confidence = dict(cur.execute("SELECT id, confidence FROM segments WHERE active=1"))
        return self._confidence

    # -- reading -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    def index_of(self, seg_id: int) -> int | None:
        """Position of a segment in the shown list, or None if it is filtered out or gone."""
        return self._index.get(seg_id)

    def rows(self, ids: Sequence[int]) -> dict[int, RowSummary]:
        """List rows for these ids, fetched from the store once and then cached."""
        missing = [i for i in ids if i not in self._rows]
        if missing:
            for seg_id, row in row_summaries(self.project, missing).items():
                self._rows[seg_id] = row
            while len(self._rows) > ROW_CACHE_SIZE:
                self._rows.popitem(last=False)
        return {i: self._rows[i] for i in ids if i in self._rows}

    def flag_names(self) -> list[str]:
        return flag_names(self.project)

    def first_unreviewed(self) -> int:
        """Position of the first unreviewed segment in the shown list, in its order (0 if none)."""
        for k, seg_id in enumerate(self.ids):
            if self.status[seg_id] == "unreviewed":
                return k
        return 0

    def next_where(self, start: int, test: Callable[[int], bool]) -> int | None:
        """Position of the next shown segment after ``start`` that passes ``test``, wrapping around."""
        n = len(self.ids)
        for step in range(1, n + 1):
            k = (start + step) % n
            if test(self.ids[k]):
                return k
        return None

    def next_unreviewed(self, start: int) -> int | None:
        return self.next_where(start, lambda i: self.status[i] == "unreviewed")

    def next_high_risk(self, start: int) -> int | None:
        return self.next_where(start, self._is_high_risk_left)

    # -- updating after a committed decision -------------------------------------------------------

    def set_status(self, seg_id: int, status: str, final: str | None = None) -> None:
        """Record a segment's new status (already committed to the store) in the counts and the cache."""
        old = self.status.get(seg_id)
        if old is None:
            return
        was_high = self._is_high_risk_left(seg_id)
        self.status[seg_id] = status
        self.reviewed += (status != "unreviewed") - (old != "unreviewed")
        self.high_risk_left += self._is_high_risk_left(seg_id) - was_high
        row = self._rows.get(seg_id)
        if row is not None:
            self._rows[seg_id] = replace(row, status=status, final=final)

    def set_noted(self, seg_id: int, noted: bool) -> None:
        """Record whether a segment has a note now (already committed to the store); the list is not
        re-filtered: a segment whose note was just cleared stays in view until the filter is applied again."""
        if noted:
            self.noted.add(seg_id)
        else:
            self.noted.discard(seg_id)

    def set_threshold(self, threshold: float) -> None:
        self.risk_threshold = threshold
        self._recount()
