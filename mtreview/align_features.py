"""Sentence profiles for alignment: hashed character n-grams and anchors as sparse TF-IDF vectors.

A profile is a row of a CSR matrix over a vocabulary shared by every document compared in one space, so the
profile of several consecutive sentences is simply the sum of their rows (what a multi-sentence bead uses).

Text is normalised before hashing so that surface noise does not count: case folded, accents stripped,
Cyrillic/Greek transliterated to Latin (names and cognates then match across scripts), punctuation and
tokenisation spaces removed ("l' altitude" and "l'altitude" give the same n-grams). Punctuation that carries
meaning (? ! : quotes, brackets, a leading dash) and numbers are kept as separate anchor features.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Orders of the character n-grams (chrF uses 1..6). Uni- and bigrams match between any two texts of one
# script (and between cognate languages) and mostly add noise; 6-grams add little over 5-grams.
NGRAM_ORDERS = (3, 4, 5)

_TRANSLIT = {
    # Russian, Ukrainian, Belarusian, Bulgarian, Serbian Cyrillic: a plain scientific-ish romanisation that
    # is close to what English/German/French MT writes for names (Мухтаров -> mukhtarov).
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
    # Greek
    "α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
    "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
    "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
    # Letters that NFKD does not decompose
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ı": "i",
}
_TRANSLIT_TABLE = str.maketrans(_TRANSLIT)
_COMBINING_RE = re.compile(r"[\u0300-\u036f]")
_NON_WORD_RE = re.compile(r"[\W_]+")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
# Punctuation anchors: each class becomes one feature.
_PUNCT_CLASSES = {
    "?": "?", "¿": "?", "？": "?", "!": "!", "¡": "!", "！": "!", ":": ":", "：": ":", ";": ";",
    "(": "(", ")": "(", "[": "(", "]": "(",
    "\"": "q", "«": "q", "»": "q", "“": "q", "”": "q", "„": "q", "‘": "q", "’": "q", "‹": "q", "›": "q",
    "…": ".", "%": "%", "€": "$", "$": "$", "£": "$",
}
_DASH_START_RE = re.compile(r"^\s*[-–—―]")


def normalise(text: str) -> str:
    """Case-fold, strip accents, transliterate, and keep only letters and digits separated by one space,
    padded with a space on each side (so word starts and ends become n-grams)."""
    t = unicodedata.normalize("NFKD", text.casefold())
    t = _COMBINING_RE.sub("", t).translate(_TRANSLIT_TABLE)
    t = _NON_WORD_RE.sub(" ", t).strip()
    return f" {t} " if t else ""


def anchor_tokens(text: str) -> list[str]:
    """Language-independent anchors of a sentence: numbers, punctuation classes, a leading dash."""
    toks = ["#" + re.sub(r"\D", "", m) for m in _NUMBER_RE.findall(text)]
    toks.extend("p" + _PUNCT_CLASSES[ch] for ch in text if ch in _PUNCT_CLASSES)
    if _DASH_START_RE.match(text):
        toks.append("p-")
    return toks


_MULT = np.uint64(0x100000001B3)  # FNV-1 64-bit prime: a good enough multiplier for a polynomial hash


def _pack(hashes: np.ndarray, sids: np.ndarray, shift: np.uint64) -> np.ndarray:
    """Packed sort key: the hash's high bits, then the sentence id in the low ``shift`` bits."""
    return ((hashes >> shift) << shift) | sids.astype(np.uint64)


def _ngram_keys(texts: Sequence[str], orders: Sequence[int], first_sid: int, shift: np.uint64) -> list[np.ndarray]:
    """Packed keys of all character n-grams of ``texts``, computed on the whole document at once with
    numpy (a per-string Python loop would dominate the aligner's time on long documents)."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    joined = "\x00".join(texts) + "\x00"
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    owner = np.repeat(np.arange(first_sid, first_sid + len(texts), dtype=np.int64), lengths + 1)
    sep_cum = np.concatenate(([0], np.cumsum(cp == 0)))
    keys = []
    with np.errstate(over="ignore"):
        for n in orders:
            count = len(cp) - n + 1
            if count <= 0:
                continue
            h = cp[:count] + np.uint64(n * 0x9E3779B1)
            for t in range(1, n):
                h *= _MULT
                h += cp[t:t + count]
            ok = (sep_cum[n:n + count] - sep_cum[:count]) == 0
            keys.append(_pack(h[ok] >> np.uint64(1), owner[:count][ok], shift))  # top bit clear: not an anchor
    return keys


def _anchor_keys(token_lists: Sequence[Sequence[str]], first_sid: int, shift: np.uint64) -> np.ndarray:
    sids = np.asarray([first_sid + i for i, toks in enumerate(token_lists) for _ in toks], dtype=np.int64)
    # crc32 is stable across processes (Python's str hash is salted); placed in the high bits (which the
    # packed key keeps), with the top bit set to keep anchors apart from n-grams.
    hs = np.asarray([(zlib.crc32(tok.encode("utf-8")) << 31) | (1 << 63) for toks in token_lists for tok in toks],
                    dtype=np.uint64)
    return _pack(hs, sids, shift)


@dataclass
class Profiles:
    """Sparse TF-IDF rows (CSR): row ``i`` has columns ``ids[indptr[i]:indptr[i+1]]`` (sorted) and weights
    ``vals[...]``. Column ids refer to the vocabulary shared by every Profiles built in the same call."""

    indptr: np.ndarray
    ids: np.ndarray
    vals: np.ndarray
    # The same rows as a dense (n, d) matrix when every row has all d columns (sentence embeddings): the
    # similarity kernels then multiply matrices instead of joining sparse entries.
    dense: np.ndarray | None = None

    @classmethod
    def from_dense(cls, vectors: np.ndarray) -> Profiles:
        """Dense vectors (one row per sentence) as profiles whose column ids are the vector dimensions."""
        v = np.ascontiguousarray(vectors, dtype=np.float32)
        n, d = v.shape
        return cls(np.arange(n + 1, dtype=np.int64) * d, np.tile(np.arange(d, dtype=np.int64), n), v.ravel(), v)

    @property
    def n(self) -> int:
        return len(self.indptr) - 1

    def sq_norms(self) -> np.ndarray:
        """Squared L2 norm of each row."""
        sq = self.vals.astype(np.float64) ** 2
        csum = np.concatenate(([0.0], np.cumsum(sq)))
        return csum[self.indptr[1:]] - csum[self.indptr[:-1]]

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = self.indptr[i], self.indptr[i + 1]
        return self.ids[a:b], self.vals[a:b]

    def pool(self, groups: np.ndarray, n_groups: int) -> Profiles:
        """Sum rows into ``n_groups`` rows: row i goes to ``groups[i]`` (non-decreasing). Used for the
        coarse (downsampled) alignment pass."""
        counts = np.diff(self.indptr)
        owner = np.repeat(groups, counts)
        return _csr_from_pairs(owner, self.ids, self.vals.astype(np.float64), n_groups)


def without_neighbour(p: Profiles, shift: int) -> Profiles:
    """Row ``i`` without the features that row ``i + shift`` also has (unchanged where that row does not
    exist). What a sentence says that its neighbour does not: a name or a clause that only it carries,
    not the topic the two share."""
    counts = np.diff(p.indptr)
    if len(p.ids) == 0 or shift == 0:
        return Profiles(p.indptr.copy(), p.ids.copy(), p.vals.copy(), p.dense)
    owner = np.repeat(np.arange(p.n, dtype=np.int64), counts)
    n_ids = int(p.ids.max()) + 1
    key = owner * n_ids + p.ids  # sorted: rows in order, ids sorted within a row
    other = owner + shift
    probe = other * n_ids + p.ids
    pos = np.minimum(np.searchsorted(key, probe), len(key) - 1)
    shared = (other >= 0) & (other < p.n) & (key[pos] == probe)
    keep = ~shared
    indptr = np.concatenate(([0], np.cumsum(np.bincount(owner[keep], minlength=p.n)))).astype(np.int64)
    return Profiles(indptr, p.ids[keep], p.vals[keep])


def prune_common(profiles: Sequence[Profiles], max_fraction: float) -> list[Profiles]:
    """Drop features found in more than ``max_fraction`` of the rows of any of ``profiles`` (sharing one
    vocabulary). Such features weigh little (low IDF) but dominate the cost of comparing rows."""
    if not profiles:
        return []
    size = max(int(p.ids.max()) + 1 if len(p.ids) else 0 for p in profiles)
    drop = np.zeros(size, dtype=bool)
    for p in profiles:
        if p.n:
            df = np.bincount(p.ids, minlength=size)
            drop |= df > max(2.0, max_fraction * p.n)
    out = []
    for p in profiles:
        keep = ~drop[p.ids] if len(p.ids) else np.zeros(0, dtype=bool)
        owner = np.repeat(np.arange(p.n), np.diff(p.indptr))[keep]
        indptr = np.zeros(p.n + 1, np.int64)
        np.add.at(indptr, owner + 1, 1)
        out.append(Profiles(np.cumsum(indptr), p.ids[keep], p.vals[keep]))
    return out


def _csr_from_pairs(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n_rows: int) -> Profiles:
    """Build CSR rows from (row, col, value) triples, summing duplicates."""
    if len(rows) == 0:
        return Profiles(np.zeros(n_rows + 1, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    order = np.lexsort((cols, rows))
    r, c, v = rows[order], cols[order], vals[order]
    new = np.ones(len(r), dtype=bool)
    new[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
    starts = np.flatnonzero(new)
    v = np.add.reduceat(v, starts)
    r, c = r[starts], c[starts]
    indptr = np.zeros(n_rows + 1, np.int64)
    np.add.at(indptr, r + 1, 1)
    return Profiles(np.cumsum(indptr), c.astype(np.int64), v.astype(np.float32))


def build_profiles(docs: Sequence[Sequence[str]], *, ngrams: bool = True, anchors: bool = True) -> list[Profiles]:
    """Profiles of several sentence lists in one vector space (shared vocabulary and IDF).

    IDF is computed over all sentences of all ``docs``: an n-gram found in most sentences ("the", "en ")
    weighs nothing, a name or number found in two sentences weighs a lot. Term frequencies are
    square-rooted so that a repeated n-gram does not drown the rest of the sentence."""
    offsets = np.concatenate(([0], np.cumsum([len(d) for d in docs]))).astype(np.int64)
    n_total = int(offsets[-1])
    # One sort on a packed key (hash high bits, sentence id) gives term frequencies, document frequencies
    # and a compact vocabulary at once; losing the hash's low bits only merges features that were
    # already indistinguishable in practice (1 in 2^40).
    sid_bits = max(1, n_total.bit_length())
    shift = np.uint64(sid_bits)
    parts: list[np.ndarray] = []
    for d, doc in enumerate(docs):
        if ngrams:
            parts += _ngram_keys([normalise(t) for t in doc], NGRAM_ORDERS, int(offsets[d]), shift)
        if anchors:
            parts.append(_anchor_keys([anchor_tokens(t) for t in doc], int(offsets[d]), shift))
    key = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
    del parts
    key.sort()
    if len(key):
        starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
        tf = np.diff(np.concatenate((starts, [len(key)]))).astype(np.float32)
        key = key[starts]
        del starts
    else:
        tf = np.zeros(0, np.float32)
    sid = (key & ((np.uint64(1) << shift) - np.uint64(1))).astype(np.int32)
    key >>= shift
    new_feat = np.concatenate(([True], key[1:] != key[:-1])) if len(key) else np.zeros(0, bool)
    del key
    col = np.cumsum(new_feat, dtype=np.int64) - 1
    del new_feat
    df = np.bincount(col).astype(np.float64) if len(col) else np.zeros(0)
    idf = np.log((n_total + 1.0) / (df + 1.0)).astype(np.float32)
    weights = np.sqrt(tf) * idf[col]
    del tf
    # Rows in order; within a row the features stay sorted (stable sort of a key sorted by feature).
    order = np.argsort(sid, kind="stable")
    sid, col, weights = sid[order], col[order], weights[order]
    del order
    indptr = np.concatenate(([0], np.cumsum(np.bincount(sid, minlength=n_total))))
    out = []
    for d in range(len(docs)):
        a, b = indptr[offsets[d]], indptr[offsets[d + 1]]
        out.append(Profiles(indptr[offsets[d]:offsets[d + 1] + 1] - a, col[a:b], weights[a:b]))
    return out


def char_lengths(texts: Sequence[str]) -> np.ndarray:
    """Length of each sentence in characters, spaces collapsed (for the Gale-Church length model)."""
    return np.fromiter((len(" ".join(t.split())) for t in texts), dtype=np.float64, count=len(texts))


@lru_cache(maxsize=65536)
def _script(ch: str) -> str:
    """Unicode script of a letter, from its name ("CYRILLIC SMALL LETTER A" -> "CYRILLIC")."""
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return ""


def sentence_scripts(texts: Sequence[str]) -> list[str]:
    """The script most of each sentence's letters are written in ("" for a sentence without letters)."""
    out = []
    for t in texts:
        counts: dict[str, int] = {}
        # Each distinct character once (Counter keeps first-appearance order, so ties between scripts
        # still go to the one that appears first): a character-by-character loop took ~10% of aligning.
        for ch, k in Counter(t).items():
            if ch.isalpha():
                s = _script(ch)
                counts[s] = counts.get(s, 0) + k
        out.append(max(counts, key=counts.__getitem__) if counts else "")
    return out


def _main_script(scripts: Sequence[str], texts: Sequence[str]) -> str:
    weight: dict[str, int] = {}
    for s, t in zip(scripts, texts, strict=True):
        if s:
            weight[s] = weight.get(s, 0) + len(t)
    return max(weight, key=weight.__getitem__) if weight else ""


def copied_script(source: Sequence[str], target: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Which sentences of each side are written in the *other* side's script, when the two sides use
    different scripts: on the target side these are untranslated copies of source text (an MT that passed a
    title through, a quotation left in the original), on the source side copies of target text."""
    ss, ts = sentence_scripts(source), sentence_scripts(target)
    ms, mt = _main_script(ss, source), _main_script(ts, target)
    if not ms or not mt or ms == mt:
        return np.zeros(len(source), dtype=bool), np.zeros(len(target), dtype=bool)
    return np.array([s == mt for s in ss], dtype=bool), np.array([s == ms for s in ts], dtype=bool)
