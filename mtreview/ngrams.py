"""Exact n-gram counting for a group of strings scored together, vectorised with numpy.

Symbols (characters or words) are numbered over the group; an n-gram is then one integer packing its
symbol numbers (b bits each) with its order in the top bits, so all n-grams of all strings and orders are
counted by one sort + ``np.bincount`` into a matrix ``counts[string, distinct n-gram]``. Multiset
intersections of any two strings (``min`` of counts, summed per order) and BLEU's clipped counts against
several references (``min(hyp, max over refs)``) are then whole-matrix operations. Integers throughout:
the statistics are exactly sacrebleu's. Groups whose n-grams do not fit 56 bits (more than 512 distinct
characters, or 16384 distinct words) number each n-gram through a dictionary instead: slower, same counts.

``count_strings`` is the entry point for whole strings: it uses the C module ``mtreview._ngram_native``
(``native/ngrams.c``: the same counts and statistics, read straight from the str objects) when it was
built, else tokenises here and counts with ``NgramCounts``, which stays the reference the tests compare
the C module with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain, combinations
from typing import Any

import numpy as np

from . import accel
from .metric_tokens import PROBES_13A, bleu_words, chrf_words

# The C module, or None (not built, or MTREVIEW_NO_NATIVE): looked up once, on import.
NATIVE = accel.load("_ngram_native")

# How ``count_strings`` reads a string (the C module's numbering): its characters without whitespace
# (chrF), its words as str.split() gives them (BLEU, on text tokenised beforehand), its words with leading
# or trailing punctuation split off (chrF++, sacrebleu's ``CHRF._remove_punctuation``), or the tokens of
# sacrebleu's 13a tokenizer applied to the string rstrip()'d (BLEU's default, as ``BLEU`` calls it).
CHARS, WORDS, CHRF_WORDS, BLEU_13A = 0, 1, 2, 3

# An n-gram key: its order (0-based, up to 15) above 56 bits of packed symbol numbers; for counting, the
# string's number is shifted in below (3 bits, up to 8 strings): 63 bits, a signed 64-bit integer.
_PAYLOAD_BITS = 56
_OWNER_BITS = 3
_MAX_ORDERS = 16
_ORDER_STARTS = np.arange(_MAX_ORDERS + 1, dtype=np.int64) << _PAYLOAD_BITS  # first key of each order
_GRAMS = np.arange(1, _MAX_ORDERS + 1, dtype=np.int64)[:, None]  # n, as a column
_GRAM_TAGS = (_GRAMS - 1) << (_PAYLOAD_BITS + _OWNER_BITS)  # n - 1 in the order bits of an owned key

_Channel = tuple[np.ndarray, Sequence[int], int, int]  # ids end to end, lengths, bits per id, orders


def symbol_ids(seqs: Sequence[Sequence]) -> tuple[np.ndarray, list[int], int]:
    """Number the symbols of several sequences (of hashables) together; returns the ids of all sequences
    end to end, each sequence's length, and the bits one id needs."""
    flat = [sym for seq in seqs for sym in seq]
    vocab = {sym: i for i, sym in enumerate(dict.fromkeys(flat))}
    ids = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
    return ids, [len(seq) for seq in seqs], max(1, (len(vocab) - 1).bit_length())


def char_ids(lines: Sequence[str]) -> tuple[np.ndarray, list[int], int]:
    """Number the characters of several strings together (as ``symbol_ids``). Code points below 512 (ASCII
    and Latin-1 letters) serve as their own numbers; otherwise the characters present are renumbered."""
    lengths = [len(line) for line in lines]
    # surrogatepass: a lone surrogate is one code point like any other (sacrebleu counts it so)
    codes = np.frombuffer("".join(lines).encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
    if not len(codes):
        return codes, lengths, 1
    top = int(codes.max())
    if top < 512:
        return codes, lengths, max(1, top.bit_length())
    uniq, inv = np.unique(codes, return_inverse=True)
    return inv.astype(np.int64).reshape(-1), lengths, max(1, (len(uniq) - 1).bit_length())


class NgramCounts:
    """Counts of n-grams for ``S`` strings, in one or more *channels* (say characters of orders 1..6 and
    words of orders 1..2): ``channels`` is a list of (symbol ids of all strings end to end, the length of
    each string, bits per id, orders), as ``symbol_ids`` and ``char_ids`` return them. Orders are numbered
    over all channels: channel 0's orders first, then channel 1's, ...

    ``counts[string, n-gram]`` holds the counts, n-grams sorted by order (``bounds[o]:bounds[o + 1]`` are
    order o's columns); ``totals[order][string]`` the number of n-grams."""

    def __init__(self, channels: Sequence[_Channel]) -> None:
        self.size = size = len(channels[0][1])
        self.orders = sum(c[3] for c in channels)
        if self.orders > _MAX_ORDERS:
            raise ValueError(f"at most {_MAX_ORDERS} orders in all")
        self.offsets: list[int] = []  # first global order of each channel
        tag = 0
        for _, _, _, orders in channels:
            self.offsets.append(tag)
            tag += orders
        # [order][string]: a string of L symbols has max(0, L - n + 1) n-grams of order n
        self.totals: list[list[int]] = []
        for _, lengths, _, orders in channels:
            self.totals += [[m - n if m > n else 0 for m in lengths] for n in range(orders)]
        self.counts = np.zeros((size, 0), dtype=np.int64)
        self.bounds = np.zeros(self.orders + 1, dtype=np.int64)
        if size <= 1 << _OWNER_BITS and all(bits * orders <= _PAYLOAD_BITS for _, _, bits, orders in channels):
            self._count_packed(channels)
        else:
            keys, owners = self._keys(channels)
            if len(keys):
                uniq, inv = np.unique(keys, return_inverse=True)
                counts = np.bincount(owners * len(uniq) + inv.reshape(-1), minlength=len(uniq) * size)
                self._set_counts(counts.reshape(size, len(uniq)), uniq)
        self._pairs: dict[tuple[int, int], int] | None = None
        self._matches: list[list[int]] = []  # [pair][order], all pairs at once on first use

    def _count_packed(self, channels: Sequence[_Channel]) -> None:
        """The common case (few strings, n-grams that pack into 56 bits): every n-gram of every channel and
        order in one (order x position) key matrix, the string number in the low bits, then one sort.

        Segments are short (~100 characters), so numpy's per-call overhead, not the arithmetic, is the cost:
        this makes a fixed ~25 calls whatever the number of channels and orders."""
        lengths, table = [], []
        end = 0
        for (_, sizes, bits, orders), tag in zip(channels, self.offsets, strict=True):
            for s, m in enumerate(sizes):
                if m:
                    lengths.append(m)
                    end += m
                    table.append((bits, end, orders, (tag << (_PAYLOAD_BITS + _OWNER_BITS)) | s))
        if not table:
            return
        x = np.concatenate([c[0] for c in channels]) if len(channels) > 1 else channels[0][0]
        total = len(x)
        # Per position: bits per symbol, where its string ends, its channel's orders, its key's tag and owner.
        per_string = np.fromiter(chain.from_iterable(table), np.int64, 4 * len(table)).reshape(-1, 4).T
        bits, ends, orders, base = np.repeat(per_string, lengths, axis=1)  # contiguous rows
        top = min(max(t[2] for t in table), max(lengths))
        # keys[n - 1, i]: the n-gram starting at i. Where it would run past its string the value is garbage
        # (the tail of each row is not even initialised): ``valid`` drops those.
        keys = np.empty((top, total), dtype=np.int64)
        keys[0] = x
        for n in range(1, top):
            np.left_shift(keys[n - 1, :-n], bits[:-n], out=keys[n, :-n])
            keys[n, :-n] |= x[n:]
        keys <<= _OWNER_BITS
        keys |= base
        keys += _GRAM_TAGS[:top]  # added, not or-ed: the order is the channel's first plus n - 1
        valid = np.minimum(ends - np.arange(total), orders) >= _GRAMS[:top]
        packed = np.sort(keys[valid])
        # Equal n-grams are now adjacent (per string, by the low bits): number the distinct ones, and
        # count (string, n-gram) pairs.
        grams = packed >> _OWNER_BITS
        new = np.empty(len(grams), dtype=bool)
        new[0] = True
        np.not_equal(grams[1:], grams[:-1], out=new[1:])
        row = np.add.accumulate(new.astype(np.int64))  # (faster than cumsum on booleans)
        row -= 1
        uniq = np.compress(new, grams)
        packed &= (1 << _OWNER_BITS) - 1
        packed *= len(uniq)
        packed += row
        self._set_counts(np.bincount(packed, minlength=len(uniq) * self.size).reshape(self.size, len(uniq)),
                         uniq)

    def _set_counts(self, counts: np.ndarray, uniq: np.ndarray) -> None:
        self.counts = counts
        self.bounds = np.searchsorted(uniq, _ORDER_STARTS[:self.orders + 1])

    def _keys(self, channels: Sequence[_Channel]) -> tuple[np.ndarray, np.ndarray]:
        """Every n-gram's key and the string it belongs to, channel by channel, order by order (the general
        path: any number of strings, keys through a dictionary where symbols do not pack)."""
        keys, owners = [], []
        for (x, lengths, bits, orders), tag in zip(channels, self.offsets, strict=True):
            total = sum(lengths)
            # All strings end to end; an n-gram at position i is kept if it does not run past its string.
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

    def _sums(self, extra: tuple[int, Sequence[int]] | None = None) -> list[int] | None:
        """Fill the multiset intersections of every pair of strings, per order, in one pass (a (pairs x
        n-grams) minimum, one running sum); with ``extra`` = (hyp, refs), BLEU's clipped counts of that
        hypothesis in the same pass, returned per order."""
        pairs, index = _pair_index(self.size)
        c = self.counts
        width = c.shape[1]
        m = np.zeros((len(pairs) + (extra is not None), width + 1), dtype=np.int64)
        if len(pairs) <= 6:  # up to 4 strings: one call per pair beats gathering rows by fancy indexing
            for k, (a, b) in enumerate(pairs):
                np.minimum(c[a], c[b], out=m[k, 1:])
        else:
            np.minimum(c[[p[0] for p in pairs]], c[[p[1] for p in pairs]], out=m[:len(pairs), 1:])
        if extra is not None:
            hyp, refs = extra
            np.minimum(c[hyp], _row_max(c, refs), out=m[-1, 1:])
        np.cumsum(m, axis=1, out=m)
        sums = (m[:, self.bounds[1:]] - m[:, self.bounds[:-1]]).tolist()
        self._matches = sums[:len(pairs)]
        self._pairs = index  # only now: a failure above (a bad index in extra) leaves nothing half set
        return sums[-1] if extra is not None else None

    def matches(self, a: int, b: int) -> list[int]:
        """Size of the multiset intersection of strings a and b, per (global) order."""
        if not (0 <= a < self.size and 0 <= b < self.size):
            raise IndexError(f"strings {a}, {b}: out of range (0..{self.size - 1})")
        if a == b:  # a string with itself: all its n-grams
            return [row[a] for row in self.totals]
        if self._pairs is None:
            self._sums()
        return self._matches[self._pairs[(a, b) if a < b else (b, a)]]  # type: ignore[index]

    def chrf_stats(self, hyp: int, ref: int, orders: int) -> list[int]:
        """sacrebleu's chrF statistics of the first ``orders`` global orders: [hypothesis n-grams, reference
        n-grams, matches] per order, the first 0 where the reference has no n-grams of that order (sacrebleu
        counts none then)."""
        out: list[int] = []
        totals, matches = self.totals, self.matches(hyp, ref)
        for i in range(orders):
            n_ref = totals[i][ref]
            out += [totals[i][hyp] if n_ref else 0, n_ref, matches[i]]
        return out

    def chrf_sums(self, hyp: int, ref: int, orders: int) -> list[tuple[float, float, int]]:
        """chrF's running (precision sum, recall sum, effective order) after each of the first ``orders``
        global orders, added in sacrebleu's order (``CHRF._compute_f_score``)."""
        totals, matches = self.totals, self.matches(hyp, ref)
        prec = rec = 0.0
        eff = 0
        out = []
        for i in range(orders):
            n_hyp, n_ref = totals[i][hyp], totals[i][ref]
            if n_hyp > 0 and n_ref > 0:
                prec += matches[i] / n_hyp
                rec += matches[i] / n_ref
                eff += 1
            out.append((prec, rec, eff))
        return out

    def clipped(self, hyp: int, refs: Sequence[int], first: int, orders: int) -> list[int]:
        """BLEU's matched counts for global orders first..first+orders-1: min(hypothesis count, largest
        count in any reference)."""
        if not refs:
            raise ValueError("clipped counts need at least one reference")
        if self._pairs is None:  # the usual first question: answer the pairs' too while at it
            return self._sums((hyp, refs))[first:first + orders]  # type: ignore[index]
        c = self.counts
        cs = np.zeros(c.shape[1] + 1, dtype=np.int64)
        np.cumsum(np.minimum(c[hyp], _row_max(c, refs)), out=cs[1:])
        edges = self.bounds[first:first + orders + 1]
        return (cs[edges[1:]] - cs[edges[:-1]]).tolist()


def count_strings(channels: Sequence[tuple[int, Sequence[str], int]], native: bool = True) -> Any:
    """N-gram counts of S strings read in several ways: ``channels`` = [(mode, the S strings, orders)] with
    mode ``CHARS``, ``WORDS``, ``CHRF_WORDS`` or ``BLEU_13A``. Returns an object with
    ``totals[order][string]``, ``matches(a, b)``, ``clipped(hyp, refs, first, orders)``, ``chrf_stats`` and
    ``chrf_sums`` as ``NgramCounts`` has them (orders numbered over all channels): the C module's ``Counts``
    unless it is not built or ``native`` is False."""
    if native and NATIVE is not None:
        if not _native_13a_agrees() and any(mode == BLEU_13A for mode, _, _ in channels):
            channels = [(WORDS, [" ".join(_words_13a(t)) for t in strings], orders) if mode == BLEU_13A
                        else (mode, strings, orders) for mode, strings, orders in channels]
        return NATIVE.Counts(channels)
    readers: dict[int, Callable[[str], list[str]]] = {WORDS: str.split, CHRF_WORDS: chrf_words,
                                                      BLEU_13A: _words_13a}
    if not channels or len({len(strings) for _, strings, _ in channels}) != 1:
        raise ValueError("at least one channel, each with the same number of strings")
    for mode, strings, _ in channels:
        if mode != CHARS and mode not in readers:
            raise ValueError(f"unknown channel mode {mode!r}")
        if isinstance(strings, str) or not all(isinstance(t, str) for t in strings):
            raise TypeError("a channel's strings must be a sequence of str")
    # Word channels are numbered with one vocabulary: one dictionary to build, not one per channel.
    words = [[readers[mode](t) for t in strings] for mode, strings, _ in channels if mode != CHARS]
    ids, lengths, bits = symbol_ids([w for seqs in words for w in seqs])
    parts: list[_Channel] = []
    start = k = 0
    for mode, strings, orders in channels:
        if mode == CHARS:
            parts.append((*char_ids(["".join(t.split()) for t in strings]), orders))
        else:
            lens = lengths[k:k + len(strings)]
            end = start + sum(lens)
            parts.append((ids[start:end], lens, bits, orders))
            start, k = end, k + len(strings)
    return NgramCounts(parts)


def _words_13a(line: str) -> list[str]:
    """BLEU's 13a tokens of a string, as ``BLEU`` tokenises it (rstrip()'d first)."""
    return bleu_words("13a")(line.rstrip())


@lru_cache(maxsize=1)
def _native_13a_agrees() -> bool:
    """Whether the C module's 13a tokens are sacrebleu's on strings made to exercise every rule (a
    sacrebleu release that changed its tokenizer would make them differ: the Python tokens are used then)."""
    from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

    tok = Tokenizer13a()
    return NATIVE is not None and all(NATIVE.words(BLEU_13A, p) == tok(p.rstrip()).split() for p in PROBES_13A)


def _row_max(counts: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    """Element-wise maximum of some rows (a reference's count of each n-gram, the largest among them)."""
    best = counts[rows[0]]
    for r in rows[1:]:
        best = np.maximum(best, counts[r])
    return best


@lru_cache(maxsize=16)
def _pair_index(size: int) -> tuple[list[tuple[int, int]], dict[tuple[int, int], int]]:
    """The pairs of ``size`` strings in order, and each pair's position (shared: never modified)."""
    pairs = list(combinations(range(size), 2))
    return pairs, {p: i for i, p in enumerate(pairs)}
