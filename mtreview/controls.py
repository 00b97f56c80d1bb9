"""Control characters in text read from files: removed, or a space where they stood for one. Every reader
(``textio``, the streamed batch reader, XML units, notes, the review editor) cleans text through here."""

from __future__ import annotations

import re

# C0/C1 control characters except tab and newline (a regex character class): removed (and counted) because they break terminals,
# XML export and most MT toolkits. Line ends are normalised before this runs.
CONTROLS = "\x00-\x08\x0b-\x1f\x7f\x80-\x84\x86-\x9f"
# A run of control characters is found whole, and what it becomes is decided from the run and its two
# neighbours (QA: a lookbehind pattern rescanned a long run from each of its characters: 100 KB of NULs, a
# zero-filled block of a crashed file, took 159 s to read). Between two word characters a run stood for a
# separator ("Привет\0мир."): removing it would join the words, so it becomes a space. Form feed, vertical tab
# and the information separators are whitespace: between two visible characters a run holding one becomes a
# space, punctuation or not (pdftotext ends each page with a form feed, Word writes a manual line break as a
# vertical tab; QA: "One.\fTwo." was read as the one sentence "One.Two.").
_CONTROL_RUN_RE = re.compile(f"[{CONTROLS}]+")
_SPACING_CONTROL_RE = re.compile("[\x0b\x0c\x1c-\x1f]")
_WORD_RE = re.compile(r"\w")


def strip_controls(text: str) -> tuple[str, int]:
    """Drop C0/C1 control characters (not tab or newline); a run of them between two word characters, or
    holding a form feed, vertical tab or separator between two visible characters, becomes one space.
    Returns (text, how many control characters went)."""
    if not _CONTROL_RUN_RE.search(text):  # the common case: one scan, no copy
        return text, 0
    removed = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal removed
        run = match.group()
        removed += len(run)
        start, end = match.span()
        before = text[start - 1] if start else " "  # (never a control character: the run is whole)
        after = text[end] if end < len(text) else " "
        if _WORD_RE.match(before) and _WORD_RE.match(after):
            return " "
        if not before.isspace() and not after.isspace() and _SPACING_CONTROL_RE.search(run):
            return " "
        return ""

    return _CONTROL_RUN_RE.sub(replace, text), removed


def first_control_line(text: str) -> int | None:
    """The line (1-based, ``\\n`` ending one) of ``text``'s first control character, None when it has none:
    named beside the count of those removed, so the user can find it (a stray byte in a corpus of millions
    of lines; QA: "1 control character(s) removed" said only which file)."""
    found = _CONTROL_RUN_RE.search(text)
    return None if found is None else text.count("\n", 0, found.start()) + 1
