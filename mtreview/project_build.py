"""Building a project from documents: read strictly -> segment -> align -> store.

The project is written to a temporary file beside the target and renamed into place only when complete,
so a bad input never leaves a half-built project behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .align import Bead, align_sentences, unrelated_warning
from .align_blanks import fold_blanks
from .align_progress import document_aligner
from .checks.scripts import SAMPLE_CHARS, script_mismatch
from .document_sides import Side, read_side, trim_notes
from .errors import InputError, ProjectWriteError, UsageError
from .imported_files import record_imported_files
from .reference_alignment import ALIGNED, aligned_params
from .retranslation_files import best, read_retranslation
from .segment import Sentence, join_sentences
from .store import Project
from .store_replace import prepare_replace
from .textio import lone_cr_hint, name_text, read_lines

MODES = ("documents", "presegmented", "aligned")


def document_label(path: str | Path) -> str:
    """The name a document is stored under: its path, or ``<stdin>`` for ``-`` (QA: a document piped in
    was stored as "-", which the review and the exports then showed as its name)."""
    return "<stdin>" if str(path) == "-" else str(path)


def _retranslation_lines(path: str | Path, expected: int, what: str, encoding: str | None,
                         notes: list[str]) -> list[list[str]]:
    lines = read_retranslation(path, encoding, notes)
    if len(lines) != expected and what == "source":  # line-aligned files: --presegmented is no way out there
        raise InputError(path, f"has {_lines(len(lines))} but the source has {expected}; retranslation files "
                               "must have one line per source line")
    if len(lines) != expected:
        # QA: the help's two examples (retranslate the document, then score with it) met here: say how
        # to make a file of the right shape, not only what is wrong.
        raise InputError(path, f"has {_lines(len(lines))} but the {what} has {expected}; retranslation files"
                               " must have one line per source sentence: retranslate what 'mtreview segment"
                               " SOURCE -l LANG' writes, or pass --presegmented for files of one sentence per line")
    return lines


def _lines(n: int) -> str:
    return f"{n} line" if n == 1 else f"{n} lines"


def _trim_hypotheses(lines: list[list[str]]) -> tuple[list[list[str]], int]:
    """A retranslation file's lines with each translation's edge whitespace removed, as ``read_side`` removes
    the source's and the MT's, and how many lines had some. A candidate is a text a reviewer can accept: with
    it, extraction residue (" \u2029 Thanks.") went into the final text and on into the cleaned corpus
    (QA: the Moses export got a line starting with a space)."""
    out: list[list[str]] = []
    trimmed = 0
    for hyps in lines:
        kept = [h.strip() for h in hyps if h.strip()]
        trimmed += kept != hyps
        out.append(kept)
    return out, trimmed


def check_output(out: str | Path, force: bool) -> Path:
    """The project path, refused when it exists (without ``force``) or its folder does not."""
    out = Path(out)
    if out.exists() and not out.is_file():
        # /dev/null, a FIFO, a folder: the finished project is renamed onto OUTPUT, which would replace
        # the device itself, whatever --force says.
        raise UsageError(f"{out}: is not a regular file; a project is written to a file (suffix .mtr)")
    if out.exists() and not force:
        raise UsageError(f"{out}: already exists (pass --force to replace it)")
    if out.exists():
        prepare_replace(out)  # before any work: refused at once if it is open in `mtreview review`
    if not out.parent.exists():
        raise UsageError(f"{out}: folder {out.parent} does not exist")
    return out


def _same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two existing paths name one file (a link, ``./x``); a missing one is left to the reader."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _not_imported(out: Path, err: ProjectWriteError) -> ProjectWriteError:
    """The error of a write into the temporary file, naming the project asked for (QA: a full disk named
    the hidden temporary file, or printed a traceback)."""
    return ProjectWriteError(f"{out}: cannot write the new project ({err.reason}); nothing was imported",
                             err.reason)


def _join(sentences: Sequence[Sentence], idx: Sequence[int]) -> str:
    return join_sentences(sentences[i].text for i in idx)


def _candidates(seg_id: int, path: str | Path, per_sentence: Sequence[Sequence[str]]) -> list[tuple[Any, ...]]:
    """A retranslation file's candidates for one segment from its sentences' translations: the first of
    each sentence joined, then the second (an n-best file: ``name#2``) where every sentence has one (QA: a
    second hypothesis of one sentence of two was offered as the whole segment's translation), and so on. A
    blank line is a missing translation, not an empty candidate (scoring ignores it; the review would offer
    it as a choice)."""
    out: list[tuple[Any, ...]] = []
    present = [h for h in per_sentence if h]
    for rank in range(max((len(h) for h in per_sentence), default=0)):
        if rank and any(len(h) <= rank for h in present):
            break
        text = join_sentences(h[rank] for h in per_sentence if rank < len(h))
        if text.strip():
            name = Path(path).stem if rank == 0 else f"{Path(path).stem}#{rank + 1}"
            out.append((seg_id, "retranslation", name, text, None, {"file": name_text(path)}, rank))
    return out


def build_project(
    source: str | Path,
    mt: str | Path,
    out: str | Path,
    source_lang: str,
    target_lang: str,
    *,
    reference: str | Path | None = None,
    retranslations: Sequence[str | Path] = (),
    mode: str = "documents",
    encoding: str | None = None,
    force: bool = False,
    aligner: Callable[..., list[Bead]] = align_sentences,
    embeddings: bool | None = None,
    progress: bool | None = False,
    log: Callable[[str], None] = lambda msg: None,
    moses: bool = False,
) -> Path:
    """Build a project file ``out`` from a source document and its MT; returns the path.

    ``mode``: ``documents`` (sentence-split both and align), ``presegmented`` (one sentence per line, then
    align), ``aligned`` (line i of every file is segment i). ``embeddings``: align with multilingual
    sentence embeddings too (``sentence_embeddings.wanted``: None = when installed and both languages are
    known to the encoder, for documents of up to ``AUTO_MAX_SENTENCES`` sentences). ``progress``: bars on
    stderr while embedding and aligning (None: when it is a terminal; off by
    default, since a caller such as the review app owns the terminal). ``moses``: the two files are a Moses
    pair (``--format moses``, no ``--aligned`` given), as errors name them."""
    if mode not in MODES:
        raise UsageError(f"unknown mode {mode!r}")
    if mode != "aligned":
        aligner = document_aligner(source_lang, target_lang, embeddings, progress, log, aligner)
    out = check_output(out, force)
    if _same_file(source, mt):
        # (before: `import corpus.en corpus.en --aligned` made a project whose every MT was its source, exit 0)
        raise UsageError(f"{mt}: is SOURCE itself ({source}): the MT would be the source copied; give the "
                         "machine translation as MT")
    # The notes on the input (repairs, trimmed lines, warnings) are said once the project exists: before an
    # error they were noise about a project never made, and came first ("5 segment(s) had leading/trailing
    # spaces removed" for a pair that had 3 lines, then the unequal line counts). ``log`` itself still says
    # what the aligner reports while it works.
    notes: list[str] = []
    note = notes.append
    # what the error for unequal line counts calls the files ("--aligned" is no option a Moses prefix had)
    paired = "the two files of a Moses pair" if moses else "--aligned files"
    src = read_side(source, source_lang, mode, encoding)
    tgt = read_side(mt, target_lang, mode, encoding)
    for side in (src, tgt):
        notes += [f"{side.path}: {msg}" for msg in side.notes]
    notes += trim_notes(mode, [src, tgt])
    n_src = len(src.sentences)
    what = "source" if mode == "aligned" else "source document's sentence list"
    retr = []
    for path in retranslations:
        lines, trimmed = _trim_hypotheses(_retranslation_lines(path, n_src, what, encoding, notes))
        if trimmed:
            note(f"{path}: {trimmed} line(s) had leading/trailing spaces removed")
        retr.append(lines)
    retr_best = [best(r) for r in retr] or None  # what the aligner compares: each line's first hypothesis

    if mode == "aligned":
        if len(src.sentences) != len(tgt.sentences):
            # (the hint score gives: a lone CR inside a line shifts the count; QA: import said nothing of it)
            raise InputError(tgt.path, f"has {_lines(len(tgt.sentences))} but {src.path} has "
                                       f"{len(src.sentences)}; {paired} must have equal line counts"
                                       + lone_cr_hint([src.path, tgt.path]))
        beads = [Bead((i,), (i,), 1.0) for i in range(n_src)]
    else:
        src_text, tgt_text = [s.text for s in src.sentences], [s.text for s in tgt.sentences]
        beads = aligner(
            src_text, tgt_text,
            source_paragraphs=[s.paragraph for s in src.sentences],
            target_paragraphs=[s.paragraph for s in tgt.sentences],
            retranslations=retr_best,
        )
        if (warning := unrelated_warning(beads, src.path, tgt.path)) is not None:
            note(warning)  # kept (the user may know better), but said now rather than found in review
        # Blank lines of presegmented files: not segments of their own to review
        beads = [Bead(s, t, c) for s, t, c in fold_blanks([(b.source, b.target, b.confidence) for b in beads],
                                                          src_text, tgt_text)]

    ref_side: Side | None = None
    ref_of_source: dict[int, list[int]] = {}
    if reference is not None:
        ref_side = read_side(reference, target_lang, mode, encoding)
        # its repairs and warnings (a reference in the wrong language's script) as the source's and MT's
        notes += [f"{ref_side.path}: {msg}" for msg in ref_side.notes]
        notes += trim_notes(mode, [ref_side])
        if mode == "aligned":
            if len(ref_side.sentences) != n_src:
                raise InputError(reference, f"has {_lines(len(ref_side.sentences))} but {src.path} has "
                                            f"{n_src}; {paired} must have equal line counts"
                                            + lone_cr_hint([src.path, reference]))
            ref_of_source = {i: [i] for i in range(n_src)}
        else:
            # The reference is a document of its own: align it to the source to know which reference
            # sentences belong to which segment.
            covered = 0
            for bead in aligner([s.text for s in src.sentences], [s.text for s in ref_side.sentences],
                                source_paragraphs=[s.paragraph for s in src.sentences],
                                target_paragraphs=[s.paragraph for s in ref_side.sentences],
                                retranslations=retr_best):
                if bead.source:
                    ref_of_source.setdefault(bead.source[0], []).extend(bead.target)
                    covered += len(bead.source) if bead.target else 0
            if n_src >= 5 and covered < n_src / 2:
                # Most source sentences found no counterpart: likely the wrong file (it is kept: the user
                # may know better, but must hear it now rather than find empty references in review).
                note(f"warning: {ref_side.path}: only {covered} of {n_src} source sentences found a counterpart "
                    f"in this reference ({len(ref_side.sentences)} sentence{'' if len(ref_side.sentences) == 1 else 's'}); is it a translation of "
                    f"{src.path}?")

    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        project = Project.create(tmp, source_lang, target_lang, name=out.stem)
        project.add_document("source", source_lang, src.text, src.sentences, document_label(src.path))
        project.add_document("mt", target_lang, tgt.text, tgt.sentences, document_label(tgt.path))
        if ref_side is not None:
            project.add_document("reference", target_lang, ref_side.text, ref_side.sentences,
                                 document_label(ref_side.path))
        record_imported_files(project, [source, mt, reference, *retranslations])
        seg_ids = project.add_segments(
            (b.source, b.target, _join(src.sentences, b.source), _join(tgt.sentences, b.target), b.confidence)
            for b in beads
        )
        cands = []
        for seg_id, bead in zip(seg_ids, beads, strict=True):
            if not bead.source:
                continue
            # A blank line of a retranslation or line-aligned reference is a missing translation, not an
            # empty candidate (scoring already ignores it; the review would offer it as "1 reference").
            for path, lines in zip(retranslations, retr, strict=True):
                cands += _candidates(seg_id, path, [lines[i] for i in bead.source])
            if ref_side is not None:
                ref_idx = [j for i in bead.source for j in ref_of_source.get(i, [])
                           if ref_side.sentences[j].text.strip()]
                if ref_idx:  # with the import's alignment: a split or a move cuts it there (``reference_alignment``)
                    cands.append((seg_id, "reference", "reference", _join(ref_side.sentences, ref_idx), None,
                                  {"file": name_text(str(reference)), **aligned_params(
                                      bead.source, ref_of_source, lambda j: not ref_side.sentences[j].text.strip())}, 0))
        project.add_candidates(cands)
        project.set_meta("mode", mode)
        project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        project.close()
        prepare_replace(out)  # again: the project may have been opened during the import
        os.replace(tmp, out)
    except ProjectWriteError as err:
        raise _not_imported(out, err) from None
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    for msg in notes:
        log(msg)
    return out


# -- one bilingual file (TMX, XLIFF, TSV, CSV, JSONL, Parquet, a Moses pair) ------------------------------

_BATCH = 2000


def build_from_bilingual(
    path: str | Path | Sequence[str | Path],
    out: str | Path,
    source_lang: str,
    target_lang: str,
    *,
    fmt: str | None = None,
    reference: str | Path | None = None,
    retranslations: Sequence[str | Path] = (),
    encoding: str | None = None,
    force: bool = False,
    log: Callable[[str], None] = lambda msg: None,
    format_given: bool | None = None,
    name: str | None = None,
) -> Path:
    """Build a project from one bilingual file (or a Moses pair given as two paths): its units are the
    segments, 1:1, already aligned. Ids, inline codes, notes and properties are kept for export. ``name`` is
    the name its documents are stored under (default: the path; ``<stdin>`` for a file copied from a pipe).

    Streams: units go to the project in batches, so memory stays flat whatever the file size. A bilingual
    file has no running text, so its documents' ``text`` stays empty: their sentences are the units (joining
    300,000 of them into one value would cost more memory than the whole import). The project is built in a
    temporary file and renamed into place only when complete."""
    from .formats.base import ReadContext
    from .formats.dispatch import read_units
    from .formats.unitstore import imported_mt, restore_decisions, save_extras, unit_extras

    out = check_output(out, force)
    paths = [Path(p) for p in path] if isinstance(path, (list, tuple)) else [Path(path)]  # type: ignore[arg-type]
    label = paths[0]
    ctx = ReadContext(source_lang=source_lang, target_lang=target_lang, encoding=encoding,
                      format_given=format_given)
    units = read_units(paths if len(paths) > 1 else paths[0], fmt, ctx=ctx)
    # what reading these repaired is said with the file's notes (QA: it was dropped)
    side_notes: list[str] = []
    retr = [read_retranslation(p, encoding, side_notes) for p in retranslations]
    ref_lines = None
    if reference is not None:
        ref_lines, ref_report = read_lines(reference, encoding)
        side_notes += [f"{reference}: {note}" for note in ref_report.notes()]

    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    project: Project | None = None
    try:
        project = proj = Project.create(tmp, source_lang, target_lang, name=out.stem)
        src_doc = project.add_document("source", source_lang, "", [], name or str(label))
        mt_doc = project.add_document("mt", target_lang, "", [], name or str(label))
        ref_doc = project.add_document("reference", target_lang, "", [], str(reference)) if reference else None
        if name is None:  # (a file copied from standard input is no file of the user's)
            record_imported_files(project, [*paths, reference, *retranslations])
        n = skipped_empty = restored = 0
        batch: list[Any] = []
        # The start of each side, to tell a swapped -s/-t: a TSV, CSV, JSONL or Parquet file declares no
        # language, and Moses files named .en would then get the Russian side (QA).
        samples: dict[str, list[str]] = {"source": [], "target": []}
        sampled = 0

        def flush() -> None:
            nonlocal n, restored
            if not batch:
                return
            with proj.transaction() as conn:
                idx = range(n, n + len(batch))
                proj.append_sentences(src_doc, [(i, i, u.source) for i, u in zip(idx, batch, strict=True)])
                proj.append_sentences(mt_doc, [(i, i, imported_mt(u)) for i, u in zip(idx, batch, strict=True)])
                seg_ids = proj.add_segments(((i,), (i,), u.source, imported_mt(u), 1.0)
                                               for i, u in zip(idx, batch, strict=True))
                save_extras(conn, [(sid, ex) for sid, u in zip(seg_ids, batch, strict=True)
                                   if (ex := unit_extras(u)) is not None])
                cands = []
                for sid, i in zip(seg_ids, idx, strict=True):
                    for rpath, lines in zip(retranslations, retr, strict=True):
                        if i < len(lines):  # (too few lines: refused after the units are counted)
                            cands += _candidates(sid, rpath, [lines[i]])
                    if ref_lines is not None and i < len(ref_lines) and ref_lines[i].strip():
                        cands.append((sid, "reference", "reference", ref_lines[i], None,
                                      {"file": name_text(str(reference)), ALIGNED: [[i, [i]]]}, 0))  # its line
                proj.add_candidates(cands)
                restored += restore_decisions(proj, zip(seg_ids, batch, strict=True), label, ctx.counts)  # an --all export's state
                if ref_doc is not None and ref_lines is not None:
                    proj.append_sentences(ref_doc, [(i, i, ref_lines[i]) for i in idx if i < len(ref_lines)])
            n += len(batch)
            batch.clear()

        for unit in units:
            if not unit.source.strip() and not unit.target.strip():
                skipped_empty += 1
                continue
            batch.append(unit)
            if sampled < SAMPLE_CHARS:
                samples["source"].append(unit.source)
                samples["target"].append(imported_mt(unit))
                sampled += max(len(unit.source), len(samples["target"][-1]))
            if len(batch) >= _BATCH:
                flush()
        flush()
        if n == 0:
            raise InputError(label, "no translation units to review (every unit is empty)")
        counts: list[tuple[str | Path | None, int]] = [(p, len(lines))
                                                       for p, lines in zip(retranslations, retr, strict=True)]
        if ref_lines is not None:
            counts.append((reference, len(ref_lines)))
        for rpath, count in counts:
            if count != n:
                raise InputError(rpath, f"has {_lines(count)} but {label} has {n} units; it must have one "
                                        "line per unit")
        for side, lang in (("source", source_lang), ("target", target_lang)):
            if (mismatch := script_mismatch("\n".join(samples[side]), lang)) is not None:
                ctx.note(f"{side} text {mismatch}")
        project.set_meta("mode", "bilingual")
        project.set_meta("bilingual_format", ctx.format_name or (fmt or "moses"))
        project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        project.close()
        project = None
        prepare_replace(out)  # again: the project may have been opened during the import
        os.replace(tmp, out)
    except ProjectWriteError as err:
        raise _not_imported(out, err) from None
    finally:
        if project is not None:
            project.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    if skipped_empty:
        ctx.note(f"{skipped_empty} unit(s) with neither source nor target text left out")
    if restored:
        ctx.note(f"{restored} review decision(s) restored from the file's status")
    for note in ctx.summary_notes():
        log(note if any(note.startswith(f"{p}: ") for p in paths) else f"{label}: {note}")
    for note in side_notes:
        log(note)
    return out

