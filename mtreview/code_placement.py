"""Where a decided segment's inline codes go on export: the reviewer's explicit placement, else the automatic one.

A reviewer who edits a segment with inline codes sees them as markers (``formats.markers``) and may move
them. Moving, adding or removing a marker makes the placement explicit: it is stored with the decision, in
the payload of its event (``{"codes": [[offset, index], ...]}``), so it is written in the decision's own
transaction, and undo or redo bring back the placement of the decision then in force. A decision without
one leaves the export to place the codes by itself (``inline.reanchor``), as before.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .formats.inline import InlineCode, Part, has_codes, parts_from_json, plain, reanchor
from .formats.markers import (
    Placement,
    apply_placement,
    auto_placement,
    bracketed,
    check_order,
    code_markers,
    codes_of,
    markers_moved,
    must_nest,
    parse_markers,
    render,
    valid_placement,
)


def decision_placement(conn: sqlite3.Connection, event_id: int | None) -> Placement | None:
    """The explicit code placement stored with a decision event, or None."""
    if event_id is None:
        return None
    row = conn.execute("SELECT json_extract(payload, '$.codes') FROM events WHERE id=?", (event_id,)).fetchone()
    if row is None or row[0] is None:
        return None
    data = json.loads(row[0])
    return [(int(o), int(i)) for o, i in data] if isinstance(data, list) else None


def segment_placement(conn: sqlite3.Connection, segment_id: int) -> Placement | None:
    """The explicit code placement of the decision now in force on a segment, or None."""
    row = conn.execute("SELECT event_id FROM segment_state WHERE segment_id=?", (segment_id,)).fetchone()
    return decision_placement(conn, row[0]) if row is not None else None


def check_placement(placement: Any, text: str, conn: sqlite3.Connection, segment_id: int) -> list[list[int]]:
    """``placement`` as stored (a JSON list), or ``ValueError`` when it cannot be one of the segment's codes
    on ``text`` (QA: one that closed a pair before opening it was stored, and the XLIFF export wrote
    ``<ex/>File<bx/>``; one that left codes out was stored, and the export silently placed them itself)."""
    if not isinstance(placement, list | tuple) or not placement:
        raise ValueError("a code placement is a non-empty list of (offset, code index)")
    out = [list(item) if isinstance(item, list | tuple) else item for item in placement]
    target = target_codes(conn, segment_id)
    if target is None:
        raise ValueError("a code placement needs a segment with inline codes; this one has none")
    if not valid_placement(out, len(codes_of(target)), text):
        raise ValueError(f"a code placement puts each of the segment's {len(codes_of(target))} codes once, in "
                         "text order, inside the text")
    check_order([(o, i) for o, i in out], code_markers(codes_of(target)), must_nest(target))
    return out


def fits(target: Sequence[Part], text: str, placement: Placement) -> bool:
    """Whether ``placement`` puts every code of ``target`` on ``text``, each pair opened before it closes
    (and nesting, where the file's codes nest)."""
    if not valid_placement(placement, len(codes_of(target)), text):
        return False
    try:
        check_order(placement, code_markers(codes_of(target)), must_nest(target))
    except ValueError:
        return False
    return True


def codes_for_target(source: Sequence[Part] | None, target: Sequence[Part] | None, mt: str) -> list[Part] | None:
    """The parts whose codes a segment's translation carries: its file target's (``target``, None when it had
    no codes), or, where the file gave no MT at all (an empty or missing ``<target>``), its source's, which
    the translation must give back (QA: an empty target's translation came back without the source's
    ``<g>``, and markers typed for it were kept as literal text). An MT without codes stays without."""
    if has_codes(target):
        return list(target or ())
    if has_codes(source) and not mt.strip() and not plain(target).strip():
        return list(source or ())
    return None if target is None else list(target)


def target_codes(conn: sqlite3.Connection, segment_id: int) -> list[Part] | None:
    """The parts with the codes of the segment's translation (``codes_for_target``: its file target's, or an
    empty target's source's), or None when there are none."""
    from .formats.unitstore import load_extras

    extras = load_extras(conn, segment_id) or {}
    row = conn.execute("SELECT source_text, mt_text FROM segments WHERE id=?", (segment_id,)).fetchone()
    src = parts_from_json(extras.get("src"))
    if row is None or plain(src) != row[0]:
        src = None
    coded = codes_for_target(src, parts_from_json(extras.get("tgt")), row[1] if row is not None else "")
    return coded if has_codes(coded) else None


def placed_parts(target: Sequence[Part], text: str, placement: Placement | None) -> list[Part]:
    """``text`` with the codes of ``target``: where ``placement`` puts them when it fits, else where the
    automatic placement does."""
    if placement is not None and fits(target, text, placement):
        return apply_placement(codes_of(target), text, placement)
    return reanchor(target, text)


@dataclass(frozen=True)
class CodeEditing:
    """A segment's target codes as the editor shows them: each start text with its markers, and the
    explicit placement (or None) an edited text gives."""

    target: tuple[Part, ...]
    markers: tuple[str, ...]
    literals: frozenset[str] = frozenset()
    """Words in angle brackets that the segment's texts have (``⟨ψ|φ⟩``): text, not markers."""

    @classmethod
    def of(cls, target: Sequence[Part], texts: Iterable[str] = ()) -> CodeEditing:
        """The codes of ``target``; ``texts`` (the source, the MT, the candidates) may hold words in angle
        brackets, which stay words (QA: an MT with ``⟨ψ|φ⟩`` could not be saved, 'not a code of this
        segment')."""
        markers = tuple(code_markers(codes_of(target)))
        return cls(tuple(target), markers, bracketed([plain(target), *texts], markers))

    @property
    def codes(self) -> list[InlineCode]:
        return codes_of(self.target)

    def marked(self, text: str, placement: Placement | None = None) -> str:
        """``text`` with its markers: where ``placement`` puts them, else where the export would. An empty
        text (no MT) has none: the reviewer types them, or the export places them."""
        if not text:
            return text
        if placement is None or not fits(self.target, text, placement):
            placement = auto_placement(self.target, text)
        return render(text, placement, self.markers)

    def saved(self, marked: str, start: str, start_explicit: bool) -> tuple[str, Placement | None]:
        """The plain text and the placement to store for an edited ``marked`` text that began as ``start``.

        A placement is explicit once a marker was added, removed or moved (or the start text had one);
        edits of the words around untouched markers leave the codes to the export, as before. No markers
        at all: the export places them. Raises ``formats.markers.MarkerError`` for markers it cannot take."""
        literals = self.literals | bracketed([start], self.markers)
        text, placement = parse_markers(marked, self.markers, must_nest(self.target), literals)
        if placement is None:
            return text, None
        if not start_explicit and not markers_moved(start, marked, self.markers):
            return text, None
        if placement == auto_placement(self.target, text):
            return text, None  # where the export would put them anyway
        return text, placement
