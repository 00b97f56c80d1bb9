"""Write the review back into the XLIFF file it came from (``mtreview export PROJECT --into ORIGINAL.xlf``).

A CAT tool (Trados, memoQ, Okapi, OmegaT) takes back the file it made: same files, groups, skeleton, unit ids,
untranslatable and empty units, alternative translations, its own attributes. The ordinary export rebuilds an
XLIFF from the project and keeps only what the project models (QA: groups, headers with skeletons,
``translate="no"`` units, code-only units and the states of untouched units were lost or changed). This
writes into a copy of the original instead: only the targets and states of the segments a reviewer decided
change; every other byte stays as it is (``formats.xmlsplice``: the XML declaration and what follows it, line
endings, a BOM, the encoding, attribute order and quotes, ``<target></target>``). Where that cannot be done
safely the whole file is serialized from the parsed tree instead, and a note says so.

A decided unit is left as the file has it, and counted, when its CAT tool locked it (``--write-locked``
writes it) or when the file's target is no longer the one imported (a TM manager's correction: the review saw
the old text; ``--overwrite`` writes it). Where a Trados or memoQ status carries the review, XLIFF's
``approved``/``state`` stay as the file has them (a reviewed unit is Translated there, not finished).

Which project segment is which unit: the unit id and file the import kept (``formats.unitstore``), as the
reader numbered them (an XLIFF 2.0 unit of several segments: ``unit:segment``). Segments a repair made out of
several units, or cut through one, are left as the file has them, and counted.
"""

from __future__ import annotations

import io
import os
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import InputError, UsageError
from .export_into_changed import Basis, basis, file_target, held
from .formats.atomic import rename_target
from .formats.base import KEPT_STATUSES, ReadContext, clean_text
from .formats.cat_status import changed_segments, seg_texts, skeleton_target, unit_locked, write_cat_state
from .formats.inline import Part, normalise_parts
from .formats.unitstore import FINISHED_STATES
from .formats.xliff import _MTR_KEYS, _children, _mtr_attrs, _text_inside_segments, not_translatable
from .formats.xliff_context import STATE_20, state_12
from .formats.xmlinline import XLIFF1, XLIFF2, OriginalData, read_content, write_content
from .formats.xmlsafe import MTR_NS, XLIFF1_NS, XLIFF2_NS, _syntax_error, guard, local, xml_safe
from .formats.xmlsplice import Edits, Unsafe, splice
from .store import Project


@dataclass
class IntoTally:
    """What writing into the original did."""

    written: int = 0  # units whose target and state now hold the review's decision
    kept: int = 0  # units of the file left as they are (not decided, not reviewed, or not in the project)
    empty: int = 0  # decided segments accepted without any text: the file's target kept
    repaired: int = 0  # decided segments a repair made of several units, or of part of one: not written
    no_sdl_seg: int = 0  # Trados segments of decided units with no <sdl:seg-defs> to give their status in
    locked: int = 0  # decided units their CAT tool locked: left as the file has them (--write-locked: written)
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
        if self.changed:
            out.append(f"{self.changed} decided unit(s) whose target changed in the file since the import kept as "
                       "the file has them (--overwrite writes the review anyway)")
        if self.no_sdl_seg:
            out.append(f"{self.no_sdl_seg} Trados segment(s) of decided units have no <sdl:seg-defs>: their "
                       "Trados status is not set")
        return out


Key = tuple[str | None, str | None]


@dataclass
class _Entry:
    """A project segment that is one unit of the file: its source (to check the unit is the same) and, when
    decided, what to write."""

    source: str
    unit: Any  # the export unit (formats.BilingualUnit), or None when unreviewed
    was: Basis = Basis()  # what its target may be in the file without having changed since the import


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _decisions(project: Project, tally: IntoTally) -> dict[Key, deque[_Entry]]:
    """The project's segments that are units of the file, by (file, unit id as the reader numbered it), in
    document order (a file may repeat an id); ``tally`` counts the decided ones a repair made."""
    from .export import segment_unit
    from .formats.unitstore import has_extras, load_extras

    if not has_extras(project.conn):
        raise UsageError(f"{project.path} was not imported from an XLIFF file (it has no unit ids to write "
                         "into); export it with --format xliff instead")
    by_key: dict[Key, deque[_Entry]] = {}
    for seg in project.segments():
        extras = load_extras(project.conn, seg.id) or {}
        decided = seg.state.status != "unreviewed"
        if "merged" in extras:
            tally.repaired += decided
            continue
        key = (extras.get("origin"), extras.get("id"))
        unit = segment_unit(project, seg, keep_ids=True) if decided else None
        was = basis(project.conn, seg.id, extras) if decided else Basis()
        by_key.setdefault(key, deque()).append(_Entry(seg.source_text, unit, was))
    return by_key


def _take(queue: deque[_Entry] | None, source: str) -> _Entry | None:
    """The first segment of ``queue`` whose source is ``source`` (removed from it), or None."""
    if queue is None:
        return None
    for i, entry in enumerate(queue):
        if _same_text(entry.source, source):
            del queue[i]
            return entry
    return None


def _records_mt(el: etree._Element) -> bool:
    """Whether a unit records its MT in mtreview's own attribute (an ``--all`` export reviewed again): its
    target is then a decided text, not the MT the project has, and no change since the import can be told."""
    return any(e.get(f"{{{MTR_NS}}}mt") is not None for e in el.iter() if isinstance(e.tag, str))


def _units_12(root: etree._Element) -> Iterator[tuple[str | None, str | None, etree._Element]]:
    for file_el in root.iter(f"{{{XLIFF1_NS}}}file", "file"):
        origin = file_el.get("original")
        for tu in file_el.iter(f"{{{XLIFF1_NS}}}trans-unit", "trans-unit"):
            yield origin, tu.get("id"), tu


def _replace_content(target: etree._Element) -> None:
    for child in list(target):
        target.remove(child)
    target.text = None


_MTR_ATTRS = tuple(f"{{{MTR_NS}}}{key}" for key in _MTR_KEYS)


def _restate_review(holder: etree._Element, unit: Any, clean: Any, edits: Edits) -> None:
    """Rewrite mtreview's own attributes (``mtr:status``, ``mtr:reviewer``...) where the file has them (it
    was an ``--all`` export, reviewed again): a re-import restores the decision they state (QA: the old one
    came back). A file without them gets none."""
    if not any(key in holder.attrib for key in _MTR_ATTRS):
        return
    edits.touch(holder)
    for key in _MTR_ATTRS:
        holder.attrib.pop(key, None)
    for key, value in _mtr_attrs(unit, clean).items():
        holder.set(key, value)


def _same_content(target: etree._Element | None, parts: list[Part], family: str, src: Path,
                  originals: dict[str, str] | None = None) -> bool:
    """Whether a target element already holds ``parts`` (the same text and codes, as the reader reads it and
    the import repairs it: the project's text is the repaired one)."""
    # Repaired as the import did (a "&#13;&#10;" read as one line feed): else a file's own text accepted was
    # rewritten with the repaired text, losing its carriage returns (QA)
    now = file_target(target, family, src, originals) if target is not None else None
    if now is None:  # no target, or one the reader refuses: no match, the target is rewritten
        return False
    return (now.parts if now.parts is not None else [now.text]) == normalise_parts(parts)


_PERSON = ("edited", "accepted_candidate")  # decisions whose text a person wrote or chose, not the file's MT


def _write_12(tu: etree._Element, unit: Any, clean: Any, edits: Edits, tally: IntoTally, src: Path) -> None:
    status = unit.status
    edits.touch(tu)
    _restate_review(tu, unit, clean, edits)
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
        _replace_content(target)
        write_content(target, parts, XLIFF1, ns.strip("{}") or None, clean)
    if status in _PERSON:
        # How the old target was made (leveraged-mt, exact-match...) is not how this one was.
        target.attrib.pop("state-qualifier", None)
    # Trados's and memoQ's own statuses, so that the CAT tool shows the review (and who made the text)
    written = changed_segments(before, seg_texts(target)) if status in _PERSON else set()
    missing, carried = write_cat_state(tu, status, edits, written)
    tally.no_sdl_seg += missing
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
    if holder is not None:
        _restate_review(holder, unit, clean, edits)
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
    write_content(target, unit.target_or_parts(), XLIFF2, ns.strip("{}"), clean, data)
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


def _parse(src: Path, raw: bytes, encoding: str | None) -> tuple[etree._ElementTree, etree.XMLParser]:
    """The parsed file and the parser (the splice reads its copy back with it). ``encoding`` (the import's
    ``--encoding``, for a file whose bytes are not what it declares) is decoded in Python and handed to
    libxml2 as UTF-8, whatever the declaration says; the splice then writes the copy in that encoding."""
    opts: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
    data = raw
    if encoding is not None:
        try:
            data = raw.decode(encoding).encode("utf-8")
        except LookupError:
            raise UsageError(f"--encoding {encoding}: unknown encoding") from None
        except UnicodeDecodeError as err:
            raise InputError(src, f"bytes that are not {encoding} ({err.reason}): pass the file's own --encoding, "
                             "the one it was imported with", line=raw[:err.start].count(b"\n") + 1) from None
        opts["encoding"] = "utf-8"
    parser = etree.XMLParser(**opts)
    try:  # from bytes, without the file's name: lxml cannot encode one that is not UTF-8
        return etree.parse(io.BytesIO(data), parser), parser
    except etree.XMLSyntaxError as err:
        # says to pass --encoding where the bytes are not the declared encoding (QA: "Invalid bytes", no hint)
        raise _syntax_error(src, err) from None


def _open_original(original: str | Path, encoding: str | None, root_name: str,
                   kind: str) -> tuple[Path, bytes, etree._ElementTree, etree.XMLParser]:
    """The original file of an ``--into`` export, guarded and parsed: its path, bytes (the splice keeps them),
    tree and parser; refused unless its root element is ``root_name`` (``kind`` names the format)."""
    src = Path(original)
    if not src.is_file():
        raise InputError(src, "no such file")
    guard(src)
    raw = src.read_bytes()
    tree, parser = _parse(src, raw, encoding)
    if (name := local(tree.getroot())) != root_name:
        raise UsageError(f"--into {src}: not {kind} file (the root element is <{name}>); --into writes into the "
                         "file a project was imported from")
    return src, raw, tree, parser


def export_into(project: Project, original: str | Path, output: str | Path, encoding: str | None = None,
                overwrite: bool = False, write_locked: bool = False) -> IntoTally:
    """Write ``original`` (the XLIFF 1.2 or 2.0 file ``project`` was imported from) to ``output`` with the
    project's decisions in it; ``encoding`` overrides the one the file declares, as the import's
    ``--encoding`` does. A decided unit locked in its CAT tool (unless ``write_locked``) or whose target the
    file changed since the import (unless ``overwrite``) is left as the file has it. Returns what was done."""
    src, raw, tree, parser = _open_original(original, encoding, "xliff", "an XLIFF")
    root = tree.getroot()
    tally = IntoTally()
    edits = Edits()
    queues = _decisions(project, tally)
    changes = tally.changes

    def clean(s: str) -> str:
        return xml_safe(s, changes)

    def place(key: Key, source: str) -> _Entry | None:
        """The decided segment for the file's unit ``key`` with this source (repaired as the import repairs
        it: QA, a C1 control in a source made the file refused as another), or None (counted)."""
        entry = _take(queues.get(key), source)
        if entry is None:
            tally.kept += 1
            return None
        if entry.unit is None or (entry.unit.status in KEPT_STATUSES and entry.unit.status != "edited"
                                  and not entry.unit.target.strip()):
            # unreviewed, or an accepted segment without text (an MT-less accept): the file's target stays.
            # A target edited to nothing is a decision (QA: the old text stayed, counted as accepted).
            tally.kept += 1
            tally.empty += entry.unit is not None
            return None
        return entry

    if root.tag.startswith(f"{{{XLIFF2_NS}}}") or root.get("version", "").startswith("2"):
        for file_el in root.iter(f"{{{XLIFF2_NS}}}file"):
            origin = file_el.get("original")
            for unit_el in file_el.iter(f"{{{XLIFF2_NS}}}unit"):
                if not_translatable(unit_el):
                    continue
                od = next(iter(_children(unit_el, "originalData")), None)
                originals = {d.get("id", ""): "".join(d.itertext()) for d in _children(od, "data")} if od is not None else {}
                segs = _children(unit_el, "segment")
                uid = unit_el.get("id")
                for k, seg in enumerate(segs, 1):
                    key = (origin, uid if len(segs) == 1 else f"{uid}:{seg.get('id') or k}")
                    text, _ = read_content(next(iter(_children(seg, "source")), None), XLIFF2, src, originals)
                    if (entry := place(key, clean_text(text, ReadContext()))) is None:
                        continue
                    seg_target = next(iter(_children(seg, "target")), None)
                    now = None if _records_mt(unit_el) else file_target(seg_target, XLIFF2, src, originals)
                    if not held(tally, entry.unit, False, now, entry.was, overwrite, write_locked):
                        _write_20(unit_el, seg, entry.unit, clean, edits, src)
                        tally.written += 1
    else:
        for origin, uid, tu in _units_12(root):
            if not_translatable(tu):  # left out of the review at import: never written
                continue
            text, _ = read_content(next(iter(_children(tu, "source")), None), XLIFF1, src)
            if (entry := place((origin, uid), clean_text(text, ReadContext()))) is None:
                continue
            now = None if _records_mt(tu) else file_target(next(iter(_children(tu, "target")), None), XLIFF1, src)
            if not held(tally, entry.unit, unit_locked(tu), now, entry.was, overwrite, write_locked):
                _write_12(tu, entry.unit, clean, edits, tally, src)
                tally.written += 1
    left = [(key, entry) for key, queue in queues.items() for entry in queue]
    if left:
        (origin, uid), entry = left[0]
        raise UsageError(f"--into {src}: it has no unit {uid!r}" + (f" in file {origin!r}" if origin else "")
                         + f" with the source {entry.source[:60]!r} that the project has ({len(left)} such); is it "
                         "the file the project was imported from, unchanged?")
    try:
        data = splice(raw, tree, edits, parser, encoding)
    except Unsafe as why:
        # Every change is still written; only the formatting of the rest may differ from the original's.
        tally.notes.append(f"{src} could not be copied byte for byte around the changes ({why}): the whole file "
                           "was written from its parsed form, so line breaks, quotes and the encoding may differ "
                           "from the original's outside the changed units too")
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    target = rename_target(Path(output))
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return tally
