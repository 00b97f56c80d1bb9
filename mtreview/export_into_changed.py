"""Which decided units ``export --into`` leaves as the file has them: locked in their CAT tool, or changed in
the file since the import (a TM manager's correction the review never saw).

"Changed" compares the file's target now with what the project knows of it: the target imported (its text
and its inline codes: a correction may move or mend only the codes) and the texts this project decided for
the segment (the one to write, and earlier ones: a file written by an earlier ``--into`` holds the review's
own text, no one else's change). Only layout is ignored: runs of XML whitespace (space, tab, line breaks),
which a tool re-saving the file may re-flow. A no-break or thin space is the translator's typography (French
``Bonjour\u202f!``), a change like any other (QA: such a correction was overwritten with the old MT).

A project imported before a line-break code read as a space (``formats.inline_spacing``) stored its texts as
then read ("Zeilezwei" where the file now reads "Zeile zwei"): the file's text is also taken as then read
(:attr:`FileTarget.unspaced`), so such a project's units are found and its unchanged targets are not changed.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lxml import etree

from .errors import InputError
from .formats.base import KEPT_STATUSES, ReadContext, clean_text
from .formats.inline import InlineCode, Part, map_parts_text, parts_from_json, plain
from .formats.inline_spacing import unspaced_parts
from .formats.xmlinline import read_content

if TYPE_CHECKING:
    from .export_into import IntoTally

_XML_SPACE_RE = re.compile(r"[ \t\n\r]+")  # XML's whitespace only: str.split() would also eat U+00A0, U+202F


class FileTarget(NamedTuple):
    """A target (or source) as the import reads it: its text (repaired) and its parts (None without inline
    codes)."""

    text: str
    parts: list[Part] | None
    # The same as read before spaces were added or dropped around its codes, which a project imported then
    # stored; None where reading changed no space
    unspaced: FileTarget | None = None

    def readings(self) -> tuple[FileTarget, ...]:
        """The text as read now, then as read before (where that differs)."""
        return (self,) if self.unspaced is None else (self, self.unspaced)


@dataclass(frozen=True)
class Basis:
    """What a decided segment's target may be in the file without counting as changed since the import."""

    imported: list[Part] | None = None  # the target imported with its codes (None: it had none)
    decided: frozenset[str] = frozenset()  # texts this project decided for the segment, earlier ones included


def basis(conn: sqlite3.Connection, seg_id: int, extras: dict[str, Any]) -> Basis:
    """The :class:`Basis` of project segment ``seg_id`` (``extras``: what the import kept of its unit)."""
    texts = frozenset(row[0] for row in conn.execute(
        "SELECT DISTINCT text FROM events WHERE segment_id = ? AND text IS NOT NULL AND action <> 'note'",
        (seg_id,)))
    return Basis(parts_from_json(extras.get("tgt")), texts)


def file_text(el: etree._Element | None, family: str, src: Path,
              originals: dict[str, str] | None = None) -> FileTarget:
    """The content of ``el`` (a 1.2 or 2.0 ``<source>``/``<target>``, a TMX ``<seg>``; None: there is none)
    as the import reads and repairs it, now and as read before the spacing around codes; raises
    ``InputError`` where the reader refuses it."""
    if el is None:
        return FileTarget("", None)
    text, parts = read_content(el, family, src, originals)
    repair = lambda s: clean_text(s, ReadContext())  # noqa: E731 - the import's repairs, as it made them
    if parts is None:
        return FileTarget(repair(text), None)
    before = unspaced_parts(parts)
    unspaced = (FileTarget(repair(plain(before)), map_parts_text(before, repair))
                if any(isinstance(p, InlineCode) and p.gap for p in parts) else None)
    return FileTarget(repair(text), map_parts_text(parts, repair), unspaced)


def file_target(el: etree._Element | None, family: str, src: Path,
                originals: dict[str, str] | None = None) -> FileTarget | None:
    """The target element ``el`` as :func:`file_text` reads it; None when the reader refuses it (what it
    holds cannot be told: the review replaces it)."""
    try:
        return file_text(el, family, src, originals)
    except InputError:
        return None


def _layout_free(text: str) -> str:
    return _XML_SPACE_RE.sub(" ", text).strip()


def _shape(text: str, parts: list[Part] | None) -> str:
    """Text and codes as one string to compare: each code as a mark (role, element, id, native data,
    attributes in any order), whitespace runs as one space."""
    if parts is None:
        return _layout_free(text)
    out = []
    for p in parts:
        if isinstance(p, InlineCode):
            out.append(f"\x00{p.role}|{p.tag}|{p.id}|{p.native}|{sorted(p.attrs)}\x00")
        else:
            out.append(p)
    return _layout_free("".join(out))


def target_changed(now: FileTarget, unit: Any, was: Basis) -> bool:
    """Whether writing decided ``unit`` would overwrite a target the file changed since the import: ``now``
    is neither the target imported (text and codes) nor a text this project decided for it, as read now nor
    as read before the spacing around codes (a project imported then knows that text). A rejection of the old
    text is no verdict on the new one. A target without text now has nothing to overwrite (a TMX variant
    removed since gets the review)."""
    if not now.text.strip():
        return False
    return all(_changed(reading, unit, was) for reading in now.readings())


def _changed(now: FileTarget, unit: Any, was: Basis) -> bool:
    mt = unit.mt or ""
    imported = was.imported if was.imported is not None and plain(was.imported) == mt else None
    if imported is None and was.imported is not None:  # codes of another text: the text alone tells
        if _layout_free(now.text) == _layout_free(mt):
            return False
    elif _shape(now.text, now.parts) == _shape(mt, imported):
        return False
    decided = {_layout_free(t) for t in was.decided}
    if unit.status in KEPT_STATUSES:
        decided.add(_layout_free(unit.target))
    # The MT's own text with other codes is a change in the codes, whatever was decided (an accepted MT
    # would put the old codes back)
    decided.discard(_layout_free(mt))
    return _layout_free(now.text) not in decided


def held(tally: IntoTally, unit: Any, locked: bool, now: FileTarget | None, was: Basis, overwrite: bool,
         write_locked: bool) -> bool:
    """Whether to leave a decided unit as the file has it (counted in ``tally``): locked in its CAT tool, or
    its target changed in the file since the import (``now``: that target, None where it cannot be told)."""
    if locked and not write_locked:
        tally.locked += 1
    elif now is not None and not overwrite and target_changed(now, unit, was):
        tally.changed += 1
    else:
        return False
    tally.kept += 1
    return True
