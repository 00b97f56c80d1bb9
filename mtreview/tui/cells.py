"""Text for fixed-width columns whose width every terminal agrees on.

Rich (15+) measures a grapheme cluster as a terminal with full emoji support draws it: "☺️" (a symbol with
the emoji variation selector), a ZWJ sequence such as the family "👨‍👩‍👧" and a skin-toned "👍🏽" are two cells
each. Many terminals (tmux 3.3, xterm, the Linux console, older VTE) measure code point by code point with
``wcwidth``: one cell, six cells and four cells. Where they disagree, every column after such a text moves
(QA: the segment list's "│" and the MT column stood up to four cells off on an emoji row in tmux).

``steady`` drops the code points that only join or restyle a cluster, so that what is left measures the same
both ways: a family shows as its three people, a symbol in its text form, a thumb without its skin tone (the
list's cells). ``steady_in_place`` puts a zero-width space in place of each (every other view: the detail
pane's highlights and search marks are offsets into the text, and keep their places); the text stored and
edited is never changed.
"""

from __future__ import annotations

import re

# VS15/VS16 (text/emoji presentation), the zero-width joiner, the skin-tone modifiers, and the tag
# characters of the subdivision flags (England's 🏴 is a black flag followed by tags and a cancel tag).
_CLUSTER_GLUE_RE = re.compile("[\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
ZERO_WIDTH_SPACE = "\u200b"  # no width for Rich nor wcwidth, and a grapheme break on both sides


def steady(text: str) -> str:
    """``text`` without emoji presentation selectors, zero-width joiners, skin-tone modifiers and tag
    characters: its Rich cell width is then the sum of its code points' ``wcwidth``."""
    return _CLUSTER_GLUE_RE.sub("", text)


def steady_in_place(text: str) -> str:
    """``text`` with a zero-width space in place of each code point ``steady`` drops: as wide as ``steady(text)``
    in every terminal, and as long as ``text``."""
    return _CLUSTER_GLUE_RE.sub(ZERO_WIDTH_SPACE, text)
