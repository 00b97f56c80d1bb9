"""Values the project file keeps as JSON text (sentence indexes, decoding parameters, event payloads), read
back. SQLite keeps no checksum of its rows: a byte flipped on the disk inside such a value parses no more,
and that is a damaged project, said on one line as the damage SQLite finds itself is (``use_failure``), not
a JSONDecodeError or TypeError traceback (QA, fuzzing)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


class DamagedValue(sqlite3.DatabaseError):
    """A stored value that cannot be what mtreview wrote: told as a damaged project, like SQLite's own
    ``SQLITE_CORRUPT`` (the name ``use_failure`` goes by)."""

    sqlite_errorname = "SQLITE_CORRUPT"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def stored_json(value: str | bytes | None, column: str) -> Any:
    """The JSON value that ``column`` holds, or a :class:`DamagedValue` naming the column."""
    try:
        return json.loads(value)  # type: ignore[arg-type]  # None is refused as damaged
    except (TypeError, ValueError):  # ValueError: JSONDecodeError, bytes that are not UTF-8
        raise DamagedValue(f"column {column!r} holds {_shown(value)}, not the JSON mtreview wrote") from None


def stored_indexes(value: str | bytes | None, column: str) -> tuple[int, ...]:
    """A segment's sentence indexes (``source_idx``, ``mt_idx``: a JSON list of whole numbers)."""
    found = stored_json(value, column)
    if not isinstance(found, list) or not all(type(i) is int for i in found):
        raise DamagedValue(f"column {column!r} holds {_shown(value)}, not a list of sentence numbers")
    return tuple(found)
