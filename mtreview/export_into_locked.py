"""Locked segments of a decided unit, for ``export --into`` an XLIFF 1.2 file (Trados SDLXLIFF, memoQ MQXLIFF).

Trados locks a segment (``<sdl:seg locked="true">``), not its unit, and one ``<trans-unit>`` may hold several
segments (``<mrk mtype="seg" mid>`` in the target). mtreview reviews such a unit as one segment (its markers
kept as inline codes), so a decision covers the whole target. A lock protects its own segment only: the unit
is written when the decision leaves each locked segment's text and codes as the file has them (its marker
then keeps the file's own element, its ``<sdl:seg>`` its status and origin), and left as the file has it,
counted as locked, when the decision would change one (QA: a lock on one segment kept the review out of the
unit's other segments). A unit whose segments are all locked, or one memoQ locked (memoQ locks units), is
left as it is, as before. ``--write-locked`` writes every unit, locked segments included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from .export_into_changed import file_target
from .formats.base import KEPT_STATUSES
from .formats.cat_status import copy_element, mq_locked, sdl_locked
from .formats.inline import InlineCode, Part, normalise_parts
from .formats.xliff import _children, _text_inside_segments
from .formats.xmlinline import XLIFF1


@dataclass(frozen=True)
class Lock:
    """What the CAT tool's locks make of a decided unit: ``hold``, leave it as the file has it (counted as
    locked); else ``keep``, the ``mid``s of its locked segments, written as the file has them."""

    hold: bool = False
    keep: frozenset[str] = frozenset()


UNLOCKED = Lock()
HOLD = Lock(hold=True)


def _seg_mid(p: Part) -> str | None:
    """The ``mid`` of a segment marker's opening code (None: the part is no such code)."""
    if isinstance(p, InlineCode) and p.tag == "mrk" and p.role == "open" and ("mtype", "seg") in p.attrs:
        return dict(p.attrs).get("mid", "")
    return None


def segment_contents(parts: Sequence[Part] | None) -> dict[str, tuple[Any, ...]]:
    """What each segment marker of a target holds (its text and codes), by ``mid``, in a form to compare: a
    code by role, element, native data and attributes, not by the pairing id the reader numbers."""
    out: dict[str, tuple[Any, ...]] = {}
    items = normalise_parts(parts or [])
    k = 0
    while k < len(items):
        opening = items[k]
        mid = _seg_mid(opening)
        if mid is None or not isinstance(opening, InlineCode):
            k += 1
            continue
        pair = opening.id
        inside: list[Any] = []
        k += 1
        while k < len(items) and not (isinstance(p := items[k], InlineCode) and p.tag == "mrk"
                                      and p.role == "close" and p.id == pair):
            p = items[k]
            inside.append(p if isinstance(p, str) else (p.role, p.tag, p.native, p.attrs))
            k += 1
        out.setdefault(mid, tuple(inside))
        k += 1
    return out


def unit_lock(tu: etree._Element, unit: Any, src: Path, write_locked: bool) -> Lock:
    """Whether decided ``unit`` may be written into ``tu`` (see the module's docstring), and which of its
    segments stay as the file has them."""
    if write_locked:
        return UNLOCKED
    if mq_locked(tu):
        return HOLD
    mids, locked = sdl_locked(tu)
    if not locked:
        return UNLOCKED
    if "" in locked or set(mids) <= locked:  # nothing of the unit is the review's to write
        return HOLD
    keep = Lock(keep=locked)
    if unit.status not in KEPT_STATUSES:  # a rejection leaves the target's text as it is
        return keep
    now = file_target(next(iter(_children(tu, "target")), None), XLIFF1, src)
    if now is None:  # a target the reader refuses: what the locked segments hold cannot be told
        return HOLD
    # as _write_12 writes it: words outside the markers join the marker they touch
    after = segment_contents(_text_inside_segments(unit.target_or_parts()))
    # the file as read now, or as read before the spacing around codes (what a project imported then holds)
    for reading in now.readings():
        before = segment_contents(reading.parts)
        if all(after.get(mid) == before.get(mid, ()) for mid in locked):
            return keep
    return HOLD


def restore_locked(target: etree._Element, old: etree._Element, keep: frozenset[str]) -> None:
    """Put back into a rewritten ``target`` the file's own marker element (``old``: the target before) of each
    locked segment in ``keep``: the same text and codes, and what the review does not model (a comment in
    it) kept too, as a lock asks."""
    ns = target.tag[:target.tag.find("}") + 1] if isinstance(target.tag, str) else ""
    was = {m.get("mid") or "": m for m in old.iter(f"{ns}mrk") if m.get("mtype") == "seg"}
    for mrk in list(target.iter(f"{ns}mrk")):
        mid = mrk.get("mid") or ""
        if mrk.get("mtype") == "seg" and mid in keep and mid in was:
            parent = mrk.getparent()
            if parent is None:
                continue
            mine = copy_element(was[mid])
            mine.tail = mrk.tail
            parent.replace(mrk, mine)
