"""Write the review back into the TMX memory a project was imported from (``export PROJECT --into memory.tmx``).

A translation memory is more than the pairs mtreview reviews: other languages' variants, alternative
translations, a tool's ``<prop>``s, dates and ids, comments. The ordinary TMX export rebuilds the file from the
project and keeps only the pair; this writes into a copy of the original instead, through the same splice as
the XLIFF ``--into`` (``formats.xmlsplice``): only the ``<tu>``s a reviewer decided change, every other byte
stays as it is (BOM, line endings, UTF-16, attribute order and quotes).

Each decided ``<tu>`` gets the review as mtreview's ``<prop type="x-mtreview-…">``s (status, reviewer, when,
the MT replaced: what the plain TMX export writes, so a re-import restores the decision). A kept decision
(accepted, edited, a candidate) writes its text, with the inline codes placed as the reviewer placed them, into
the ``<seg>`` of the target-language ``<tuv>`` (the one the import read: ``formats.tmx``), and dates the change
where the file dates changes (``changedate``/``changeid`` on the ``<tu>``, as Trados and memoQ write them, or
on the target ``<tuv>``, as OmegaT does). A ``<tu>`` with no variant in the target language gets one.

A rejected unit keeps its ``<tu>`` and its translation, marked ``x-mtreview-status`` ``rejected``: dropping
the ``<tu>`` would also drop its other languages' variants and its tool's data, and its translation is all the
memory has for that source; the mark lets a TM tool (or a filter on the prop) leave it out, and a re-import
restores the rejection. Its dates stay as they are: the text did not change, and a newer ``changedate`` would
make a TM tool prefer the very translation the reviewer rejected.

Which ``<tu>`` is which segment: the rules of the XLIFF ``--into`` (document order, ``tuid``, the source text as
the import read and repaired it); a file whose sources changed is refused.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import MtReviewError, UsageError
from .export_into import IntoTally, Key, _same_content, place_entry
from .export_into_changed import FileTarget, file_target, file_text, held
from .export_into_file import into_file
from .export_into_notes import NOTE_PROPS, tmx_note
from .export_into_queue import Decisions
from .formats.atomic import atomic_write
from .formats.base import KEPT_STATUSES
from .formats.final_digest import with_kept_digest
from .formats.tmx import NOTE_AT_PROP, NOTE_BY_PROP, NOTE_PROP, PROP_PREFIX, _pick, _tuv_lang, mt_props, review_props
from .formats.xmlinline import TMX, write_content
from .formats.xmlsafe import XML_LANG, local, sniff_root, xml_safe
from .formats.xmlsplice import Edits, splice
from .store import Project


def into_format(path: str | Path) -> str:
    """``"tmx"`` when ``path`` is a TMX file (its root element; a file that cannot be read, by its ``.tmx``
    name), else ``"xliff"`` (the XLIFF ``--into`` then says what is wrong with it)."""
    try:
        return "tmx" if Path(path).is_file() and sniff_root(Path(path)).local == "tmx" else "xliff"
    except MtReviewError:  # unreadable: its name says which writer says why
        return "tmx" if Path(path).suffix.lower() == ".tmx" else "xliff"


def _ns(el: etree._Element) -> str | None:
    """The namespace of ``el`` (a TMX whose root declares ``xmlns="http://www.lisa.org/tmx14"``), or None."""
    return etree.QName(el).namespace


def _tag(el: etree._Element, name: str) -> str:
    """``name`` in the namespace of ``el``: what the splice adds to a namespaced TMX must be in it, not in
    no namespace (``xmlns=""``)."""
    ns = _ns(el)
    return f"{{{ns}}}{name}" if ns else name


def _seg(tuv: etree._Element | None) -> etree._Element | None:
    return None if tuv is None else next((c for c in tuv if local(c) == "seg"), None)


def _text(tuv: etree._Element | None, src: Path) -> FileTarget:
    return file_text(_seg(tuv), TMX, src)


def _key(tu: etree._Element) -> Key:
    """The reader's (origin, id) of a ``<tu>``: an ``x-mtreview-file`` prop (an mtreview export) and the tuid."""
    origin = next(("".join(p.itertext()) for p in tu if local(p) == "prop" and p.get("type") == PROP_PREFIX + "file"),
                  None)
    return origin or None, tu.get("tuid")


def _tmx_date(iso: str | None) -> str | None:
    """An ISO 8601 time as TMX writes dates (``20240501T120000Z``, UTC), or None."""
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    except ValueError:
        return None


# The props ``review_props`` may write: those describe one decision, a later one replaces them all
_REVIEW_PROPS = frozenset(PROP_PREFIX + key for key in ("status", "risk", "reviewer", "candidate", "decided-at", "mt",
                                                        "mt-codes", "final-digest"))


class _Writer:
    """Writes decisions into the ``<tu>``s of one parsed TMX file, recording each change in ``edits``."""

    def __init__(self, src: Path, target_lang: str, tally: IntoTally) -> None:
        self.src, self.target_lang, self.tally = src, target_lang, tally
        # the file's own spelling of the target language (de-DE where the project says de), for an added
        # variant: Trados matches locales exactly
        self.file_target_lang: str | None = None
        self.edits = Edits()
        self.rejected = self.added = 0

    def clean(self, s: str) -> str:
        return xml_safe(s, self.tally.changes)

    def write(self, tu: etree._Element, src_tuv: etree._Element, tgt_tuv: etree._Element | None, unit: Any) -> None:
        if unit.status not in KEPT_STATUSES and tgt_tuv is not None:  # its translation stays: recorded, so
            kept = file_target(_seg(tgt_tuv), TMX, self.src)  # that a re-import takes it for no edit
            unit = with_kept_digest(unit, kept.text if kept else None)
        self._props(tu, unit)
        if unit.status not in KEPT_STATUSES:  # rejected: the translation stays, marked (see the module's doc)
            self.rejected += 1
            return
        parts = unit.target_or_parts()
        seg = _seg(tgt_tuv)
        if tgt_tuv is None:
            tgt_tuv = self._new_tuv(tu, src_tuv)
            write_content(_seg(tgt_tuv), parts, TMX, _ns(tu), self.clean)  # type: ignore[arg-type]
        elif seg is None:  # a <tuv> without its <seg> (not valid TMX, but read as empty): it gets one
            self.edits.touch(tgt_tuv)
            seg = etree.SubElement(tgt_tuv, _tag(tu, "seg"))
            self.edits.added(seg)
            write_content(seg, parts, TMX, _ns(tu), self.clean)
        elif not _same_content(seg, parts, TMX, self.src):  # else the file's own text, accepted: its bytes kept
            self.edits.touch(tgt_tuv)  # the splice rewrites a touched <tu>'s untouched children as they were
            self.edits.replace(seg)
            for child in list(seg):
                seg.remove(child)
            seg.text = None
            write_content(seg, parts, TMX, _ns(tu), self.clean)
        when = _tmx_date(unit.decided_at)
        for holder in (tu, tgt_tuv):  # only where the file dates changes: a tool that does not, gets none
            if when and "changedate" in holder.attrib:
                self.edits.touch(holder)
                holder.set("changedate", when)
            if unit.reviewer and "changeid" in holder.attrib:
                self.edits.touch(holder)
                holder.set("changeid", self.clean(unit.reviewer))

    def _props(self, tu: etree._Element, unit: Any) -> None:
        """The review as ``x-mtreview-…`` props: those the ``<tu>`` has (an mtreview export reviewed again) get
        the new values in place, the others are added before its first variant (TMX 1.4b puts notes and props
        before the variants). One the decision no longer sets (the candidate of an earlier review now edited)
        is taken out with its line, so the file states the project's decision and no stale one; mtreview's
        other props (``x-mtreview-file``) stay."""
        have = {p.get("type"): p for p in tu if local(p) == "prop" and (p.get("type") or "").startswith(PROP_PREFIX)}
        # the reviewer's, unless the tu has it (the one an earlier review marked is rewritten or taken out)
        note = tmx_note(tu, unit, self.clean, _tag(tu, "note"), have, self.edits)
        new: list[etree._Element] = [] if note is None else [note]
        # (where the MT's codes were: only in a file that records its MTs, an --all export)
        props = review_props(unit, codes=PROP_PREFIX + "mt" in have)
        if unit.review_note is not None:  # marked as the TMX export marks it, so that a re-import restores it
            props += [(NOTE_BY_PROP, unit.review_note_by or ""), (NOTE_PROP, unit.review_note)]
            if unit.review_note_at:
                props.append((NOTE_AT_PROP, unit.review_note_at))
        if PROP_PREFIX + "mt" in have and all(ptype != PROP_PREFIX + "mt" for ptype, _ in props):
            # an --all export records every MT: the copy stays one, so that a target changed in it later is
            # still told from the MT on re-import (QA: an accepted MT lost its x-mtreview-mt here)
            props += mt_props(unit)
        for ptype, value in props:
            value = self.clean(value)
            if (el := have.pop(ptype, None)) is not None:
                if "".join(el.itertext()) != value:
                    self.edits.replace(el)
                    for child in list(el):
                        el.remove(child)
                    el.text = value
                continue
            el = etree.Element(_tag(tu, "prop"), type=self.clean(ptype))
            el.text = value
            new.append(el)
        stale = [el for ptype, el in have.items() if ptype in _REVIEW_PROPS or ptype in NOTE_PROPS]
        if stale:
            self.edits.touch(tu)
            for el in stale:
                tu.remove(el)  # its tail goes with it: the line it stood on
        if not new:
            return
        self.edits.touch(tu)
        first_tuv = next(c for c in tu if local(c) == "tuv")  # (the source variant at least)
        before = first_tuv.getprevious()
        for el in new:  # each on a line of its own, as the first variant is
            el.tail = before.tail if before is not None else tu.text
            first_tuv.addprevious(el)
            self.edits.added(el)

    def _new_tuv(self, tu: etree._Element, src_tuv: etree._Element) -> etree._Element:
        """A target ``<tuv>`` after the last one, its language attribute named as the source's (``xml:lang``,
        or TMX 1.1's ``lang``), laid out as the source's."""
        self.added += 1
        self.edits.touch(tu)
        attr = XML_LANG if src_tuv.get(XML_LANG) is not None or src_tuv.get("lang") is None else "lang"
        tuv = etree.Element(_tag(tu, "tuv"), {attr: self.file_target_lang or self.target_lang})
        src_seg = _seg(src_tuv)
        if src_seg is not None:
            prev = src_seg.getprevious()
            tuv.text = prev.tail if prev is not None else src_tuv.text
        seg = etree.SubElement(tuv, _tag(tu, "seg"))
        seg.tail = src_seg.tail if src_seg is not None else None
        last = [c for c in tu if local(c) == "tuv"][-1]
        before = last.getprevious()
        tuv.tail = last.tail
        last.tail = before.tail if before is not None else tu.text
        last.addnext(tuv)
        self.edits.added(tuv)
        return tuv


class _Units:
    """Writes the project's decisions into the ``<tu>``s of parsed TMX (the whole file, or its regions in
    document order)."""

    def __init__(self, project: Project, src: Path, overwrite: bool, write_locked: bool) -> None:
        if project.meta("bilingual_format") != "tmx":
            raise UsageError(f"{project.path} was not imported from a TMX file; --into writes into the file a "
                             "project was imported from")
        self.project, self.src, self.overwrite, self.write_locked = project, src, overwrite, write_locked
        self.tally = IntoTally()
        self.decisions = Decisions(project, self.tally)
        self.writer = _Writer(src, project.target_lang, self.tally)
        # The import left out a <tu> without both languages; one whose target variant has gone since (or never
        # was) only takes a segment that no <tu> the import would read is left for: a second pass (``finish``),
        # after every other <tu>, whose variants tell the file's spelling of the language.
        self.later: list[tuple[etree._Element, etree._Element, Edits]] = []

    def place(self, tu: etree._Element, src_tuv: etree._Element, tgt_tuv: etree._Element | None,
              source: FileTarget | None = None) -> None:
        """Write the decision for ``tu`` (``source``: its source variant's text, where it was read already)."""
        tally, src = self.tally, self.src
        if source is None:
            source = _text(src_tuv, src)
        if (placed := place_entry(self.decisions, _key(tu), source, tally)) is None:
            return
        unit, was = placed
        # a TM manager's change since the import is theirs to keep, unless asked (the review saw the old text)
        mt_prop = any(local(p) == "prop" and p.get("type") == PROP_PREFIX + "mt" for p in tu)
        now = None if mt_prop else file_target(_seg(tgt_tuv), TMX, src)
        if held(tally, unit, False, now, was, self.overwrite, self.write_locked):
            return
        self.writer.write(tu, src_tuv, tgt_tuv, unit)
        tally.written += 1

    def write(self, root: etree._Element, edits: Edits) -> bool:
        writer, src = self.writer, self.src
        writer.edits = edits
        source_lang, target_lang = self.project.source_lang, self.project.target_lang
        held_back = False
        for tu in root.iter("{*}tu"):
            tuvs = [c for c in tu if local(c) == "tuv"]
            src_tuv = _pick(tuvs, source_lang)
            if src_tuv is None:
                continue  # not a unit of this pair: as the file has it
            tgt_tuv = _pick(tuvs, target_lang, exclude=src_tuv)
            if tgt_tuv is None:
                self.later.append((tu, src_tuv, edits))
                held_back = True
                continue
            if writer.file_target_lang is None:
                writer.file_target_lang = _tuv_lang(tgt_tuv) or None
            source = _text(src_tuv, src)
            if source.text.strip() or _text(tgt_tuv, src).text.strip():  # the import skips an empty pair
                self.place(tu, src_tuv, tgt_tuv, source)
        return held_back

    def finish(self) -> None:
        for tu, src_tuv, edits in self.later:
            self.writer.edits = edits
            self.place(tu, src_tuv, None)
        self.later = []

    def close(self) -> None:
        self.decisions.close()

    def done(self) -> None:
        if rest := self.decisions.left():
            (origin, uid), entry = rest[0]
            raise UsageError(f"--into {self.src}: it has no <tu>" + (f" tuid {uid!r}" if uid is not None else "")
                             + (f" from {origin!r}" if origin else "")
                             + f" with the {self.project.source_lang} text {entry.source[:60]!r} that the project "
                             f"has ({len(rest)} such); is it the file the project was imported from, unchanged?")
        if self.writer.rejected:
            self.tally.notes.append(f"{self.writer.rejected} rejected unit(s) keep their translation in the copy, "
                                    f'marked <prop type="{PROP_PREFIX}status">rejected</prop>')
        if self.writer.added:
            self.tally.notes.append(f"{self.writer.added} <tu> had no {self.project.target_lang} variant: one was "
                                    "added with the decided text")


def export_into_tmx(project: Project, original: str | Path, output: str | Path, encoding: str | None = None,
                    overwrite: bool = False, write_locked: bool = False) -> IntoTally:
    """Write ``original`` (the TMX file ``project`` was imported from) to ``output`` with the project's
    decisions in it; ``encoding`` overrides the one the file declares, as the import's does. A decided
    ``<tu>`` whose translation the memory changed since the import is left as it is unless ``overwrite``
    (TMX has no locks: ``write_locked`` is there for the XLIFF writer's signature). Returns what was done."""

    def save(fill: Any) -> None:
        with atomic_write(output, mode="wb", encoding=None) as fh:
            fill(fh)

    tally: IntoTally = into_file(original, output, encoding, "tmx", "a TMX",
                                 lambda src: _Units(project, src, overwrite, write_locked), splice, save)
    return tally
