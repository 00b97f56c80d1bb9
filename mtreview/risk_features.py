"""The features the risk model reads for one segment: metrics against the pseudo-references, how much
the translations disagree, word support, source size and names, and the checks' severities.

Kept apart from ``scoring`` so the risk model can change its inputs without touching the metric pipeline;
everything here must stay cheap (it runs once per segment at corpus scale) and reuse what scoring computed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from statistics import fmean
from typing import TYPE_CHECKING, Any

from .checks.context import CheckContext
from .checks.names import _NOUN_CAPITALISING, source_names
from .checks.surface import length_deviation

if TYPE_CHECKING:
    from .scoring import ScoreItem

_PUNCT_RE = re.compile(r"[^\w\s]")
# Words, every CJK character a word of its own (Chinese and Japanese do not separate words by spaces).
_WORD_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\\W\u3040-\u30ff\u3400-\u4dbf"
                      "\u4e00-\u9fff\uac00-\ud7af]+")


def _support(mt: str, refs: Sequence[str]) -> tuple[float, float, float]:
    """(MT words the references lack, reference words the MT lacks, each word weighted by the share of
    references lacking / having it; and words per translation that at most half of the MT and
    the references use), on lower-cased word types (every CJK character is a word)."""
    k = len(refs)
    # With \w+, a run of Chinese between punctuation would be one "word" that no two translations share.
    # dict.fromkeys, not set: the float sums below add in first-seen order, not in the order of Python's
    # per-process string hashes (with 3 references, risks differed in their last bit between runs and engines)
    ref_sets = [dict.fromkeys(_WORD_RE.findall(r.lower())) for r in refs]
    mt_words = _WORD_RE.findall(mt.lower())
    mt_set = set(mt_words)
    counts: dict[str, int] = {}
    for s in ref_sets:
        for w in s:
            counts[w] = counts.get(w, 0) + 1
    unsupported = sum(1 - counts.get(w, 0) / k for w in mt_words)
    missing = sum(c / k for w, c in counts.items() if w not in mt_set)
    # Each word counted once in every translation that has it, if at most half of the k + 1 have it.
    half = (k + 1) / 2
    scattered = sum(c + 1 if w in mt_set else c for w, c in counts.items() if c + (w in mt_set) <= half)
    scattered += sum(1 for w in mt_set if w not in counts)
    return unsupported, missing, scattered / (k + 1)


def source_name_count(ctx: CheckContext) -> float:
    """log(1 + capitalised source words that are names: not sentence-initial, never written in lower case;
    0 where every noun is capitalised, as in German, since capitals say nothing of names there).
    For a given source length, a name is a word the systems copy or transliterate rather than translate,
    so segments with more names hold fewer errors (the fitted weight is negative). The scan is shared with
    the names check through the context."""
    if ctx.src_lang in _NOUN_CAPITALISING:
        return 0.0
    # Counted without the names check's English determiner rule (the Earth, the Big Bang): the count is a
    # sign of the kind of text, and counted that way it ranks WMT21 TED better (k=4 CV tau 0.2356 against
    # 0.2323 with the rule).
    return math.log1p(len(ctx.cached("source_names", lambda: source_names(ctx.source))))


def _chars(text: str) -> int:
    return len("".join(text.split()))


def segment_features(item: ScoreItem, k: int, pseudo: Any, agreement: float | None, pair_distances: list[float],
                     flags: list[dict[str, Any]], refs: Sequence[str], ctx: CheckContext) -> dict[str, float]:
    """The risk model's inputs for one segment (names and meanings: ``mtreview.risk.FEATURES``)."""
    feats: dict[str, float] = {}
    src_chars = ctx.source_chars
    if k:
        feats["chrf"] = pseudo.chrf / 100
        feats["chrf_mean"] = fmean(pseudo.chrf_each) / 100
        feats["bleu"] = pseudo.bleu / 100
        feats["ter"] = min(pseudo.ter, 150.0) / 100
        feats["err_mass"] = math.log1p(src_chars * (1 - feats["chrf_mean"]))
        # MQM sums a penalty per error, so the number of word edits (not TER's rate) is the closer match.
        feats["ter_edits"] = math.log1p(pseudo.stats["ter"][0])
        # Disagreement between all translations (MT and references), in characters: hard sources make
        # systems diverge, and MQM counts errors, so an absolute amount says more than a ratio.
        distances = [1 - c / 100 for c in pseudo.chrf_each] + pair_distances
        length = fmean([ctx.mt_chars] + [_chars(r) for r in refs])
        feats["dis_mass"] = math.log1p(fmean(distances) * length)
        unsupported, missing, scattered = _support(item.mt, refs)
        feats["unsupported"] = math.log1p(unsupported)
        feats["missing"] = math.log1p(missing)
        # Words per translation that at most half of the translations (MT and references alike) use:
        # independent systems agree on what is easy and scatter on what is hard (an idiom, an ambiguous
        # pronoun, a rare term), so this says how hard the segment is, in words; the MT's own errors
        # weigh no more than a reference's. Segment difficulty is most of what MQM scores rank by.
        feats["minority_mass"] = math.log1p(scattered)
    if agreement is not None:
        feats["agreement"] = agreement / 100
        feats["chrf_gap"] = feats["chrf_mean"] - feats["agreement"]
    feats["len_dev"] = abs(length_deviation(ctx))
    feats["src_len"] = math.log1p(src_chars)
    feats["src_words"] = math.log1p(len(_WORD_RE.findall(item.source)))
    feats["src_punct"] = math.log1p(len(_PUNCT_RE.findall(item.source)))
    feats["src_names"] = source_name_count(ctx)
    if not k and item.src_mt_similarity is not None:
        # The reference-free model's one sign of meaning (risk.SIMILARITY_FEATURES); with pseudo-references
        # the metrics say more, and the models for k >= 1 do not read it.
        feats["emb_src_mt"] = item.src_mt_similarity
    for flag in flags:
        key = f"flag_{flag['name']}"
        feats[key] = max(feats.get(key, 0.0), flag["severity"])
    return feats
