"""Write the review back into the XLIFF file it came from (``mtreview export PROJECT --into ORIGINAL.xlf``).

A CAT tool (Trados, memoQ, Okapi, OmegaT) takes back the file it made: same files, groups, skeleton, unit ids,
untranslatable and empty units, alternative translations, its own attributes. The ordinary export rebuilds an
XLIFF from the project and keeps only what the project models (QA: groups, headers with skeletons,
``translate="no"`` units, code-only units and the states of untouched units were lost or changed). This
writes into a copy of the original instead: only the targets and states of the segments a reviewer decided
change; every other byte stays as it is (``formats.xmlsplice``: the XML declaration and what follows it, line
endings, a BOM, the encoding, attribute order and quotes, ``<target></target>``). Where that cannot be done
safely the whole file is serialized from the parsed tree instead, and a note says so. The file is read and
written a region of whole units at a time (``export_into_file``): memory does not grow with its size.

A decided unit is left as the file has it, and counted, when its CAT tool locked it (``--write-locked``
writes it; a Trados unit of several segments, some locked, is written when the decision leaves the locked
ones' text as it is: ``export_into_locked``) or when the file's target is no longer the one imported (a TM
manager's correction: the review saw the old text; ``--overwrite`` writes it). Where a Trados or memoQ status
carries the review, XLIFF's ``approved``/``state`` stay as the file has them (a reviewed unit is Translated
there, not finished).

Which project segment is which unit: the unit id and file the import kept (``formats.unitstore``), as the
reader numbered them (an XLIFF 2.0 unit of several segments: ``unit:segment``). Segments a repair made out of
several units, or cut through one, are left as the file has them, and counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import UsageError
from .export_into_changed import Basis, FileTarget, file_target, file_text, held
from .export_into_file import into_file
from .export_into_locked import UNLOCKED, Lock, restore_locked, unit_lock
from .export_into_notes import add_note_12, add_note_20
from .export_into_queue import Decisions, Key
from .formats.atomic import atomic_write
from .formats.base import KEPT_STATUSES
from .formats.cat_status import Stamp, changed_segments, copy_element, seg_texts, skeleton_target, write_cat_state
from .formats.final_digest import with_kept_digest
from .formats.inline import Part
from .formats.inline_spacing import without_gaps
from .formats.unitstore import FINISHED_STATES, has_extras
from .formats.xliff import _MTR_KEYS, _children, _mtr_attrs, _text_inside_segments, not_translatable
from .formats.xliff_context import STATE_20, file_original, state_12, unit_id_of
from .formats.xmlinline import XLIFF1, XLIFF2, OriginalData, write_content
from .formats.xmlsafe import MTR_NS, RootInfo, local, xliff_major, xml_safe
from .formats.xmlsplice import Edits, splice
from .store import Project

__all__ = ["IntoTally", "Key", "export_into", "place_entry"]


@dataclass
class IntoTally:
    """What writing into the original did."""

    written: int = 0  # units whose target and state now hold the review's decision
    kept: int = 0  # units of the file left as they are (not decided, not reviewed, or not in the project)
    empty: int = 0  # decided segments accepted without any text: the file's target kept
    repaired: int = 0  # decided segments a repair made of several units, or of part of one: not written
    no_sdl_seg: int = 0  # Trados segments of decided units with no <sdl:seg-defs> to give their status in
    locked: int = 0  # decided units their CAT tool locked: left as the file has them (--write-locked: written)
    locked_segs: int = 0  # locked Trados segments of written units, left as the file has them
    changed: int = 0  # decided units whose target the file changed since the import: kept (--overwrite: written)
    changes: dict[str, int] = field(default_factory=dict)  # characters XML cannot carry, removed
    notes: list[str] = field(default_factory=list)  # how the copy was written, when not byte for byte

    def lines(self) -> list[str]:
        out = [f"{self.written} unit(s) written with their review decision",
               f"{self.kept} unit(s) left as the file has them"]
        if self.empty:
            out.append(f"{self.empty} of them accepted without any translation (their target kept)")
        if self.repaired:
            out.append(f"{self.repaired} decided segment(s) that repairs made across units not written (their "
                       "units are among those left as they are)")
        if self.locked:
            out.append(f"{self.locked} decided unit(s) locked in the CAT tool left as they are (--write-locked "
                       "writes them)")
        if self.locked_segs:
            out.append(f"{self.locked_segs} locked Trados segment(s) of written units left as the file has them "
                       "(the decision does not change their text)")
        if self.changed:
            out.append(f"{self.changed} decided unit(s) whose target changed in the file since the import kept as "
                       "the file has them (--overwrite writes the review anyway)")
        if self.no_sdl_seg:
            out.append(f"{self.no_sdl_seg} Trados segment(s) of decided units have no <sdl:seg-defs>: their "
                       "Trados status is not set")
        return out


def place_entry(decisions: Decisions, key: Key, source: FileTarget, tally: IntoTally) -> tuple[Any, Basis] | None:
    """The decided segment for the file's unit ``key`` with this source (``file_text``: repaired as the import
    repairs it, QA: a C1 control in a source made the file refused as another; also as read before the
    spacing around codes) as its export unit, and what its target may be in the file; None (counted in
    ``tally``) when none is to be written: the unit is not the project's, its segment is unreviewed, or it is
    an accepted segment without text (an MT-less accept: the file's target stays; a target edited to nothing
    is a decision, QA: the old text stayed, counted as accepted)."""
    entry = decisions.take(key, source)
    if entry is None or not entry.decided:
        tally.kept += 1
        return None
    unit, was = decisions.load(entry)
    if unit.status in KEPT_STATUSES and unit.status != "edited" and not unit.target.strip():
        tally.kept += 1
        tally.empty += 1
        return None
    return unit, was


def _records_mt(el: etree._Element) -> bool:
    """Whether a unit records its MT in mtreview's own attribute (an ``--all`` export reviewed again): its
    target is then a decided text, not the MT the project has, and no change since the import can be told."""
    return any(e.get(f"{{{MTR_NS}}}mt") is not None for e in el.iter() if isinstance(e.tag, str))


def _root_ns(root: etree._Element) -> str:
    """The ``{namespace}`` prefix of the root's tags ("" without one): the import reads an XLIFF 1.1 file
    (``…:document:1.1``) or one in another namespace by its root's, so ``--into`` must find its units there
    too (QA: it imported, and --into refused it as having none of the project's units)."""
    return root.tag[:root.tag.find("}") + 1]


def _is_20(root: etree._Element) -> bool:
    """Whether the file is XLIFF 2, decided as the import decides it (the namespace, then ``version``)."""
    qname = etree.QName(root)
    return xliff_major(RootInfo(qname.localname, qname.namespace, root.get("version"))) == 2


def _units_12(root: etree._Element) -> Iterator[tuple[str | None, str | None, etree._Element]]:
    ns = _root_ns(root)
    for file_el in root.iter(f"{ns}file", "file"):
        origin = file_original(file_el)  # (None where an export named it for units that had none)
        for tu in file_el.iter(f"{ns}trans-unit", "trans-unit"):
            yield origin, unit_id_of(tu), tu


def _replace_content(target: etree._Element) -> None:
    for child in list(target):
        target.remove(child)
    target.text = None


_MTR_ATTRS = tuple(f"{{{MTR_NS}}}{key}" for key in _MTR_KEYS)


def _records_review(holder: etree._Element) -> bool:
    """Whether a unit (or an XLIFF 2.0 ``<mtr:segment>``) records its review in mtreview's own attributes."""
    return any(key in holder.attrib for key in _MTR_ATTRS)


def _restate_review(holder: etree._Element, unit: Any, clean: Any, edits: Edits) -> None:
    """Rewrite mtreview's own attributes (``mtr:status``, ``mtr:reviewer``...) where the file has them (it
    was an ``--all`` export, reviewed again): a re-import restores the decision they state (QA: the old one
    came back). A file without them gets none."""
    if not _records_review(holder):
        return
    edits.touch(holder)
    # An --all export records every MT (and where its codes were): the copy stays one, so that a target changed
    # in it later is still told from the MT on re-import (QA: an accepted MT lost its mtr:mt here)
    always_mt = holder.get(f"{{{MTR_NS}}}mt") is not None
    for key in _MTR_ATTRS:
        holder.attrib.pop(key, None)
    for key, value in _mtr_attrs(unit, clean, always_mt).items():
        holder.set(key, value)


def _same_content(target: etree._Element | None, parts: list[Part], family: str, src: Path,
                  originals: dict[str, str] | None = None) -> bool:
    """Whether a target element already holds ``parts`` (the same text and codes, as the reader reads it and
    the import repairs it: the project's text is the repaired one; or as it read them before the spacing
    around codes, which a project imported then holds)."""
    # Repaired as the import did (a "&#13;&#10;" read as one line feed): else a file's own text accepted was
    # rewritten with the repaired text, losing its carriage returns (QA)
    now = file_target(target, family, src, originals) if target is not None else None
    if now is None:  # no target, or one the reader refuses: no match, the target is rewritten
        return False
    # compared without the codes' gaps: they say how to write the text, not what it is (a project imported
    # before "spaces" was told from "space" has the other one for a code with two spaces after it)
    mine = without_gaps(parts)
    return any(without_gaps(r.parts if r.parts is not None else [r.text]) == mine for r in now.readings())


_PERSON = ("edited", "accepted_candidate")  # decisions whose text a person wrote or chose, not the file's MT


def _write_12(tu: etree._Element, unit: Any, clean: Any, edits: Edits, tally: IntoTally, src: Path,
              lock: Lock = UNLOCKED) -> None:
    status = unit.status
    edits.touch(tu)
    if status not in KEPT_STATUSES:  # its target stays: recorded, so that a re-import takes it for no edit
        kept = file_target(next(iter(_children(tu, "target")), None), XLIFF1, src)
        unit = with_kept_digest(unit, kept.text if kept else None)
    _restate_review(tu, unit, clean, edits)
    add_note_12(tu, unit, clean, edits, _records_review(tu))
    ns = tu.tag[:tu.tag.find("}") + 1]
    target = next(iter(_children(tu, "target")), None)
    before = seg_texts(target)
    if target is None:
        after = next(iter(_children(tu, "seg-source")), None)
        if after is None:
            after = next(iter(_children(tu, "source")))
        # a segmented unit's target has a marker per segment, empty where untranslated (Trados expects them)
        target = etree.Element(f"{ns}target")
        target.tail = after.tail
        after.addnext(target)
        if (skeleton := skeleton_target(tu, f"{ns}target")) is not None:
            target.text = skeleton.text
            target.extend(list(skeleton))
        edits.added(target)
    else:
        edits.touch(target)
    parts = _text_inside_segments(unit.target_or_parts())
    # a rejected pair keeps the file's target; its state says it needs work. A kept text that is the file's
    # own (its MT accepted) keeps its bytes: comments, CDATA and <sub> in it would not survive a rewrite
    if status in KEPT_STATUSES and not _same_content(target, parts, XLIFF1, src):
        edits.replace(target)
        old = copy_element(target) if lock.keep else None
        _replace_content(target)
        write_content(target, parts, XLIFF1, ns.strip("{}") or None, clean)
        if old is not None:  # same text and codes (unit_lock checked): the file's own element, comments kept
            restore_locked(target, old, lock.keep)
    if status in _PERSON:
        # How the old target was made (leveraged-mt, exact-match...) is not how this one was.
        target.attrib.pop("state-qualifier", None)
    # Trados's and memoQ's own statuses, so that the CAT tool shows the review (and who made the text)
    changed = changed_segments(before, seg_texts(target))
    written = changed if status in _PERSON else set()
    # memoQ dates the unit's last change (who, when) where the file keeps that
    stamp = Stamp(clean(unit.reviewer) if unit.reviewer else None, unit.decided_at, bool(changed))
    missing, carried = write_cat_state(tu, status, edits, written, stamp, lock.keep)
    tally.no_sdl_seg += missing
    tally.locked_segs += len(lock.keep)
    if carried:
        # The CAT tool's status says it (Translated is not finished: the tool's review comes after); an XLIFF
        # approved="yes"/signed-off beside it would make the unit finished to a re-import and to tools that
        # read XLIFF. Left as the file has them, except a finished one on a rejected unit.
        if status not in KEPT_STATUSES:
            if (tu.get("approved") or "").strip().lower() == "yes":
                tu.set("approved", "no")
            if (target.get("state") or "").strip().lower() in FINISHED_STATES:
                target.set("state", "needs-translation")
        return
    tu.set("approved", "yes" if status in KEPT_STATUSES else "no")
    if (state := state_12(status, {"state": target.get("state") or ""})) is not None:  # final stays final
        target.set("state", state)


def _write_20(unit_el: etree._Element, seg: etree._Element, unit: Any, clean: Any, edits: Edits, src: Path) -> None:
    status = unit.status
    edits.touch(seg)
    # Where the reader took the segment's review from: its <mtr:segment ref>, else the unit when it is the
    # unit's only segment (a unit's attributes shared by several segments are no one segment's to rewrite)
    sid = seg.get("id")
    holder = next((m for m in unit_el if m.tag == f"{{{MTR_NS}}}segment" and m.get("ref") == sid), None) if sid else None
    if holder is None and len(_children(unit_el, "segment")) == 1:
        holder = unit_el
    if holder is not None and status not in KEPT_STATUSES:  # its target stays, recorded (as in 1.2)
        kept = file_target(next(iter(_children(seg, "target")), None), XLIFF2, src)
        unit = with_kept_digest(unit, kept.text if kept else None)
    if holder is not None:
        _restate_review(holder, unit, clean, edits)
    split = len(_children(unit_el, "segment")) > 1
    add_note_20(unit_el, unit, clean, edits, holder is not None and _records_review(holder),
                (sid or "") if split else None)
    if status in STATE_20:
        seg.set("state", STATE_20[status])
        seg.set("subState", f"mtreview:{status}")
    if status not in KEPT_STATUSES:
        return
    ns = seg.tag[:seg.tag.find("}") + 1]
    target = next(iter(_children(seg, "target")), None)
    if target is None:
        source = next(iter(_children(seg, "source")))
        target = etree.Element(f"{ns}target")
        target.tail = source.tail  # on a line of its own where <source> is (as in XLIFF 1.2)
        source.addnext(target)
        edits.added(target)
    od = next(iter(_children(unit_el, "originalData")), None)
    originals = {d.get("id", ""): "".join(d.itertext()) for d in _children(od, "data")} if od is not None else {}
    if _same_content(target, unit.target_or_parts(), XLIFF2, src, originals):
        return  # the file's own text (its MT accepted): its bytes kept, as in 1.2
    data = OriginalData()
    if od is not None:  # the unit's codes keep their data ids; a code new to it gets one that is free
        for d in _children(od, "data"):  # two data of the same content: the first id (QA: ph 1 got d2)
            data.by_native.setdefault("".join(d.itertext()), d.get("id", ""))
            data.reserved.add(d.get("id", ""))
    known = dict(data.by_native)
    edits.replace(target)
    _replace_content(target)
    # a code id made up here is none of the unit's other segments' (XLIFF 2.0: unique in the unit)
    taken = {el.get("id", "") for other in _children(unit_el, "segment") if other is not seg
             for el in other.iter() if isinstance(el.tag, str) and el.get("id") is not None}
    write_content(target, unit.target_or_parts(), XLIFF2, ns.strip("{}"), clean, data, taken)
    new = {native: did for native, did in data.by_native.items() if native not in known}
    if new:
        if od is None:
            od = etree.Element(f"{ns}originalData")
            first_seg = next(c for c in unit_el if isinstance(c.tag, str) and local(c) in ("segment", "ignorable"))
            edits.touch(unit_el)
            first_seg.addprevious(od)
            edits.added(od)
        else:
            edits.touch(od)
        for native, did in new.items():
            etree.SubElement(od, f"{ns}data", id=did).text = clean(native)


class _Units:
    """Writes the project's decisions into the units of parsed XLIFF (the whole file, or its regions in
    document order)."""

    def __init__(self, project: Project, src: Path, overwrite: bool, write_locked: bool) -> None:
        made_from = project.meta("bilingual_format")  # (None in a project of two documents, or an old one)
        if not has_extras(project.conn) or made_from not in (None, "xliff", "xliff2"):
            # (a project imported from JSONL has extras too, its notes: it was "no unit None" in the file, QA)
            raise UsageError(f"{project.path} was not imported from an XLIFF file (it has no unit ids to write "
                             "into); export it with --format xliff instead")
        self.project, self.src, self.overwrite, self.write_locked = project, src, overwrite, write_locked
        self.tally = IntoTally()
        self.decisions = Decisions(project, self.tally)

    def clean(self, s: str) -> str:
        return xml_safe(s, self.tally.changes)

    def write(self, root: etree._Element, edits: Edits) -> bool:
        tally, src, decisions, clean = self.tally, self.src, self.decisions, self.clean
        if _is_20(root):
            ns = _root_ns(root)
            for file_el in root.iter(f"{ns}file"):
                origin = file_el.get("original")
                for unit_el in file_el.iter(f"{ns}unit"):
                    if not_translatable(unit_el):
                        continue
                    od = next(iter(_children(unit_el, "originalData")), None)
                    originals = {d.get("id", ""): "".join(d.itertext()) for d in _children(od, "data")} if od is not None else {}
                    segs = _children(unit_el, "segment")
                    uid = unit_id_of(unit_el)  # (an export's renamed unit: the file's id, as the import read it)
                    for k, seg in enumerate(segs, 1):
                        key = (origin, uid if len(segs) == 1 else f"{uid}:{seg.get('id') or k}")
                        source = file_text(next(iter(_children(seg, "source")), None), XLIFF2, src, originals)
                        if (placed := place_entry(decisions, key, source, tally)) is None:
                            continue
                        unit, was = placed
                        seg_target = next(iter(_children(seg, "target")), None)
                        now = None if _records_mt(unit_el) else file_target(seg_target, XLIFF2, src, originals)
                        if not held(tally, unit, False, now, was, self.overwrite, self.write_locked):
                            _write_20(unit_el, seg, unit, clean, edits, src)
                            tally.written += 1
        else:
            for origin, uid, tu in _units_12(root):
                if not_translatable(tu):  # left out of the review at import: never written
                    continue
                source = file_text(next(iter(_children(tu, "source")), None), XLIFF1, src)
                if (placed := place_entry(decisions, (origin, uid), source, tally)) is None:
                    continue
                unit, was = placed
                now = None if _records_mt(tu) else file_target(next(iter(_children(tu, "target")), None), XLIFF1, src)
                # a lock holds the unit only where the decision would change a locked segment
                lock = unit_lock(tu, unit, src, self.write_locked)
                if not held(tally, unit, lock.hold, now, was, self.overwrite, self.write_locked):
                    _write_12(tu, unit, clean, edits, tally, src, lock)
                    tally.written += 1
        return False

    def finish(self) -> None:
        pass

    def close(self) -> None:
        self.decisions.close()

    def done(self) -> None:
        if rest := self.decisions.left():
            (origin, uid), entry = rest[0]
            raise UsageError(f"--into {self.src}: it has no unit {uid!r}" + (f" in file {origin!r}" if origin else "")
                             + f" with the source {entry.source[:60]!r} that the project has ({len(rest)} such); is "
                             "it the file the project was imported from, unchanged?")


def export_into(project: Project, original: str | Path, output: str | Path, encoding: str | None = None,
                overwrite: bool = False, write_locked: bool = False) -> IntoTally:
    """Write ``original`` (the XLIFF 1.2 or 2.0 file ``project`` was imported from) to ``output`` with the
    project's decisions in it; ``encoding`` overrides the one the file declares, as the import's
    ``--encoding`` does. A decided unit locked in its CAT tool (unless ``write_locked``) or whose target the
    file changed since the import (unless ``overwrite``) is left as the file has it. Returns what was done."""

    def save(fill: Any) -> None:
        # Through atomic_write, as the TMX writer and every export: the replaced file's permission bits kept,
        # the file and its folder synced, Ctrl-C held while the temporary file is made and renamed, a FIFO or
        # device written straight through, a write error naming the output. The splice streams into it as
        # before. (Never compressed: --into -o x.xlf.gz is refused.)
        with atomic_write(output, mode="wb", encoding=None, compress=False) as fh:
            fill(fh)

    return into_file(original, output, encoding, "xliff", "an XLIFF",
                     lambda src: _Units(project, src, overwrite, write_locked), splice, save)
