"""Length-sorted batching under a token budget.

Sorting by length keeps padding (wasted compute) small; the budget bounds the padded size of a batch
(sentences x longest sentence), which is what memory and time scale with. Longest sentences go first, so
an out-of-memory failure shows up at once and the progress bar's ETA errs on the safe side.
"""

from __future__ import annotations

from collections.abc import Sequence


def make_batches(lengths: Sequence[int], max_sentences: int, max_tokens: int) -> list[list[int]]:
    """Split indices ``0..len(lengths)-1`` into batches, longest first; every batch holds at most
    ``max_sentences`` items and at most ``max_tokens`` padded tokens (a single longer sentence still gets
    a batch of its own). Indices within a batch are in descending length order."""
    if max_sentences < 1 or max_tokens < 1:
        raise ValueError("max_sentences and max_tokens must be >= 1")
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        length = max(1, lengths[i])
        if current and (len(current) + 1 > max_sentences or max(longest, length) * (len(current) + 1) > max_tokens):
            batches.append(current)
            current, longest = [], 0
        current.append(i)
        longest = max(longest, length)
    if current:
        batches.append(current)
    return batches
