"""Retranslation files as users give them (``--retranslation``): plain text, one translation per line, or
``mtreview retranslate``'s JSON lines (a ``.jsonl`` name: n-best lists, or several models' hypotheses).

Every reader of such files (align, import, score) goes through here, so a ``.jsonl`` file is never taken for
text: import and the document form of score stored each JSON line, source and all, as the candidate (QA).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from .controls import strip_controls
from .errors import InputError
from .jsonio import loads
from .textio import read_lines, strip_nonchars

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_NEEDS_REPAIR_RE = re.compile("[\r\x00-\x08\x0b-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_hypothesis(text: str, counts: Counter[str] | None = None) -> str:
    """A hypothesis of a JSON line as the readers repair text (``formats.repairs.clean_text``): its JSON escapes
    may hold what a text file cannot (QA: a lone surrogate escape, "\\ud800", was a UnicodeEncodeError
    traceback when import stored the candidate; a NUL escape reached the review). Repairs go to ``counts``."""
    if not _NEEDS_REPAIR_RE.search(text):  # the common case
        return text
    counts = Counter() if counts is None else counts
    if "\r" in text:
        counts["line_ends"] += 1
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, n = strip_controls(text)
    counts["controls"] += n
    text, n = _SURROGATE_RE.subn("\ufffd", text)
    counts["surrogates"] += n
    text, n = strip_nonchars(text)
    counts["nonchars"] += n
    return text


def repair_notes(path: str | Path, counts: Counter[str]) -> list[str]:
    """What :func:`clean_hypothesis` repaired in a file, worded as the bilingual readers word it."""
    out = []
    if counts["controls"]:
        out.append(f"{counts['controls']} control character(s) removed")
    if counts["surrogates"]:
        out.append(f"{counts['surrogates']} unpaired surrogate escape(s) replaced by U+FFFD")
    if counts["nonchars"]:
        out.append(f"{counts['nonchars']} noncharacter(s) U+FFFE/U+FFFF removed")
    if counts["line_ends"]:
        out.append(f"carriage returns inside {counts['line_ends']} hypothesis(es) normalised to line feeds")
    return [f"{path}: {note}" for note in out]


def is_nbest(path: str | Path) -> bool:
    """Whether ``path`` is read as JSON lines of hypotheses: its name ends in ``.jsonl`` (``.jsonl.gz`` for a
    file read decompressed)."""
    from .compressed import compressed_file_kind, uncompressed_name

    name = uncompressed_name(path) if compressed_file_kind(path) else str(path)
    return name.lower().endswith(".jsonl")


def nbest_line(path: str | Path, n: int, line: str, counts: Counter[str] | None = None) -> list[str]:
    """The hypotheses of line ``n`` (1-based) of a JSON-lines retranslation file, repaired
    (:func:`clean_hypothesis`, counted in ``counts``); a blank line has none."""
    if not line.strip():
        return []
    try:
        rec = loads(line)
    except json.JSONDecodeError as err:
        raise InputError(path, f"not a JSON record ({err.msg})", line=n) from None
    hyps = rec.get("hypotheses") if isinstance(rec, dict) else None
    if not isinstance(hyps, list) or not all(isinstance(h, str) for h in hyps):
        raise InputError(path, 'expected {"hypotheses": [strings]} on every line', line=n)
    return [clean_hypothesis(h, counts) for h in hyps]


def check_not_json_lines(path: str | Path, first_line: str, line: int = 1) -> None:
    """Refuse JSON lines of hypotheses under a name other than ``.jsonl`` (told by the first line with text,
    line number ``line``): each line (source text and all) would be taken for one translation."""
    head = first_line.strip()
    if not is_nbest(path) and head.startswith("{") and '"hypotheses"' in head:
        raise InputError(path, "holds JSON lines of hypotheses ('mtreview retranslate --nbest' or several "
                               "--model): give it a .jsonl name, which is read as such", line=line)


def read_retranslation(path: str | Path, encoding: str | None = None,
                       notes: list[str] | None = None) -> list[list[str]]:
    """Each line's translations: the ``hypotheses`` of a ``.jsonl`` file's lines, else the line itself (a
    blank line: none). What reading repaired (line ends, a BOM, control characters, noncharacters, the
    encoding used) is added to ``notes`` as ``PATH: note`` lines, as for every other input (QA: dropped)."""
    lines, report = read_lines(path, encoding)
    if notes is not None:
        notes += [f"{path}: {note}" for note in report.notes()]
    if is_nbest(path):
        counts: Counter[str] = Counter()
        hyps = [nbest_line(path, n, line, counts) for n, line in enumerate(lines, 1)]
        if notes is not None:
            notes += repair_notes(path, counts)
        return hyps
    first = next((n for n, line in enumerate(lines, 1) if line.strip()), None)
    if first is not None:
        check_not_json_lines(path, lines[first - 1], line=first)
    return [[line] if line.strip() else [] for line in lines]


def best(hypotheses: list[list[str]]) -> list[str]:
    """The first translation of each line ("" where there is none): what the aligner compares."""
    return [h[0] if h else "" for h in hypotheses]
