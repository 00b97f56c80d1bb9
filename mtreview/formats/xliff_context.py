"""What an XLIFF file says around a unit's texts: the notes of the ``<file>`` and ``<group>``s it is in, and the
workflow state an export writes for it (the review's, without taking a finished unit's state down).

The notes of a file or group apply to every unit inside (a CAT tool's "menu items: 20 characters at most" on a
group); they are shown with each unit's own notes in the review, and not exported as the unit's own (``export
--into`` keeps them where the file has them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping

from lxml import etree

from .base import KEPT_STATUSES, BilingualUnit
from .note_attrs import notes_attrs
from .unitstore import FINISHED_STATES, finished_in_file
from .xmllayout import element_text
from .xmlsafe import MTR_NS, XLIFF1_NS, XLIFF2_NS, local

STATE_12 = {"accepted_mt": "signed-off", "accepted_candidate": "signed-off", "edited": "signed-off",
            "unreviewed": "needs-review-translation", "rejected": "needs-translation"}
STATE_20 = {"accepted_mt": "final", "accepted_candidate": "final", "edited": "final",
            "unreviewed": "translated", "rejected": "initial"}


def _ns(elem: etree._Element) -> str:
    tag = elem.tag if isinstance(elem.tag, str) else ""
    return tag[:tag.find("}") + 1]


class OuterNotes:
    """The notes of the ``<file>`` and ``<group>``s the unit being read is in, gathered as a streaming reader
    passes them (it has freed them by the time it reaches a later unit)."""

    def __init__(self) -> None:
        self.file: list[str] = []
        self.groups: list[list[str]] = []

    def event(self, event: str, elem: etree._Element) -> bool:
        """Take a ``file``/``group``/``note`` event of the parser; True when the reader has nothing more to do
        with it (a group or a note)."""
        name = local(elem)
        if name == "file":
            if event == "start":
                self.file, self.groups = [], []
            return False  # the reader has its own use for <file>
        if name not in ("group", "note"):
            return False
        if etree.QName(elem).namespace not in (None, XLIFF1_NS, XLIFF2_NS):
            return True  # another vocabulary's group or note: not the file's
        if name == "group":
            if event == "start":
                self.groups.append([])
            elif self.groups:
                self.groups.pop()
            return True
        if event != "end":
            return True
        parent = elem.getparent()
        # XLIFF 2.0 keeps notes in <notes>; 1.2 puts a file's in its <header>, a group's right in the group
        holder = parent.getparent() if parent is not None and local(parent) in ("notes", "header") else parent
        if parent is None or holder is None or not (_ns(elem) == _ns(parent) == _ns(holder)):
            return True
        if local(holder) == "group" and self.groups:
            self.groups[-1].append(element_text(elem))
        elif local(holder) == "file":
            self.file.append(element_text(elem))
        return True  # a unit's own notes (or an <alt-trans>'s) are the reader's or nobody's

    def pairs(self) -> list[tuple[str, str]]:
        """The notes that apply to a unit here, as ("group" | "file", text): the innermost group's first."""
        return [("group", n) for notes in reversed(self.groups) for n in notes] + [("file", n) for n in self.file]


def _file_state(file_state: Mapping[str, str]) -> str:
    return str(file_state.get("state") or "").strip().lower()


def state_12(status: str | None, file_state: Mapping[str, str], has_target: bool = True) -> str | None:
    """The XLIFF 1.2 target ``state`` for a segment of review ``status`` whose file gave its unit
    ``file_state`` (None: write none). A unit finished in the file and not decided keeps the file's state,
    and a decision that keeps the text keeps ``final`` (the review's ``signed-off`` is a step before it). An
    unreviewed one without target text (``has_target`` false) needs translation, not a review of nothing."""
    if status is None:
        return None
    if status == "unreviewed" and finished_in_file(file_state):
        state = _file_state(file_state)
        return state if state in FINISHED_STATES else file_state.get("state") or None
    if status in KEPT_STATUSES and _file_state(file_state) == "final":
        return "final"
    if status == "unreviewed" and not has_target:
        return "needs-translation"
    return STATE_12.get(status)


def approved_12(status: str | None, file_state: Mapping[str, str]) -> str | None:
    """The XLIFF 1.2 ``approved`` for a segment of review ``status`` (None: write none): yes for a kept
    decision, the file's own for a unit finished in the file and not decided, else no."""
    if status is None:
        return None
    if status == "unreviewed" and finished_in_file(file_state):
        return file_state.get("approved") or None
    return "yes" if status in KEPT_STATUSES else "no"


def state_20(status: str | None, file_state: Mapping[str, str], has_target: bool = True) -> tuple[str | None, str | None]:
    """The XLIFF 2.0 segment ``state`` and ``subState`` for a segment of review ``status`` (None: write
    none): a unit finished in the file and not decided is ``final`` (2.0's one finished state: a 1.2 file's
    ``signed-off`` or ``approved="yes"`` too), with the file's ``subState``. An unreviewed one without
    target text (``has_target`` false) is ``initial``: OmegaT and Okapi take ``translated`` as done."""
    if status == "unreviewed" and finished_in_file(file_state):
        return "final", file_state.get("subState") or None
    if status not in STATE_20:
        return None, None
    if status == "unreviewed" and not has_target:
        return "initial", f"mtreview:{status}"
    return STATE_20[status], f"mtreview:{status}"


def review_note(parent: etree._Element, unit: BilingualUnit, clean: Callable[[str], str],
                version: str = "1.2", ref: str | None = None) -> etree._Element:
    """Add the reviewer's note of ``unit`` to ``parent`` (a 1.2 ``<trans-unit>``, a 2.0 ``<notes>``) and return
    it: XLIFF 1.2 ``<note from="REVIEWER">``; 2.0 has no author on a note, so ``category="review"`` and the
    reviewer as ``mtr:reviewer``, its date as ``mtr:note-at`` (1.2: on the ``<trans-unit>``, where the caller
    writes ``NOTE_BY_12`` and ``NOTE_AT_12``), and (``ref``) the id of the segment of a multi-segment unit it is
    about as ``mtr:ref``. ``clean`` makes the text XML-safe (lxml escapes ``<``, ``&``, quotes)."""
    note = etree.SubElement(parent, "note")
    who = clean(unit.review_note_by) if unit.review_note_by else None
    if version == "2.0":
        note.set("category", "review")
        if who:
            note.set(f"{{{MTR_NS}}}reviewer", who)
        if ref is not None:
            note.set(f"{{{MTR_NS}}}ref", clean(ref))
        if unit.review_note_at:
            note.set(NOTE_AT_20, clean(unit.review_note_at))
    elif who:
        note.set("from", who)
    note.text = clean(unit.review_note or "")
    return note


def _text(note: etree._Element) -> str:
    return element_text(note)  # a pretty-printed note's layout is not its text


NOTE_BY_12 = f"{{{MTR_NS}}}note-by"
"""The ``<trans-unit>`` attribute an XLIFF 1.2 export writes beside a reviewer's note: its last ``<note>`` is
the reviewer's (whose ``from`` a translator's note may have too), by this reviewer."""
NOTE_AT_12 = f"{{{MTR_NS}}}note-at"
"""Beside ``NOTE_BY_12``: when the reviewer wrote that note (ISO 8601), so that a re-import keeps its date."""
NOTE_AT_20 = f"{{{MTR_NS}}}note-at"  # on an XLIFF 2.0 reviewer's <note> itself, beside mtr:reviewer


def read_review_note_12(unit: BilingualUnit, trans_unit: etree._Element, notes: list[etree._Element]) -> None:
    """Set the notes of ``unit`` from a 1.2 ``<trans-unit>``'s: where mtreview marked it (``mtr:note-by``), the
    last ``<note>`` from that reviewer is the reviewer's note (:func:`review_note`) and becomes the project's
    note again on import, not one of the file's notes (QA)."""
    marker = trans_unit.get(NOTE_BY_12)
    # the last note by that reviewer: a note a translator's CAT tool appended after it stays the file's
    mine = next((n for n in reversed(notes) if (n.get("from") or "") == marker), None) if marker is not None else None
    if mine is not None:
        unit.review_note, unit.review_note_by = _text(mine) or None, marker or None
        unit.review_note_at = trans_unit.get(NOTE_AT_12) or None
    unit.notes = [_text(n) for n in notes if n is not mine]
    unit.note_attrs = notes_attrs([n for n in notes if n is not mine])


def is_review_note_20(note: etree._Element, reviewed: bool) -> bool:
    """Whether a 2.0 ``<note>`` is a reviewer's note mtreview wrote (:func:`review_note`): it names its
    ``mtr:reviewer``, or is ``category="review"`` in a unit mtreview reviewed (``reviewed``)."""
    return note.get(f"{{{MTR_NS}}}reviewer") is not None or (reviewed and note.get("category") == "review")


def review_note_20(notes: list[etree._Element], reviewed: bool, seg_id: str | None,
                   split: bool) -> tuple[str, str | None, str | None] | None:
    """The (text, reviewer, date) of the reviewer's note about one segment of a 2.0 unit, or None: a note about
    it by ``mtr:ref`` (a multi-segment unit, ``split``), else the unit's one."""
    for note in notes:
        if not is_review_note_20(note, reviewed):
            continue
        ref = note.get(f"{{{MTR_NS}}}ref")
        if ref == (seg_id or "") or (ref is None and not split):
            return _text(note), note.get(f"{{{MTR_NS}}}reviewer"), note.get(NOTE_AT_20)
    return None


MTR_ID = f"{{{MTR_NS}}}id"
"""A unit's id in the file it was read from, on a unit an export gave another one (XLIFF wants a unit's id
unique in its ``<file>``, and 2.0 an NMTOKEN): a re-import and ``--into`` know the unit by it."""
RENAMED_IDS = ("unit id repeated in its <file> (or not an XLIFF id) written as another, the file's kept in "
               "mtr:id, which a re-import and --into read")


def unit_id_of(el: etree._Element) -> str | None:
    """A ``<unit>``'s or ``<trans-unit>``'s id as the file it was read from had it (``MTR_ID``, else ``id``)."""
    return el.get(MTR_ID) or el.get("id")


_NMTOKEN_RE = re.compile(r"^[\w.\-:]+$")


def unit_id_attrs(unit_id: object, number: int, used: set[str], version: str, clean: Callable[[str], str],
                  changes: Counter[str]) -> dict[str, str]:
    """The ``id`` of unit number ``number`` in the ``<file>`` being written (``used``: its ids so far). XLIFF
    wants it unique there (2.0: an NMTOKEN too); one the file repeated gets another, the file's kept as
    ``MTR_ID`` and counted in ``changes`` for the export's summary (QA: silently renamed, the units re-imported
    from the export went --into the original file as units it did not have)."""
    given = clean(str(unit_id)) if unit_id is not None else ""
    uid = given
    if not uid or uid in used or (version == "2.0" and not _NMTOKEN_RE.match(uid)):
        uid = f"u{number}" if version == "2.0" else str(number)
        while uid in used:
            uid += "_"
    used.add(uid)
    if given and uid != given:
        changes[RENAMED_IDS] += 1
        return {"id": uid, MTR_ID: given}
    return {"id": uid}


# On an XLIFF 1.2 export's <file> whose units came from a <file> without original (or from no file): 1.2
# requires an original, and the export writes the project's name there, marked so (see file_original)
NO_ORIGINAL = f"{{{MTR_NS}}}no-original"


def file_original(file_el: etree._Element) -> str | None:
    """The ``original`` of an XLIFF 1.2 ``<file>`` as the import keeps it: None where an mtreview export wrote
    the project's name for units that had none (``mtr:no-original``), so that the export imported again still
    goes ``--into`` the file they came from, whatever else it holds (QA: "it has no unit '1' in file 'job'")."""
    return None if file_el.get(NO_ORIGINAL) == "yes" else file_el.get("original")
