"""The spaces around inline codes that the plain text needs and the file does not have, and back.

Removing the codes of ``Zeile<ph>&lt;br/&gt;</ph>zwei`` leaves ``Zeilezwei``, and removing ``<x/>`` from
``um <x/> fortzufahren`` leaves a double space: both then reach the review, the scores and every corpus
exported (QA). Reading (:func:`spaced_parts`) adds a space after a code that stands for a line break between
two words, and drops the second of two spaces around a removed code; each code so changed says how
(``InlineCode.gap``), and writing back to XML (:func:`written_parts`) undoes it, so the file's text around
its codes is as it was. The change is a real text part, so the plain text, its offsets (code placement,
markers) and ``plain(parts)`` stay one and the same.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from .inline import STANDALONE, InlineCode, Part, normalise_parts

ADDED, DROPPED = "lb", "space"
# The space dropped after a code was the first of a run of two or more ("a <x/>  b" reads "a  b"): told apart
# from DROPPED because the text as read then has a space on both sides of the code, as it has where a reviewer
# typed the code between two spaces, and only this one gets its space back (QA: written one space short).
DROPPED_OF_RUN = "spaces"

_BR_RE = re.compile(r"\s*<\s*br\b[^>]*>\s*", re.IGNORECASE)
# ctype (XLIFF 1.2), type (TMX), subType (XLIFF 2.0) values that mean a line break
_LB_TYPES = frozenset({"lb", "x-lb", "x-linebreak", "x-line-break", "x-br", "xlf:lb"})
_LB_SIGNS = frozenset({"\u21b5", "\u23ce", "\u00b6", "\\n", "\\r\\n"})  # ↵ ⏎ ¶ as a disp


def is_line_break(code: InlineCode) -> bool:
    """Whether a standalone code stands for a line break: a native ``<br>``, a ``ctype``/``type``/``subType``
    of a line break (``lb``, ``x-linebreak``, ``xlf:lb``), or an XLIFF 2.0 ``equiv``/``disp`` that is one
    (whitespace, ``<br/>``, ``↵``)."""
    if code.role != STANDALONE:
        return False
    if code.native and (_BR_RE.fullmatch(code.native) or code.native in ("\n", "\r\n")):
        return True
    attrs = dict(code.attrs)
    if any(attrs.get(key, "").strip().lower() in _LB_TYPES for key in ("ctype", "type", "subType")):
        return True
    equiv, disp = attrs.get("equiv"), attrs.get("disp")
    if equiv is not None and equiv and not equiv.strip():
        return True
    return disp is not None and (bool(_BR_RE.fullmatch(disp)) or disp.strip() in _LB_SIGNS
                                 or (bool(disp) and not disp.strip()))


def _last_char(parts: Sequence[Part]) -> str:
    for p in reversed(parts):
        if isinstance(p, str) and p:
            return p[-1]
    return ""


def _first_char(parts: Sequence[Part], start: int) -> str:
    for p in parts[start:]:
        if isinstance(p, str) and p:
            return p[0]
    return ""


def spaced_parts(parts: Sequence[Part]) -> list[Part]:
    """``parts`` (normalised: no two strings side by side) with a space after each line-break code between two
    non-space characters, and without the second space where a code sat between two spaces."""
    out: list[Part] = []
    for i, p in enumerate(parts):
        if isinstance(p, str):
            if p.startswith(" ") and out and isinstance(out[-1], InlineCode) and _last_char(out) == " ":
                out[-1] = dataclasses.replace(out[-1], gap=DROPPED_OF_RUN if p.startswith("  ") else DROPPED)
                p = p[1:]
            if p:
                out.append(p)
            continue
        before, after = _last_char(out), _first_char(parts, i + 1)
        if is_line_break(p) and before and after and not before.isspace() and not after.isspace():
            out += [dataclasses.replace(p, gap=ADDED), " "]
        else:
            out.append(p)
    # (a code marked "lb" followed by its added space and then a string: join them, as normalise_parts would)
    merged: list[Part] = []
    for p in out:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] += p
        else:
            merged.append(p)
    return merged


def written_parts(parts: Sequence[Part]) -> list[Part]:
    """The parts to write to a file: what :func:`spaced_parts` changed undone where the text around the code
    is still as reading left it (a reviewer's edit may have moved the code, or the words beside it); for a
    text as read, exactly (``written_parts(spaced_parts(p))`` writes ``p``)."""
    out: list[Part] = []
    drop_next = False
    for i, p in enumerate(parts):
        if isinstance(p, str):
            if drop_next and p.startswith(" "):
                p = p[1:]
            drop_next = False
            if p:
                out.append(p)
            continue
        drop_next = False
        out.append(p)
        if p.gap == ADDED:
            drop_next = True
        elif p.gap == DROPPED and _last_char(out) == " " and _first_char(parts, i + 1) != " ":
            # (a code with a space on both sides is where a reviewer typed it: those spaces are theirs)
            out.append(" ")
        elif p.gap == DROPPED_OF_RUN and _last_char(out) == " ":
            # whatever follows: the run the space was dropped from still starts with one as read
            out.append(" ")
    return out


def unspaced_parts(parts: Sequence[Part]) -> list[Part]:
    """The parts of a fresh reading (:func:`spaced_parts`) as read before the spacing was added: each change
    undone exactly, the codes without ``gap``. A project imported before then stored its texts so
    ("Zeilezwei"); ``export --into`` knows such a project's units in the file by this reading."""
    out: list[Part] = []
    added = False
    for p in parts:
        if isinstance(p, str):
            out.append(p[1:] if added and p.startswith(" ") else p)
            added = False
            continue
        added = p.gap == ADDED
        out.append(dataclasses.replace(p, gap="") if p.gap else p)
        if p.gap in (DROPPED, DROPPED_OF_RUN):
            out.append(" ")
    return normalise_parts(out)


def without_gaps(parts: Sequence[Part]) -> list[Part]:
    """``parts`` with no code marked with a :data:`InlineCode.gap <.inline.InlineCode>`, normalised: the text
    and codes alone, to compare a reading with one made by another version of :func:`spaced_parts`."""
    return normalise_parts([dataclasses.replace(p, gap="") if isinstance(p, InlineCode) and p.gap else p
                            for p in parts])
