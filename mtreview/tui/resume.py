"""Where a reopened review puts the cursor: back at the reviewer's place.

QA: every reopen put the cursor on the first unreviewed segment of the document, so a translator who had
left segment 5 open on purpose (a query to the client) and worked on to segment 40 came back to segment 5
each morning, and had to find segment 41 again.
"""

from __future__ import annotations

from ..store import Project
from ..store_views import live_successor
from .view import ReviewView


def resume_index(project: Project, view: ReviewView, reviewer: str) -> int:
    """Row of the list (in the order and filter it opens with) to open on: the first unreviewed segment at or
    after the one ``reviewer`` last acted on in this project (a decision, a note, an undo or a repair), in the
    list's order, wrapping to the top; the first unreviewed segment when they never acted on it or that
    segment is gone. A segment the filter hides (decided, under "status=new") counts from where it would be
    (QA: such a reopen went back to the top of the list)."""
    row = project.conn.execute("SELECT segment_id FROM events WHERE reviewer=? AND segment_id IS NOT NULL"
                               " ORDER BY id DESC LIMIT 1", (reviewer,)).fetchone()
    seg_id = live_successor(project, int(row[0])) if row is not None else None
    index = view.position_of(seg_id) if seg_id is not None else None
    if index is None or seg_id is None or not len(view):
        return view.first_unreviewed()
    if index < len(view) and view.status.get(view.ids[index]) == "unreviewed":
        return index
    index = min(index, len(view) - 1)  # past the last row: from the top
    after = view.next_unreviewed(index)  # wraps to the top: the first unreviewed one then
    return after if after is not None else index
