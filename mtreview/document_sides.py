"""One input document read for a project, an alignment or a segmentation: strictly decoded, then split into
sentences (documents) or taken a line a sentence (presegmented and aligned files, edge whitespace trimmed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .checks.scripts import script_mismatch
from .errors import InputError
from .formats.plaintext import read_document
from .segment import Sentence, presegmented, segment_text
from .textio import split_lines


@dataclass
class Side:
    """One input document, read and segmented."""

    path: Path
    lang: str
    text: str
    sentences: list[Sentence]
    notes: list[str]
    trimmed: frozenset[int] = frozenset()  # lines (0-based) whose leading/trailing whitespace was removed


def read_side(path: str | Path, lang: str, mode: str, encoding: str | None = None) -> Side:
    """Read one document and split it into sentences (``documents``) or take its lines as given, each with
    its leading and trailing whitespace removed (``Side.trimmed`` says which lines had some)."""
    text, report = read_document(path, encoding)
    trimmed: frozenset[int] = frozenset()
    if mode == "documents":
        sentences = segment_text(text, lang)
    else:
        # Edge whitespace is removed on purpose: in a line-aligned corpus it is left over from extraction
        # (a PDF's indent, a trailing space before the line end), never part of the sentence; kept, it would
        # make "Да." and "Да. " two pairs for --dedupe, reach the checks and metrics, and go on into every
        # corpus exported. What was removed is counted (``trimmed``) for the import summary, since the
        # lines then no longer equal the file's. (A bilingual file's units keep theirs: in XLIFF or TMX an
        # edge space can join a segment to the next one when the file goes back to its CAT tool.)
        lines = split_lines(text)
        sentences = presegmented(lines)
        trimmed = frozenset(i for i, (line, s) in enumerate(zip(lines, sentences, strict=True))
                            if len(line) != len(s.text))
    if not any(s.text for s in sentences):
        raise InputError(path, "no text: the file is empty or blank")
    notes = report.notes()
    mismatch = script_mismatch(text, lang)
    if mismatch:
        notes.append(mismatch)
    return Side(Path(path), lang, text, sentences, notes, trimmed)


def trim_notes(mode: str, sides: Sequence[Side]) -> list[str]:
    """The import summary's count of what ``read_side`` trimmed: per segment for ``aligned`` files (the
    source and MT lines of one segment count once), per file otherwise (lines are sentences there)."""
    if mode == "documents":
        return []
    if mode == "aligned" and len(sides) >= 2:
        pairs = sides[0].trimmed | sides[1].trimmed
        out = [f"{sides[0].path}, {sides[1].path}: {len(pairs)} segment(s) had leading/trailing spaces "
               "removed"] if pairs else []
        sides = sides[2:]
    else:
        out = []
    return out + [f"{side.path}: {len(side.trimmed)} line(s) had leading/trailing spaces removed"
                  for side in sides if side.trimmed]
