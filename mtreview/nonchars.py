"""The noncharacters U+FFFE and U+FFFF, removed from every text read.

They are no characters (U+FFFE is a byte-swapped BOM) and XML 1.0 cannot hold them: removed and counted by
the text-file readers (``textio``) as by the bilingual ones (``formats.repairs``) and from reviewers' notes,
so one corpus does not differ by the format it came in; between two word characters they become a space,
as control characters do.
"""

from __future__ import annotations

import re

_NONCHAR_RE = re.compile("[\ufffe\uffff]")
_NONCHAR_IN_WORDS_RE = re.compile("(?<=\\w)[\ufffe\uffff]+(?=\\w)")


def strip_nonchars(text: str) -> tuple[str, int]:
    """Drop the noncharacters U+FFFE/U+FFFF; a run of them between two word characters becomes one space.
    Returns (text, how many went)."""
    if not _NONCHAR_RE.search(text):  # the common case, as in strip_controls: one scan, no list, no copy
        return text, 0
    n = len(_NONCHAR_RE.findall(text))
    return _NONCHAR_RE.sub("", _NONCHAR_IN_WORDS_RE.sub(" ", text)), n
