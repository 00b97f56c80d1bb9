"""Read-only queries on a project that a reviewing front end needs at 100,000 segments.

``Project.segments()`` builds a full ``Segment`` per row (and ``Project.segment`` counts rows to number
one); a list that shows 40 rows at a time needs less: the order and state of every segment (small
tuples), then the text of the rows on screen, fetched by id. Everything here reads the project's own
connection and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .store import Project
from .store_values import stored_indexes

# Characters of source / MT text a list row keeps: a row is never wider than a terminal.
PREVIEW_CHARS = 240


@dataclass(frozen=True)
class SegmentColumns:
    """Order and review state of every active segment, as columns in document order (segment number n is
    index n - 1). Columns rather than one object per segment: 100,000 objects cost a third of a second."""

    ids: list[int]
    statuses: list[str]
    risks: list[float | None]


@dataclass(frozen=True, slots=True)
class RowSummary:
    """What a list row shows: state, risk, confidence, flag names and text previews."""

    id: int
    status: str
    risk: float | None
    confidence: float | None
    flags: tuple[str, ...]
    source: str
    mt: str
    final: str | None


@dataclass(frozen=True, slots=True)
class SegmentDetail:
    """Everything the detail pane shows about one segment besides candidates, flags and scores."""

    id: int
    source: str
    mt: str
    confidence: float | None
    risk: float | None
    status: str
    final: str | None
    candidate: str | None
    reviewer: str | None
    decided_at: str | None
    source_idx: tuple[int, ...]
    mt_idx: tuple[int, ...]


def segment_states(project: Project) -> SegmentColumns:
    """Every active segment in document order with its status and risk (one pass over the index)."""
    cur = project.conn.cursor()
    cur.row_factory = None  # plain tuples: sqlite3.Row objects are slower to build, 100,000 times over
    rows = cur.execute(
        "SELECT g.id, coalesce(st.status, 'unreviewed'), g.risk FROM segments g"
        " LEFT JOIN segment_state st ON st.segment_id = g.id WHERE g.active=1 ORDER BY g.position"
    ).fetchall()
    if not rows:
        return SegmentColumns([], [], [])
    ids, statuses, risks = (list(col) for col in zip(*rows, strict=True))
    return SegmentColumns(ids, statuses, risks)


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def row_summaries(project: Project, ids: Sequence[int]) -> dict[int, RowSummary]:
    """List rows for these segment ids (any order; unknown ids are left out)."""
    out: dict[int, RowSummary] = {}
    for chunk in _chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        flags: dict[int, tuple[str, ...]] = {}
        for seg_id, names in project.conn.execute(
            f"SELECT segment_id, group_concat(name, char(31)) FROM flags WHERE segment_id IN ({marks})"
            " GROUP BY segment_id", tuple(chunk)
        ):
            flags[seg_id] = tuple(dict.fromkeys(names.split("\x1f")))  # unique, in order
        for r in project.conn.execute(
            "SELECT g.id, coalesce(st.status, 'unreviewed'), g.risk, g.confidence,"
            f" substr(g.source_text, 1, {PREVIEW_CHARS}), substr(g.mt_text, 1, {PREVIEW_CHARS}),"
            f" substr(st.final_text, 1, {PREVIEW_CHARS})"
            f" FROM segments g LEFT JOIN segment_state st ON st.segment_id = g.id WHERE g.id IN ({marks})",
            tuple(chunk),
        ):
            out[r[0]] = RowSummary(r[0], r[1], r[2], r[3], flags.get(r[0], ()), r[4], r[5], r[6])
    return out


def segment_detail(project: Project, segment_id: int) -> SegmentDetail | None:
    """The full texts and state of one segment (active or not), or None if there is no such id."""
    r = project.conn.execute(
        "SELECT g.*, coalesce(st.status, 'unreviewed') AS status_, st.final_text, st.candidate, st.reviewer,"
        " st.decided_at FROM segments g LEFT JOIN segment_state st ON st.segment_id = g.id WHERE g.id=?",
        (segment_id,),
    ).fetchone()
    if r is None:
        return None
    return SegmentDetail(
        r["id"], r["source_text"], r["mt_text"], r["confidence"], r["risk"], r["status_"], r["final_text"],
        r["candidate"], r["reviewer"], r["decided_at"],
        stored_indexes(r["source_idx"], "source_idx"), stored_indexes(r["mt_idx"], "mt_idx"),
    )


def segment_status(project: Project, segment_id: int) -> str:
    """The current status of one segment."""
    r = project.conn.execute("SELECT status FROM segment_state WHERE segment_id=?", (segment_id,)).fetchone()
    return r[0] if r else "unreviewed"


def flag_names(project: Project) -> list[str]:
    """The distinct check-flag names present on active segments, sorted."""
    return [r[0] for r in project.conn.execute(
        "SELECT DISTINCT f.name FROM flags f JOIN segments g ON g.id = f.segment_id WHERE g.active=1"
        " ORDER BY f.name")]


def ids_with_flag(project: Project, name: str) -> set[int]:
    """Ids of segments carrying a check flag."""
    return {r[0] for r in project.conn.execute("SELECT DISTINCT segment_id FROM flags WHERE name=?", (name,))}


def search_ids(project: Project, needle: str) -> set[int]:
    """Ids of active segments whose source or MT contains ``needle``, ignoring case in any script.

    SQLite's LIKE folds ASCII only, so Cyrillic is compared in Python after ``casefold``."""
    folded = needle.casefold()
    if not folded:
        return set()
    out = set()
    for seg_id, src, mt in project.conn.execute("SELECT id, source_text, mt_text FROM segments WHERE active=1"):
        if folded in src.casefold() or folded in mt.casefold():
            out.add(seg_id)
    return out


def sentence_texts(project: Project, role: str, indices: Sequence[int]) -> list[str]:
    """Texts of the sentences of the (first) document with this role at these indices, in that order."""
    if not indices:
        return []
    marks = ",".join("?" * len(indices))
    found = dict(project.conn.execute(
        f"SELECT s.idx, s.text FROM sentences s WHERE s.document_id=(SELECT min(id) FROM documents"
        f" WHERE role=?) AND s.idx IN ({marks})", (role, *indices)))
    return [found.get(i, "") for i in indices]


def reference_rows(project: Project) -> list[tuple[int, str, str, str | None, list[str]]]:
    """Every active segment that has reference candidates, in document order: (id, MT, status, final
    text, reference texts). For corpus scores of the work in progress."""
    out: list[tuple[int, str, str, str | None, list[str]]] = []
    for seg_id, mt, status, final, ref in project.conn.execute(
        "SELECT g.id, g.mt_text, coalesce(st.status, 'unreviewed'), st.final_text, c.text FROM segments g"
        " JOIN candidates c ON c.segment_id = g.id AND c.kind = 'reference'"
        " LEFT JOIN segment_state st ON st.segment_id = g.id WHERE g.active=1 ORDER BY g.position, c.id"
    ):
        if out and out[-1][0] == seg_id:
            out[-1][4].append(ref)
        else:
            out.append((seg_id, mt, status, final, [ref]))
    return out


def last_undone_or_redone_action(project: Project) -> str | None:
    """The action (``edit``, ``merge``...) that the latest undo or redo event acted on."""
    r = project.conn.execute(
        "SELECT t.action FROM events e JOIN events t ON t.id = e.target WHERE e.action IN ('undo', 'redo')"
        " ORDER BY e.id DESC LIMIT 1").fetchone()
    return r[0] if r else None


def live_successor(project: Project, segment_id: int) -> int | None:
    """The active segment that now holds the sentences of ``segment_id`` (itself when active; after a merge,
    split or move, the nearby active segment sharing a sentence with it), or None. What the review list keeps
    its cursor on when another session repairs the segment under it."""
    row = project.conn.execute("SELECT active, position, source_idx, mt_idx FROM segments WHERE id=?",
                               (segment_id,)).fetchone()
    if row is None:
        return None
    if row[0]:
        return segment_id
    src, mt = set(json.loads(row[2])), set(json.loads(row[3]))
    # Repairs put new segments between the old neighbours: the successor lies a few positions away.
    near = [*project.conn.execute("SELECT id, source_idx, mt_idx FROM segments WHERE active=1 AND position <= ?"
                                  " ORDER BY position DESC LIMIT 4", (row[1],)),
            *project.conn.execute("SELECT id, source_idx, mt_idx FROM segments WHERE active=1 AND position > ?"
                                  " ORDER BY position LIMIT 4", (row[1],))]
    for seg_id, s_idx, m_idx in near:
        if src & set(json.loads(s_idx)) or mt & set(json.loads(m_idx)):
            return int(seg_id)
    return None
