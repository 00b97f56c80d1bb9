"""What a bilingual file carries beyond the two texts (unit id, inline codes, notes, properties, the
document it came from), kept in the project so that an export can restore it.

Stored as one JSON value per segment in the ``segment_extras`` table (schema version 3), written in the same
transaction as the segment. This module is the only place that reads or writes it.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError
from ..timestamps import utc_iso
from .base import BilingualUnit
from .cat_status import CAT_STATE_PROPS, cat_finished
from .final_digest import decided_text_changed
from .inline import normalise_parts, parts_to_json, plain
from .markers import Placement, auto_placement, codes_of, placement_of

FILE_STATE_PROPS = ("state", "state-qualifier", "subState", "approved", *CAT_STATE_PROPS)
"""The props that hold a unit's workflow state in its file (XLIFF 1.2 ``state``/``state-qualifier`` of the
target and ``approved`` of the trans-unit, 2.0 ``state``/``subState`` of the segment, the Trados and memoQ
statuses of ``cat_status``): shown in the review, replaced by the review's on export where the review
decided the unit."""

FINISHED_STATES = frozenset({"final", "signed-off"})
"""File states that say a unit was finished before the review (XLIFF 1.2 ``final``/``signed-off``, 2.0
``final``): a bulk ``decide`` leaves such units alone unless asked."""


def finished_in_file(props: Mapping[str, str]) -> bool:
    """Whether a unit's file marks it finished: its state is final or signed-off, (XLIFF 1.2) it is
    ``approved="yes"``, or its CAT tool's own status says so (Trados or memoQ: approved by a reviewer, or
    locked; ``cat_status.cat_finished``). Values are compared without case or surrounding spaces (a tool's ``Final`` is still
    final: re-deciding finished work by a rule is the costlier mistake); other values, custom ``x-`` states
    included, are not finished."""
    state = str(props.get("state") or "").strip().lower()
    return (state in FINISHED_STATES or str(props.get("approved") or "").strip().lower() == "yes"
            or cat_finished(props))


def notes_union(lists: Sequence[Sequence[str]]) -> list[str]:
    """The notes of several segments of one unit, each once as often as one segment has it, in first-seen
    order: every segment of a multi-segment XLIFF 2.0 unit carries the unit's notes (a merge of two of them
    both copies), and the unit they go back into gets them once (QA: written once per segment)."""
    most: Counter[str] = Counter()
    for notes in lists:
        most |= Counter(notes)  # the larger count of each note
    out: list[str] = []
    have: Counter[str] = Counter()
    for notes in lists:
        for note in notes:
            if have[note] < most[note]:
                out.append(note)
                have[note] += 1
    return out


def unit_extras(unit: BilingualUnit) -> dict[str, Any] | None:
    """The JSON-able extras of a unit read from a file, or None when it carries nothing beyond its texts."""
    out: dict[str, Any] = {}
    if unit.id is not None:
        out["id"] = str(unit.id)
    if unit.origin:
        out["origin"] = unit.origin
    if unit.notes:
        out["notes"] = list(unit.notes)
    if unit.note_attrs:
        out["note_attrs"] = {k: dict(v) for k, v in unit.note_attrs.items()}
    if unit.context_notes:
        out["context_notes"] = [list(pair) for pair in unit.context_notes]
    if unit.props:
        out["props"] = dict(unit.props)
    if unit.source_parts is not None:
        out["src"] = parts_to_json(unit.source_parts)
    if unit.target_parts is not None:
        # the MT's codes where they were when an --all export recorded them, not where the file has them now
        mt_parts = unit.mt_parts if unit.mt_parts is not None and plain(unit.mt_parts) == imported_mt(unit) else None
        out["tgt"] = parts_to_json(mt_parts if mt_parts is not None else unit.target_parts)
    return out or None


# An exported status and the decision that reproduces it on import (the store's decide() actions).
STATUS_DECISIONS = {"accepted_mt": "accept_mt", "edited": "edit", "accepted_candidate": "accept_candidate",
                    "rejected": "reject"}


# Statuses whose exported target is the MT itself: a target that differs from the recorded MT was edited
# outside mtreview (a spreadsheet, a CAT tool) after the export
_TARGET_IS_MT = ("unreviewed", "accepted_mt", "rejected")


def _spacing_only(unit: BilingualUnit) -> bool:
    """Whether a target that should be the MT differs from it only in spaces around inline codes: a project
    made before a line-break code read as a space (and a removed code's double space as one) recorded its MT
    as then read ("Zeilezwei"), and the file's target now reads "Zeile zwei": no edit, the text as now read."""
    return (unit.status in _TARGET_IS_MT and unit.mt is not None and unit.has_codes and unit.mt != unit.target
            and "".join(unit.mt.split()) == "".join(unit.target.split()))


def hand_edited(unit: BilingualUnit, candidate_text: str | None = None) -> bool:
    """Whether the target of a unit an ``--all`` export wrote was changed after the export: its status says
    the target is the MT (unreviewed, accepted_mt, rejected) but it differs from the MT the export recorded,
    or (accepted_candidate) it differs from ``candidate_text``, the text of the candidate it names where the
    importing project has one (None: not known, and not told: the export does not write it). An empty target
    is not an edit (a table's blank final cell: the reader takes the MT), nor spacing around inline codes
    (:func:`_spacing_only`). An edited or accepted-candidate unit's target is checked against the digest of the
    decided text the export recorded (``final_digest.decided_text_changed``; an older export has none)."""
    if not unit.target.strip():
        return False
    if decided_text_changed(unit):
        return True
    if unit.status == "rejected" and unit.final_digest:
        return False  # the translation export --into kept, as it recorded it (final_digest.with_kept_digest)
    if unit.status in _TARGET_IS_MT and codes_moved(unit):
        return True
    if unit.status == "accepted_candidate":
        return candidate_text is not None and unit.target.strip() != candidate_text.strip()
    return unit.status in _TARGET_IS_MT and unit.mt is not None and unit.target != unit.mt and not _spacing_only(unit)


def codes_moved(unit: BilingualUnit) -> bool:
    """Whether the file's target is the MT's text with its codes elsewhere than the export recorded them
    (``mt_parts``): a code moved in a CAT tool is an edit like a changed word."""
    return (unit.mt_parts is not None and unit.target_parts is not None and unit.target == unit.mt
            and normalise_parts(unit.target_parts) != normalise_parts(unit.mt_parts))


def file_codes(unit: BilingualUnit, text: str | None) -> Placement | None:
    """Where the file's target puts the MT's codes, for a decision whose ``text`` is that target (an edit, a
    candidate accepted): None where the automatic placement puts them there anyway, or where the MT's codes
    are not known (no record of them) or are not the target's."""
    if unit.mt_parts is None or unit.target_parts is None or text != unit.target:
        return None
    placement = placement_of(unit.target_parts, codes_of(unit.mt_parts))
    if placement is None or placement == auto_placement(unit.mt_parts, text):
        return None
    return placement


def review_decision(unit: BilingualUnit, candidate_text: str | None = None
                    ) -> tuple[str, str | None, str | None] | None:
    """(action, text, candidate name) that restores the review state a unit was exported with (``--all``
    exports write it: JSONL/Parquet/TSV/CSV ``status``, TMX ``x-mtreview-status`` prop, XLIFF
    ``mtr:status``), or None for an unreviewed or unknown status. A candidate acceptance whose candidate is
    not named becomes an edit, and so does a target changed after the export (:func:`hand_edited`; for a
    candidate acceptance, where ``candidate_text`` tells): the file's MT stays the MT (QA: the hand edit was
    dropped, or became the MT and stayed accepted, or was taken for the candidate's text)."""
    if hand_edited(unit, candidate_text):
        return "edit", unit.target, None
    action = STATUS_DECISIONS.get(unit.status or "")
    if action is None:
        return None
    if action == "accept_candidate" and not unit.candidate:
        action = "edit"
    if action == "accept_mt":
        return action, None, None
    if action == "reject":
        return action, None, None
    return action, unit.target, unit.candidate if action == "accept_candidate" else None


def imported_mt(unit: BilingualUnit) -> str:
    """The MT text of the segment a unit becomes: the unit's own ``mt`` when it carries a review decision
    (JSONL, Parquet, TSV and CSV ``--all`` exports keep MT and final apart), else its target as before."""
    if unit.mt is not None and review_decision(unit) is not None and not _spacing_only(unit):
        return unit.mt
    return unit.target


class _Decides(Protocol):
    def decide(self, segment_id: int, action: str, text: str | None = ..., candidate: str | None = ...,
               reviewer: str = ..., at: str | None = ..., *, codes: list[Any] | None = ...) -> Any: ...

    def set_note(self, segment_id: int, text: str, reviewer: str = ..., at: str | None = ...) -> Any: ...

    def candidates(self, segment_id: int) -> list[Any]: ...


def _candidate_text(project: _Decides, seg_id: int, unit: BilingualUnit) -> str | None:
    """The text of the candidate an accepted_candidate unit names, where the project being built has it (the
    import's --reference or --retranslation); None otherwise."""
    if unit.status != "accepted_candidate" or not unit.candidate:
        return None
    return next((c.text for c in project.candidates(seg_id) if c.name == unit.candidate and c.kind != "edit"),
                None)


def restore_decisions(project: _Decides, rows: Iterable[tuple[int, BilingualUnit]],
                      path: str | Path | None = None, counts: Counter[str] | None = None) -> int:
    """Record the exported review decision of each (segment id, unit) that has one; returns how many.

    Each is an ordinary decision event (undoable), by the unit's reviewer ("import" when it names none),
    dated when it was made (the unit's ``decided_at``; now when the file has none). A ``decided_at`` that
    is not an ISO 8601 time with a zone is an ``InputError`` naming ``path`` and the unit's line; the
    caller's import then keeps nothing. Targets edited after the export are counted in ``counts["hand_edits"]``
    (``counts["candidate_edits"]`` for candidate acceptances: the import says how many became edits), and
    candidate acceptances whose candidate's text the project does not have (an edit cannot be told there) in
    ``counts["candidate_unchecked"]``. A unit's reviewer note (the JSONL/Parquet ``note`` of an export) becomes
    the segment's note again, by the same reviewer and with the date the file gives it (``review_note_at``)."""
    done = 0
    for seg_id, unit in rows:
        at = unit.decided_at or None
        if at is not None:  # checked on every unit that has one: a bad date is a bad file, decision or not
            try:
                at = utc_iso(at)
            except ValueError as err:
                raise InputError(path, f"decided_at {err}", line=unit.line) from None
        if unit.status and unit.status != "unreviewed" and unit.status not in STATUS_DECISIONS:
            # Read as "no decision", an unknown status would also make the file's final text the MT
            raise InputError(path, f"status {unit.status!r} is not one that mtreview writes (unreviewed, "
                             f"{', '.join(STATUS_DECISIONS)})", line=unit.line)
        if unit.review_note:
            # dated as the file dates it (an export's note_at), else now; a bad date is a bad file, as decided_at
            try:
                noted_at = utc_iso(unit.review_note_at) if unit.review_note_at else None
            except ValueError as err:
                raise InputError(path, f"note date {err}", line=unit.line) from None
            project.set_note(seg_id, unit.review_note, reviewer=unit.review_note_by or unit.reviewer or "import",
                             at=noted_at)
        cand_text = _candidate_text(project, seg_id, unit)
        decision = review_decision(unit, cand_text)
        if decision is None:
            continue
        action, text, candidate = decision
        if counts is not None and hand_edited(unit, cand_text):
            counts["candidate_edits" if unit.status == "accepted_candidate" else "hand_edits"] += 1
        elif counts is not None and action == "accept_candidate" and cand_text is None and not unit.final_digest:
            # The file says which candidate, not its text: a target changed by hand cannot be told from it, and
            # the decision the file records is kept (turning every accepted candidate into an edit would lose
            # the label on each plain round trip); said, with how to check. An export that recorded the text's
            # digest (final_digest) was checked against it
            counts["candidate_unchecked"] += 1
        codes = file_codes(unit, text) if action in ("edit", "accept_candidate") else None
        project.decide(seg_id, action, text=text, candidate=candidate, reviewer=unit.reviewer or "import", at=at,
                       codes=codes)  # where the file has the codes
        done += 1
    return done


def save_extras(conn: sqlite3.Connection, rows: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Store extras by segment id (call inside the transaction that adds the segments)."""
    conn.executemany("INSERT OR REPLACE INTO segment_extras(segment_id, data) VALUES (?, ?)",
                     [(seg_id, json.dumps(data, ensure_ascii=False)) for seg_id, data in rows])


def load_extras(conn: sqlite3.Connection, segment_id: int) -> dict[str, Any] | None:
    """The extras of one segment, or None."""
    row = conn.execute("SELECT data FROM segment_extras WHERE segment_id=?", (segment_id,)).fetchone()
    return json.loads(row[0]) if row else None


def finished_segments(conn: sqlite3.Connection) -> set[int]:
    """Ids of the segments whose file marks their unit finished (:func:`finished_in_file`)."""
    rows = conn.execute("SELECT segment_id, json_extract(data, '$.props') FROM segment_extras"
                        " WHERE json_extract(data, '$.props') IS NOT NULL")
    return {int(r[0]) for r in rows if finished_in_file(json.loads(r[1]))}


def has_extras(conn: sqlite3.Connection) -> bool:
    """True when the project was imported from a bilingual file that carried extras."""
    row = conn.execute("SELECT 1 FROM segment_extras LIMIT 1").fetchone()
    return row is not None
