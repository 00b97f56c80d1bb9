"""Building a project from documents: read strictly -> segment -> align -> store.

The project is written to a temporary file beside the target and renamed into place only when complete,
so a bad input never leaves a half-built project behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .align import Bead, align_sentences
from .errors import InputError, UsageError
from .segment import Sentence, presegmented, segment_text
from .store import Project
from .textio import read_lines, read_text, split_lines

MODES = ("documents", "presegmented", "aligned")


@dataclass
class Side:
    """One input document, read and segmented."""

    path: Path
    lang: str
    text: str
    sentences: list[Sentence]
    notes: list[str]


def read_side(path: str | Path, lang: str, mode: str, encoding: str | None = None) -> Side:
    """Read one document and split it into sentences (``documents``) or take its lines as given."""
    text, report = read_text(path, encoding)
    if mode == "documents":
        sentences = segment_text(text, lang)
    else:
        sentences = presegmented(split_lines(text))
    if not any(s.text for s in sentences):
        raise InputError(path, "no text to review (the file is empty or blank)")
    return Side(Path(path), lang, text, sentences, report.notes())


def _retranslation_lines(path: str | Path, expected: int, what: str, encoding: str | None) -> list[str]:
    lines, _ = read_lines(path, encoding)
    if len(lines) != expected:
        raise InputError(path, f"has {len(lines)} lines but the {what} has {expected}; retranslation files"
                               " must have one line per source sentence")
    return lines


def _join(sentences: Sequence[Sentence], idx: Sequence[int]) -> str:
    return " ".join(sentences[i].text for i in idx)


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
    log: Callable[[str], None] = lambda msg: None,
) -> Path:
    """Build a project file ``out`` from a source document and its MT; returns the path.

    ``mode``: ``documents`` (sentence-split both and align), ``presegmented`` (one sentence per line, then
    align), ``aligned`` (line i of every file is segment i)."""
    if mode not in MODES:
        raise UsageError(f"unknown mode {mode!r}")
    out = Path(out)
    if out.exists() and not force:
        raise UsageError(f"{out}: already exists (pass --force to replace it)")
    if not out.parent.exists():
        raise UsageError(f"{out}: folder {out.parent} does not exist")
    src = read_side(source, source_lang, mode, encoding)
    tgt = read_side(mt, target_lang, mode, encoding)
    for side in (src, tgt):
        for note in side.notes:
            log(f"{side.path}: {note}")
    n_src = len(src.sentences)
    what = "source" if mode == "aligned" else "source document's sentence list"
    retr = [_retranslation_lines(p, n_src, what, encoding) for p in retranslations]

    if mode == "aligned":
        if len(src.sentences) != len(tgt.sentences):
            raise InputError(tgt.path, f"has {len(tgt.sentences)} lines but {src.path} has "
                                       f"{len(src.sentences)}; --aligned files must have equal line counts")
        beads = [Bead((i,), (i,), 1.0) for i in range(n_src)]
    else:
        beads = aligner(
            [s.text for s in src.sentences], [s.text for s in tgt.sentences],
            source_paragraphs=[s.paragraph for s in src.sentences],
            target_paragraphs=[s.paragraph for s in tgt.sentences],
            retranslations=retr or None,
        )

    ref_side: Side | None = None
    ref_of_source: dict[int, list[int]] = {}
    if reference is not None:
        ref_side = read_side(reference, target_lang, mode, encoding)
        if mode == "aligned":
            if len(ref_side.sentences) != n_src:
                raise InputError(reference, f"has {len(ref_side.sentences)} lines but {src.path} has {n_src};"
                                            " --aligned files must have equal line counts")
            ref_of_source = {i: [i] for i in range(n_src)}
        else:
            # The reference is a document of its own: align it to the source to know which reference
            # sentences belong to which segment.
            for bead in aligner([s.text for s in src.sentences], [s.text for s in ref_side.sentences],
                                source_paragraphs=[s.paragraph for s in src.sentences],
                                target_paragraphs=[s.paragraph for s in ref_side.sentences],
                                retranslations=retr or None):
                if bead.source:
                    ref_of_source.setdefault(bead.source[0], []).extend(bead.target)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        project = Project.create(tmp, source_lang, target_lang, name=out.stem)
        project.add_document("source", source_lang, src.text, src.sentences, str(src.path))
        project.add_document("mt", target_lang, tgt.text, tgt.sentences, str(tgt.path))
        if ref_side is not None:
            project.add_document("reference", target_lang, ref_side.text, ref_side.sentences, str(ref_side.path))
        seg_ids = project.add_segments(
            (b.source, b.target, _join(src.sentences, b.source), _join(tgt.sentences, b.target), b.confidence)
            for b in beads
        )
        cands = []
        for seg_id, bead in zip(seg_ids, beads, strict=True):
            if not bead.source:
                continue
            for path, lines in zip(retranslations, retr, strict=True):
                text = " ".join(lines[i] for i in bead.source)
                cands.append((seg_id, "retranslation", Path(path).stem, text, None, {"file": str(path)}, 0))
            if ref_side is not None:
                ref_idx = [j for i in bead.source for j in ref_of_source.get(i, [])]
                if ref_idx:
                    cands.append((seg_id, "reference", "reference", _join(ref_side.sentences, ref_idx),
                                  None, {"file": str(reference)}, 0))
        project.add_candidates(cands)
        project.set_meta("mode", mode)
        project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        project.close()
        os.replace(tmp, out)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    return out
