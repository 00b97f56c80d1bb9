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
    """Row of the list (document order, nothing filtered) to open on: the first unreviewed segment at or after
    the one ``reviewer`` last acted on in this project (a decision, a note, an undo or a repair), wrapping to
    the top; the first unreviewed segment when they never acted on it or that segment is gone."""
    row = project.conn.execute("SELECT segment_id FROM events WHERE reviewer=? AND segment_id IS NOT NULL"
                               " ORDER BY id DESC LIMIT 1", (reviewer,)).fetchone()
    seg_id = live_successor(project, int(row[0])) if row is not None else None
    index = view.index_of(seg_id) if seg_id is not None else None
    if index is None or seg_id is None:
        return view.first_unreviewed()
    if view.status.get(seg_id) == "unreviewed":
        return index
    after = view.next_unreviewed(index)  # wraps to the top: the first unreviewed one then
    return after if after is not None else index
