"""The repairs every reader makes to the texts of a unit read from a structured file (XML character references,
JSON escapes, Parquet strings): what ``textio`` does to text files, field by field (``finish_unit``)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Protocol

from ..controls import strip_controls
from ..textio import INVISIBLE_CHARS, strip_nonchars
from .inline import map_parts_text

if TYPE_CHECKING:  # (base imports this module: the types only)
    from .base import BilingualUnit, ReadContext


class _Counts(Protocol):
    counts: Counter


class _Uncounted:
    """Where the repairs of a segment's text runs go: counted once with the whole text, not again."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()


_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_NEEDS_REPAIR_RE = re.compile("[\r\x00-\x08\x0b-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE_CHARS)) + "]")


def clean_text(text: str, ctx: _Counts) -> str:
    """The repairs textio makes to text files, applied to one segment read from a structured file
    (XML character references, JSON escapes): CR/CRLF to LF, control characters and the noncharacters
    U+FFFE/U+FFFF removed and counted."""
    if not _NEEDS_REPAIR_RE.search(text):  # the common case: one scan, no copies
        return text
    if "\r" in text:
        ctx.counts["line_ends"] += 1
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, n = strip_controls(text)  # between two words: a space, so that the words stay apart
    if n:
        ctx.counts["controls"] += n
    # A lone surrogate (a JSON "\\ud800" escape) is not a character: no file or database can store it.
    text, n = _SURROGATE_RE.subn("\ufffd", text)
    if n:
        ctx.counts["surrogates"] += n
    # U+FFFE/U+FFFF: kept, the TMX/XLIFF exports dropped them while JSONL, Parquet, CSV and TSV kept them
    text, n = strip_nonchars(text)
    if n:
        ctx.counts["nonchars"] += n
    return text


_OTHER_TEXTS = ("mt", "mt_codes", "id", "status", "reviewer", "candidate", "decided_at", "review_note", "review_note_by",
                "review_note_at", "origin", "final_digest")


def finish_unit(unit: BilingualUnit, ctx: ReadContext, number: int) -> BilingualUnit:
    """Clean every text of a freshly read unit and flag invisible characters (unit ``number``, 1-based)."""
    unit.source = clean_text(unit.source, ctx)
    unit.target = clean_text(unit.target, ctx)
    # The other texts get the same repairs (QA: a lone surrogate escape in a JSONL mt, reviewer, candidate or
    # id was a UnicodeEncodeError traceback when stored; a NUL or CR in the mt reached --all TSV/CSV raw)
    for name in _OTHER_TEXTS:
        value = getattr(unit, name)
        if isinstance(value, str):
            setattr(unit, name, clean_text(value, ctx))
    unit.notes = [clean_text(n, ctx) for n in unit.notes]
    if unit.note_attrs:  # keyed by the note's text: as repaired above (uncounted: counted with the notes)
        unit.note_attrs = {clean_text(k, _Uncounted()): v for k, v in unit.note_attrs.items()}
    if unit.props:
        unit.props = {clean_text(k, ctx): clean_text(v, ctx) for k, v in unit.props.items()}
    if unit.source_parts is not None:
        unit.source_parts = map_parts_text(unit.source_parts, lambda s: clean_text(s, _Uncounted()))
    if unit.target_parts is not None:
        unit.target_parts = map_parts_text(unit.target_parts, lambda s: clean_text(s, _Uncounted()))
    if unit.mt_codes is not None:  # (on the texts as repaired: the export recorded it on the project's)
        from .markers import mt_parts_from_record

        unit.mt_parts = mt_parts_from_record(unit.mt_codes, unit.mt, unit.target_parts)
    if _INVISIBLE_RE.search(unit.source) or _INVISIBLE_RE.search(unit.target):
        ctx.counts["invisible"] += 1
        if len(ctx.invisible_units) < 5:  # the first few are named; a count covers the rest (flat memory)
            ctx.invisible_units.append(number)
    return unit
