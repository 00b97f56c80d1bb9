"""What a bilingual file carries beyond the two texts (unit id, inline codes, notes, properties, the
document it came from), kept in the project so that an export can restore it.

Stored as one JSON value per segment in the ``segment_extras`` table (schema version 3), written in the same
transaction as the segment. This module is the only place that reads or writes it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from .base import BilingualUnit
from .inline import parts_to_json


def unit_extras(unit: BilingualUnit) -> dict[str, Any] | None:
    """The JSON-able extras of a unit read from a file, or None when it carries nothing beyond its texts."""
    out: dict[str, Any] = {}
    if unit.id is not None:
        out["id"] = str(unit.id)
    if unit.origin:
        out["origin"] = unit.origin
    if unit.notes:
        out["notes"] = list(unit.notes)
    if unit.props:
        out["props"] = dict(unit.props)
    if unit.source_parts is not None:
        out["src"] = parts_to_json(unit.source_parts)
    if unit.target_parts is not None:
        out["tgt"] = parts_to_json(unit.target_parts)
    return out or None


def save_extras(conn: sqlite3.Connection, rows: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Store extras by segment id (call inside the transaction that adds the segments)."""
    conn.executemany("INSERT OR REPLACE INTO segment_extras(segment_id, data) VALUES (?, ?)",
                     [(seg_id, json.dumps(data, ensure_ascii=False)) for seg_id, data in rows])


def load_extras(conn: sqlite3.Connection, segment_id: int) -> dict[str, Any] | None:
    """The extras of one segment, or None."""
    row = conn.execute("SELECT data FROM segment_extras WHERE segment_id=?", (segment_id,)).fetchone()
    return json.loads(row[0]) if row else None


def has_extras(conn: sqlite3.Connection) -> bool:
    """True when the project was imported from a bilingual file that carried extras."""
    row = conn.execute("SELECT 1 FROM segment_extras LIMIT 1").fetchone()
    return row is not None
