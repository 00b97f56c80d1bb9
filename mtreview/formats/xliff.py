"""XLIFF 1.2 and 2.0, told apart by namespace and ``version`` (never by file name).

Either handler reads either version: an XLIFF 2.0 file named ``.xlf`` (or passed as ``--format xliff``) is
read as 2.0, and a 1.2 file passed as ``--format xliff2`` as 1.2, with a note. Writing: ``xliff`` is 1.2
(``state`` on ``<target>``, ``approved`` on ``<trans-unit>``), ``xliff2`` is 2.0 (``state``/``subState`` on
``<segment>``). mtreview's exact status, risk and reviewer travel as attributes in our own namespace
(``urn:mtreview:1``), which XLIFF allows on units and other tools ignore.

Read scope: the ``<source>``/``<target>`` of each ``trans-unit`` (1.2; ``alt-trans`` is not used) and each
``<segment>`` of each ``<unit>`` (2.0; ``ignorable`` whitespace between segments is not kept; the segments of
one unit are written back into one ``<unit>`` of that id, each segment's review in an ``<mtr:segment ref>``
element, since ``<segment>`` takes no extension attributes). A segmented 1.2
unit (Trados/Okapi ``<seg-source>`` with ``<mrk mtype="seg">``) stays one unit: its segment markers are kept as
codes and written back as ``<seg-source>``, the target keeping its markers around the reviewed text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, ClassVar

from lxml import etree

from ..errors import InputError
from .base import (
    DATATYPE_PROP,
    BilingualUnit,
    FormatHandler,
    ReadContext,
    WriteContext,
    WriteReport,
    finish_unit,
    lang_match,
    register,
)
from .cat_status import read_cat_state
from .cells import risk_text
from .inline import InlineCode
from .markers import mt_codes_record
from .note_attrs import notes_attrs, set_note_attrs
from .xliff_context import (
    NO_ORIGINAL,
    NOTE_AT_12,
    NOTE_BY_12,
    OuterNotes,
    approved_12,
    file_original,
    is_review_note_20,
    read_review_note_12,
    review_note,
    review_note_20,
    state_12,
    unit_id_attrs,
    unit_id_of,
)
from .xliff_segs import seg_marker_ids, with_seg_source
from .xliff_segs import text_inside_segments as _text_inside_segments  # (export_into's name for it)
from .xmlinline import XLIFF1, XLIFF2, read_content, write_content
from .xmllayout import element_text
from .xmlsafe import (
    MTR_NS,
    XLIFF1_NS,
    XML_SPACE,
    iterparse,
    local,
    release,
    sniff_root,
    xliff_major,
    xml_safe,
)

_MTR_KEYS = ("status", "risk", "reviewer", "candidate", "decided-at", "mt", "mt-codes", "final-digest")
# Properties of a unit read from one <segment> of a multi-segment XLIFF 2.0 <unit>: that unit's and segment's ids.
XLIFF2_UNIT = "x-xliff2-unit"
XLIFF2_SEGMENT = "x-xliff2-segment"
XLIFF2_FILE = "x-xliff2-file"  # the <file> (its id, else its number): units of two files may share ids
# The datatype of the 1.2 <file> a unit came from, where not plaintext (html, xml...): an XLIFF 1.2 export
# writes it back on the <file> (QA: datatype="html" became "plaintext")
XLIFF_DATATYPE = DATATYPE_PROP


def _same_ns(child: etree._Element, parent: etree._Element) -> bool:
    """Whether ``child`` is in its parent's namespace: an extension element (``<mtr:segment>``, another
    tool's) with a local name of XLIFF's is not XLIFF's."""
    return isinstance(child.tag, str) and child.tag[:child.tag.find("}") + 1] == parent.tag[:parent.tag.find("}") + 1]


def _children(elem: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in elem if local(c) == name and _same_ns(c, elem)]


def _child(elem: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in elem if local(c) == name and _same_ns(c, elem)), None)


def _check_langs(path: Path, ctx: ReadContext, src: str | None, tgt: str | None, line: int | None) -> None:
    """A file that says it is another language pair than the one asked for is an error, not a guess."""
    for declared, wanted, what, opt in ((src, ctx.source_lang, "source", "--source-lang"),
                                        (tgt, ctx.target_lang, "target", "--target-lang")):
        if declared and wanted and lang_match(declared, wanted) == 0:
            raise InputError(path, f"the file declares {what} language {declared!r} but {opt} is {wanted!r}",
                             line=line)


def _read_mtr(unit: BilingualUnit, elem: etree._Element) -> None:
    for key in _MTR_KEYS:
        value = elem.get(f"{{{MTR_NS}}}{key}")
        if value is None:
            continue
        if key == "risk":
            try:
                unit.risk = float(value)
            except ValueError:
                pass
        else:  # decided-at, mt-codes, final-digest: the unit's decided_at, mt_codes, final_digest
            setattr(unit, key.replace("-", "_"), value)


def read_xliff(path: Path, ctx: ReadContext, asked: str) -> Iterator[BilingualUnit]:
    """Read XLIFF of either version; ``asked`` is the handler the caller chose (for the routing note)."""
    root = sniff_root(path, ctx.encoding)
    if root.local != "xliff":
        raise InputError(path, f"not an XLIFF file (the root element is <{root.local}>)", line=1)
    major = xliff_major(root)
    if (major == 2) != (asked == "xliff2") and ctx.format_given:  # a .xlf suffix says nothing of the version (QA)
        ctx.note(f"read as XLIFF {'2.0' if major == 2 else '1.2'} (its namespace/version say so), "
                 f"not as {asked}")
    reader = _read_20 if major == 2 else _read_12
    number = 0
    for unit in reader(path, ctx):
        number += 1
        yield finish_unit(unit, ctx, number)
    if number == 0:
        held = ctx.counts.get("not_translatable", 0)  # (QA: "no translation units" in a file of such units)
        raise InputError(path, "no translation units in the file" + (
            f" to review: its {held} unit(s) are marked translate=\"no\"" if held else ""))


def _read_12(path: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
    origin: str | None = None
    datatype: str | None = None
    skipped = 0
    outer = OuterNotes()
    for event, elem in iterparse(path, ("{*}file", "{*}group", "{*}note", "{*}trans-unit"), events=("start", "end"),
                                 encoding=ctx.encoding, notes=ctx.notes):
        if outer.event(event, elem):
            continue
        name = local(elem)
        if name == "file":
            if event == "start":
                origin, datatype = file_original(elem), elem.get("datatype")
                _check_langs(path, ctx, elem.get("source-language"), elem.get("target-language"), elem.sourceline)
            continue
        if event != "end":
            continue
        if not_translatable(elem):
            skipped += 1
            release(elem)
            continue
        src, src_parts = read_content(_child(elem, "source"), XLIFF1, path)
        src_parts = with_seg_source(elem, _child(elem, "seg-source"), src, src_parts, path, ctx)
        target_el = _child(elem, "target")
        tgt, tgt_parts = read_content(target_el, XLIFF1, path)
        unit = BilingualUnit(source=src, target=tgt, id=unit_id_of(elem), source_parts=src_parts,
                             target_parts=tgt_parts, origin=origin, line=elem.sourceline)
        read_review_note_12(unit, elem, _children(elem, "note"))
        unit.context_notes = outer.pairs()
        for attr in ("state", "state-qualifier"):  # the file's workflow state, shown to the reviewer
            if target_el is not None and target_el.get(attr):
                unit.props[attr] = target_el.get(attr)
        if datatype and datatype != "plaintext":
            unit.props[XLIFF_DATATYPE] = datatype
        if elem.get("approved"):  # approved="yes": signed off in the file (a bulk decide leaves it be)
            unit.props["approved"] = elem.get("approved")
        unit.props.update(read_cat_state(elem))  # Trados's and memoQ's own statuses
        _read_mtr(unit, elem)
        release(elem)
        yield unit
    _note_not_translatable(ctx, skipped)


def not_translatable(elem: etree._Element) -> bool:
    """Whether a unit is marked ``translate="no"``: by its own attribute, else by the nearest enclosing group
    or file that has one (a ``translate="yes"`` nearer to the unit wins)."""
    for e in (elem, *elem.iterancestors()):
        value = e.get("translate")
        if value is not None:
            return value == "no"
    return False


def _note_not_translatable(ctx: ReadContext, skipped: int) -> None:
    if skipped:
        ctx.counts["not_translatable"] += skipped
        ctx.note(f"{skipped} unit(s) marked translate=\"no\" left out of the review (export --into keeps them "
                 "in the file as they are)")


def _read_20(path: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
    origin: str | None = None
    skipped = files = 0
    file_key = ""
    outer = OuterNotes()
    for event, elem in iterparse(path, ("{*}xliff", "{*}file", "{*}group", "{*}note", "{*}unit"),
                                 events=("start", "end"), encoding=ctx.encoding, notes=ctx.notes):
        if outer.event(event, elem):
            continue
        name = local(elem)
        if event == "start":
            if name == "xliff":
                _check_langs(path, ctx, elem.get("srcLang"), elem.get("trgLang"), elem.sourceline)
            elif name == "file":
                origin = elem.get("original")
                files += 1
                file_key = elem.get("id") or str(files)
            continue
        if name != "unit":
            continue
        if not_translatable(elem):
            skipped += 1
            release(elem)
            continue
        originals: dict[str, str] = {}
        od = _child(elem, "originalData")
        if od is not None:
            originals = {d.get("id", ""): "".join(d.itertext()) for d in _children(od, "data")}
        notes_el = _child(elem, "notes")
        note_els = _children(notes_el, "note") if notes_el is not None else []
        segments = _children(elem, "segment")
        per_segment = {m.get("ref"): m for m in elem if m.tag == f"{{{MTR_NS}}}segment"}
        # A reviewer's note mtreview wrote is the project's note of its segment again, not a note of the file
        reviewed = elem.get(f"{{{MTR_NS}}}status") is not None or bool(per_segment)
        file_notes = [n for n in note_els if not is_review_note_20(n, reviewed)]
        notes = [element_text(n) for n in file_notes]
        note_attrs = notes_attrs(file_notes)
        for k, seg in enumerate(segments, 1):
            src, src_parts = read_content(_child(seg, "source"), XLIFF2, path, originals)
            tgt, tgt_parts = read_content(_child(seg, "target"), XLIFF2, path, originals)
            uid = unit_id_of(elem)
            if len(segments) > 1:
                uid = f"{uid}:{seg.get('id') or k}"
            # The unit's notes are every segment's: each is reviewed on its own (QA: only the first showed them);
            # the XLIFF 2.0 writer puts them back once into the unit.
            unit = BilingualUnit(source=src, target=tgt, id=uid, source_parts=src_parts, target_parts=tgt_parts,
                                 origin=origin, line=seg.sourceline, notes=list(notes),
                                 note_attrs=dict(note_attrs), context_notes=outer.pairs())
            for attr in ("state", "subState"):  # on <segment> only: XLIFF 2.0 gives <unit> no state
                if seg.get(attr):
                    unit.props[attr] = seg.get(attr)
            if len(segments) > 1:
                # Each segment is reviewed as its own unit; these say which <unit> (of which <file>) it was,
                # so that an XLIFF 2.0 export puts it back there for the tool that made the file.
                unit.props[XLIFF2_UNIT] = unit_id_of(elem) or ""
                unit.props[XLIFF2_FILE] = file_key
            if len(segments) > 1 or seg.get("id"):
                unit.props[XLIFF2_SEGMENT] = seg.get("id") or ""
            _read_mtr(unit, per_segment.get(seg.get("id"), elem) if seg.get("id") else elem)
            if (mine := review_note_20(note_els, reviewed, seg.get("id"), len(segments) > 1)) is not None:
                unit.review_note, unit.review_note_by, unit.review_note_at = mine[0] or None, mine[1], mine[2] or None
            yield unit
        release(elem)
    _note_not_translatable(ctx, skipped)


def _mtr_attrs(unit: BilingualUnit, clean: Any, always_mt: bool = False) -> dict[str, str]:
    """A unit's review as ``mtr:`` attributes; the MT where a reviewer replaced it, or (``always_mt``, an
    ``--all`` export) always, so that a target changed after the export imports back as an edit of it."""
    out = {}
    for key, value in (("status", unit.status), ("risk", None if unit.risk is None else risk_text(unit.risk)),
                       ("reviewer", unit.reviewer), ("candidate", unit.candidate),
                       ("decided-at", unit.decided_at), ("final-digest", unit.final_digest)):
        if value is not None:
            out[f"{{{MTR_NS}}}{key}"] = clean(str(value))
    if unit.status is not None and unit.mt is not None and (always_mt or unit.mt != unit.target):
        out[f"{{{MTR_NS}}}mt"] = clean(unit.mt)  # the MT a reviewer replaced (see the TMX writer)
        if (codes := mt_codes_record(unit.mt_parts, unit.mt)) is not None:  # and where its codes were
            out[f"{{{MTR_NS}}}mt-codes"] = clean(codes)
    return out


def write_on_clean_exit(stack: ExitStack, xf: Any, text: str) -> None:
    """Write ``text`` with ``xf`` when ``stack`` closes, unless an error is unwinding it: writing again to an
    output that just failed (a closed pipe, a full disk) fails again, and lxml's ``SerialisationError:
    IO_WRITE`` then replaced the error that ended the export (QA: ``export --format xliff -o - | head``
    printed a traceback, exit 1, not 141)."""

    def exit_(exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> bool:
        if exc_type is None:
            xf.write(text)
        return False

    stack.push(exit_)


class _XliffBase(FormatHandler):
    binary = True
    carries_codes = True
    carries_notes = True
    version: ClassVar[str] = ""
    ns: ClassVar[str] = ""
    # Every export records each reviewed unit's MT in mtr:mt (_mtr_attrs): a target changed after it (in a CAT
    # tool) imports back as an edit, from a cleaned corpus too (QA: an accepted MT changed there came back as the MT)
    _all = True
    _changes: Counter[str]  # the report's, while writing (renamed ids are counted there)
    _datatype: str | None = None  # the 1.2 datatype of the <file> being written (XLIFF_DATATYPE), None: plaintext
    _unnamed = False  # its units came from no <file original> (XLIFF 1.2 marks the name it writes: NO_ORIGINAL)

    def read(self, path: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
        return read_xliff(path, ctx, self.name)

    def write_stream(self, fh: IO, units: Iterable[BilingualUnit], ctx: WriteContext, report: WriteReport) -> None:
        changes = self._changes = report.changes
        self._unnamed = False  # (the handler is shared: nothing of an earlier export's files carries over)

        def clean(s: str) -> str:
            return xml_safe(s, changes)

        with etree.xmlfile(fh, encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element(f"{{{self.ns}}}xliff", self._root_attrs(ctx), nsmap={None: self.ns, "mtr": MTR_NS}):
                with ExitStack() as file_ctx:
                    current: object = object()
                    files = 0
                    used_ids: set[str] = set()
                    number = 0
                    for group in self._groups(units):
                        number += 1
                        origin = group[0].origin or ctx.name
                        datatype = group[0].props.get(XLIFF_DATATYPE)
                        # XLIFF 1.2's datatype is the <file>'s: units of another datatype under one name
                        # (two <file>s of one original) get a <file> of their own (QA: one took the other's)
                        key = (origin, datatype if self.version == "1.2" else None)
                        if key != current:
                            file_ctx.close()
                            files += 1
                            xf.write("\n  ")
                            self._datatype = clean(datatype) if datatype else None
                            self._unnamed = not group[0].origin
                            # (XLIFF 2.0's original is optional: a unit whose <file> had none gets none, so
                            # that the export re-imported still goes --into the file it came from)
                            self._open_file(xf, file_ctx, clean(origin) if group[0].origin or self.version == "1.2"
                                            else None, files, ctx)
                            current = key
                            used_ids = set()  # unit ids are unique within a <file>: each keeps its own
                        xf.write("\n      " if self.version == "1.2" else "\n    ")
                        xf.write(self._unit_of(group, number, clean, used_ids))
                        report.units += len(group)
                        number += len(group) - 1
                    if files == 0:
                        xf.write("\n  ")
                        self._open_file(xf, file_ctx, clean(ctx.name), 1, ctx)
                        self._no_units(xf)
                    file_ctx.close()
                xf.write("\n")
        fh.write(b"\n")

    def _groups(self, units: Iterable[BilingualUnit]) -> Iterator[list[BilingualUnit]]:
        """The units, each alone (XLIFF 1.2: a segment of a 2.0 unit becomes a trans-unit of its own)."""
        for unit in units:
            yield [unit]

    def _unit_of(self, group: list[BilingualUnit], number: int, clean: Any, used: set[str]) -> etree._Element:
        return self._unit(group[0], number, clean, used)

    def _id_attrs(self, unit_id: object, number: int, used: set[str], clean: Any) -> dict[str, str]:
        return unit_id_attrs(unit_id, number, used, self.version, clean, self._changes)

    def _root_attrs(self, ctx: WriteContext) -> dict[str, str]:
        raise NotImplementedError

    def _no_units(self, xf: Any) -> None:
        """What a ``<file>`` of an export that kept no segment holds (XLIFF 1.2: an empty ``<body>``)."""

    def _open_file(self, xf: Any, stack: ExitStack, original: str | None, number: int, ctx: WriteContext) -> None:
        raise NotImplementedError

    def _unit(self, unit: BilingualUnit, number: int, clean: Any, used: set[str]) -> etree._Element:
        raise NotImplementedError


@register
class XliffFormat(_XliffBase):
    name = "xliff"
    description = "XLIFF 1.2 (reads 1.2 and 2.0)"
    suffixes = (".xlf", ".xliff", ".sdlxliff")
    output_suffix = ".xlf"
    version = "1.2"
    ns = XLIFF1_NS

    def _root_attrs(self, ctx: WriteContext) -> dict[str, str]:
        return {"version": "1.2"}

    def _open_file(self, xf: Any, stack: ExitStack, original: str | None, number: int, ctx: WriteContext) -> None:
        stack.enter_context(xf.element(f"{{{self.ns}}}file", {
            "original": original or ctx.name, "source-language": ctx.source_lang, "target-language": ctx.target_lang,
            "datatype": self._datatype or "plaintext", **({NO_ORIGINAL: "yes"} if self._unnamed else {})}))
        write_on_clean_exit(stack, xf, "\n  ")  # LIFO: written after </body>, before </file>
        xf.write("\n    ")
        header = etree.Element("header")
        etree.SubElement(header, "tool", {"tool-id": "mtreview", "tool-name": "mtreview",
                                          "tool-version": ctx.tool_version or "0"})
        xf.write(header)
        xf.write("\n    ")
        stack.enter_context(xf.element(f"{{{self.ns}}}body"))
        write_on_clean_exit(stack, xf, "\n    ")  # before </body>

    def _unit(self, unit: BilingualUnit, number: int, clean: Any, used: set[str]) -> etree._Element:
        tu = etree.Element("trans-unit", {**self._id_attrs(unit.id, number, used, clean), **_mtr_attrs(unit, clean, self._all)},
                           nsmap={"mtr": MTR_NS})
        tu.set(XML_SPACE, "preserve")
        if (approved := approved_12(unit.status, unit.file_state)) is not None:
            tu.set("approved", approved)
        tu.text = "\n        "
        src = etree.SubElement(tu, "source")
        src_parts = unit.source_or_parts()
        seg_ids = seg_marker_ids(src_parts)
        # <source> never holds segment markers: those go to <seg-source>, after it (XLIFF 1.2 order)
        write_content(src, [p for p in src_parts if not (isinstance(p, InlineCode) and p.tag == "mrk"
                                                         and p.id in seg_ids)] if seg_ids else src_parts,
                      XLIFF1, None, clean)
        src.tail = "\n        "
        if seg_ids:
            seg_src = etree.SubElement(tu, "seg-source")
            write_content(seg_src, src_parts, XLIFF1, None, clean)
            seg_src.tail = "\n        "
        tgt = etree.SubElement(tu, "target")
        if (state := state_12(unit.status, unit.file_state, bool(unit.target.strip()))) is not None:  # a finished unit's kept
            tgt.set("state", state)
        write_content(tgt, _text_inside_segments(unit.target_or_parts()), XLIFF1, None, clean)
        tgt.tail = "\n        "
        for note in unit.notes:
            n = etree.SubElement(tu, "note")
            set_note_attrs(n, unit.note_attrs.get(note), "1.2", clean)  # from, priority, annotates
            n.text = clean(note)
            n.tail = "\n        "
        if unit.review_note is not None:  # the reviewer's, after the file's: from="<reviewer>"
            review_note(tu, unit, clean).tail = "\n        "
            tu.set(NOTE_BY_12, clean(unit.review_note_by or ""))  # so that an import tells it from the file's
            if unit.review_note_at:
                tu.set(NOTE_AT_12, clean(unit.review_note_at))
        tu[-1].tail = "\n      "
        return tu
