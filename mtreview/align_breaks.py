"""Sentence breaks and what they say about beads: paragraph starts, weak breaks (where splitters over-split)
and lines without final punctuation that are units of their own (page furniture)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np


def paragraph_starts(paragraphs: Sequence[int] | None, n: int) -> np.ndarray | None:
    """Which sentences start a paragraph; None when that tells nothing (no paragraphs given, a single
    paragraph, or one sentence per paragraph as with presegmented input)."""
    if paragraphs is None or n == 0 or len(paragraphs) != n:
        return None
    par = np.asarray(paragraphs)
    start = np.ones(n, dtype=bool)
    start[1:] = par[1:] != par[:-1]
    if start.all() or start.sum() <= 1:
        return None
    return start


_WEAK_END_RE = re.compile(r"[:;,\-–—]\s*$")
# A word of one or two letters before the final full stop: an initial or an abbreviation ("Ch.", "Nr.").
_INITIAL_END_RE = re.compile(r"(?:^|[\s.\-(])([^\W\d_]{1,2})\s*\.\s*$")


def weak_breaks(sentences: Sequence[str]) -> np.ndarray:
    """Whether the break after each sentence is weak: the sentence ends with a colon, semicolon, comma or
    dash, or with an initial ("Ch.", "B.M.", "Band-J."), or the next sentence starts with a lower-case
    letter. Sentence splitters (and translators) break at such places far more often than authors end a
    thought there. A line without final punctuation followed by a capital is a full break: a heading, a
    caption or page furniture, not half a sentence."""
    n = len(sentences)
    out = np.zeros(n, dtype=bool)
    for i, s in enumerate(sentences):
        t = s.rstrip()
        nxt = sentences[i + 1].lstrip() if i + 1 < n else ""
        initial = _INITIAL_END_RE.search(t)
        out[i] = (bool(_WEAK_END_RE.search(t)) or (bool(nxt) and nxt[0].islower())
                  or (initial is not None and initial.group(1)[0].isupper()))
    return out


# Sentence-final punctuation of the world's scripts (Latin, CJK, Devanagari's danda, Arabic, Urdu, Armenian,
# Ethiopic, Myanmar), then any closing quotes and brackets.
_FINAL_RE = re.compile(r"[.!?…。！？：；:;।॥؟۔։።။]['\"»”’)\]」』）]*\s*$")
# Share of a document's characters in lines without final punctuation beyond which none of them is furniture.
FURNITURE_SHARE = 0.5


def bare_lines(sentences: Sequence[str]) -> np.ndarray:
    """Which sentences end without final punctuation: lines of their own (a sentence splitter ends a
    sentence there only at a line break), such as headings, menu items, buttons and captions."""
    return np.array([bool(s.strip()) and not _FINAL_RE.search(s) for s in sentences], dtype=bool)


def _bare_share(bare: np.ndarray, lengths: np.ndarray) -> float:
    total = float(lengths.sum())
    return float(lengths[bare].sum()) / total if total > 0 else 0.0


def furniture_breaks(bare: np.ndarray, weak: np.ndarray, lengths: np.ndarray, other_bare: np.ndarray,
                     other_lengths: np.ndarray) -> np.ndarray | None:
    """Whether the break after each sentence borders a line without final punctuation that is a unit of its
    own (a heading, a menu item, "Share on Facebook"): a bead that joins it to a sentence across a full break
    is as unlikely as one across a paragraph break. None where most of the text of either document lacks
    final punctuation (subtitles, lists, verse, Thai): there a line is no unit of its own, and translations
    split and join lines freely (such a rule lost 1-2 beads of unpunctuated lines to 1-1 and 0-1)."""
    n = len(bare)
    if (n < 2 or not bare.any() or _bare_share(bare, lengths) >= FURNITURE_SHARE
            or _bare_share(other_bare, other_lengths) >= FURNITURE_SHARE):
        return None
    out = np.zeros(n, dtype=bool)
    out[:-1] = (bare[:-1] | bare[1:]) & ~weak[:-1]
    return out
