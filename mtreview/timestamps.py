"""Decision times given from outside (a re-imported export): parsed strictly, stored as the store writes
its own (``store_schema.now_iso``: UTC, ISO 8601, milliseconds), so that they sort and compare alike."""

from __future__ import annotations

import re
from datetime import UTC, datetime

_DATE_ONLY = re.compile(r"\d{4}-?\d{2}-?\d{2}")


def utc_iso(value: str) -> str:
    """``value`` (ISO 8601 with a time zone: ``...Z``, ``...+02:00``, or the basic ``20261128T012642Z``)
    as ``2026-11-28T01:26:42.000+00:00``. Raises ``ValueError`` saying what is wrong: a time without a
    zone is refused, not guessed (a local time taken for UTC would be hours off)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not a date and time")
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date and time (e.g. 2026-11-28T01:26:42Z)") from None
    if _DATE_ONLY.fullmatch(value.strip()):
        # Python reads a bare date as its midnight: "has no time zone" sent people adding one (2026-12-07Z),
        # which is no ISO 8601 form at all; the time is what is missing.
        raise ValueError(f"{value!r} is a date without a time (write the decision's date and time in UTC, "
                         "e.g. 2026-11-28T01:26:42Z)")
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"{value!r} has no time zone (write it in UTC, e.g. 2026-11-28T01:26:42Z)")
    try:
        return when.astimezone(UTC).isoformat(timespec="milliseconds")
    except OverflowError:  # (QA: 0001-01-01T00:00:00+01:00 is before year 1 in UTC: a traceback, exit 1)
        raise ValueError(f"{value!r} is out of range: in UTC it falls before year 1 or after 9999") from None
