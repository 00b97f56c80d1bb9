"""The cleaned corpus: which segments go out, as records or units, written in any format, atomically.

By default only the cleaned corpus leaves: accepted and edited segments, with the final text, and neither
side empty (whitespace and invisible characters alone are empty). ``include_all`` exports every segment
with its status (the MT as its text until decided). ``max_risk`` leaves out segments whose MT is scored
above it (in both modes; a text a reviewer edited or chose is kept); ``dedupe`` keeps the first of identical (source, text) pairs (``"exact"``), or of pairs equal
after normalisation (``"normalized"``: ``dedupe_key``); with ``include_all`` the first accepted or edited one. Every left-out segment is counted by reason.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .code_placement import codes_for_target, decision_placement, placed_parts
from .export_manifest import PER_FILE_MANIFEST, PerFileRecord  # noqa: F401 (re-exported)
from .formats.atomic import atomic_write, atomic_write_many, path_inside, safe_file_name  # noqa: F401 (re-exported)
from .formats.base import DATATYPE_PROP, KEPT_STATUSES, BilingualUnit, WriteReport
from .formats.cells import cell_text
from .formats.final_digest import unit_final_digest
from .formats.inline import parts_from_json, plain
from .formats.unitstore import FILE_STATE_PROPS, finished_segments, has_extras, load_extras
from .store import Note, Project, Segment
from .textio import INVISIBLE_CHARS

__all__ = ["KEPT_STATUSES", "ExportTally", "atomic_write", "export_project", "export_records", "export_units",
           "select_segments", "segment_record", "segment_unit"]


@dataclass
class ExportTally:
    """What an export kept and left out, by reason, and what the writer had to change."""

    kept: int = 0
    left_out: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    kept_unscored: int = 0  # kept with --max-risk although it has no risk to compare (the project is not scored)
    notes: list[str] = field(default_factory=list)  # what the export did besides writing (--per-file)
    # Of the unreviewed segments left out, those their file marks finished (final, signed-off, approved):
    # they come in unreviewed, and a user who sent a finished file wonders why they are not in the corpus.
    unreviewed_finished: int = 0
    # Of the segments left out, those with a reviewer's note: a query on an unreviewed segment is exactly what
    # a reviewer wants passed on, and it vanished from the export unexplained (QA).
    noted_left_out: int = 0

    def summary(self) -> str:
        parts = [f"{self.kept} segment(s) kept"]
        if self.left_out:
            parts.append("left out: " + ", ".join(f"{n} {why}" for why, n in sorted(self.left_out.items())))
        parts += [f"{n} segment(s): {why}" for why, n in sorted(self.changed.items())]
        return "; ".join(parts)


_WS_RE = re.compile(r"\s+")
# A reviewer's own text: the risk, which is the MT's, says nothing about it, so --max-risk keeps it (QA: the
# segments a reviewer corrected, the hardest ones, were dropped from the cleaned corpus for the MT's risk).
_REPLACED_MT = ("edited", "accepted_candidate")


DEDUPE_MODES = ("exact", "normalized")
DUPLICATE = "duplicate"
NEAR_DUPLICATE = "near-duplicate (equal after normalization)"


# Characters that show nothing: zero-width ones (ZWSP, ZWNJ, ZWJ, word joiner, U+FEFF), bidi marks, embeddings
# and isolates (``textio.INVISIBLE_CHARS``, what the import reports), the Arabic letter mark and the soft
# hyphen. Copied from web pages and word processors, they make two pairs that read the same differ, and a
# side made only of them is empty to a reader (and to an MT trainer).
_INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE_CHARS | {"\u00ad", "\u061c"})) + "]")


def _has_text(s: str | None) -> bool:
    """True when ``s`` shows something: more than whitespace and invisible characters."""
    if not s or s.isspace():
        return False
    return bool(_INVISIBLE_RE.sub("", s).strip())


def _exact(s: str) -> str:
    # Identical up to Unicode normalisation and whitespace (what --dedupe always compared).
    return _WS_RE.sub(" ", unicodedata.normalize("NFC", s)).strip()


def _normalized(s: str) -> str:
    # Invisible characters removed (first: a trailing U+FEFF or LRM hid the final punctuation), compatibility
    # forms (NFKC: full-width letters, ligatures, "…" as "..."), case folded (NFKC again after folding:
    # folding can undo it, e.g. "ǅ"), whitespace collapsed, and punctuation at the end ignored: "Press OK."
    # and "press OK\u200b" are the same training pair, and a corpus with both teaches nothing new.
    s = _INVISIBLE_RE.sub("", s)
    s = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", s).casefold())
    s = _WS_RE.sub(" ", s).strip()
    end = len(s)
    while end and (s[end - 1].isspace() or unicodedata.category(s[end - 1]).startswith("P")):
        end -= 1
    return s[:end]


def dedupe_key(source: str, target: str, mode: str = "exact") -> bytes:
    """The key two pairs share when ``--dedupe`` (mode ``exact``) or ``--dedupe-normalized`` (``normalized``)
    counts them as duplicates. A digest keeps a million keys small."""
    norm = _normalized if mode == "normalized" else _exact
    # surrogatepass: a text no file could have held must not crash the export (it has its own key)
    data = f"{norm(source)}\x00{norm(target)}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()


def _dedupe_mode(dedupe: bool | str) -> str | None:
    if dedupe is True:
        return "exact"
    if not dedupe:
        return None
    if dedupe not in DEDUPE_MODES:
        raise ValueError(f"dedupe mode {dedupe!r} is not one of {', '.join(DEDUPE_MODES)}")
    return str(dedupe)


class _Duplicates:
    """Which pairs ``--dedupe`` leaves out, in ``mode`` (``dedupe_key``). A pair is a duplicate of an earlier
    one; with ``prefer_kept`` (``--all``, where rejected and unreviewed pairs go out too), the copy that goes
    out is the first accepted or edited one of its pairs when there is one: a corpus producer wants the
    reviewed pair, and a rejected first copy must not stand for an accepted later one (QA: re-importing such
    an export lost the acceptance)."""

    def __init__(self, mode: str, written: Callable[[str], str] | None = None) -> None:
        self.mode = mode
        self.written = written  # a text as the output writes it: pairs equal there are one line in the file
        self.seen: set[bytes] = set()  # the keys of the pairs met so far (exact or normalized, as ``mode`` says)
        # Normalized mode: the exact keys met too, kept or left out. A repeat of a near-duplicate ("read more"
        # twice after "Read more.") is an exact duplicate, as --dedupe counts it (QA: compared with the kept
        # pair only, it was counted a near-duplicate, and the two modes disagreed on the exact count).
        self.exact_seen: set[bytes] = set()
        # prefer_kept: the pair that goes out for each key (its id, exact key, whether kept), and the first
        # pair of each exact key (the one of its exact copies counted a near-duplicate, not a duplicate)
        self.winners: dict[bytes, tuple[int, bytes, bool]] | None = None
        self.first_exact: dict[bytes, int] = {}

    def _keys(self, seg: Segment) -> tuple[bytes, bytes]:
        source, text = seg.source_text, _export_text(seg) or ""
        if self.written is not None:
            source, text = self.written(source), self.written(text)
        exact = dedupe_key(source, text)
        return exact, exact if self.mode == "exact" else dedupe_key(source, text, self.mode)

    def prefer_kept(self, segments: Iterator[Segment]) -> None:
        """Read the candidate ``segments`` once first, so that a kept copy of a pair wins wherever it is."""
        self.winners = {}
        for seg in segments:
            exact, key = self._keys(seg)
            self.first_exact.setdefault(exact, seg.id)
            kept = seg.state.status in KEPT_STATUSES
            have = self.winners.get(key)
            if have is None or (kept and not have[2]):
                self.winners[key] = (seg.id, exact, kept)

    def reason(self, seg: Segment) -> str | None:
        """Why ``seg`` is left out as a duplicate, or None when it goes out."""
        exact, key = self._keys(seg)
        if self.winners is not None:
            if key not in self.winners:  # decided into a new pair since the first reading: it goes out
                self.winners[key] = (seg.id, exact, True)
            win_id, win_exact, _ = self.winners[key]
            if seg.id == win_id:
                return None
            # each set of exact copies but the one going out has one near-duplicate, the rest are duplicates
            first = win_id if win_exact == exact else self.first_exact.get(exact, seg.id)
            return NEAR_DUPLICATE if seg.id == first else DUPLICATE
        reason = None
        if key in self.seen:
            reason = DUPLICATE if self.mode == "exact" or exact in self.exact_seen else NEAR_DUPLICATE
        else:
            self.seen.add(key)
        if self.mode != "exact":
            self.exact_seen.add(exact)
        return reason


def _export_text(seg: Segment) -> str | None:
    """The text a segment goes out with: its final text when kept, else its MT."""
    return seg.state.final_text if seg.state.status in KEPT_STATUSES else seg.mt_text


def _filter_reason(seg: Segment, include_all: bool, max_risk: float | None) -> str | None:
    """Why ``seg`` is left out before any --dedupe, or None."""
    st = seg.state
    if not include_all and st.status not in KEPT_STATUSES:
        return st.status
    if max_risk is not None and seg.risk is not None and seg.risk > max_risk and st.status not in _REPLACED_MT:
        return "over --max-risk"
    if not include_all and (not _has_text(seg.source_text) or not _has_text(_export_text(seg))):
        # a side of only zero-width or bidi characters is empty too: it shows nothing to translate
        return "with an empty side"
    return None


def select_segments(project: Project, include_all: bool = False, tally: ExportTally | None = None,
                    max_risk: float | None = None, dedupe: bool | str = False,
                    written: Callable[[str], str] | None = None) -> Iterator[Segment]:
    """The segments an export writes, in document order; the others are counted in ``tally`` by reason.
    ``dedupe``: False, True or ``"exact"``, or ``"normalized"`` (``dedupe_key``); the first pair is kept (with
    ``include_all``, the first accepted or edited one when there is one: ``_Duplicates``), another one is a
    ``duplicate`` when it is exactly equal to a pair before it or to the one kept (the count ``--dedupe``
    gives), else a ``near-duplicate``. Pairs are compared as ``written`` makes their texts (the output's own
    cleanup, ``as_written``), when given."""
    tally = tally if tally is not None else ExportTally()
    mode = _dedupe_mode(dedupe)
    duplicates = _Duplicates(mode, written) if mode is not None else None
    if duplicates is not None and include_all:  # only --all exports pairs that are not kept
        duplicates.prefer_kept(seg for seg in project.iter_segments()
                               if _filter_reason(seg, include_all, max_risk) is None)
    finished: set[int] | None = None  # read once, at the first unreviewed segment left out
    noted: set[int] | None = None  # the segments with a reviewer's note, read at the first one left out
    for seg in project.iter_segments():
        reason = _filter_reason(seg, include_all, max_risk)
        if reason is None and duplicates is not None:
            reason = duplicates.reason(seg)
        if reason:
            tally.left_out[reason] += 1
            noted = set(project.notes()) if noted is None else noted
            tally.noted_left_out += seg.id in noted
            if reason == "unreviewed":
                finished = finished_segments(project.conn) if finished is None else finished
                tally.unreviewed_finished += seg.id in finished
            continue
        tally.kept += 1
        if max_risk is not None and seg.risk is None:
            tally.kept_unscored += 1
        yield seg


def segment_record(seg: Segment) -> dict[str, Any]:
    """The JSONL export record of a segment (the contract other tools rely on)."""
    st = seg.state
    return {
        "id": seg.number,
        "source": seg.source_text,
        "mt": seg.mt_text,
        "final": st.final_text if st.status in KEPT_STATUSES else None,
        "status": st.status,
        "candidate": st.candidate,
        "reviewer": st.reviewer,
        "decided_at": st.decided_at,
        "risk": seg.risk,
    }


def export_records(project: Project, include_all: bool = False, tally: ExportTally | None = None,
                   max_risk: float | None = None, dedupe: bool | str = False) -> Iterator[dict[str, Any]]:
    """One record per exported segment in document order (ids 1-based). Without ``include_all`` only the
    cleaned corpus: accepted and edited segments. Each record has the unit's ``notes`` too, and the reviewer's
    ``note`` (null: none) with its author and date (``note_by``, ``note_at``), as the JSONL export writes them
    (``formats.jsonl.unit_record``)."""
    with_notes = has_extras(project.conn)
    review_notes = project.notes()
    for seg in select_segments(project, include_all, tally, max_risk, dedupe):
        note = review_notes.get(seg.id)
        yield {**segment_record(seg), "notes": _stored_notes(project, seg) if with_notes else [],
               "note": None if note is None else note.text, "note_by": None if note is None else note.reviewer,
               "note_at": None if note is None else note.noted_at}


def _stored_notes(project: Project, seg: Segment) -> list[str]:
    """The notes the segment's unit had in the file it was imported from (XLIFF/TMX ``<note>``, JSONL)."""
    return list((load_extras(project.conn, seg.id) or {}).get("notes", []))


_READ: Any = object()  # segment_unit's extras and placement: read from the project


def segment_unit(project: Project, seg: Segment, keep_ids: bool, with_extras: bool = True, extras: Any = _READ,
                 placement: Any = _READ, notes: dict[int, Note] | None = None) -> BilingualUnit:
    """A segment as a unit for a writer: the final text (or the MT until decided), the review state, and
    (``with_extras``) what its bilingual file carried: the document it came from, notes, properties, inline
    codes placed on the final text (where the reviewer put them, else re-placed), and with ``keep_ids`` its
    unit id; and the reviewer's note. ``extras`` (``unitstore.load_extras``), ``placement``
    (``decision_placement`` of its decision) and ``notes`` (``Project.notes``) are read unless a caller that
    read many segments' at once gives them."""
    rec = segment_record(seg)
    target = rec["final"] if rec["final"] is not None else seg.mt_text
    unit = BilingualUnit(source=seg.source_text, target=target, id=seg.number, status=rec["status"],
                         risk=seg.risk, reviewer=rec["reviewer"], mt=seg.mt_text, candidate=rec["candidate"],
                         decided_at=rec["decided_at"], final_digest=unit_final_digest(rec["status"], target))
    note = project.note(seg.id) if notes is None else notes.get(seg.id)
    if note is not None:
        unit.review_note, unit.review_note_by, unit.review_note_at = note.text, note.reviewer, note.noted_at
    if not with_extras:
        extras = None
    elif extras is _READ:
        extras = load_extras(project.conn, seg.id)
    if with_extras and keep_ids:  # the file's own id, or none where its unit had none (not a number made up)
        unit.id = (extras or {}).get("id")
    if extras:
        unit.origin = extras.get("origin")
        unit.notes = list(extras.get("notes", []))
        unit.note_attrs = dict(extras.get("note_attrs", {}))
        unit.props = dict(extras.get("props", {}))
        for key in FILE_STATE_PROPS:  # the input's workflow state: the XLIFF writers keep a finished unit's
            if (value := unit.props.pop(key, None)) is not None:
                unit.file_state[key] = value
        src = parts_from_json(extras.get("src"))
        if src is not None and plain(src) == unit.source:
            unit.source_parts = src
        tgt = parts_from_json(extras.get("tgt"))
        if unit.target:  # a text for an empty target carries its source's codes
            tgt = codes_for_target(unit.source_parts, tgt, seg.mt_text)
        if tgt is not None and plain(tgt) == seg.mt_text:  # the MT's own codes (an --all export records them)
            unit.mt_parts = tgt
        if tgt is not None:  # where the reviewer put the codes, else where they land by word position
            if rec["final"] is None:
                placement = None
            elif placement is _READ:
                placement = decision_placement(project.conn, seg.state.event_id)
            unit.target_parts = placed_parts(tgt, unit.target, placement)
    return unit


def export_units(project: Project, fmt: str, include_all: bool = False, tally: ExportTally | None = None,
                 max_risk: float | None = None, dedupe: bool | str = False,
                 per_file: bool = False) -> Iterator[BilingualUnit]:
    """The exported segments as units for format ``fmt``. XML formats keep the unit ids, codes and notes of
    an imported bilingual file; the others number segments from 1 (the JSONL contract) and need none of it
    (unless ``per_file`` needs the document each unit came from), but the JSONL/Parquet record has the notes."""
    keep_ids = fmt in _XML_FORMATS
    stored = has_extras(project.conn)
    with_extras = (keep_ids or per_file) and stored
    # JSONL and Parquet records have the notes, not the codes (whose placement costs a query per segment)
    notes_only = fmt in ("jsonl", "parquet") and stored and not with_extras
    review_notes = project.notes()  # the reviewers' notes, read at once (few: one per segment at most)
    for seg in select_segments(project, include_all, tally, max_risk, dedupe, as_written(fmt)):
        unit = segment_unit(project, seg, keep_ids, with_extras, notes=review_notes)
        if notes_only:
            unit.notes = _stored_notes(project, seg)
        yield unit


_XML_FORMATS = ("tmx", "xliff", "xliff2")


def as_written(fmt: str) -> Callable[[str], str] | None:
    """What the writer of ``fmt`` does to a segment text, for --dedupe to compare what the file will hold
    (QA: "\ufeffx y" and "x y" both went into a deduplicated Moses file as "x y"); None: written as it is."""
    if fmt in ("moses", "tsv"):
        return cell_text
    if fmt in _XML_FORMATS:
        from .formats.xmlsafe import xml_safe  # (lxml: loaded for the XML formats only)

        return xml_safe
    return None


def shared_datatype(project: Project) -> str | None:
    """The datatype of the file(s) every segment came from where they share one other than plaintext (an
    XLIFF or TMX of HTML: ``html``), for a file-level datatype (the TMX header); None otherwise."""
    if not has_extras(project.conn):
        return None
    rows = project.conn.execute(
        "SELECT DISTINCT json_extract(e.data, '$.props.\"" + DATATYPE_PROP + "\"') FROM segments s"
        " LEFT JOIN segment_extras e ON e.segment_id = s.id WHERE s.active").fetchall()
    return rows[0][0] if len(rows) == 1 and isinstance(rows[0][0], str) else None


def export_project(project: Project, fmt: str, output: str | Path, *, include_all: bool = False,
                   max_risk: float | None = None, dedupe: bool | str = False, per_file: bool = False,
                   tally: ExportTally | None = None) -> tuple[ExportTally, list[WriteReport]]:
    """Write the export of ``project`` to ``output`` (a folder with ``per_file``: one file per document the
    units came from, named after it and always inside that folder)."""
    from . import __version__
    from .formats.base import WriteContext, get_handler

    handler = get_handler(fmt)
    tally = tally if tally is not None else ExportTally()
    ctx = WriteContext(source_lang=project.source_lang or "und", target_lang=project.target_lang or "und",
                       with_status=include_all, name=project.meta("name") or "mtreview", tool_version=__version__,
                       datatype=shared_datatype(project))
    units = export_units(project, fmt, include_all, tally, max_risk, dedupe, per_file)
    reports: list[WriteReport] = []
    if not per_file:
        reports.append(handler.write(Path(output), units, ctx))
    else:
        folder = Path(output)
        folder.mkdir(exist_ok=True)
        groups: dict[str, list[BilingualUnit]] = {}
        for unit in units:
            groups.setdefault(unit.origin or ctx.name, []).append(unit)
        # which files in the folder are whose; another export into the folder waits until this one is done
        from .imported_files import imported_files

        with PerFileRecord(folder, project.file_path, fmt, imported_files(project)) as record:

            def outputs(name: str) -> list[str]:
                return [p.name for p in handler.output_paths(folder / name, ctx)]

            written: list[str] = []
            for origin, group in groups.items():
                name = safe_file_name(origin, default=safe_file_name(ctx.name, default="export"))
                if handler.output_suffix and not name.lower().endswith(handler.output_suffix):
                    name += handler.output_suffix
                target = path_inside(folder, record.name(name, outputs))
                datatypes = {unit.props.get(DATATYPE_PROP) for unit in group}  # this file's own
                reports.append(handler.write(target, group, WriteContext(**{
                    **ctx.__dict__, "name": origin, "datatype": datatypes.pop() if len(datatypes) == 1 else None})))
                written += [Path(p).name for p in reports[-1].paths] or [target.name]
            tally.notes += record.finish(written, handler.output_suffix)
    for rep in reports:
        tally.changed.update(rep.changes)
    return tally, reports
