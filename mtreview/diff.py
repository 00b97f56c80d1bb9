"""Word-level differences between the MT and a pseudo-reference, as character spans over the MT.

``diff_spans(mt, ref)`` returns ``[(start, end, kind)]`` with ``mt[start:end]`` the words concerned:
``"replace"`` (MT words where the reference has other words), ``"insert"`` (MT words the reference does
not have) and ``"delete"`` (an empty span, ``start == end``, where reference words are missing from the
MT). Spans are sorted and never overlap; the TUI highlights them as they are.

The word alignment is exactly ``difflib.SequenceMatcher(None, mt_words, ref_words, autojunk=False)``'s
(tests compare the two): the longest common run of words first (earliest in the MT, then in the
reference, on ties), then the same on each side of it. Without junk that search needs none of
SequenceMatcher's junk and popularity bookkeeping, and it runs once per segment at corpus scale, so it is
written out here for speed.

That search is quadratic in the matches of each level, and a long, repetitive segment (a repetition loop,
a pasted list) can make it cost minutes. Past a fixed amount of work (``WORK_BUDGET`` word comparisons,
a fraction of a second) the diff falls back to a linear one: runs of MT words the reference does not
contain at all are ``"insert"`` spans. Ordinary segments never come near the budget.
"""

from __future__ import annotations

import re
import unicodedata

# Words (letters/digits, with inner apostrophes or hyphens) and single punctuation marks.
_TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*|[^\w\s]|_+")

Span = tuple[int, int, str]
WORK_BUDGET = 2_000_000


class _OverBudget(Exception):
    pass


def tokens_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for every word and punctuation mark of ``text``."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _longest_match(a: list[str], b2j: dict[str, list[int]], alo: int, ahi: int, blo: int,
                   bhi: int, budget: list[int]) -> tuple[int, int, int]:
    """The longest run ``a[i:i+k] == b[j:j+k]`` inside the ranges: smallest i, then smallest j, on ties
    (SequenceMatcher.find_longest_match without junk, where its run extensions never apply). Spends
    ``budget[0]`` (word comparisons) and raises ``_OverBudget`` when it runs out."""
    besti, bestj, bestsize = alo, blo, 0
    runs: dict[int, int] = {}  # j -> length of the run of matches ending at (i - 1, j)
    nothing: list[int] = []
    for i in range(alo, ahi):
        get = runs.get
        new: dict[int, int] = {}
        js = b2j.get(a[i], nothing)
        budget[0] -= len(js)
        if budget[0] < 0:
            raise _OverBudget
        for j in js:
            if j < blo:
                continue
            if j >= bhi:
                break
            k = new[j] = get(j - 1, 0) + 1
            if k > bestsize:
                besti, bestj, bestsize = i - k + 1, j - k + 1, k
        runs = new
    return besti, bestj, bestsize


def _matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """SequenceMatcher.get_matching_blocks (adjacent blocks merged, the (len(a), len(b), 0) sentinel)."""
    b2j: dict[str, list[int]] = {}
    for j, word in enumerate(b):
        b2j.setdefault(word, []).append(j)
    blocks = []
    queue = [(0, len(a), 0, len(b))]
    budget = [WORK_BUDGET]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = found = _longest_match(a, b2j, alo, ahi, blo, bhi, budget)
        if k:
            blocks.append(found)
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    blocks.sort()
    merged = []
    i1 = j1 = k1 = 0
    for i2, j2, k2 in blocks:
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                merged.append((i1, j1, k1))
            i1, j1, k1 = i2, j2, k2
    if k1:
        merged.append((i1, j1, k1))
    merged.append((len(a), len(b), 0))
    return merged


def diff_spans(mt: str, ref: str) -> list[Span]:
    """Where ``mt`` differs from ``ref``, word by word (case-sensitive), as spans over ``mt``. Words are
    compared in Unicode NFC: an MT with decomposed accents (NFD) against NFC text had every accented word
    marked, and its accents split off as tokens of their own (QA). Spans stay offsets into ``mt`` as given."""
    if _is_nfc(mt) and _is_nfc(ref):
        return _diff_spans(mt, ref)
    composed = _composed(mt)
    if composed is None:
        return _diff_spans(mt, ref)
    text, orig = composed
    return [(orig[a], orig[b], kind) for a, b, kind in _diff_spans(text, unicodedata.normalize("NFC", ref))]


def _is_nfc(text: str) -> bool:
    return text.isascii() or unicodedata.is_normalized("NFC", text)


def _composed(text: str) -> tuple[str, list[int]] | None:
    """``text`` in NFC and, for each offset into it (its end included), the offset into ``text``: NFC
    composes a base character with the marks after it, so each run of them is normalised on its own. None
    where that is not the NFC of the whole (two base characters that compose, as Hangul jamo do): the caller
    then compares the text as it is."""
    parts: list[str] = []
    orig: list[int] = []
    start = 0
    for end in [*(i for i in range(1, len(text)) if not unicodedata.combining(text[i])), len(text)]:
        part = unicodedata.normalize("NFC", text[start:end])
        parts.append(part)
        orig += [start] + [end] * (len(part) - 1)  # a mark left over inside a run maps to its end
        start = end
    orig.append(len(text))
    out = "".join(parts)
    return (out, orig) if out == unicodedata.normalize("NFC", text) else None


def _diff_spans(mt: str, ref: str) -> list[Span]:
    a = _TOKEN_RE.findall(mt)
    b = _TOKEN_RE.findall(ref)
    spans: list[Span] = []
    if a == b:
        return spans
    # Token offsets: only whitespace lies between tokens (every other character starts one), so each token
    # is the first occurrence of its text after the previous one.
    starts = []
    pos = 0
    for tok in a:
        pos = mt.find(tok, pos)
        starts.append(pos)
        pos += len(tok)
    try:
        blocks = _matching_blocks(a, b)
    except _OverBudget:
        return _unshared_runs(a, set(b), starts)
    i = j = 0
    for ai, bj, size in blocks:
        # The opcodes between two matching blocks, as SequenceMatcher.get_opcodes names them.
        if i < ai:  # MT words: 'replace' when reference words stand there too, else in the MT only
            spans.append((starts[i], starts[ai - 1] + len(a[ai - 1]), "replace" if j < bj else "insert"))
        elif j < bj:  # reference words only: an empty span where the MT lacks them
            pos = starts[i] if i < len(a) else (starts[-1] + len(a[-1]) if a else 0)
            spans.append((pos, pos, "delete"))
        i, j = ai + size, bj + size
    return spans


def _unshared_runs(a: list[str], b_words: set[str], starts: list[int]) -> list[Span]:
    """The linear fallback: each run of MT tokens absent from the reference, as one ``"insert"`` span."""
    spans: list[Span] = []
    run_start = None
    for n, tok in enumerate(a):
        if tok not in b_words:
            if run_start is None:
                run_start = n
        elif run_start is not None:
            spans.append((starts[run_start], starts[n - 1] + len(a[n - 1]), "insert"))
            run_start = None
    if run_start is not None:
        spans.append((starts[run_start], starts[-1] + len(a[-1]), "insert"))
    return spans
