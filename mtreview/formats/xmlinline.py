"""Writing inline codes into TMX, XLIFF 1.2 and XLIFF 2.0 segment content (``xmlinline_read`` reads them).

Writing rebuilds mixed content from parts: back into the same format the original elements and attributes
are restored; into another format each code is mapped by its role (open / close / standalone). A wrapper
element (``<g>``, ``<pc>``, ``<hi>``, ``<mrk>``) is written as a wrapper only when the codes are still well
nested after an edit; otherwise as a pair of empty codes (``bx``/``ex``, ``sc``/``ec``, ``bpt``/``ept``),
which XML allows to cross. The reading side's names are imported from here too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from lxml import etree

from .code_kinds import kind_attrs
from .code_markup import element_markup
from .inline import CLOSE, OPEN, STANDALONE, InlineCode, Part, is_well_nested
from .inline_spacing import is_line_break, written_parts
from .xmlinline_read import CODES, NATIVE_CONTENT, TMX, WRAPPERS, XLIFF1, XLIFF2, read_content
from .xmlsafe import local

__all__ = ["CODES", "TMX", "WRAPPERS", "XLIFF1", "XLIFF2", "OriginalData", "kept_ids", "read_content",
           "write_content"]

_FRAGMENT_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _restore_inner(el: etree._Element, inner: str, nsuri: str | None, clean: Callable[[str], str]) -> bool:
    """Fill code element ``el`` with the content :func:`_inner_xml` kept (in the namespace ``nsuri``);
    False where it does not parse (then the caller writes the flattened native text)."""
    try:
        holder = etree.fromstring(f"<w>{inner}</w>", _FRAGMENT_PARSER)
    except etree.XMLSyntaxError:
        return False
    if any(not isinstance(e.tag, str) for e in holder.iter()):  # an entity or a comment: not what was kept
        return False
    for e in holder.iter():
        e.tag = _ns("", local(e), nsuri)
        e.text = clean(e.text) if e.text else e.text
        e.tail = clean(e.tail) if e.tail else e.tail
    el.text = holder.text
    for child in list(holder):
        el.append(child)
    return True


# -- writing -------------------------------------------------------------------------------------------


@dataclass
class OriginalData:
    """XLIFF 2.0 ``<originalData>`` of one unit: native codes by data id (shared by source and target)."""

    by_native: dict[str, str] = field(default_factory=dict)
    reserved: set[str] = field(default_factory=set)  # ids a new code must not take (a unit's existing data)

    def ref(self, native: str) -> str:
        if native not in self.by_native:
            taken = self.reserved | set(self.by_native.values())
            n = len(self.by_native) + 1
            while f"d{n}" in taken:
                n += 1
            self.by_native[native] = f"d{n}"
        return self.by_native[native]


class _Builder:
    def __init__(self, root: etree._Element, clean: Callable[[str], str]) -> None:
        self.stack = [root]
        self.clean = clean

    def text(self, s: str) -> None:
        s = self.clean(s)
        if not s:
            return
        cur = self.stack[-1]
        if len(cur):
            cur[-1].tail = (cur[-1].tail or "") + s
        else:
            cur.text = (cur.text or "") + s

    def child(self, tag: str, attrs: Sequence[tuple[str, str]] = ()) -> etree._Element:
        el = etree.SubElement(self.stack[-1], tag)
        for k, v in attrs:
            el.set(k, self.clean(v))
        return el


def _ns(family: str, name: str, nsuri: str | None) -> str:
    return f"{{{nsuri}}}{name}" if nsuri else name


_DROP_ON_RESTORE = {"dataRef", "dataRefStart", "dataRefEnd"}  # regenerated from the natives


# The attributes that number a format's codes: TMX pairs a <bpt> and its <ept> by "i" (QA: a <hi> that no
# longer nested became <bpt i="1"/> beside the file's own <bpt i="1">), and numbers the rest by "x"
_ID_ATTRS = {TMX: ("i", "x")}


def kept_ids(parts: Sequence[Part], family: str) -> set[str]:
    """The ``id``s of the codes ``write_content`` writes with the file's own attributes (codes of
    ``family``; a wrapper only where the codes nest): a number it makes up for another code must not be one
    of them."""
    parts = written_parts(parts)
    nested = _nested(parts)
    names = _ID_ATTRS.get(family, ("id",))
    return {v for p in parts if isinstance(p, InlineCode) and p.family == family
            and (p.tag not in WRAPPERS[family] or nested) for k, v in p.attrs if k in names}


def write_content(elem: etree._Element, parts: Sequence[Part], family: str, nsuri: str | None,
                  clean: Callable[[str], str], data: OriginalData | None = None,
                  taken: set[str] | None = None) -> set[str]:
    """Fill ``elem`` (an empty ``seg``/``source``/``target``) with text and codes (the spaces reading changed
    around them as the file had them: ``inline_spacing``); return the ids it made up. A made-up id is none
    of the codes' own nor one in ``taken`` (the unit's other segments'): XLIFF wants a code's id unique in
    its unit (QA: an XLIFF 2.0 ``<mrk>`` became ``<sm id="1">`` beside the unit's own ``<pc id="1">``)."""
    if family != XLIFF1:
        parts = without_seg_markers(parts)
    parts = written_parts(parts)
    b = _Builder(elem, clean)
    nested = _nested(parts)
    ids: dict[str | None, str] = {}
    next_id = [0]
    avoid = kept_ids(parts, family) | (taken or set())
    made: set[str] = set()

    def fresh(key: str | None, pair: bool) -> str:
        if pair and key in ids:
            return ids[key]
        next_id[0] += 1
        while str(next_id[0]) in avoid:
            next_id[0] += 1
        new = str(next_id[0])
        made.add(new)
        if pair:
            ids[key] = new
        return new

    lone = _unpaired(parts)
    for i, p in enumerate(parts):
        if isinstance(p, str):
            b.text(p)
            continue
        same = p.family == family
        if p.tag in WRAPPERS[family] and same and nested:
            if p.role == OPEN:
                attrs = [(k, v) for k, v in p.attrs if k not in _DROP_ON_RESTORE]
                if family == XLIFF2 and data is not None:
                    # the matching close's native is not known here: pc keeps the opening native only
                    if p.native:
                        attrs.append(("dataRefStart", data.ref(p.native)))
                el = b.child(_ns(family, p.tag, nsuri), attrs)
                b.stack.append(el)
            else:
                if family == XLIFF2 and data is not None and p.native:
                    b.stack[-1].set("dataRefEnd", data.ref(p.native))
                b.stack.pop()
            continue
        if same and p.tag not in WRAPPERS[family]:
            attrs = [(k, v) for k, v in p.attrs if k not in _DROP_ON_RESTORE]
            el = b.child(_ns(family, p.tag, nsuri), attrs)
            if p.tag in NATIVE_CONTENT[family] and p.inner and _restore_inner(el, p.inner, nsuri, clean):
                continue  # its <sub>s as the file had them
            if p.tag in NATIVE_CONTENT[family] and p.native:
                el.text = clean(p.native)
            if family == XLIFF2 and data is not None and p.native:
                el.set("dataRef", data.ref(p.native))
            continue
        if same and family == XLIFF2 and p.tag in WRAPPERS[family] and p.id:
            # A <pc> (or <mrk>) that no longer nests becomes <sc>/<ec> (<sm>/<em>) under its own id: XLIFF 2.0
            # pairs a target's code with the source's by id (QA: <sc id="3"> for the source's <pc id="1">, which
            # a CAT tool reports as a code missing and another added)
            _write_mapped(b, p, family, nsuri, data, _own_id(p.id, ids), clean, i in lone)
            continue
        if (family == XLIFF1 and p.family == XLIFF2 and p.tag in _ANNOTATIONS and nested
                and p.role in (OPEN, CLOSE) and i not in lone):
            # An XLIFF 2.0 annotation is XLIFF 1.2's <mrk mtype>, words marked up, not a code (QA: <mrk
            # type="term"> went to 1.2 as <bx/>...<ex/>, two tags for the translator to place, the term lost)
            if p.role == OPEN:
                b.stack.append(b.child(_ns(family, "mrk", nsuri), _mrk_attrs_12(p)))
            else:
                b.stack.pop()
            continue
        if (not same and nested and p.role in (OPEN, CLOSE) and i not in lone and p.tag not in _ANNOTATIONS
                and (family == XLIFF2 or (family == XLIFF1 and not _pair_native(parts, i, p)))):
            # Another format's pair that nests is the format's wrapper: XLIFF 2.0 <pc> (a 1.2 <g>, a TMX
            # <bpt>/<ept>: <sc>/<ec> are for spans that overlap or cross segments; QA, every <g> became
            # <sc/>…<ec/>), XLIFF 1.2 <g> (a 2.0 <pc>; one with native codes stays <bpt>/<ept>, which hold them)
            _write_wrapper(b, p, family, nsuri, data, fresh)
            continue
        _write_mapped(b, p, family, nsuri, data, fresh, clean, i in lone)
    return made


def without_seg_markers(parts: Sequence[Part]) -> Sequence[Part]:
    """``parts`` without XLIFF 1.2 segment markers (``<mrk mtype="seg">``, a Trados or Okapi ``<seg-source>``'s):
    they are that file's segmentation, not codes of the text, and TMX and XLIFF 2.0 have no place for them
    (QA: each unit of a segmented file went into TMX with a ``<bpt>``/``<ept>`` pair per sentence, tags a
    translation memory then asks a translator to place)."""
    seg = {p.id for p in parts if isinstance(p, InlineCode) and p.tag == "mrk" and p.role == OPEN
           and p.family == XLIFF1 and ("mtype", "seg") in p.attrs}
    if not seg:
        return parts
    return [p for p in parts if not (isinstance(p, InlineCode) and p.tag == "mrk" and p.family == XLIFF1
                                     and p.id in seg)]


_ANNOTATIONS = ("mrk", "sm", "em")  # annotations, not codes: XLIFF 2.0 writes them as <mrk> or <sm/>/<em/>


def _write_wrapper(b: _Builder, p: InlineCode, family: str, nsuri: str | None, data: OriginalData | None,
                   fresh: Callable[[str | None, bool], str]) -> None:
    """Open (or close) an XLIFF 2.0 ``<pc>`` or 1.2 ``<g>`` for another format's paired code ``p``; a ``<pc>``
    refers to its native codes, where it has them (a TMX ``<bpt>``), as ``dataRefStart``/``dataRefEnd``."""
    if p.role == OPEN:
        attrs = [("id", fresh(p.id, True))]
        if family == XLIFF2 and p.native and data is not None:
            attrs.append(("dataRefStart", data.ref(p.native)))
        attrs += kind_attrs(p, family)  # bold stays bold (QA: <g ctype="bold"> became a bare <pc>)
        b.stack.append(b.child(_ns(family, "pc" if family == XLIFF2 else "g", nsuri), attrs))
        return
    if family == XLIFF2 and p.native and data is not None:
        b.stack[-1].set("dataRefEnd", data.ref(p.native))
    b.stack.pop()


def _pair_native(parts: Sequence[Part], i: int, p: InlineCode) -> bool:
    """Whether the pair of code ``parts[i]`` (opening or closing) has native codes at either end."""
    if p.native:
        return True
    depth = 0
    for q in (parts[i + 1:] if p.role == OPEN else reversed(parts[:i])):
        if not isinstance(q, InlineCode) or q.id != p.id or q.role == STANDALONE:
            continue
        if q.role == p.role:
            depth += 1
        elif depth:
            depth -= 1
        else:
            return bool(q.native)
    return False


def _own_id(own: str, ids: dict[str | None, str]) -> Callable[[str | None, bool], str]:
    """The id maker ``_write_mapped`` takes, giving a code its ``own`` id (its pair's, once given)."""
    def make(key: str | None, pair: bool) -> str:
        return ids.setdefault(key, own) if pair else own
    return make


def _nested(parts: Sequence[Part]) -> bool:
    """Whether the file's own wrappers (``<g>``, ``<pc>``, ``<mrk>``, ``<hi>``) can be written as elements: the
    paired codes nest. A code whose partner is in another segment is written isolated and nests with
    anything (QA: an ``<ec>`` closing the previous segment's ``<sc>`` turned the segment's ``<mrk type="term">``
    into ``<sm/>``/``<em/>`` without its type, and its ``<pc>`` into ``<sc/>``/``<ec/>``)."""
    lone = _unpaired(parts)
    return is_well_nested([p for i, p in enumerate(parts) if i not in lone])


# What an annotation says, kept when an XLIFF 2.0 <mrk> is written as <sm/> (XLIFF 1.2's mtype where 2.0 has a
# value for it: QA, <mrk mtype="term"> became a bare <sm/>, the term annotation lost)
_SM_ATTRS = ("type", "value", "ref", "translate")
_MTYPE_20 = {"term": [("type", "term")], "protected": [("translate", "no")]}


def _marker_attrs(p: InlineCode) -> list[tuple[str, str]]:
    """The attributes of an ``<sm>`` written for the annotation ``p`` (an XLIFF 2.0 or 1.2 ``<mrk>``)."""
    if p.family == XLIFF2:
        return [(k, v) for k, v in p.attrs if k in _SM_ATTRS]
    if p.family == XLIFF1:
        attrs = dict(p.attrs)
        mtype = attrs.get("mtype", "")
        if mtype in _MTYPE_20:
            return _MTYPE_20[mtype]
        if mtype == "x-comment":  # what _mrk_attrs_12 writes for a 2.0 comment annotation
            return [("type", "comment"), *([("value", attrs["comment"])] if attrs.get("comment") else [])]
    return []


def _mrk_attrs_12(p: InlineCode) -> list[tuple[str, str]]:
    """The attributes of the XLIFF 1.2 ``<mrk>`` written for the XLIFF 2.0 annotation ``p`` (``<mrk>`` or
    ``<sm/>``): 1.2 requires ``mtype``, whose values are ``term``, ``protected`` (2.0 ``translate="no"``) or
    an ``x-`` extension (``x-comment``, its text in 1.2's ``comment``; ``x-generic``, 2.0's default type);
    the 2.0 id is kept as ``mid``."""
    attrs = dict(p.attrs)
    kind = attrs.get("type", "generic")
    if attrs.get("translate") == "no" and kind == "generic":
        mtype = "protected"
    else:
        mtype = kind if kind == "term" else f"x-{kind}"
    out = [("mtype", mtype)]
    if attrs.get("id"):  # (an <sm>'s or <mrk>'s own id: never one the reader made up)
        out.append(("mid", attrs["id"]))
    if kind == "comment" and attrs.get("value"):
        out.append(("comment", attrs["value"]))
    return out


def _unpaired(parts: Sequence[Part]) -> set[int]:
    """The indices of the opening codes whose closing code is not in ``parts``, and of the closing codes
    whose opening code is not (an XLIFF 1.2 ``<bx/>`` … ``<ex/>`` spanning two units, a TMX ``<bpt>`` cut off
    by segmentation)."""
    opened: dict[str | None, list[int]] = {}
    out: set[int] = set()
    for i, p in enumerate(parts):
        if isinstance(p, InlineCode) and p.role == OPEN:
            opened.setdefault(p.id, []).append(i)
        elif isinstance(p, InlineCode) and p.role == CLOSE:
            if opened.get(p.id):
                opened[p.id].pop()
            else:
                out.add(i)
    for rest in opened.values():
        out.update(rest)
    return out


def _write_mapped(b: _Builder, p: InlineCode, family: str, nsuri: str | None, data: OriginalData | None,
                  fresh: Callable[[str | None, bool], str], clean: Callable[[str], str], lone: bool = False) -> None:
    """A code from another format (or a wrapper that no longer nests), written by its role. A ``lone`` one
    (its partner is not in this text) is written as the format's isolated code: TMX ``<it>``, XLIFF 1.2
    ``<it>`` (or ``<bx/>``/``<ex/>``), XLIFF 2.0 ``isolated="yes"``; a ``<bpt>`` without its ``<ept>`` or an
    ``<sc>`` without its ``<ec>`` is invalid there (QA: a 1.2 ``<bx/>`` exported to XLIFF 2.0)."""
    if p.tag == "it" and p.role == STANDALONE and family != TMX:
        # an isolated code (TMX or XLIFF 1.2 <it>) opens or closes what another segment holds: it stays one
        # (QA: TMX <it pos="begin"> went to XLIFF as a <ph>, whose meaning is a code that stands alone)
        role = {"begin": OPEN, "open": OPEN, "end": CLOSE, "close": CLOSE}.get(dict(p.attrs).get("pos", ""))
        if role is not None:
            p, lone = replace(p, role=role), True
    pair = p.role in (OPEN, CLOSE)
    new_id = fresh(p.id, pair and not lone)
    # A line break says so in each format's own words (TMX type="lb", XLIFF 1.2 ctype="lb", XLIFF 2.0
    # subType="xlf:lb"), which its readers (and ours) know: it still parts two words when read back (QA: a 1.2
    # <x ctype="lb"/> became a bare <ph/> in XLIFF 2.0, and "now<ph/>then" read back as "nowthen")
    lb = p.role == STANDALONE and is_line_break(p) and not is_line_break(replace(p, attrs=()))  # (a <br/> says it)
    if family == TMX:
        tag = {OPEN: "bpt", CLOSE: "ept"}.get(p.role, "it" if p.tag == "it" else "ph")
        attrs = [("i", new_id)] if pair else [("x", new_id)]
        if tag == "ph" and lb:
            attrs.append(("type", "lb"))
        elif tag in ("bpt", "ph"):
            attrs += kind_attrs(p, family)
        # TMX keeps what a code was as its content, the native code: an XLIFF code without one (<g>, <x/>,
        # <mrk>, <pc>) gets its own markup (QA: an empty <bpt/> told a CAT tool nothing of the <g> it was)
        if not p.native and p.family in (XLIFF1, XLIFF2):
            p = replace(p, native=element_markup(p, p.tag in WRAPPERS[p.family], _DROP_ON_RESTORE))
        if tag == "it":
            # XLIFF 1.2 says pos="open"/"close" where TMX says "begin"/"end" (QA: an XLIFF <it> went to TMX as
            # pos="open", which the TMX DTD refuses)
            pos = dict(p.attrs).get("pos", "begin")
            attrs = [("pos", {"open": "begin", "close": "end"}.get(pos, pos))]
        if lone:
            tag, attrs = "it", [("pos", "begin" if p.role == OPEN else "end")]
        el = b.child(tag, attrs)
        if p.native:
            el.text = clean(p.native)
    elif family == XLIFF1 and lone and p.native:
        el = b.child(_ns(family, "it", nsuri), [("id", new_id), ("pos", "open" if p.role == OPEN else "close")])
        el.text = clean(p.native)
    elif family == XLIFF1:
        kind = [] if lb else kind_attrs(p, family)  # (a line break says so below)
        if p.role == OPEN:
            el = b.child(_ns(family, "bpt" if p.native else "bx", nsuri),
                         ([("id", new_id)] if p.native else [("id", new_id), ("rid", new_id)]) + kind)
        elif p.role == CLOSE:
            el = b.child(_ns(family, "ept" if p.native else "ex", nsuri),
                         [("id", new_id)] if p.native else [("id", f"{new_id}e"), ("rid", new_id)])
        else:
            el = b.child(_ns(family, "ph" if p.native else "x", nsuri),
                         [("id", new_id), *([("ctype", "lb")] if lb else kind)])
        if p.native:
            el.text = clean(p.native)
    else:
        if p.role == OPEN:
            attrs = [("id", new_id)]
        elif p.role == CLOSE:
            attrs = [("startRef", new_id)]
        else:
            attrs = [("id", new_id)]
        if lone:
            attrs = [("id", new_id), ("isolated", "yes")]
        tag = {OPEN: "sc", CLOSE: "ec"}.get(p.role, "ph")
        if tag == "ph" and lb:
            attrs += [("type", "fmt"), ("subType", "xlf:lb")]  # (xlf:lb goes with type fmt)
        elif p.tag not in _ANNOTATIONS:
            attrs += kind_attrs(p, family)
        if p.tag in ("mrk", "sm", "em") and p.role != STANDALONE:
            tag = "sm" if p.role == OPEN else "em"
            if tag == "sm" and not lone:
                attrs += _marker_attrs(p)
        el = b.child(_ns(family, tag, nsuri), attrs)
        if p.native and data is not None and tag in ("sc", "ec", "ph"):
            el.set("dataRef", data.ref(p.native))
