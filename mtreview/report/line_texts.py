"""The texts of a scores file's segments from ``report --source/--mt``: line n of each file is the text of
the segment whose id is n, as ``mtreview score`` numbers its records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from .glance import segments as segment_count


def _line_of(rec: dict[str, Any]) -> int | None:
    """A record's id as a line number, or None when it has none (no id, not a whole number)."""
    value = rec.get("id")
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)  # (a CSV cell is text: "271")
    except (TypeError, ValueError):
        return None


def count_lines(path: str | Path) -> int:
    """Lines of a text file as the readers count them (a BOM, a final line end)."""
    from ..batch.lines import LineStream

    return sum(1 for _ in LineStream(path))


class UniqueLineIds:
    """Each id of the scores must name one line of ``texts`` (of ``lines`` lines) once. QA: scores files of
    shards joined with ``cat`` (ids 1..1000, then 1..1000 again) with their joined sources gave the report
    of the second shard's worst segment the first shard's text, exit 0: the line count matched. An id past
    the last line is left to the count check, which names both counts."""

    def __init__(self, texts: str | Path, lines: int) -> None:
        self.texts = texts
        self._seen = bytearray(lines + 1)  # one byte a line: bounded by the text files' own size

    def add(self, scores: str | Path, rec: dict[str, Any], n: int) -> None:
        """Check record ``n`` (1-based) of ``scores``."""
        line = _line_of(rec)
        if line is None or not 0 < line < len(self._seen):
            return
        if self._seen[line]:
            raise InputError(scores, f"record {n}: id {line} again, where --source/--mt give each id its own "
                                     f"line ({self.texts}: line {line}): scores files joined with cat? report "
                                     "each with its own --source/--mt")
        self._seen[line] = 1


def attach_texts(rows: list[dict[str, Any]], source: str | Path | None, mt: str | Path | None,
                 segments: int) -> None:
    """Fill ``source``/``mt`` of the worst rows from line-aligned files (segment id n = line n). Each file
    is read to its end: one line per segment, or an InputError naming both counts."""
    from ..batch.lines import LineStream
    from ..blank_tail import trailing_blank_hint
    from ..textio import lone_cr_hint

    wanted: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        if (line := _line_of(row)) is not None:
            wanted.setdefault(line, []).append(row)
    for key, path in (("source", source), ("mt", mt)):
        if not path:
            continue
        n = 0
        for n, text in enumerate(LineStream(path), 1):
            for row in wanted.get(n, ()):
                row[key] = text
        if n != segments:
            # (more lines than segments: name an extra newline at the end, as score --aligned does)
            hint = lone_cr_hint([path]) + trailing_blank_hint([path]) if n > segments else ""
            raise InputError(path, f"has {n} line{'' if n == 1 else 's'} but the scores have "
                                   f"{segment_count(segments)}: "
                                   f"--{key} must have one line per segment{hint}")
