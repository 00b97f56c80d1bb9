"""The reviewer's note, written into the original file by ``export --into`` (a decided unit's ``Project.set_note``).

XLIFF 1.2: a ``<note from="REVIEWER">`` at the end of the ``<trans-unit>`` (after its target, where the file's
own notes go); XLIFF 2.0: a ``<note category="review">`` in the unit's ``<notes>`` (made before its
``<originalData>`` and segments when it has none); TMX: a ``<note>`` before the first variant. A unit that
already has a note of that text (written by an earlier ``--into``) gets no second one; the file's own notes
stay as they are. Only decided units are written into, so a note on an undecided segment stays in the project
(the ordinary export carries it).

A unit that records its review in mtreview's own attributes (an ``--all`` export, or any TMX, where ``--into``
writes the ``x-mtreview-…`` props) gets its note marked as the exports mark it (XLIFF 1.2 ``mtr:note-by`` and
``mtr:note-at`` on the ``<trans-unit>``, 2.0 ``mtr:reviewer``, ``mtr:note-at`` and ``mtr:ref`` on the note, TMX
``x-mtreview-note…`` props), so that a re-import restores it as the segment's note, by its reviewer and
dated, as it restores the decision (QA: it came back as one of the file's notes, and a changed note as a
second one beside the old). The note an earlier review marked is that segment's: it is rewritten, or taken
out when the note was cleared, never left beside the new one. A CAT tool's file without them gets no
mtreview attributes (its note is the tool's note).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from .formats.tmx import NOTE_AT_PROP, NOTE_BY_PROP, NOTE_PROP
from .formats.xliff_context import NOTE_AT_12, NOTE_AT_20, NOTE_BY_12, is_review_note_20
from .formats.xmllayout import element_text
from .formats.xmlsafe import MTR_NS, local
from .formats.xmlsplice import Edits

REVIEWER_20 = f"{{{MTR_NS}}}reviewer"
REF_20 = f"{{{MTR_NS}}}ref"
NOTE_PROPS = frozenset((NOTE_BY_PROP, NOTE_PROP, NOTE_AT_PROP))
"""The TMX props that mark a ``<tu>``'s reviewer note: a later review sets them again, or takes them out."""


def _note_text(unit: Any, clean: Callable[[str], str], notes: list[etree._Element]) -> str | None:
    """The note's text to write, or None: no note, or one of ``notes`` already says it."""
    if unit.review_note is None:
        return None
    text = clean(unit.review_note)
    return None if any("".join(n.itertext()) == text for n in notes) else text


def _ns(el: etree._Element) -> str:
    return el.tag[:el.tag.find("}") + 1] if el.tag.startswith("{") else ""


def _notes_of(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and local(c) == "note"]


def _rewrite(note: etree._Element, text: str, edits: Edits) -> None:
    """``note`` holding ``text`` (its content replaced only where it says something else)."""
    if element_text(note) == text and not len(note):
        return
    edits.replace(note)
    for child in list(note):
        note.remove(child)
    note.text = text


def _set_or_drop(el: etree._Element, key: str, value: str | None) -> None:
    if value:
        el.set(key, value)
    else:
        el.attrib.pop(key, None)


def _remove(parent: etree._Element, el: etree._Element, edits: Edits) -> None:
    """``el`` taken out of ``parent`` with its line: the layout before it goes to what followed it."""
    edits.touch(parent)
    prev = el.getprevious()
    if prev is not None:
        prev.tail = el.tail
    else:
        parent.text = el.tail
    parent.remove(el)


def add_note_12(tu: etree._Element, unit: Any, clean: Callable[[str], str], edits: Edits,
                marked: bool = False) -> None:
    """The note as the ``<trans-unit>``'s last child, from the reviewer, on a line of its own; in a unit that
    records its review (``marked``), in place of the note an earlier review marked, with the markers."""
    notes = _notes_of(tu)
    if marked:
        _marked_note_12(tu, notes, unit, clean, edits)
        return
    text = _note_text(unit, clean, notes)
    if text is None:
        return
    edits.touch(tu)
    _append_12(tu, text, clean(unit.review_note_by) if unit.review_note_by else None, edits)


def _append_12(tu: etree._Element, text: str, by: str | None, edits: Edits) -> etree._Element:
    note = etree.Element(f"{_ns(tu)}note")
    if by:
        note.set("from", by)
    note.text = text
    last = tu[-1]  # (a unit has its <source> at least)
    before = last.getprevious()
    note.tail, last.tail = last.tail, (before.tail if before is not None else tu.text)  # on a line of its own
    tu.append(note)
    edits.added(note)
    return note


def _marked_note_12(tu: etree._Element, notes: list[etree._Element], unit: Any, clean: Callable[[str], str],
                    edits: Edits) -> None:
    """A 1.2 unit's reviewer note as the XLIFF export marks it (``mtr:note-by`` names the author of the last
    ``<note from>`` that is the reviewer's, ``mtr:note-at`` dates it; ``xliff_context.read_review_note_12``)."""
    marker = tu.get(NOTE_BY_12)
    old = next((n for n in reversed(notes) if (n.get("from") or "") == marker), None) if marker is not None else None
    edits.touch(tu)
    if unit.review_note is None:  # cleared since: the old one would come back on re-import
        if old is not None:
            _remove(tu, old, edits)
        tu.attrib.pop(NOTE_BY_12, None)
        tu.attrib.pop(NOTE_AT_12, None)
        return
    text = clean(unit.review_note)
    by = clean(unit.review_note_by or "")
    later = notes[notes.index(old) + 1:] if old is not None else []
    if old is not None and not any((n.get("from") or "") == by for n in later):
        _rewrite(old, text, edits)
        edits.touch(old)
        _set_or_drop(old, "from", by)
    else:  # the last note from the new author must be this one: a fresh note at the end
        if old is not None:
            _remove(tu, old, edits)
        _append_12(tu, text, by or None, edits)
    tu.set(NOTE_BY_12, by)
    _set_or_drop(tu, NOTE_AT_12, clean(unit.review_note_at) if unit.review_note_at else None)


def add_note_20(unit_el: etree._Element, unit: Any, clean: Callable[[str], str], edits: Edits,
                marked: bool = False, ref: str | None = None) -> None:
    """The note in the unit's ``<notes>``, made where XLIFF 2.0 puts it when the unit has none; in a unit that
    records its review (``marked``), in place of the reviewer's note an earlier review wrote about this segment
    (``ref``: its id, in a unit of several), named by ``mtr:reviewer`` and dated by ``mtr:note-at``."""
    ns = _ns(unit_el)
    notes = next((c for c in unit_el if isinstance(c.tag, str) and c.tag == f"{ns}notes"), None)
    have = [] if notes is None else [c for c in notes if isinstance(c.tag, str)]
    old = None
    if marked:
        old = next((n for n in have if local(n) == "note" and is_review_note_20(n, True)
                    and n.get(REF_20) == ref), None)
        if unit.review_note is None:
            if old is not None and notes is not None:
                if len(have) == 1:  # XLIFF 2.0: <notes> holds one note at least
                    _remove(unit_el, notes, edits)
                else:
                    _remove(notes, old, edits)
            return
        text: str | None = clean(unit.review_note)
    else:
        text = _note_text(unit, clean, have)
    if text is None:
        return
    if old is not None:
        edits.touch(old.getparent())  # (the splice rewrites a touched unit's children only through it)
        _rewrite(old, text, edits)
        note = old
    else:
        note = _append_20(unit_el, notes, text, edits)
    if marked:
        edits.touch(note)
        _set_or_drop(note, REVIEWER_20, clean(unit.review_note_by) if unit.review_note_by else None)
        _set_or_drop(note, NOTE_AT_20, clean(unit.review_note_at) if unit.review_note_at else None)
        _set_or_drop(note, REF_20, clean(ref) if ref is not None else None)


def _append_20(unit_el: etree._Element, notes: etree._Element | None, text: str, edits: Edits) -> etree._Element:
    ns = _ns(unit_el)
    if notes is not None:
        edits.touch(notes)  # (before the note is in it: the splice locates its children as read)
        note = etree.SubElement(notes, f"{ns}note", category="review")
        note.text = text
        last = note.getprevious()
        note.tail = last.tail if last is not None else notes.text
        if last is not None:
            last.tail = notes.text
        edits.added(note)
        return note
    edits.touch(unit_el)
    first = next(c for c in unit_el if isinstance(c.tag, str) and local(c) in ("originalData", "segment", "ignorable"))
    notes = etree.Element(f"{ns}notes")
    first.addprevious(notes)
    notes.tail = (notes.getprevious().tail if notes.getprevious() is not None else unit_el.text)
    note = etree.SubElement(notes, f"{ns}note", category="review")
    note.text = text
    edits.added(notes)
    return note


def tmx_note(tu: etree._Element, unit: Any, clean: Callable[[str], str], tag: str,
             have: dict[str | None, etree._Element], edits: Edits) -> etree._Element | None:
    """A new TMX ``<note>`` (element ``tag``) for the ``<tu>``, or None: no note, the tu has it already, or the
    note an earlier review marked (its ``x-mtreview-note`` prop, among ``have``, names it by its text) now
    says it (rewritten here; taken out when the note was cleared)."""
    marked = have.get(NOTE_PROP)
    old_text = "".join(marked.itertext()) if marked is not None else None
    old = next((n for n in reversed(_notes_of(tu)) if "".join(n.itertext()) == old_text), None) \
        if old_text is not None else None
    if unit.review_note is None:
        if old is not None:
            _remove(tu, old, edits)
        return None
    if old is not None:
        _rewrite(old, clean(unit.review_note), edits)
        return None
    text = _note_text(unit, clean, _notes_of(tu))
    if text is None:
        return None
    note = etree.Element(tag)
    note.text = text
    return note
