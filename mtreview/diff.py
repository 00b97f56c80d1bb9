"""Word-level differences between the MT and a pseudo-reference, as character spans over the MT.

``diff_spans(mt, ref)`` returns ``[(start, end, kind)]`` with ``mt[start:end]`` the words concerned:
``"replace"`` (MT words where the reference has other words), ``"insert"`` (MT words the reference does
not have) and ``"delete"`` (an empty span, ``start == end``, where reference words are missing from the
MT). Spans are sorted and never overlap; the TUI highlights them as they are.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# Words (letters/digits, with inner apostrophes or hyphens) and single punctuation marks.
_TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*|[^\w\s]|_+")

Span = tuple[int, int, str]


def tokens_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for every word and punctuation mark of ``text``."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def diff_spans(mt: str, ref: str) -> list[Span]:
    """Where ``mt`` differs from ``ref``, word by word (case-sensitive), as spans over ``mt``."""
    a = tokens_with_offsets(mt)
    b = [t for t, _, _ in tokens_with_offsets(ref)]
    matcher = SequenceMatcher(None, [t for t, _, _ in a], b, autojunk=False)
    spans: list[Span] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "delete":  # in the MT only
            spans.append((a[i1][1], a[i2 - 1][2], "insert"))
        elif tag == "insert":  # in the reference only: an empty span where the MT lacks words
            pos = a[i1][1] if i1 < len(a) else (a[-1][2] if a else 0)
            spans.append((pos, pos, "delete"))
        else:
            spans.append((a[i1][1], a[i2 - 1][2], "replace"))
    return spans
