"""JSONL: one JSON object per line.

Written records follow the export contract exactly: ``{"id", "source", "mt", "final", "status",
"candidate", "reviewer", "decided_at", "risk", "notes", "note", "note_by", "note_at", "final_digest"}``
(``final_digest`` the digest of an edited or accepted-candidate record's final text, else null: ``formats.final_digest``; ``final`` is null
unless the segment is in the cleaned corpus; ``notes`` the unit's notes from the file it was imported from, an
empty list when it had none; ``note`` the reviewer's own note in mtreview, null when there is none, written by
``note_by`` at ``note_at``). Each record is one line even for
a splitlines() reader: U+0085, U+2028 and U+2029 are written as ``\\u`` escapes. Read records need
``source`` (or ``src``) and a translation: ``target``/``tgt``/``translation``, else ``final`` when it is not
null, else ``mt``; so an mtreview export reads back as what the reviewer decided. ``notes`` may be a list of
strings, one string, or null; ``note`` a string or null (it becomes the segment's reviewer note, by ``note_by``
and dated ``note_at`` where the record has them: a file written before these fields credits the decision's
reviewer and dates it at the import).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..jsonio import loads
from .base import (
    KEPT_STATUSES,
    BilingualUnit,
    FormatHandler,
    ReadContext,
    WriteContext,
    WriteReport,
    finish_unit,
    lang_match,
    register,
)
from .cells import json_line

_STR_FIELDS = ("status", "reviewer", "candidate", "decided_at", "final_digest")
_NOTE_FIELDS = (("note_by", "review_note_by"), ("note_at", "review_note_at"))  # record key, unit attribute


def unit_record(unit: BilingualUnit) -> dict[str, Any]:
    """The export record of a unit (the JSONL contract)."""
    kept = unit.status is None or unit.status in KEPT_STATUSES
    return {
        "id": unit.id,
        "source": unit.source,
        "mt": unit.mt if unit.mt is not None else unit.target,
        "final": unit.target if kept else None,
        "status": unit.status,
        "candidate": unit.candidate,
        "reviewer": unit.reviewer,
        "decided_at": unit.decided_at,
        "risk": unit.risk,
        # Always a list (empty when the unit had none): one shape for every record, which a table built from
        # the file (pandas, DuckDB) needs; the reader takes it back.
        "notes": list(unit.notes),
        "note": unit.review_note,  # the reviewer's note (null: none), apart from the file's notes
        # its author and date: re-imported, the note is credited and dated as it was (QA: the author was lost)
        "note_by": unit.review_note_by if unit.review_note is not None else None,
        "note_at": unit.review_note_at if unit.review_note is not None else None,
        # an edited or accepted-candidate record's text's digest (formats.final_digest): changed later, a new edit
        "final_digest": unit.final_digest,
    }


def _field(path: Path, line: int, rec: dict[str, Any], *names: str, allow_null: bool = False) -> str | None:
    for name in names:
        if name in rec:
            value = rec[name]
            if value is None and allow_null:
                continue
            if not isinstance(value, str):
                raise InputError(path, f"field {name!r} must be a string, not {type(value).__name__}", line=line)
            return value
    return None


def _by_language(path: Path, line: int, rec: dict[str, Any], ctx: ReadContext) -> dict[str, Any]:
    """A record of Hugging Face datasets' translation layout, ``{"translation": {"ru": ..., "en": ...}}``, as
    ``{"source", "target"}`` by the languages asked (-s/-t); any other record as it is (QA: "record has no
    'source' field" for the layout `datasets` writes)."""
    pair = rec.get("translation")
    if "source" in rec or "src" in rec or not isinstance(pair, dict):
        return rec

    def side(lang: str | None) -> Any:
        best = max(pair, key=lambda key: lang_match(key, lang), default=None)
        if best is not None and lang_match(best, lang) and best in getattr(pair, "repeated", ()):
            # (the language read given twice: which text is meant is anyone's guess, as for a top-level key)
            raise InputError(path, f"the record's 'translation' has the key {best!r} twice: keep one", line=line)
        return pair[best] if best is not None and lang_match(best, lang) else None

    source, target = side(ctx.source_lang), side(ctx.target_lang)
    if source is None or target is None:
        raise InputError(path, f"record's 'translation' has the languages {', '.join(map(str, pair)) or 'none'}, "
                               f"not both {ctx.source_lang} and {ctx.target_lang}", line=line)
    return {**{k: v for k, v in rec.items() if k != "translation"}, "source": source, "target": target}


# The keys a record is read by: one of them twice in a record is refused, as a header naming a TSV or CSV
# column twice and a Parquet column given twice are (json.loads keeps the last silently: which of two
# statuses or targets the file means is anyone's guess). Other keys may repeat.
_READ_KEYS = frozenset({"source", "src", "target", "tgt", "translation", "final", "mt", "id", "risk", "notes",
                        "note", *_STR_FIELDS, *(key for key, _ in _NOTE_FIELDS)})


class _RepeatedKey(Exception):
    """A key of ``_READ_KEYS`` found twice in one JSON object (raised from inside ``json.loads``)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _WithRepeats(dict[str, Any]):
    """An object with a key given twice that is none of ``_READ_KEYS``: kept, with those keys (``repeated``),
    as a ``translation``'s languages are read by the languages asked (``_by_language``)."""

    repeated: frozenset[str] = frozenset()


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads``'s ``object_pairs_hook``: the object as a dict, unless a key it is read by repeats."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        repeated: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                if key in _READ_KEYS:
                    raise _RepeatedKey(key)
                repeated.add(key)
            seen.add(key)
        kept = _WithRepeats(found)
        kept.repeated = frozenset(repeated)
        return kept
    return found


def _record_unit(path: Path, line: int, rec: Any, ctx: ReadContext) -> BilingualUnit:
    if not isinstance(rec, dict):
        raise InputError(path, f"expected a JSON object, found {type(rec).__name__}", line=line)
    rec = _by_language(path, line, rec, ctx)
    source = _field(path, line, rec, "source", "src")
    if source is None:
        raise InputError(path, "record has no 'source' field", line=line)
    target = _field(path, line, rec, "target", "tgt", "translation", "final", allow_null=True)
    mt = _field(path, line, rec, "mt", allow_null=True)
    if target is None:
        target = mt
    if target is None:
        raise InputError(path, "record has no translation ('target', 'final' or 'mt')", line=line)
    unit = BilingualUnit(source=source, target=target, mt=mt, line=line)
    rid = rec.get("id")
    if rid is not None:
        # An object or a list became its Python spelling as the unit id ("{'x': 1}"), true "True": refused, as
        # notes that are not text are
        if isinstance(rid, bool) or not isinstance(rid, (str, int, float)):
            raise InputError(path, f"field 'id' must be a string or a number, not {type(rid).__name__}", line=line)
        unit.id = str(rid)
    for key in _STR_FIELDS:
        value = rec.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise InputError(path, f"field {key!r} must be a string", line=line)
            setattr(unit, key, value)
    risk = rec.get("risk")
    if risk is not None:
        if not isinstance(risk, (int, float)) or isinstance(risk, bool):
            raise InputError(path, "field 'risk' must be a number", line=line)
        unit.risk = float(risk)
    notes = rec.get("notes")
    if isinstance(notes, str):
        notes = [notes]
    if notes is not None:
        # Read as they were, a number or an object became its Python spelling as a note ("{'a': 1}"), and a
        # string that was not a list was silently dropped.
        if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            raise InputError(path, "field 'notes' must be a list of strings", line=line)
        unit.notes = [n for n in notes if n.strip()]
    note = rec.get("note")  # the reviewer's note of an mtreview export: the project's note again on import
    if note is not None and not isinstance(note, str):
        raise InputError(path, f"field 'note' must be a string or null, not {type(note).__name__}", line=line)
    unit.review_note = note if note and note.strip() else None
    for key, attr in _NOTE_FIELDS:
        value = rec.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(path, f"field {key!r} must be a string or null, not {type(value).__name__}", line=line)
        setattr(unit, attr, value or None)
    return unit


@register
class JsonlFormat(FormatHandler):
    name = "jsonl"
    description = "one JSON object per line (the export record)"
    suffixes = (".jsonl", ".ndjson")
    output_suffix = ".jsonl"

    def read(self, path: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
        return self._units(path, ctx.read_lines(path), ctx)

    @staticmethod
    def _units(path: Path, lines: list[str], ctx: ReadContext) -> Iterator[BilingualUnit]:
        number = 0
        for line_no, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                rec = loads(line, object_pairs_hook=_unique_keys)
            except json.JSONDecodeError as err:
                raise InputError(path, f"invalid JSON at column {err.colno}: {err.msg}", line=line_no) from None
            except _RepeatedKey as err:
                raise InputError(path, f"the record has the key {err.key!r} twice: keep one", line=line_no) from None
            number += 1
            # finish_unit repairs every text field as the source and target (a NUL escape in JSON, or a
            # lone surrogate escape, which the project could not store at all)
            yield finish_unit(_record_unit(path, line_no, rec, ctx), ctx, number)
        if number == 0:
            raise InputError(path, "no records to review (the file is empty)")

    def write_stream(self, fh: IO, units: Iterable[BilingualUnit], ctx: WriteContext, report: WriteReport) -> None:
        for unit in units:
            fh.write(json_line(json.dumps(unit_record(unit), ensure_ascii=False)) + "\n")
            report.units += 1
