"""Segment metrics identical to sacrebleu's (sentence BLEU, chrF, chrF++, TER), computed faster.

sacrebleu scores one metric and one reference at a time, rebuilding n-gram counters each time. Here the
strings scored together (a hypothesis, its references, anything compared with them) form a ``Group``:
each string is tokenised once per metric (:mod:`mtreview.metric_tokens`), all n-grams of all strings are
counted at once (:mod:`mtreview.ngrams`: in C when the native module is built, else into one numpy
matrix), and every statistic (chrF for any pair, BLEU's clipped counts against several references) is
one pass over those counts. TER uses :mod:`mtreview.ter_fast`.

The values equal sacrebleu's: the same tokenisers, the same integer statistics, the same floating point
operations in the same order (tests compare them on random Unicode and on real data).

Configurations (sacrebleu defaults for segment scoring):
BLEU: ``BLEU(effective_order=True)`` (exp smoothing, 13a tokenizer unless the target is zh/ja/ko);
chrF: ``CHRF()``; chrF++: ``CHRF(word_order=2)``; TER: ``TER()``.

Per-segment sufficient statistics (``SegmentScores.stats``) add up to sacrebleu's corpus statistics, so
corpus scores can be accumulated chunk by chunk (``CorpusStats``) without keeping the text.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import add
from typing import Any

from .metric_tokens import bleu_spaced, bleu_tokenizer_name, ter_tokenizer
from .ngrams import BLEU_13A, CHARS, CHRF_WORDS, WORDS, count_strings
from .ter_fast import ter_edits

__all__ = ["BLEU_ORDER", "CHAR_ORDER", "WORD_ORDER", "CorpusStats", "Group", "SegmentScores",
           "bleu_from_stats", "bleu_tokenizer_name", "chrf_from_stats", "corpus_from_stats", "corpus_scores",
           "segment_scores", "signatures", "ter_from_stats"]

BLEU_ORDER = 4
CHAR_ORDER = 6
WORD_ORDER = 2
BETA = 2


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
    """sacrebleu ``CHRF._compute_f_score`` (effective-order averaging, beta 2). sacrebleu also sums a
    per-order F-score that it then overwrites or discards: not computed here."""
    avg_prec, avg_rec = 0.0, 0.0
    effective_order = 0
    it = iter(stats[:3 * order])
    for n_hyp, n_ref, n_match in zip(it, it, it, strict=True):
        if n_hyp > 0 and n_ref > 0:
            avg_prec += n_match / n_hyp
            avg_rec += n_match / n_ref
            effective_order += 1
    return _f_score(avg_prec, avg_rec, effective_order)


def _f_score(avg_prec: float, avg_rec: float, effective_order: int) -> float:
    """The end of sacrebleu's ``CHRF._compute_f_score``, from the summed precisions and recalls."""
    if effective_order == 0:
        return 0.0
    avg_prec /= effective_order
    avg_rec /= effective_order
    if avg_prec + avg_rec:
        factor = BETA ** 2
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


@dataclass(slots=True)
class SegmentScores:
    """Scores of one hypothesis against its references, and what sacrebleu needs for corpus scores."""

    bleu: float
    chrf: float
    chrfpp: float
    ter: float
    chrf_each: list[float]  # chrF against each reference alone
    best_ref: int  # the reference with the highest chrF (first on ties), as sacrebleu picks it
    stats: dict[str, list] = field(default_factory=dict)


class Group:
    """Strings scored together; metrics are asked for by index (``score(0, [1, 2, 3])``)."""

    def __init__(self, texts: Sequence[str], bleu_tokenize: str = "13a") -> None:
        self.texts = list(texts)
        # One set of counts for all three: orders 0-5 chrF characters, 6-7 chrF++ words, 8-11 BLEU words.
        # 13a is built into the counter; another BLEU tokeniser gives a string that the counter splits on
        # whitespace (as sacrebleu does).
        if bleu_tokenize == "13a":
            bleu = (BLEU_13A, self.texts, BLEU_ORDER)
        else:
            spaced = bleu_spaced(bleu_tokenize)
            bleu = (WORDS, [spaced(t.rstrip()) for t in self.texts], BLEU_ORDER)
        self.ngrams = count_strings([(CHARS, self.texts, CHAR_ORDER), (CHRF_WORDS, self.texts, WORD_ORDER), bleu])
        # a string's BLEU length is its number of tokens, i.e. of unigrams
        self.bleu_len = list(self.ngrams.totals[CHAR_ORDER + WORD_ORDER])
        ter_tokenize = ter_tokenizer()
        self.ter_words = [ter_tokenize(t.rstrip()).split() for t in self.texts]

    def __len__(self) -> int:
        return len(self.texts)

    def chrf_stats(self, hyp: int, ref: int, word_order: int = 0) -> list[int]:
        """sacrebleu's chrF statistics of ``hyp`` against ``ref``: [hyp, ref, match] per order."""
        return self.ngrams.chrf_stats(hyp, ref, CHAR_ORDER + (WORD_ORDER if word_order else 0))

    def _chrf_sums(self, hyp: int, ref: int, orders: int) -> list[tuple[float, float, int]]:
        """Running (precision sum, recall sum, effective order) after each of the first ``orders`` orders,
        added in sacrebleu's order (so chrF and chrF++ share their first six terms exactly)."""
        return self.ngrams.chrf_sums(hyp, ref, orders)

    def chrf_between(self, a: int, b: int) -> tuple[float, float]:
        """(chrF of a against b, chrF of b against a). The same orders count both ways, and a's precision
        against b is b's recall against a, so one pass gives both."""
        prec, rec, eff = self._chrf_sums(a, b, CHAR_ORDER)[-1]
        return _f_score(prec, rec, eff), _f_score(rec, prec, eff)

    def bleu_stats(self, hyp: int, refs: Sequence[int]) -> list[int]:
        """sacrebleu's BLEU statistics: [hyp length, closest reference length, correct x4, total x4]."""
        hyp_len = self.bleu_len[hyp]
        closest_diff, ref_len = -1, -1
        for r in refs:
            rl = self.bleu_len[r]
            diff = abs(hyp_len - rl)
            if closest_diff == -1 or diff < closest_diff:
                closest_diff, ref_len = diff, rl
            elif diff == closest_diff and rl < ref_len:
                ref_len = rl
        first = CHAR_ORDER + WORD_ORDER
        correct = self.ngrams.clipped(hyp, refs, first, BLEU_ORDER)
        total = [row[hyp] for row in self.ngrams.totals[first:first + BLEU_ORDER]]
        return [hyp_len, ref_len, *correct, *total]

    def score(self, hyp: int, refs: Sequence[int]) -> SegmentScores:
        """All four metrics of string ``hyp`` against strings ``refs`` (multi-reference)."""
        if not refs:
            raise ValueError("scoring needs at least one reference")
        bleu_stats = self.bleu_stats(hyp, refs)
        # chrF and chrF++: the best reference by F-score (first one on ties), each metric on its own.
        best_f = best_fpp = -1.0
        chrf_each = []
        best_ref = 0
        chrf_ref = chrfpp_ref = refs[0]
        for k, r in enumerate(refs):
            sums = self._chrf_sums(hyp, r, CHAR_ORDER + WORD_ORDER)
            f = _f_score(*sums[CHAR_ORDER - 1])
            chrf_each.append(f)
            if f > best_f:
                best_f, chrf_ref, best_ref = f, r, k
            fpp = _f_score(*sums[-1])
            if fpp > best_fpp:
                best_fpp, chrfpp_ref = fpp, r
        chrf_stats = self.chrf_stats(hyp, chrf_ref)
        chrfpp_stats = self.chrf_stats(hyp, chrfpp_ref, WORD_ORDER)
        # TER: fewest edits over the references, divided by the average reference length. Every TER edit
        # (insertion, deletion, substitution, shift) fixes at most one word of the bag-of-words difference,
        # so that difference bounds the edits from below: references that cannot beat the best so far are
        # skipped (the closest ones by that bound go first). The minimum is the same.
        hyp_words = self.ter_words[hyp]
        hyp_bag = Counter(hyp_words)
        bounds = []
        for r in refs:
            ref_words = self.ter_words[r]
            left = hyp_bag.copy()  # the multiset intersection's size, counted down word by word
            common = 0
            for w in ref_words:
                if left.get(w):
                    left[w] -= 1
                    common += 1
            bounds.append((max(len(hyp_words), len(ref_words)) - common, r))
        best_edits = int(1e16)
        ref_lengths = 0
        for bound, r in sorted(bounds):
            ref_lengths += len(self.ter_words[r])
            if bound >= best_edits:
                continue
            edits, _ = ter_edits(hyp_words, self.ter_words[r])
            if edits < best_edits:
                best_edits = edits
        ter_stats = [best_edits, ref_lengths / len(refs)]
        return SegmentScores(
            bleu=bleu_from_stats(bleu_stats), chrf=best_f, chrfpp=best_fpp, ter=ter_from_stats(ter_stats),
            chrf_each=chrf_each, best_ref=best_ref,
            stats={"bleu": bleu_stats, "chrf": chrf_stats, "chrfpp": chrfpp_stats, "ter": ter_stats,
                   "nrefs": [len(refs)]},
        )


def segment_scores(hyp: str, refs: Sequence[str], target_lang: str | None = None) -> SegmentScores:
    """Score one hypothesis against its references (build a ``Group`` to share work across more pairs)."""
    group = Group([hyp, *refs], bleu_tokenizer_name(target_lang))
    return group.score(0, list(range(1, len(group))))


# -- corpus level ------------------------------------------------------------------------------------------

@dataclass
class CorpusStats:
    """Sums of segment statistics: add segments or other accumulators (e.g. from workers) in any grouping.

    Integer statistics add exactly. TER's average reference lengths are floats, which sacrebleu adds one
    segment after the other: an accumulator keeps each segment's (``ter_parts``, ``keep_parts``) so that
    merging chunks adds them in that order too, and the corpus TER is sacrebleu's to the last digit (QA:
    with 3 pseudo-references, chunk sums added to each other moved it by up to 1e-14)."""

    bleu: list[float] = field(default_factory=lambda: [0] * (2 + 2 * BLEU_ORDER))
    chrf: list[float] = field(default_factory=lambda: [0] * (3 * CHAR_ORDER))
    chrfpp: list[float] = field(default_factory=lambda: [0] * (3 * (CHAR_ORDER + WORD_ORDER)))
    ter: list[float] = field(default_factory=lambda: [0, 0.0])
    segments: int = 0
    nrefs: set[int] = field(default_factory=set)
    bleu_tokenize: str = "13a"
    # each added segment's TER average reference length, in order (a chunk's: a few KB); an accumulator that
    # is never merged into another (the run's total) need not keep them
    ter_parts: array = field(default_factory=lambda: array("d"))
    keep_parts: bool = True

    def add(self, stats: dict[str, list]) -> None:
        """Add one segment's ``SegmentScores.stats``."""
        # acc[i] + v for every i, as before, but in one C loop per metric (it runs for every segment)
        self.bleu[:] = map(add, self.bleu, stats["bleu"])
        self.chrf[:] = map(add, self.chrf, stats["chrf"])
        self.chrfpp[:] = map(add, self.chrfpp, stats["chrfpp"])
        self.ter[:] = map(add, self.ter, stats["ter"])
        if self.keep_parts:
            self.ter_parts.append(stats["ter"][1])
        self.nrefs.update(stats["nrefs"])
        self.segments += 1

    def merge(self, other: CorpusStats) -> None:
        """Add another accumulator (of the segments that follow this one's)."""
        for name in ("bleu", "chrf", "chrfpp"):
            acc = getattr(self, name)
            for i, v in enumerate(getattr(other, name)):
                acc[i] += v
        self.ter[0] += other.ter[0]
        if len(other.ter_parts) == other.segments:  # segment by segment, as sacrebleu adds them
            total = self.ter[1]
            for v in other.ter_parts:
                total += v
            self.ter[1] = total
        else:
            self.ter[1] += other.ter[1]
        if self.keep_parts:
            if len(self.ter_parts) == self.segments and len(other.ter_parts) == other.segments:
                self.ter_parts.extend(other.ter_parts)
            else:  # parts missing on either side: none kept, merging this one adds its sum
                self.keep_parts = False
                del self.ter_parts[:]
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
            acc.add(Group([hyp, *refs], tok).score(0, list(range(1, len(refs) + 1))).stats)
    return acc.scores()


def iter_scores(pairs: Iterable[tuple[str, Sequence[str]]], target_lang: str | None = None):
    """Score (hypothesis, references) pairs one after the other."""
    tok = bleu_tokenizer_name(target_lang)
    for hyp, refs in pairs:
        yield Group([hyp, *refs], tok).score(0, list(range(1, len(refs) + 1)))
