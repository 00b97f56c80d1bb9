"""TMX 1.1 to 1.4b: streamed reading, 1.4b writing with the review state as ``<prop>``s.

Each ``<tu>`` gives one unit: the ``<tuv>`` whose language (``xml:lang``, or ``lang`` before TMX 1.4) best
matches the source language, and the best other one for the target. Languages compare case-insensitively
and by primary subtag, so ``EN-US`` matches ``en``; an exact tag wins over a primary-subtag match. Its
``<note>``s are the unit's; those of the ``<header>`` (the whole file) and of its two ``<tuv>``s are shown
with them as context notes (``("file", text)``, ``("tuv:LANG", text)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

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
    norm_lang,
    register,
)
from .cells import risk_text
from .markers import mt_codes_record
from .xmlinline import TMX, read_content, write_content
from .xmllayout import element_text
from .xmlsafe import XML_LANG, XML_SPACE, iterparse, local, release, xml_safe

PROP_PREFIX = "x-mtreview-"
NOTE_BY_PROP = PROP_PREFIX + "note-by"  # the reviewer of the last <note>, which is the project's note
NOTE_AT_PROP = PROP_PREFIX + "note-at"  # when that note was written (TMX notes carry no date)
# Which <note> that is, by its text: a CAT tool may add a note after it or reorder them (QA: the last note was
# taken for the reviewer's, and the reviewer's became a file note); files written before it have none
NOTE_PROP = PROP_PREFIX + "note"


def _tuv_lang(tuv: etree._Element) -> str:
    return tuv.get(XML_LANG) or tuv.get("lang") or tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or ""


def _pick(tuvs: list[etree._Element], wanted: str | None, exclude: etree._Element | None = None) -> etree._Element | None:
    best, score = None, 0
    for tuv in tuvs:
        if tuv is exclude:
            continue
        s = lang_match(_tuv_lang(tuv), wanted)
        if s > score:
            best, score = tuv, s
    return best


def review_props(unit: BilingualUnit, codes: bool = True) -> list[tuple[str, str]]:
    """A unit's review as TMX ``<prop>`` (type, value)s: status, risk, reviewer, candidate, when, and the MT a
    reviewer replaced (the TMX export and ``export --into`` write them; the reader restores the decision),
    with (``codes``) where its codes were."""
    props: list[tuple[str, str]] = []
    # The review state is written whenever it is known (a cleaned corpus keeps "edited" vs "accepted").
    for key, value in (("status", unit.status), ("risk", None if unit.risk is None else risk_text(unit.risk)),
                       ("reviewer", unit.reviewer), ("candidate", unit.candidate),
                       ("decided-at", unit.decided_at), ("final-digest", unit.final_digest)):
        if value is not None:
            props.append((PROP_PREFIX + key, str(value)))
    if unit.status is not None and unit.mt is not None and unit.mt != unit.target:
        # the MT a reviewer replaced, so that an --all export imports back with MT and decision apart
        props += mt_props(unit, codes)
    return props


def mt_props(unit: BilingualUnit, codes: bool = True) -> list[tuple[str, str]]:
    """The ``x-mtreview-mt`` prop of a unit, and where the MT's codes were (``x-mtreview-mt-codes``): a code
    moved in the target since is an edit the re-import tells."""
    props = [(PROP_PREFIX + "mt", unit.mt or "")]
    if codes and (record := mt_codes_record(unit.mt_parts, unit.mt)) is not None:
        props.append((PROP_PREFIX + "mt-codes", record))
    return props


@register
class TmxFormat(FormatHandler):
    name = "tmx"
    description = "TMX 1.4b (reads 1.1-1.4b)"
    suffixes = (".tmx",)
    binary = True
    carries_codes = True
    carries_notes = True
    output_suffix = ".tmx"

    def read(self, path: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
        srclang: str | None = None
        seen_langs: set[str] = set()
        skipped = 0
        number = 0
        doubled: list[int] = []  # lines of <tu> with several variants in the target's language (first 5)
        doubled_count = 0
        many_segs: list[int] = []  # lines of <tu> whose source or target <tuv> has more than one <seg> (first 5)
        many_count = 0
        file_notes: list[tuple[str, str]] = []  # the <header>'s notes: about every unit ("(whole file)")
        file_datatype: str | None = None  # the <header>'s datatype (a <tu>'s own overrides it)
        for event, elem in iterparse(path, ("{*}tmx", "{*}header", "{*}tu"), events=("start", "end"),
                                     encoding=ctx.encoding, notes=ctx.notes):
            name = local(elem)
            if event == "start":
                if name == "tmx":
                    version = elem.get("version", "")
                    if version and not version.startswith("1."):
                        ctx.note(f"TMX version {version!r} is not 1.x; read as TMX 1.4b")
                elif name == "header":
                    srclang = elem.get("srclang")
                    file_datatype = elem.get("datatype")
                continue
            if name == "header":
                file_notes = [("file", element_text(n)) for n in elem if local(n) == "note"]
            if name != "tu":
                continue
            tuvs = [c for c in elem if local(c) == "tuv"]
            for tuv in tuvs:
                seen_langs.add(norm_lang(_tuv_lang(tuv)))
            want_src = ctx.source_lang or (srclang if srclang and srclang != "*all*" else None)
            src_tuv = _pick(tuvs, want_src) if want_src else (tuvs[0] if tuvs else None)
            if ctx.target_lang:
                tgt_tuv = _pick(tuvs, ctx.target_lang, exclude=src_tuv)
            else:
                tgt_tuv = next((t for t in tuvs if t is not src_tuv), None)
            if src_tuv is None or tgt_tuv is None:
                skipped += 1
                release(elem)
                continue
            tgt_lang = ctx.target_lang or _tuv_lang(tgt_tuv)
            kept = lang_match(_tuv_lang(tgt_tuv), tgt_lang)
            if any(t is not src_tuv and t is not tgt_tuv and lang_match(_tuv_lang(t), tgt_lang) >= kept
                   for t in tuvs):
                # Alternative translations of one unit, as good a match as the one kept (another locale,
                # en-GB beside en, is not): one target per segment is kept, so say which.
                doubled_count += 1
                if len(doubled) < 5:
                    doubled.append(elem.sourceline or 0)
            number += 1
            if any(sum(1 for c in tuv if local(c) == "seg") > 1 for tuv in (src_tuv, tgt_tuv)):
                many_count += 1  # (TMX has one <seg> a <tuv>: the others were dropped without a word)
                if len(many_segs) < 5:
                    many_segs.append(elem.sourceline or 0)
            unit = self._unit(path, elem, src_tuv, tgt_tuv)
            unit.context_notes += file_notes
            datatype = (elem.get("datatype") or file_datatype or "").strip()
            if datatype and datatype.lower() not in ("plaintext", "unknown") and DATATYPE_PROP not in unit.props:
                unit.props[DATATYPE_PROP] = datatype  # html, xml...: written back by the exports
            yield finish_unit(unit, ctx, number)
            release(elem)
        if doubled_count:
            more = f" and {doubled_count - len(doubled)} more" if doubled_count > len(doubled) else ""
            ctx.note(f"{doubled_count} <tu> with more than one variant in the target language: the first "
                     f"kept (line(s) {', '.join(map(str, doubled))}{more})")
        if many_count:
            shown = ", ".join(map(str, many_segs)) + (f" and {many_count - 5} more" if many_count > 5 else "")
            ctx.note(f"{many_count} <tu> with a <tuv> of more than one <seg> (TMX allows one): only the first "
                     f"<seg> read (line(s) {shown})")
        if skipped:
            ctx.note(f"{skipped} <tu> without both a {ctx.source_lang or 'source'} and a "
                     f"{ctx.target_lang or 'target'} variant left out (languages seen: "
                     f"{', '.join(sorted(x for x in seen_langs if x)) or 'none'})")
        if number == 0:
            langs = ", ".join(sorted(x for x in seen_langs if x)) or "none"
            raise InputError(path, f"no translation units with both {ctx.source_lang or 'a source'} and "
                                   f"{ctx.target_lang or 'a target'} text (languages in the file: {langs})")

    def _unit(self, path: Path, tu: etree._Element, src_tuv: etree._Element,
              tgt_tuv: etree._Element) -> BilingualUnit:
        def seg_of(tuv: etree._Element) -> etree._Element | None:
            return next((c for c in tuv if local(c) == "seg"), None)

        src, src_parts = read_content(seg_of(src_tuv), TMX, path)
        tgt, tgt_parts = read_content(seg_of(tgt_tuv), TMX, path)
        unit = BilingualUnit(source=src, target=tgt, id=tu.get("tuid"), source_parts=src_parts,
                             target_parts=tgt_parts, line=tu.sourceline)
        for tuv in (src_tuv, tgt_tuv):
            # A variant's notes are about its text: shown with the unit's, saying which language's they are
            # (as context notes: the exports write a unit's own notes on the <tu>, where these were not)
            unit.context_notes += [(f"tuv:{_tuv_lang(tuv)}", element_text(n)) for n in tuv if local(n) == "note"]
        review_by = review_text = None
        for child in tu:
            name = local(child)
            if name == "note":
                unit.notes.append(element_text(child))
            elif name == "prop" and child.get("type") == NOTE_BY_PROP:
                review_by = "".join(child.itertext())
            elif name == "prop" and child.get("type") == NOTE_PROP:
                review_text = "".join(child.itertext())
            elif name == "prop":
                ptype = child.get("type") or ""
                value = "".join(child.itertext())
                if ptype.startswith(PROP_PREFIX):
                    self._state_prop(unit, ptype[len(PROP_PREFIX):], value)
                elif ptype:
                    unit.props[ptype] = value
        if review_by is not None and review_text is not None:
            # the reviewer's note, named by its text: the project's note again, not a file note (its <note> goes
            # from the file's notes wherever it stands; one changed since in a CAT tool stays one of them)
            unit.review_note, unit.review_note_by = review_text or None, review_by or None
            same = [i for i, note in enumerate(unit.notes) if note == review_text] or [
                i for i, note in enumerate(unit.notes) if note.split() == review_text.split()]
            if same:
                del unit.notes[same[-1]]
        elif review_by is not None and unit.notes:
            # (a file written before NOTE_PROP) mtreview wrote the reviewer's note last, and said by whom
            unit.review_note, unit.review_note_by = unit.notes.pop() or None, review_by or None
        else:
            unit.review_note_at = None  # (a date without its note is nobody's)
        return unit

    @staticmethod
    def _state_prop(unit: BilingualUnit, key: str, value: str) -> None:
        if key == "status":
            unit.status = value
        elif key == "mt":
            unit.mt = value
        elif key == "mt-codes":
            unit.mt_codes = value
        elif key == "final-digest":
            unit.final_digest = value or None
        elif key == "risk":
            try:
                unit.risk = float(value)
            except ValueError:
                pass
        elif key == "reviewer":
            unit.reviewer = value
        elif key == "candidate":
            unit.candidate = value
        elif key == "decided-at":
            unit.decided_at = value
        elif key == "file":
            unit.origin = value
        elif key == "note-at":  # the reviewer's note's date (used with the note that note-by marks)
            unit.review_note_at = value or None
        # (note-by is read with the notes, in _unit)

    # -- writing -------------------------------------------------------------------------------------

    def write_stream(self, fh: IO, units: Iterable[BilingualUnit], ctx: WriteContext, report: WriteReport) -> None:
        changes = report.changes

        def clean(s: str) -> str:
            return xml_safe(s, changes)

        with etree.xmlfile(fh, encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element("tmx", version="1.4"):
                xf.write("\n  ")
                header = etree.Element("header", {
                    "creationtool": "mtreview", "creationtoolversion": ctx.tool_version or "0",
                    "segtype": "sentence", "o-tmf": "mtreview", "adminlang": "en",
                    "srclang": ctx.source_lang, "datatype": clean(ctx.datatype or "plaintext"),
                })
                header.tail = "\n  "
                xf.write(header)
                with xf.element("body"):
                    for number, unit in enumerate(units, 1):
                        xf.write("\n    ")
                        tu = self._tu(unit, number, ctx, clean)
                        datatype = unit.props.get(DATATYPE_PROP)
                        if datatype and datatype != (ctx.datatype or "plaintext"):
                            tu.set("datatype", clean(datatype))  # a unit of another file than the header says
                        xf.write(tu)
                        report.units += 1
                    xf.write("\n  ")
                xf.write("\n")
        fh.write(b"\n")

    def _tu(self, unit: BilingualUnit, number: int, ctx: WriteContext, clean) -> etree._Element:
        # A unit without an id keeps none (tuid is optional): a number made up here collided with a real
        # tuid of a later unit (QA: two <tu tuid="1">).
        # (an empty id is none either: tuid="" names nothing, and the XLIFF exports renumber it)
        tuid = clean(str(unit.id)) if unit.id is not None else ""
        tu = etree.Element("tu", tuid=tuid) if tuid else etree.Element("tu")
        ind = "\n      "
        tu.text = ind

        def add(el: etree._Element) -> None:
            el.tail = ind
            tu.append(el)

        props = review_props(unit)
        if unit.status is not None and unit.mt is not None and unit.mt == unit.target:
            # The MT even where the target is it: a target changed after the export (in a CAT tool) then
            # imports back as an edit of that MT, not as the MT itself (unitstore.hand_edited); a cleaned
            # corpus's too (QA: an accepted MT changed there came back as the MT, accepted)
            props += mt_props(unit)
        if unit.origin:
            props.append((PROP_PREFIX + "file", unit.origin))
        if unit.review_note is not None:  # says that the last <note> is the reviewer's (TMX notes name no author)
            props.append((NOTE_BY_PROP, unit.review_note_by or ""))
            props.append((NOTE_PROP, unit.review_note))
            if unit.review_note_at:
                props.append((NOTE_AT_PROP, unit.review_note_at))
        # (the datatype is the header's or the <tu>'s attribute, where TMX keeps it)
        props += [(k, v) for k, v in unit.props.items() if not k.startswith(PROP_PREFIX) and k != DATATYPE_PROP]
        for note in unit.notes if unit.review_note is None else [*unit.notes, unit.review_note]:
            el = etree.Element("note")  # the reviewer's note last (TMX has no author for a note: the props' reviewer)
            if "\n" in note:  # its line breaks are text, not layout (xmllayout)
                el.set(XML_SPACE, "preserve")
            el.text = clean(note)
            add(el)
        for ptype, value in props:
            el = etree.Element("prop", type=clean(ptype))
            el.text = clean(value)
            add(el)
        for lang, text, parts in ((ctx.source_lang, unit.source, unit.source_parts),
                                  (ctx.target_lang, unit.target, unit.target_parts)):
            tuv = etree.Element("tuv", {XML_LANG: lang})
            seg = etree.SubElement(tuv, "seg")
            if "\n" in text:  # a line break that is text, not layout, to any reader (and to ours: xmllayout)
                seg.set(XML_SPACE, "preserve")
            write_content(seg, parts if parts is not None else [text], TMX, None, clean)
            add(tuv)
        tu[-1].tail = "\n    "
        return tu
