"""XLIFF 1.2 segmentation (Trados/Okapi ``<seg-source>`` with ``<mrk mtype="seg">`` markers): read as codes so
that an export can give a CAT tool its segmentation back, and the text an edit leaves outside the markers put
back inside them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from .base import ReadContext
from .inline import CLOSE, OPEN, InlineCode, Part, normalise_parts
from .xmlinline import XLIFF1, read_content


def with_seg_source(elem: etree._Element, seg_el: etree._Element | None, src: str, src_parts: list[Part] | None,
                    path: Path, ctx: ReadContext) -> list[Part] | None:
    """The source parts of a segmented unit (Trados/Okapi ``<seg-source>``): its ``<mrk mtype="seg">``
    markers kept as codes, so that the writer can give the CAT tool its segmentation back. Only when it
    holds the same text as ``<source>`` (as the standard says); otherwise ``<source>`` alone is used."""
    if seg_el is None:  # (the unit's <seg-source>)
        return src_parts
    seg_text, seg_parts = read_content(seg_el, XLIFF1, path)
    if seg_parts is None or not seg_marker_ids(seg_parts):
        return src_parts
    if seg_text != src:
        ctx.note(f"{path}: a <seg-source> whose text differs from its <source> was not kept (unit at line "
                 f"{elem.sourceline})")
        return src_parts
    return seg_parts


def seg_marker_ids(parts: Sequence[Part]) -> set[str | None]:
    """The ids of the ``<mrk mtype="seg">`` segment markers among parts (both ends share the id)."""
    return {p.id for p in parts if isinstance(p, InlineCode) and p.tag == "mrk" and p.role == OPEN
            and p.family == XLIFF1 and ("mtype", "seg") in p.attrs}


def text_inside_segments(parts: list[Part]) -> list[Part]:
    """Target parts whose words all lie inside a segment marker: an edit re-anchored by character diff can
    leave text before the first ``<mrk mtype="seg">`` or after one (a CAT tool reads only what is inside
    them). Such text joins the marker it touches; whitespace between markers stays where it is."""
    seg_ids = seg_marker_ids(parts)
    if not seg_ids:
        return parts
    out: list[Part] = []
    depth = 0
    pending = ""
    for p in parts:
        is_seg = isinstance(p, InlineCode) and p.tag == "mrk" and p.id in seg_ids
        if isinstance(p, str) and depth == 0 and p.strip():
            if out and _is_seg_close(out[-1], seg_ids):
                out.insert(len(out) - 1, p)  # trailing words: into the marker just closed
                continue
            if not any(_is_seg_close(q, seg_ids) for q in out):
                pending += p  # leading words: into the first marker
                continue
        if is_seg and isinstance(p, InlineCode):  # (is_seg implies it; the check is for the type checker)
            depth += 1 if p.role == OPEN else -1
        out.append(p)
        if pending and is_seg and isinstance(p, InlineCode) and p.role == OPEN:
            out.append(pending)
            pending = ""
    if pending:
        out.append(pending)
    return normalise_parts(out)


def _is_seg_close(p: Part, seg_ids: set[str | None]) -> bool:
    return isinstance(p, InlineCode) and p.tag == "mrk" and p.role == CLOSE and p.id in seg_ids
