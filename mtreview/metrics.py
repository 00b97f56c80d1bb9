"""Segment metrics identical to sacrebleu's (sentence BLEU, chrF, chrF++, TER), computed faster.

sacrebleu scores one metric at a time and rebuilds every reference's n-grams for each metric. Here each
string is *prepared* once (``prepare``: BLEU tokens and word n-grams, character n-grams shared by chrF and
chrF++, TER words) and every metric reads the prepared form; multiset intersections use set operations in
C with a correction only for n-grams repeated on both sides; TER uses :mod:`mtreview.ter_fast`.

The values equal sacrebleu's: same tokenisers (sacrebleu's own objects), same statistics, same floating
point operations in the same order (tests compare them on random Unicode and on real data).

Configurations (sacrebleu defaults for segment scoring):
BLEU: ``BLEU(effective_order=True)`` (exp smoothing, 13a tokenizer unless the target is zh/ja/ko);
chrF: ``CHRF()``; chrF++: ``CHRF(word_order=2)``; TER: ``TER()``.

Per-segment sufficient statistics (``SegmentScores.stats``) add up to sacrebleu's corpus statistics, so
corpus scores can be accumulated chunk by chunk (``CorpusStats``) without keeping the text.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from .ter_fast import ter_edits

BLEU_ORDER = 4
CHAR_ORDER = 6
WORD_ORDER = 2
BETA = 2
_PUNCTS = frozenset('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')
_BLEU_LANG_TOKENIZERS = {"zh": "zh", "ja": "ja-mecab", "ko": "ko-mecab"}

# An n-gram profile of one order: (counts, total count, n-grams occurring more than once).
Profile = tuple[dict, int, frozenset]


def _profile(grams: list) -> Profile:
    counts = Counter(grams)
    if len(counts) == len(grams):
        return counts, len(grams), frozenset()
    return counts, len(grams), frozenset(k for k, v in counts.items() if v > 1)


def _match(h: Profile, r: Profile) -> int:
    """Size of the multiset intersection: common n-grams, plus min(count) - 1 for those repeated on both
    sides (every other common n-gram occurs once on at least one side)."""
    hc, rc = h[0], r[0]
    n = len(hc.keys() & rc.keys())
    if h[2] and r[2]:
        for k in h[2] & r[2]:
            a, b = hc[k], rc[k]
            n += (a if a < b else b) - 1
    return n


@lru_cache(maxsize=8)
def bleu_tokenizer_name(target_lang: str | None) -> str:
    """The BLEU tokenizer sacrebleu would pick for this target language (13a unless zh/ja/ko and the
    language tokenizer can be loaded)."""
    name = _BLEU_LANG_TOKENIZERS.get((target_lang or "").lower().split("-")[0], "13a")
    if name != "13a":
        try:
            _bleu_tokenizer(name)
        except Exception:  # mecab not installed: fall back to 13a (the signature says so)
            return "13a"
    return name


# sacrebleu's 13a tokenizer pads 29 punctuation characters (its first regex, one character per match) and
# then applies three context-dependent regexes. The padding is done here with str.translate, which gives the
# same string without a Python-level template expansion per match (Python 3.11's re.sub); the other regexes
# are sacrebleu's. ``_bleu_tokenizer`` checks the result against sacrebleu's and falls back if they differ.
_PAD_13A = str.maketrans({c: f" {c} " for c in ' !"#$%&()*+/:;<=>?@[\\]^_`{|}~'})
_RE_13A = [
    (re.compile(r"([^0-9])([\.,])"), r"\1 \2 "),
    (re.compile(r"([\.,])([^0-9])"), r" \1 \2"),
    (re.compile(r"([0-9])(-)"), r"\1 \2 "),
]
_PROBE_13A = ('Er sagte: "1.000,5 km (ca. 3-4 h)" & <b>&quot;x&amp;y&lt;z&gt;</b>\tok...<skipped>-\nend, '
              "3.5-fach {a|b} ~ [c] @d #e $f %g ^h _i `j'k +l *m =n ?o !p ;q /r \\s .t ,u")


def _tok13a(line: str) -> str:
    line = line.replace("<skipped>", "")
    line = line.replace("-\n", "")
    line = line.replace("\n", " ")
    if "&" in line:
        line = line.replace("&quot;", '"')
        line = line.replace("&amp;", "&")
        line = line.replace("&lt;", "<")
        line = line.replace("&gt;", ">")
    line = f" {line} ".translate(_PAD_13A)
    for regex, repl in _RE_13A:
        line = regex.sub(repl, line)
    return " ".join(line.split())


@lru_cache(maxsize=8)
def _bleu_tokenizer(name: str) -> Any:
    from sacrebleu.metrics.bleu import _get_tokenizer

    tok = _get_tokenizer(name)()
    if name == "13a" and all(_tok13a(p) == tok(p) for p in (_PROBE_13A, _PROBE_13A[::-1])):
        return _tok13a
    return tok


@lru_cache(maxsize=1)
def _ter_tokenizer() -> Any:
    from sacrebleu.tokenizers.tokenizer_ter import TercomTokenizer

    return TercomTokenizer(normalized=False, no_punct=False, asian_support=False, case_sensitive=False)


def _chrf_words(sent: str) -> list[str]:
    """sacrebleu's chrF++ punctuation splitting (``CHRF._remove_punctuation``)."""
    out: list[str] = []
    for w in sent.split():
        if len(w) == 1:
            out.append(w)
        elif w[-1] in _PUNCTS:
            out += [w[:-1], w[-1]]
        elif w[0] in _PUNCTS:
            out += [w[0], w[1:]]
        else:
            out.append(w)
    return out


@dataclass(slots=True)
class Prepared:
    """One string prepared for every metric. Strings prepared together (``prepare_many``) share a
    character code table; only such strings can be scored against each other."""

    text: str
    bleu_len: int
    bleu: list[Profile]  # word n-grams of orders 1..4 (BLEU tokens)
    chars: list[Profile]  # character n-grams of orders 1..6 (whitespace removed)
    words: list[Profile]  # chrF++ word n-grams of orders 1..2
    ter_words: list[str]
    group: int


_groups = itertools.count()


def _char_profiles(lines: list[str]) -> list[list[Profile]]:
    """Character n-gram profiles of orders 1..6 for strings scored together.

    Characters are renumbered over the group (b bits each) so that an n-gram is the integer packing its n
    numbers: exact, and hashing/counting small integers is much cheaper than slicing strings. Orders whose
    packing would pass 63 bits (groups with over 1024 distinct characters) use string slices."""
    codes = [np.frombuffer(line.encode("utf-32-le"), dtype="<u4") for line in lines]
    lengths = [len(c) for c in codes]
    if not any(lengths):
        return [[_profile([]) for _ in range(CHAR_ORDER)] for _ in lines]
    uniq, inv = np.unique(np.concatenate(codes), return_inverse=True)
    bits = max(1, (len(uniq) - 1).bit_length())
    inv = inv.astype(np.int64)
    out = []
    pos = 0
    for line, n_chars in zip(lines, lengths, strict=True):
        idx = inv[pos:pos + n_chars]
        pos += n_chars
        keys = idx
        profiles = [_profile(idx.tolist())]
        for n in range(2, CHAR_ORDER + 1):
            if n * bits <= 63:
                keys = (keys[:-1] << bits) | idx[n - 1:]
                profiles.append(_profile(keys.tolist()))
            else:
                profiles.append(_profile([line[i:i + n] for i in range(len(line) - n + 1)]))
        out.append(profiles)
    return out


def prepare_many(texts: Sequence[str], bleu_tokenize: str = "13a") -> list[Prepared]:
    """Tokenise and count n-grams once for BLEU, chrF, chrF++ and TER, for strings scored together
    (a hypothesis and its references)."""
    group = next(_groups)
    tokenize = _bleu_tokenizer(bleu_tokenize)
    ter_tokenize = _ter_tokenizer()
    chars = _char_profiles(["".join(t.split()) for t in texts])
    out = []
    for text, char_profiles in zip(texts, chars, strict=True):
        toks = tokenize(text.rstrip()).split()
        bleu = [_profile(toks)]
        for n in range(2, BLEU_ORDER + 1):
            bleu.append(_profile(list(zip(*(toks[i:] for i in range(n)), strict=False))))
        cw = _chrf_words(text)
        words = [_profile(cw), _profile([" ".join(cw[i:i + 2]) for i in range(len(cw) - 1)])]
        out.append(Prepared(text, len(toks), bleu, char_profiles, words,
                            ter_tokenize(text.rstrip()).split(), group))
    return out


def prepare(text: str, bleu_tokenize: str = "13a") -> Prepared:
    """``prepare_many`` for a single string (it can only be scored against itself)."""
    return prepare_many([text], bleu_tokenize)[0]


# -- the score formulas, written as sacrebleu writes them (same operations, same order) -----------------

def _my_log(num: float) -> float:
    return -9999999999 if num == 0.0 else math.log(num)


def bleu_from_stats(stats: Sequence[int], effective_order: bool = True) -> float:
    """sacrebleu ``BLEU.compute_bleu`` with exp smoothing: stats = [sys_len, ref_len, correct*4, total*4]."""
    sys_len, ref_len = int(stats[0]), int(stats[1])
    correct = stats[2:2 + BLEU_ORDER]
    total = stats[2 + BLEU_ORDER:]
    bp = 1.0
    if sys_len < ref_len:
        bp = math.exp(1 - ref_len / sys_len) if sys_len > 0 else 0.0
    precisions = [0.0] * BLEU_ORDER
    if not any(correct):
        return 0.0
    smooth_mteval = 1.0
    eff_order = BLEU_ORDER
    for n in range(1, BLEU_ORDER + 1):
        if total[n - 1] == 0:
            break
        if effective_order:
            eff_order = n
        if correct[n - 1] == 0:
            smooth_mteval *= 2
            precisions[n - 1] = 100.0 / (smooth_mteval * total[n - 1])
        else:
            precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1]
    return bp * math.exp(sum([_my_log(p) for p in precisions[:eff_order]]) / eff_order)


def chrf_from_stats(stats: Sequence[int], order: int) -> float:
    """sacrebleu ``CHRF._compute_f_score`` (effective-order averaging, beta 2)."""
    eps = 1e-16
    score = 0.0
    effective_order = 0
    factor = BETA ** 2
    avg_prec, avg_rec = 0.0, 0.0
    for i in range(order):
        n_hyp, n_ref, n_match = stats[3 * i: 3 * i + 3]
        prec = n_match / n_hyp if n_hyp > 0 else eps
        rec = n_match / n_ref if n_ref > 0 else eps
        denom = factor * prec + rec
        score += ((1 + factor) * prec * rec / denom) if denom > 0 else eps
        if n_hyp > 0 and n_ref > 0:
            avg_prec += prec
            avg_rec += rec
            effective_order += 1
    if effective_order == 0:
        avg_prec = avg_rec = 0.0
    else:
        avg_prec /= effective_order
        avg_rec /= effective_order
    if avg_prec + avg_rec:
        score = (1 + factor) * avg_prec * avg_rec
        score /= ((factor * avg_prec) + avg_rec)
        return 100 * score
    return 0.0


def ter_from_stats(stats: Sequence[float]) -> float:
    """sacrebleu ``TER._compute_score_from_stats``: stats = [edits, average reference length]."""
    total_edits, sum_ref_lengths = stats[0], stats[1]
    if sum_ref_lengths > 0:
        score = total_edits / sum_ref_lengths
    elif total_edits > 0:
        score = 1.0
    else:
        score = 0.0
    return 100 * score


def _chrf_pair_stats(h: list[Profile], r: list[Profile]) -> list[int]:
    out: list[int] = []
    for hp, rp in zip(h, r, strict=True):
        out += [hp[1] if rp[0] else 0, rp[1], _match(hp, rp)]
    return out


@dataclass(slots=True)
class SegmentScores:
    """Scores of one hypothesis against its references, and what sacrebleu needs for corpus scores."""

    bleu: float
    chrf: float
    chrfpp: float
    ter: float
    chrf_each: list[float]  # chrF against each reference alone
    ter_each: list[float]  # TER against each reference alone
    best_ref: int  # the reference with the highest chrF (first on ties), as sacrebleu picks it
    stats: dict[str, list] = field(default_factory=dict)


def score_prepared(hyp: Prepared, refs: Sequence[Prepared]) -> SegmentScores:
    """All four metrics of ``hyp`` against ``refs`` (multi-reference), as sacrebleu computes them."""
    if not refs:
        raise ValueError("score_prepared needs at least one reference")
    if any(r.group != hyp.group for r in refs):
        raise ValueError("strings scored together must be prepared together (prepare_many)")
    # BLEU: reference n-gram counts merged by maximum; closest reference length (shorter on ties).
    hyp_len = hyp.bleu_len
    closest_diff, ref_len = -1, -1
    for r in refs:
        diff = abs(hyp_len - r.bleu_len)
        if closest_diff == -1 or diff < closest_diff:
            closest_diff, ref_len = diff, r.bleu_len
        elif diff == closest_diff and r.bleu_len < ref_len:
            ref_len = r.bleu_len
    correct = [0] * BLEU_ORDER
    total = [0] * BLEU_ORDER
    for n in range(BLEU_ORDER):
        hp = hyp.bleu[n]
        total[n] = hp[1]
        if len(refs) == 1:
            correct[n] = _match(hp, refs[0].bleu[n])
            continue
        hc = hp[0]
        keys = hc.keys() & refs[0].bleu[n][0].keys()
        for r in refs[1:]:
            keys |= hc.keys() & r.bleu[n][0].keys()
        c = len(keys)
        if hp[2]:
            for k in hp[2] & keys:
                best = max(r.bleu[n][0].get(k, 0) for r in refs)
                hk = hc[k]
                c += (hk if hk < best else best) - 1
        correct[n] = c
    bleu_stats = [hyp_len, ref_len, *correct, *total]

    # chrF and chrF++: the best reference by F-score (first one on ties), each metric on its own.
    best_f = best_fpp = -1.0
    chrf_stats: list[int] = []
    chrfpp_stats: list[int] = []
    chrf_each = []
    best_ref = 0
    for k, r in enumerate(refs):
        cs = _chrf_pair_stats(hyp.chars, r.chars)
        f = chrf_from_stats(cs, CHAR_ORDER)
        chrf_each.append(f)
        if f > best_f:
            best_f, chrf_stats, best_ref = f, cs, k
        cpp = cs + _chrf_pair_stats(hyp.words, r.words)
        fpp = chrf_from_stats(cpp, CHAR_ORDER + WORD_ORDER)
        if fpp > best_fpp:
            best_fpp, chrfpp_stats = fpp, cpp

    # TER: fewest edits over the references, divided by the average reference length.
    best_edits = int(1e16)
    ref_lengths = 0
    ter_each = []
    for r in refs:
        edits, rlen = ter_edits(hyp.ter_words, r.ter_words)
        ref_lengths += rlen
        ter_each.append(ter_from_stats([edits, rlen]))
        if edits < best_edits:
            best_edits = edits
    ter_stats = [best_edits, ref_lengths / len(refs)]

    return SegmentScores(
        bleu=bleu_from_stats(bleu_stats), chrf=best_f, chrfpp=best_fpp, ter=ter_from_stats(ter_stats),
        chrf_each=chrf_each, ter_each=ter_each, best_ref=best_ref,
        stats={"bleu": bleu_stats, "chrf": chrf_stats, "chrfpp": chrfpp_stats, "ter": ter_stats,
               "nrefs": [len(refs)]},
    )


def segment_scores(hyp: str, refs: Sequence[str], target_lang: str | None = None) -> SegmentScores:
    """Convenience: prepare the strings and score (use ``prepare`` + ``score_prepared`` to share work)."""
    hyp_p, *refs_p = prepare_many([hyp, *refs], bleu_tokenizer_name(target_lang))
    return score_prepared(hyp_p, refs_p)


def chrf_pair(a: Prepared, b: Prepared) -> tuple[float, float]:
    """(chrF of a against b, chrF of b against a): one intersection serves both directions."""
    if a.group != b.group:
        raise ValueError("strings scored together must be prepared together (prepare_many)")
    ab: list[int] = []
    ba: list[int] = []
    for ap, bp in zip(a.chars, b.chars, strict=True):
        m = _match(ap, bp)
        ab += [ap[1] if bp[0] else 0, bp[1], m]
        ba += [bp[1] if ap[0] else 0, ap[1], m]
    return chrf_from_stats(ab, CHAR_ORDER), chrf_from_stats(ba, CHAR_ORDER)


# -- corpus level ------------------------------------------------------------------------------------------

@dataclass
class CorpusStats:
    """Sums of segment statistics: add segments or other accumulators (e.g. from workers) in any grouping.

    Integer statistics add exactly; TER's average reference lengths are floats, so a different grouping
    can move the corpus TER in the last digits (far below 1e-9)."""

    bleu: list[float] = field(default_factory=lambda: [0] * (2 + 2 * BLEU_ORDER))
    chrf: list[float] = field(default_factory=lambda: [0] * (3 * CHAR_ORDER))
    chrfpp: list[float] = field(default_factory=lambda: [0] * (3 * (CHAR_ORDER + WORD_ORDER)))
    ter: list[float] = field(default_factory=lambda: [0, 0.0])
    segments: int = 0
    nrefs: set[int] = field(default_factory=set)
    bleu_tokenize: str = "13a"

    def add(self, stats: dict[str, list]) -> None:
        """Add one segment's ``SegmentScores.stats``."""
        for name in ("bleu", "chrf", "chrfpp", "ter"):
            acc = getattr(self, name)
            for i, v in enumerate(stats[name]):
                acc[i] += v
        self.nrefs.update(stats["nrefs"])
        self.segments += 1

    def merge(self, other: CorpusStats) -> None:
        """Add another accumulator."""
        for name in ("bleu", "chrf", "chrfpp", "ter"):
            acc = getattr(self, name)
            for i, v in enumerate(getattr(other, name)):
                acc[i] += v
        self.nrefs |= other.nrefs
        self.segments += other.segments

    def scores(self) -> dict[str, dict[str, Any]]:
        """Corpus BLEU, chrF, chrF++ and TER with sacrebleu signatures (empty when nothing was added)."""
        if not self.segments:
            return {}
        return corpus_from_stats(self)


def _signature(metric: Any, nrefs: int | str) -> str:
    metric.num_refs = -1 if nrefs == "var" else nrefs
    return metric.get_signature().format()


def signatures(nrefs: int | str, bleu_tokenize: str = "13a", sentence: bool = True) -> dict[str, str]:
    """sacrebleu signatures of the four metrics as configured here (``sentence``: BLEU effective order)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {
        "bleu": _signature(BLEU(tokenize=bleu_tokenize, effective_order=sentence), nrefs),
        "chrf": _signature(CHRF(), nrefs),
        "chrfpp": _signature(CHRF(word_order=WORD_ORDER), nrefs),
        "ter": _signature(TER(), nrefs),
    }


def corpus_from_stats(acc: CorpusStats) -> dict[str, dict[str, Any]]:
    """Corpus scores from summed statistics, computed by sacrebleu's own metric objects."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    nrefs: int | str = next(iter(acc.nrefs)) if len(acc.nrefs) == 1 else "var"
    metrics = {
        "bleu": BLEU(tokenize=acc.bleu_tokenize),
        "chrf": CHRF(),
        "chrfpp": CHRF(word_order=WORD_ORDER),
        "ter": TER(),
    }
    out: dict[str, dict[str, Any]] = {}
    for name, metric in metrics.items():
        stats = list(getattr(acc, name))
        if name == "bleu":
            stats = [int(v) for v in stats]
        score = metric._compute_score_from_stats(stats)
        out[name] = {"score": score.score, "signature": _signature(metric, nrefs), "segments": acc.segments}
    return out


def corpus_scores(hypotheses: Sequence[str], references: Sequence[Sequence[str]],
                  target_lang: str | None = None) -> dict[str, dict[str, Any]]:
    """Corpus BLEU/chrF/chrF++/TER of ``hypotheses`` against ``references`` (one list of reference strings
    per hypothesis, any number each) with sacrebleu signatures."""
    tok = bleu_tokenizer_name(target_lang)
    acc = CorpusStats(bleu_tokenize=tok)
    for hyp, refs in zip(hypotheses, references, strict=True):
        refs = [r for r in refs if r is not None]
        if refs:
            hyp_p, *refs_p = prepare_many([hyp, *refs], tok)
            acc.add(score_prepared(hyp_p, refs_p).stats)
    return acc.scores()


def iter_scores(pairs: Iterable[tuple[str, Sequence[str]]], target_lang: str | None = None):
    """Score (hypothesis, references) pairs one after the other."""
    tok = bleu_tokenizer_name(target_lang)
    for hyp, refs in pairs:
        hyp_p, *refs_p = prepare_many([hyp, *refs], tok)
        yield score_prepared(hyp_p, refs_p)
