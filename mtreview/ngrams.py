"""Exact n-gram counting for a group of strings scored together, vectorised with numpy.

Symbols (characters or words) are numbered over the group; an n-gram is then one integer packing its
symbol numbers (b bits each) with its order in the top bits, so all n-grams of all strings and orders are
counted by one ``np.unique`` + ``np.bincount`` into a matrix ``counts[distinct n-gram, string]``. Multiset
intersections of any two strings (``min`` of counts, summed per order) and BLEU's clipped counts against
several references (``min(hyp, max over refs)``) are then whole-matrix operations. Integers throughout:
the statistics are exactly sacrebleu's. Groups whose n-grams do not fit 56 bits (more than 512 distinct
characters, or 16384 distinct words) number each n-gram through a dictionary instead: slower, same counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

# An n-gram key: its order (0-based, up to 15) above 56 bits of packed symbol numbers; for counting, the
# string's number is shifted in below (3 bits, up to 8 strings): 63 bits, a signed 64-bit integer.
_PAYLOAD_BITS = 56
_OWNER_BITS = 3


def symbol_ids(seqs: Sequence[Sequence]) -> tuple[list[np.ndarray], int]:
    """Number the symbols of several sequences (of hashables) together; returns id arrays and the bits
    one id needs."""
    vocab = {sym: i for i, sym in enumerate(dict.fromkeys(sym for seq in seqs for sym in seq))}
    get = vocab.__getitem__
    ids = [np.array(list(map(get, seq)), dtype=np.int64) for seq in seqs]
    return ids, max(1, (len(vocab) - 1).bit_length())


def char_ids(lines: Sequence[str]) -> tuple[list[np.ndarray], int]:
    """Number the characters of several strings together. Code points below 512 (ASCII and Latin-1
    letters) serve as their own numbers; otherwise the characters present are renumbered."""
    codes = [np.frombuffer(line.encode("utf-32-le"), dtype="<u4").astype(np.int64) for line in lines]
    lengths = [len(c) for c in codes]
    if not any(lengths):
        return codes, 1
    top = max(int(c.max()) for c in codes if len(c))
    if top < 512:
        return codes, max(1, top.bit_length())
    uniq, inv = np.unique(np.concatenate(codes), return_inverse=True)
    inv = inv.astype(np.int64).reshape(-1)
    out, pos = [], 0
    for n in lengths:
        out.append(inv[pos:pos + n])
        pos += n
    return out, max(1, (len(uniq) - 1).bit_length())


class NgramCounts:
    """Counts of n-grams for ``S`` strings, in one or more *channels* (say characters of orders 1..6 and
    words of orders 1..2): ``channels`` is a list of (symbol id arrays, one per string; bits per id;
    orders). Orders are numbered over all channels: channel 0's orders first, then channel 1's, ..."""

    def __init__(self, channels: Sequence[tuple[Sequence[np.ndarray], int, int]]) -> None:
        self.size = size = len(channels[0][0])
        self.orders = sum(c[2] for c in channels)
        self.offsets: list[int] = []  # first global order of each channel
        tag = 0
        for _, _, orders in channels:
            self.offsets.append(tag)
            tag += orders
        keys, owners = self._keys(channels)
        if len(keys):
            self._count(keys, owners)
        else:
            self.counts = np.zeros((0, size), dtype=np.int64)
            self.bounds = np.zeros(self.orders + 1, dtype=np.int64)
        self.totals: list[list[int]] = self._per_order(self.counts)  # [order][string]
        self._pairs: dict[tuple[int, int], int] | None = None
        self._matches: list[list[int]] = []  # [pair][order], all pairs at once on first use

    def _keys(self, channels: Sequence[tuple[Sequence[np.ndarray], int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """Every n-gram's key and the string it belongs to, channel by channel, order by order."""
        keys, owners = [], []
        for (ids, bits, orders), tag in zip(channels, self.offsets, strict=True):
            lengths = [len(x) for x in ids]
            total = sum(lengths)
            # All strings end to end; an n-gram at position i is kept if it does not run past its string.
            x = np.concatenate(ids) if total else np.zeros(0, dtype=np.int64)
            owner = np.repeat(np.arange(self.size, dtype=np.int64), lengths)
            remaining = np.repeat(np.cumsum(lengths), lengths) - np.arange(total)
            packed = bits * orders <= _PAYLOAD_BITS
            k = x
            for n in range(1, min(orders, max(lengths, default=0)) + 1):
                valid = remaining[: total - n + 1] >= n
                if n > 1:
                    k = (k[:-1] << bits) | x[n - 1:] if packed else self._dict_keys(x, n)
                keys.append(k[valid] | ((tag + n - 1) << _PAYLOAD_BITS))
                owners.append(owner[: total - n + 1][valid])
        if not keys:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(keys), np.concatenate(owners)

    @staticmethod
    def _dict_keys(x: np.ndarray, n: int) -> np.ndarray:
        """n-gram ids through a dictionary (for symbol sets too large to pack); windows across strings
        get ids too, and are dropped by the caller."""
        xs = x.tolist()
        d: dict = {}
        return np.fromiter((d.setdefault(tuple(xs[i:i + n]), len(d)) for i in range(len(xs) - n + 1)),
                           dtype=np.int64, count=max(0, len(xs) - n + 1))

    def _count(self, keys: np.ndarray, owners: np.ndarray) -> None:
        """Fill ``counts`` (distinct n-gram x string) and the row range of each order (``bounds``)."""
        size = self.size
        if size <= 1 << _OWNER_BITS:
            # The string number rides in the low bits, so one plain sort groups equal (n-gram, string)
            # pairs, and run lengths are their counts: cheaper than np.unique's argsort.
            packed = np.sort((keys << _OWNER_BITS) | owners)
            starts = np.flatnonzero(np.concatenate(([True], packed[1:] != packed[:-1])))
            runs = np.diff(np.append(starts, len(packed)))
            run_keys = packed[starts]
            grams = run_keys >> _OWNER_BITS
            new_gram = np.concatenate(([True], grams[1:] != grams[:-1]))
            row = np.cumsum(new_gram) - 1
            uniq = grams[new_gram]
            counts = np.zeros(len(uniq) * size, dtype=np.int64)
            counts[row * size + (run_keys & ((1 << _OWNER_BITS) - 1))] = runs
        else:
            uniq, inv = np.unique(keys, return_inverse=True)
            counts = np.bincount(inv.reshape(-1) * size + owners, minlength=len(uniq) * size)
        self.counts = counts.reshape(len(uniq), size)
        self.bounds = np.searchsorted(uniq, [o << _PAYLOAD_BITS for o in range(self.orders + 1)])

    def _per_order(self, matrix: np.ndarray) -> list[list[int]]:
        """Column sums of ``matrix`` within each order's block of rows, as Python ints."""
        cs = np.zeros((matrix.shape[0] + 1, matrix.shape[1]), dtype=np.int64)
        np.cumsum(matrix, axis=0, out=cs[1:])
        return (cs[self.bounds[1:]] - cs[self.bounds[:-1]]).tolist()

    def matches(self, a: int, b: int) -> list[int]:
        """Size of the multiset intersection of strings a and b, per (global) order."""
        if self._pairs is None:
            # All pairs at once: one (distinct n-grams x pairs) minimum is cheaper than many small ones.
            pairs = list(combinations(range(self.size), 2))
            self._pairs = {p: i for i, p in enumerate(pairs)}
            if pairs:
                left = [p[0] for p in pairs]
                right = [p[1] for p in pairs]
                per_order = self._per_order(np.minimum(self.counts[:, left], self.counts[:, right]))
                self._matches = [list(col) for col in zip(*per_order, strict=True)]  # [pair][order]
        return self._matches[self._pairs[(a, b) if a < b else (b, a)]]

    def clipped(self, hyp: int, refs: Sequence[int], first: int, orders: int) -> list[int]:
        """BLEU's matched counts for global orders first..first+orders-1: min(hypothesis count, largest
        count in any reference)."""
        rows = slice(self.bounds[first], self.bounds[first + orders])
        block = self.counts[rows]
        best = block[:, list(refs)].max(axis=1) if len(refs) > 1 else block[:, refs[0]]
        clipped = np.minimum(block[:, hyp], best)
        cs = np.concatenate(([0], np.cumsum(clipped)))
        edges = self.bounds[first:first + orders + 1] - self.bounds[first]
        return (cs[edges[1:]] - cs[edges[:-1]]).tolist()
