"""The reviewer's note, written into the original file by ``export --into`` (a decided unit's ``Project.set_note``).

XLIFF 1.2: a ``<note from="REVIEWER">`` at the end of the ``<trans-unit>`` (after its target, where the file's
own notes go); XLIFF 2.0: a ``<note category="review">`` in the unit's ``<notes>`` (made before its
``<originalData>`` and segments when it has none); TMX: a ``<note>`` before the first variant. A unit that
already has a note of that text (written by an earlier ``--into``) gets no second one; the file's own notes
stay as they are. Only decided units are written into, so a note on an undecided segment stays in the project
(the ordinary export carries it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from .formats.xmlsafe import local
from .formats.xmlsplice import Edits


def _note_text(unit: Any, clean: Callable[[str], str], notes: list[etree._Element]) -> str | None:
    """The note's text to write, or None: no note, or one of ``notes`` already says it."""
    if unit.review_note is None:
        return None
    text = clean(unit.review_note)
    return None if any("".join(n.itertext()) == text for n in notes) else text


def _ns(el: etree._Element) -> str:
    return el.tag[:el.tag.find("}") + 1] if el.tag.startswith("{") else ""


def add_note_12(tu: etree._Element, unit: Any, clean: Callable[[str], str], edits: Edits) -> None:
    """The note as the ``<trans-unit>``'s last child, from the reviewer, on a line of its own."""
    text = _note_text(unit, clean, [c for c in tu if isinstance(c.tag, str) and local(c) == "note"])
    if text is None:
        return
    edits.touch(tu)
    note = etree.Element(f"{_ns(tu)}note")
    if unit.review_note_by:
        note.set("from", clean(unit.review_note_by))
    note.text = text
    last = tu[-1]  # (a unit has its <source> at least)
    before = last.getprevious()
    note.tail, last.tail = last.tail, (before.tail if before is not None else tu.text)  # on a line of its own
    tu.append(note)
    edits.added(note)


def add_note_20(unit_el: etree._Element, unit: Any, clean: Callable[[str], str], edits: Edits) -> None:
    """The note in the unit's ``<notes>``, made where XLIFF 2.0 puts it when the unit has none."""
    ns = _ns(unit_el)
    notes = next((c for c in unit_el if isinstance(c.tag, str) and c.tag == f"{ns}notes"), None)
    text = _note_text(unit, clean, [] if notes is None else [c for c in notes if isinstance(c.tag, str)])
    if text is None:
        return
    note = etree.Element(f"{ns}note", category="review")
    note.text = text
    if notes is not None:
        edits.touch(notes)
        last = notes[-1] if len(notes) else None
        note.tail = last.tail if last is not None else notes.text
        if last is not None:
            last.tail = notes.text
        notes.append(note)
        edits.added(note)
        return
    edits.touch(unit_el)
    first = next(c for c in unit_el if isinstance(c.tag, str) and local(c) in ("originalData", "segment", "ignorable"))
    notes = etree.Element(f"{ns}notes")
    notes.append(note)
    notes.tail = (first.getprevious().tail if first.getprevious() is not None else unit_el.text)
    first.addprevious(notes)
    edits.added(notes)


def tmx_note(tu: etree._Element, unit: Any, clean: Callable[[str], str], tag: str) -> etree._Element | None:
    """A new TMX ``<note>`` (element ``tag``) for the ``<tu>``, or None (no note, or the tu has it already)."""
    text = _note_text(unit, clean, [c for c in tu if isinstance(c.tag, str) and local(c) == "note"])
    if text is None:
        return None
    note = etree.Element(tag)
    note.text = text
    return note
