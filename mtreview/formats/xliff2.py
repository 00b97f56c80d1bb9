"""XLIFF 2.0 writing (reading both versions is ``xliff.read_xliff``): one ``<segment>`` per reviewed unit, with
its review ``state``; the segments read from one multi-segment ``<unit>`` go back into a unit of that id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import replace
from typing import Any

from lxml import etree

from .base import BilingualUnit, WriteContext, register
from .inline import CLOSE, OPEN, InlineCode, Part
from .note_attrs import merged_note_attrs, set_note_attrs
from .unitstore import notes_union
from .xliff import XLIFF2_FILE, XLIFF2_SEGMENT, XLIFF2_UNIT, _mtr_attrs, _XliffBase, write_on_clean_exit
from .xliff_context import review_note, state_20
from .xmlinline import XLIFF2, OriginalData, kept_ids, write_content
from .xmlsafe import MTR_NS, XLIFF2_NS, XML_SPACE


@register
class Xliff2Format(_XliffBase):
    name = "xliff2"
    description = "XLIFF 2.0 (reads 1.2 and 2.0)"
    suffixes = (".xlf2", ".xliff2")
    output_suffix = ".xlf"
    version = "2.0"
    ns = XLIFF2_NS

    def _root_attrs(self, ctx: WriteContext) -> dict[str, str]:
        return {"version": "2.0", "srcLang": ctx.source_lang, "trgLang": ctx.target_lang}

    def _open_file(self, xf: Any, stack: ExitStack, original: str | None, number: int, ctx: WriteContext) -> None:
        attrs = {"id": f"f{number}"} if original is None else {"id": f"f{number}", "original": original}
        stack.enter_context(xf.element(f"{{{self.ns}}}file", attrs))
        write_on_clean_exit(stack, xf, "\n  ")

    def _no_units(self, xf: Any) -> None:
        # XLIFF 2.0 wants a <file> to hold at least one <unit> or <group>, and a <group> may be empty: an
        # export that kept nothing was an empty <file>, which a schema-validating tool refuses (QA)
        xf.write("\n    ")
        xf.write(etree.Element("group", {"id": "g1"}))  # (in the default namespace, as the units are)

    def _groups(self, units: Iterable[BilingualUnit]) -> Iterator[list[BilingualUnit]]:
        """The units, the segments read from one multi-segment ``<unit>`` (consecutive, same file) together:
        they are written back as that unit's segments, so the tool that made the file finds its units."""
        group: list[BilingualUnit] = []
        for unit in units:
            key = _group_key(unit)
            if group and (key is None or key != _group_key(group[0])):
                yield group
                group = []
            group.append(unit)
        if group:
            yield group

    def _unit(self, unit: BilingualUnit, number: int, clean: Any, used: set[str]) -> etree._Element:
        return self._unit_of([unit], number, clean, used)

    def _unit_of(self, group: list[BilingualUnit], number: int, clean: Any, used: set[str]) -> etree._Element:
        first = group[0]
        split = XLIFF2_UNIT in first.props  # segments of one unit of the file read: their ids and states apart
        if split:
            el = etree.Element("unit", self._id_attrs(first.props[XLIFF2_UNIT] or None, number, used, clean),
                               nsmap={"mtr": MTR_NS})
        else:
            el = etree.Element("unit", {**self._id_attrs(first.id, number, used, clean),
                                        **_mtr_attrs(first, clean, self._all)}, nsmap={"mtr": MTR_NS})
        ind = "\n      "
        el.text = ind
        seg_ids = _segment_ids(group) if split else [first.props.get(XLIFF2_SEGMENT) or None]
        if split:  # the review of each segment, by segment id (extension elements come first in a <unit>)
            for unit, sid in zip(group, seg_ids, strict=True):
                etree.SubElement(el, f"{{{MTR_NS}}}segment", {"ref": sid or "", **_mtr_attrs(unit, clean, self._all)}).tail = ind
        # Every segment of a <unit> read carries its notes (a project made before: the first): written once
        notes = notes_union([unit.notes for unit in group]) if split else first.notes
        if notes or any(unit.review_note is not None for unit in group):
            notes_el = etree.SubElement(el, "notes")
            note_attrs = merged_note_attrs([unit.note_attrs for unit in group])
            for note in notes:
                n = etree.SubElement(notes_el, "note")
                set_note_attrs(n, note_attrs.get(note), "2.0", clean)  # category, priority, appliesTo
                n.text = clean(note)
            for unit, sid in zip(group, seg_ids, strict=True):  # the reviewers', after the file's (one per segment)
                if unit.review_note is not None:
                    review_note(notes_el, unit, clean, "2.0", (sid or "") if split else None)
            notes_el.tail = ind
        data = OriginalData()  # one per <unit>: its data ids are unique across the unit's segments
        # the codes' own ids in every segment, and those made up for earlier segments: one id per code in a unit
        taken = set().union(*(kept_ids(unit.source_or_parts(), XLIFF2) | kept_ids(unit.target_or_parts(), XLIFF2)
                              for unit in group))
        sources = isolate_unpaired([unit.source_or_parts() for unit in group])
        targets = isolate_unpaired([unit.target_or_parts() for unit in group])
        segs = [self._segment(unit, sid, clean, data, taken, src, tgt)
                for unit, sid, src, tgt in zip(group, seg_ids, sources, targets, strict=True)]
        if data.by_native:  # <originalData> comes before the segments
            od = etree.SubElement(el, "originalData")
            for native, did in data.by_native.items():
                d = etree.SubElement(od, "data", id=did)
                d.text = clean(native)
            od.tail = ind
        for seg in segs:
            el.append(seg)
            seg.tail = ind
        segs[-1].tail = "\n    "
        return el

    @staticmethod
    def _segment(unit: BilingualUnit, sid: str | None, clean: Any, data: OriginalData,
                 taken: set[str], source: Sequence[Part], target: Sequence[Part]) -> etree._Element:
        """One ``<segment>``; the ids it makes up for codes join ``taken`` (its source's and target's
        correspond, so both start from the same ``taken``)."""
        seg = etree.Element("segment")
        if sid:
            seg.set("id", sid)
        # a unit final in its file stays final; an unreviewed one without a target is not "translated"
        state, sub_state = state_20(unit.status, unit.file_state, bool(unit.target.strip()))
        if state:
            seg.set("state", state)
        if sub_state:
            seg.set("subState", sub_state)
        src = etree.SubElement(seg, "source")
        src.set(XML_SPACE, "preserve")
        before = set(taken)
        taken |= write_content(src, source, XLIFF2, None, clean, data, before)
        tgt = etree.SubElement(seg, "target")
        tgt.set(XML_SPACE, "preserve")
        taken |= write_content(tgt, target, XLIFF2, None, clean, data, before)
        return seg


def _group_key(unit: BilingualUnit) -> tuple[str | None, str, str] | None:
    uid = unit.props.get(XLIFF2_UNIT)
    return None if uid is None else (unit.origin, unit.props.get(XLIFF2_FILE, ""), uid)


def _segment_ids(group: list[BilingualUnit]) -> list[str]:
    """The segment ids of a unit's segments as read, unique within it: a segment a repair split in two, or
    one without an id, gets ``s<k>`` (free in the unit)."""
    ids = [u.props.get(XLIFF2_SEGMENT) or "" for u in group]
    taken = {i for i in ids if i}
    out: list[str] = []
    for k, sid in enumerate(ids, 1):
        if not sid or sid in out:
            sid = f"s{k}"
            while sid in taken or sid in out:
                sid += "_"
        out.append(sid)
    return out


def isolate_unpaired(segments: list[list[Part]]) -> list[list[Part]]:
    """The parts of a unit's segments with each XLIFF 2.0 ``<sc>`` or ``<ec>`` whose partner is in none of them
    marked ``isolated="yes"`` (an ``<ec>`` then by its ``id``, not ``startRef``): XLIFF 2.0 wants a
    non-isolated one's partner in the same ``<unit>`` (QA: a cleaned export left out the segment that held the
    ``<ec>`` and kept a bare ``<sc>``, which schema validation refuses). An ``<sm>``/``<em>`` left alone so,
    which cannot be isolated, is left out."""
    codes = [p for parts in segments for p in parts if isinstance(p, InlineCode) and p.family == XLIFF2]
    opened = {p.id for p in codes if p.tag == "sc" and p.role == OPEN}
    closed = {p.id for p in codes if p.tag == "ec" and p.role == CLOSE}
    marks = {(p.tag, p.id) for p in codes if p.tag in ("sm", "em")}
    out: list[list[Part]] = []
    for parts in segments:
        new: list[Part] = []
        for p in parts:
            if (isinstance(p, InlineCode) and p.family == XLIFF2 and p.tag in ("sm", "em")
                    and ("em" if p.tag == "sm" else "sm", p.id) not in marks):
                continue  # an annotation's marker without its partner: XLIFF 2.0 has no lone one (its words stay)
            if (isinstance(p, InlineCode) and p.family == XLIFF2 and dict(p.attrs).get("isolated") != "yes"
                    and ((p.tag == "sc" and p.id not in closed) or (p.tag == "ec" and p.id not in opened))):
                attrs = tuple((k, v) for k, v in p.attrs if k not in ("startRef", "id", "isolated"))
                p = replace(p, attrs=(("id", p.id or ""), *attrs, ("isolated", "yes")))
            new.append(p)
        out.append(new)
    return out
