"""A few numbers that change whenever what the review shows changes outside the event log: the segments and
their order, risks and confidences, the candidates, scores and check flags (``score``, ``retranslate``,
``calibrate``). Decisions, notes and repairs are events, and are told apart by those.

QA: the order, filter and draft a reviewer leaves are kept in the project (``kept_view.py``, ``drafts.py``),
and every other review open on it took that write for a change: it read the whole project again and said
"Another session is changing this project" when a colleague merely quit. A commit that leaves these numbers
as they were changed nothing on screen, and is passed over. Scores are written with INSERT OR REPLACE, so a
rescoring gives them new row ids: no need to read every value (a project of 100,000 segments has a million).
"""

from __future__ import annotations

from ..store import Project

_MARK_SQL = """SELECT
    (SELECT count(*) FROM segments WHERE active=1), (SELECT max(id) FROM segments),
    (SELECT total(position) FROM segments WHERE active=1), (SELECT total(risk) FROM segments WHERE active=1),
    (SELECT total(confidence) FROM segments WHERE active=1), (SELECT count(risk) FROM segments WHERE active=1),
    (SELECT count(*) FROM candidates), (SELECT max(id) FROM candidates),
    (SELECT count(*) FROM scores), (SELECT max(rowid) FROM scores),
    (SELECT count(*) FROM flags), (SELECT max(id) FROM flags), (SELECT total(severity) FROM flags),
    (SELECT value FROM meta WHERE key='risk_weights')"""


def shown_data_mark(project: Project) -> tuple[object, ...]:
    """The numbers (see the module's docstring) as the project holds them now."""
    return tuple(project.conn.execute(_MARK_SQL).fetchone())
